import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, Loading } from "../../../components/QueryState";
import { formatDate } from "../../../time";
import { useLang } from "../../../i18n";
import { useNav } from "../../../navigation";
import { useConditions } from "../../../queries";
import { ConditionView } from "./ConditionView";
import { useLabels } from "./labels";

/** The vehicle page's condition section: the current report (or an older one), edit, new, print. */
export function ConditionCard({ vehicleId }: { vehicleId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const nav = useNav();
  const titleId = useId();
  const reports = useConditions(vehicleId);
  const labels = useLabels();
  const [shownId, setShownId] = useState<string | null>(null);
  const list = reports.data ?? [];
  const report = list.find((r) => r.id === shownId) ?? list[0] ?? null;

  return (
    <section className="card condition" aria-labelledby={titleId} data-testid="condition-card">
      <div className="card-head">
        <h2 id={titleId}>{t("condition.title")}</h2>
        <div className="gallery-buttons">
          {list.length > 1 && report && (
            <label className="inline-label">
              <span>{t("condition.history")}</span>
              <select value={report.id} onChange={(e) => setShownId(e.target.value)} data-testid="condition-history">
                {list.map((r, i) => (
                  <option key={r.id} value={r.id}>
                    {t("condition.historyItem", { date: formatDate(r.input.inspected_on, lang), inspector: r.input.inspector })}
                    {i === 0 ? ` ${t("condition.current")}` : ""}
                  </option>
                ))}
              </select>
            </label>
          )}
          {report && (
            <>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => nav.go({ name: "condition-print", vehicleId, reportId: report.id })}
                data-testid="condition-print"
              >
                {t("condition.print")}
              </button>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => nav.go({ name: "condition-edit", vehicleId, reportId: report.id })}
                data-testid="condition-edit"
              >
                {t("condition.edit")}
              </button>
            </>
          )}
          <button
            type="button"
            className="btn btn-primary btn-small"
            onClick={() => nav.go({ name: "condition-edit", vehicleId, reportId: null })}
            data-testid="condition-new"
          >
            {t("condition.new")}
          </button>
        </div>
      </div>
      {reports.isPending || (report && !labels) ? (
        <Loading />
      ) : reports.isError ? (
        <ErrorState error={reports.error} onRetry={() => void reports.refetch()} />
      ) : report && labels ? (
        <ConditionView key={report.id} report={report} labels={labels} />
      ) : (
        <EmptyState title={t("condition.emptyTitle")} body={t("condition.emptyBody")} testId="condition-empty" />
      )}
    </section>
  );
}
