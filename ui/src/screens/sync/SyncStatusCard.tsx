import { useTranslation } from "react-i18next";
import type { SyncStatus } from "../../bindings/SyncStatus";
import { formatDateTime } from "../../time";
import { useLang } from "../../i18n";
import { useSyncStatus } from "../../queries";
import { SyncNow } from "./SyncNow";
import { useSyncProblemText } from "./syncErrors";

/** Where sync stands (live, as in the header), and the button to sync now. */
export function SyncStatusCard({ saved, canSync }: { saved: SyncStatus; canSync: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const live = useSyncStatus();
  const s = live.data ?? saved;
  const count = s.pending_changes;
  const problem = useSyncProblemText()(s.code, s.message);
  return (
    <section className={`card sync-status sync-status-${s.state} sync-${s.state}`} data-testid="sync-status" data-state={s.state}>
      <h2>{t("sync.status")}</h2>
      <p className="sync-status-line" data-testid="sync-status-line">
        <span className="sync-dot" aria-hidden="true" /> {t(`sync.state.${s.state}`, { count })}
      </p>
      <dl className="facts facts-narrow">
        <div className="fact">
          <dt>{t("sync.folder")}</dt>
          <dd className={s.folder ? "mono" : undefined} data-testid="sync-status-folder">
            {s.folder ?? t("sync.noFolder")}
          </dd>
        </div>
        <div className="fact">
          <dt>{t("sync.lastSync")}</dt>
          <dd data-testid="sync-status-last">{s.last_sync_at ? formatDateTime(s.last_sync_at, lang) : t("sync.never")}</dd>
        </div>
        <div className="fact">
          <dt>{t("sync.pendingChanges")}</dt>
          <dd>{t("sync.countChanges", { count })}</dd>
        </div>
        {s.waiting_rows > 0 && (
          <div className="fact">
            <dt>{t("sync.waitingRows")}</dt>
            <dd>{t("sync.countItems", { count: s.waiting_rows })}</dd>
          </div>
        )}
        {s.missing_photos > 0 && (
          <div className="fact">
            <dt>{t("sync.missingPhotos")}</dt>
            <dd>{t("sync.countPhotos", { count: s.missing_photos })}</dd>
          </div>
        )}
        {problem && (
          <div className="fact">
            <dt>{t("sync.problem")}</dt>
            <dd className="sync-problem" data-testid="sync-status-message">
              {problem}
            </dd>
          </div>
        )}
      </dl>
      <SyncNow canSync={canSync} />
    </section>
  );
}
