// The notice a new campaign starts from, per language. These are templates the
// core fills for each owner ({{ customer }}, {{ car }}, {{ vin }}, {{ code }},
// {{ team }}, {{ dealer }}), so they live here and not in the i18n catalogues,
// whose own {{ }} interpolation would eat the placeholders.
import type { Lang } from "../../bindings/Lang";

// A recall's campaign also fills {{ deadline }}, {{ recall }} (its title) and {{ remedy }}.
export const CAMPAIGN_VARIABLES = ["customer", "car", "vin", "code", "deadline", "recall", "remedy", "team", "dealer"] as const;

type Template = { subject: string; body: string };

const KO: Template = {
  subject: "[리콜·무상수리 안내] {{ car }}",
  body: `{{ customer }} 님, 안녕하세요. {{ team }} {{ dealer }}입니다.

저희에게서 구매하신 차량이 제조사의 리콜·무상수리 대상에 해당되어 먼저 연락드립니다.

- 차량: {{ car }}
- 차대번호: {{ vin }}
- 캠페인 번호: {{ code }}

가까운 제조사 서비스센터에 차대번호를 알려 주시고 점검·수리를 받으시면 됩니다. 비용은 들지 않습니다.
예약이 번거로우시거나 궁금한 점이 있으시면 편하게 연락 주세요. 제가 도와드리겠습니다.

늘 안전 운전하세요.
{{ dealer }} 드림`,
};

const EN: Template = {
  subject: "Recall / service campaign notice: {{ car }}",
  body: `Dear {{ customer }},

This is {{ dealer }} at {{ team }}. The car you bought from us is covered by a manufacturer's recall or service campaign, so we wanted you to hear it from us first.

- Car: {{ car }}
- VIN: {{ vin }}
- Campaign: {{ code }}

Please give the VIN to an authorised service centre and have the car checked and repaired; it is free of charge.
If you would like help with the booking or have any question, just call me.

Safe driving,
{{ dealer }}`,
};

export function campaignTemplate(lang: Lang): Template {
  return lang === "ko" ? KO : EN;
}
