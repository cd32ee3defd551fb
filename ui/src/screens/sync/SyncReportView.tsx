import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { SyncReport } from "../../bindings/SyncReport";

/** "변경 12건 보냄 · 3건 받음 · 사진 2장 받음": only what happened. */
export function reportSummary(r: SyncReport, t: TFunction): string {
  const parts: string[] = [];
  if (r.changes_sent > 0) parts.push(t("sync.report.sent", { count: r.changes_sent }));
  if (r.changes_applied > 0) parts.push(t("sync.report.received", { count: r.changes_applied }));
  if (r.blobs_sent > 0) parts.push(t("sync.report.photosSent", { count: r.blobs_sent }));
  if (r.blobs_fetched > 0) parts.push(t("sync.report.photosReceived", { count: r.blobs_fetched }));
  return parts.length ? parts.join(" · ") : t("sync.report.nothing");
}

/** What one pass did, what it left for next time, and the files it skipped. */
export function SyncReportView({ report }: { report: SyncReport }) {
  const { t } = useTranslation();
  const later = [
    report.blobs_missing > 0 ? t("sync.report.photosMissing", { count: report.blobs_missing }) : null,
    report.rows_waiting > 0 ? t("sync.report.waiting", { count: report.rows_waiting }) : null,
  ].filter((s): s is string => s !== null);
  return (
    <div className="banner banner-note sync-report" role="status" data-testid="sync-report">
      <p className="sync-report-done">{t("sync.done")}</p>
      <p data-testid="sync-report-summary">{reportSummary(report, t)}</p>
      {later.map((line) => (
        <p key={line} className="muted small">
          {line}
        </p>
      ))}
      {report.notices.length > 0 && (
        <div className="sync-report-part">
          <p className="sync-report-title">{t("sync.notices")}</p>
          <ul data-testid="sync-notices">
            {report.notices.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </div>
      )}
      {report.skipped.length > 0 && (
        <div className="sync-report-part">
          <p className="sync-report-title">{t("sync.skipped")}</p>
          <ul data-testid="sync-skipped">
            {report.skipped.map((s) => (
              <li key={s.file} data-testid="sync-skipped-file">
                <span className="mono">{s.file}</span> <span className="muted">— {t(`sync.skipReason.${s.code}`, { defaultValue: s.reason })}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
