import { useTranslation } from "react-i18next";
import type { Disclosure } from "../../../bindings/Disclosure";
import { useLang } from "../../../i18n";
import { historyText, isItem, tone } from "./disclosures";

type Verdict = { summary_ko: string; summary_en: string; accident: boolean; disclosures: Disclosure[] };

/**
 * The one-line verdict: an accident / no-accident badge, a badge for every
 * finding of the report's history (rental, flood, fire, tuning, odometer, VIN,
 * recall, colour) and the count of items to check, never hidden.
 */
export function Summary({ report }: { report: Verdict }) {
  const { t } = useTranslation();
  const lang = useLang();
  const history = report.disclosures.filter((d) => !isItem(d));
  const items = report.disclosures.length - history.length;
  return (
    <p className="condition-summary" data-testid="condition-summary" data-accident={report.accident ? "true" : "false"}>
      <span className={`badge ${report.accident ? "badge-danger" : "badge-ok"}`}>
        {report.accident ? t("condition.accident") : t("condition.noAccident")}
      </span>
      {history.map((d) => (
        <span key={d.code} className={`badge badge-${tone(d)}`} data-testid={`disclosure-${d.code}`}>
          {historyText(d, t)}
        </span>
      ))}
      {items > 0 && (
        <span className="badge badge-warn" data-testid="disclosure-attention">
          {t("condition.disclosure.attention", { count: items })}
        </span>
      )}
      <span className="condition-summary-text">{lang === "ko" ? report.summary_ko : report.summary_en}</span>
    </p>
  );
}
