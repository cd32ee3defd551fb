// The header's sync light: one short word or two, never an alarm for being offline.
import { useTranslation } from "react-i18next";
import type { SyncState } from "../bindings/SyncState";
import type { SyncStatus } from "../bindings/SyncStatus";
import { formatClock, formatDateTime } from "../time";
import { useLang } from "../i18n";
import type { Lang } from "../i18n/lang";
import { useNav } from "../navigation";
import { useSyncStatus } from "../queries";
import { useSyncProblemText } from "../screens/sync/syncErrors";

type Shown = { state: SyncState; label: string; title: string };

function useShown(status: SyncStatus | undefined, failure: Error | null, lang: Lang): Shown | null {
  const { t } = useTranslation();
  const problemText = useSyncProblemText();
  if (failure) {
    // The status itself could not be read: say so, quietly, with the reason on hover.
    return { state: "error", label: t("sync.indicator.error"), title: failure.message };
  }
  if (!status) return null;
  const count = status.pending_changes;
  switch (status.state) {
    case "off":
      return { state: "off", label: t("sync.indicator.off"), title: t("sync.state.off") };
    case "synced": {
      const at = status.last_sync_at;
      return {
        state: "synced",
        label: at ? t("sync.indicator.syncedAt", { time: formatClock(at, lang) }) : t("sync.indicator.synced"),
        title: at ? `${t("sync.lastSync")}: ${formatDateTime(at, lang)}` : t("sync.state.synced"),
      };
    }
    case "pending":
      return { state: "pending", label: t("sync.indicator.pending", { count }), title: t("sync.state.pending", { count }) };
    case "unreachable":
      return { state: "unreachable", label: t("sync.indicator.unreachable"), title: t("sync.state.unreachable") };
    case "error":
      return { state: "error", label: t("sync.indicator.error"), title: problemText(status.code, status.message) ?? t("sync.state.error") };
  }
}

/** Click to open Settings › Sync. Refreshed by the poll and the core's sync-changed event. */
export function SyncIndicator() {
  const lang = useLang();
  const nav = useNav();
  const status = useSyncStatus();
  const shown = useShown(status.data, status.data ? null : status.error, lang);
  if (!shown) return null;
  return (
    <button
      type="button"
      className={`sync-indicator sync-${shown.state}`}
      title={shown.title}
      onClick={() => {
        if (nav.route.name !== "sync") nav.go({ name: "sync" });
      }}
      data-testid="sync-indicator"
      data-state={shown.state}
    >
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-label">{shown.label}</span>
    </button>
  );
}
