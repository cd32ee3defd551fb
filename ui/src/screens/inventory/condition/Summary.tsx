import { useTranslation } from "react-i18next";
import { useLang } from "../../../i18n";

type Verdict = { summary_ko: string; summary_en: string; accident: boolean };

/** The one-line verdict with an accident / no-accident badge, never hidden. */
export function Summary({ report, flood }: { report: Verdict; flood?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <p className="condition-summary" data-testid="condition-summary" data-accident={report.accident ? "true" : "false"}>
      <span className={`badge ${report.accident ? "badge-danger" : "badge-ok"}`}>
        {report.accident ? t("condition.accident") : t("condition.noAccident")}
      </span>
      {flood && <span className="badge badge-danger">{t("condition.flood")}</span>}
      <span className="condition-summary-text">{lang === "ko" ? report.summary_ko : report.summary_en}</span>
    </p>
  );
}
