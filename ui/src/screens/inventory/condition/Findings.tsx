// What a report says beyond its marks: the basics in words, and the items
// that need attention (shown on the vehicle page and in print).
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { ConditionInput } from "../../../bindings/ConditionInput";
import { formatMileage } from "../../../format";
import type { Labels } from "./labels";

/** Below this tread (mm) a tyre is worth mentioning; the legal minimum is 1.6. */
const TYRE_WORN_MM = 3;

// `TFunction`, not `ReturnType<typeof useTranslation>["t"]`: that type spans every namespace
// and costs TypeScript millions of instantiations (TS2589 once the catalogue grew).
export function basicsRows(input: ConditionInput, t: TFunction): [string, string][] {
  const yesNo = (b: boolean) => (b ? t("condition.yes") : t("condition.no"));
  return [
    [t("condition.odometer_km"), formatMileage(input.odometer_km)],
    [t("condition.odometer_state"), t(`condition.odometerState.${input.odometer_state}`)],
    [t("condition.vin_check"), t(`condition.vinCheck.${input.vin_check}`)],
    [t("condition.tuning"), t(`condition.tuningValue.${input.tuning}`)],
    [t("condition.floodField"), t(`condition.floodValue.${input.flood}`)],
    [t("condition.fire"), yesNo(input.fire)],
    [t("condition.use_history"), t(`condition.useHistory.${input.use_history}`)],
    [t("condition.color_changed"), yesNo(input.color_changed)],
    [t("condition.recall"), t(`condition.recallValue.${input.recall}`)],
  ];
}

export function Basics({ input }: { input: ConditionInput }) {
  const { t } = useTranslation();
  return (
    <dl className="facts facts-compact" data-testid="condition-basics">
      {basicsRows(input, t).map(([label, value]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Items not in their best state, and worn tyres: "엔진 실린더 헤드 오일 누유: 미세누유". */
export function attention(input: ConditionInput, labels: Labels): string[] {
  const lines: string[] = [];
  for (const it of input.items) {
    if (it.key.startsWith("tyre.")) {
      const mm = Number(it.value);
      if (Number.isFinite(mm) && mm < TYRE_WORN_MM) lines.push(`${labels.part(it.key)}: ${mm} mm`);
      continue;
    }
    const info = labels.catalog.items.find((i) => i.key === it.key);
    if (!info || it.value === labels.codes(info.states)[0]) continue;
    lines.push(`${labels.section(info.section)} · ${labels.part(it.key)}: ${labels.state(it.key, it.value)}`);
  }
  return lines;
}

export function Attention({ input, labels }: { input: ConditionInput; labels: Labels }) {
  const { t } = useTranslation();
  const lines = attention(input, labels);
  return (
    <div className="condition-attention" data-testid="condition-attention">
      <h3>{t("condition.attention")}</h3>
      {lines.length === 0 ? (
        <p className="muted">{t("condition.allFine")}</p>
      ) : (
        <ul>
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
