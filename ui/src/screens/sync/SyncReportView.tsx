import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { SyncReport } from "../../bindings/SyncReport";
import { noticeText } from "./noticeText";

/** What a pass exchanged, as counts (a report, or a line of the sync log). */
export type PassCounts = {
  sent: number;
  received: number;
  photosSent: number;
  photosReceived: number;
};

/** "변경 12건 보냄 · 3건 받음 · 사진 2장 받음": only what happened. */
export function passSummary(c: PassCounts, t: TFunction): string {
  const parts: string[] = [];
  if (c.sent > 0) parts.push(t("sync.report.sent", { count: c.sent }));
  if (c.received > 0) parts.push(t("sync.report.received", { count: c.received }));
  if (c.photosSent > 0) parts.push(t("sync.report.photosSent", { count: c.photosSent }));
  if (c.photosReceived > 0) parts.push(t("sync.report.photosReceived", { count: c.photosReceived }));
  return parts.length ? parts.join(" · ") : t("sync.report.nothing");
}

export function reportSummary(r: SyncReport, t: TFunction): string {
  return passSummary(
    { sent: r.changes_sent, received: r.changes_applied, photosSent: r.blobs_sent, photosReceived: r.blobs_fetched },
    t,
  );
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
              <li key={i}>{noticeText(n, t)}</li>
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
