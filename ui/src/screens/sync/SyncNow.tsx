import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, toApiError } from "../../api";
import { invalidateSync } from "../../queries";
import { useSyncErrorText } from "./syncErrors";
import { SyncReportView } from "./SyncReportView";

/**
 * One pass on demand, then what it did in plain words. The core's
 * sync-changed event after the pass refreshes the data on screen.
 */
export function SyncNow({ canSync }: { canSync: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const run = useMutation({
    mutationFn: () => api.syncNow(),
    onSettled: () => invalidateSync(qc),
  });
  return (
    <div className="sync-now">
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => run.mutate()}
          disabled={!canSync || run.isPending}
          aria-busy={run.isPending}
          data-testid="sync-now"
        >
          {run.isPending && <span className="spinner" aria-hidden="true" />}
          {run.isPending ? t("sync.syncing") : t("sync.syncNow")}
        </button>
        {!canSync && <span className="muted small">{t("sync.needFolder")}</span>}
      </div>
      {run.isSuccess &&
        (run.data ? (
          <SyncReportView report={run.data} />
        ) : (
          <p className="banner banner-note" role="status" data-testid="sync-report">
            {t("sync.notRun")}
          </p>
        ))}
      {run.isError && <SyncNowError error={run.error} />}
    </div>
  );
}

/** Offline is normal: a calm note, not an alarm. Anything else is a real problem. */
function SyncNowError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const errorText = useSyncErrorText();
  const err = toApiError(error);
  const text = errorText(err);
  if (err.code === "unreachable") {
    return (
      <p className="banner banner-calm" role="status" data-testid="sync-now-error" data-error-code={err.code}>
        {text}
      </p>
    );
  }
  return (
    <div className="banner banner-error" role="alert" data-testid="sync-now-error" data-error-code={err.code}>
      <p>{t("sync.errors.failed")}</p>
      <p className="sync-error-text">{text}</p>
      {text !== err.message && <p className="state-detail">{err.message}</p>}
    </div>
  );
}
