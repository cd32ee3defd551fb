// Settings › Sync: the state, "sync now", the shared folder, the other computers, the log.
import { useTranslation } from "react-i18next";
import { ErrorState, Loading } from "../../components/QueryState";
import { useNav } from "../../navigation";
import { useSyncSettings } from "../../queries";
import { SyncDevices } from "./SyncDevices";
import { SyncForm } from "./SyncForm";
import { SyncLog } from "./SyncLog";
import { SyncProblems } from "./SyncProblems";
import { ClockProblems } from "./ClockProblems";
import { SyncStatusCard } from "./SyncStatusCard";

export function SyncScreen() {
  const { t } = useTranslation();
  const nav = useNav();
  const settings = useSyncSettings();
  return (
    <div className="screen screen-narrow" data-testid="sync-screen">
      <div className="screen-head">
        <button type="button" className="btn btn-back" onClick={nav.back} data-testid="back">
          ← {t("common.back")}
        </button>
        <h1>{t("sync.title")}</h1>
      </div>
      <p className="muted">{t("sync.hint")}</p>
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <>
          <SyncStatusCard saved={settings.data.status} canSync={settings.data.folder !== null} />
          <SyncProblems groups={settings.data.status.set_aside} />
          <ClockProblems status={settings.data.status} />
          <SyncForm stored={settings.data} />
          <SyncDevices devices={settings.data.devices} />
          <SyncLog log={settings.data.log} />
        </>
      )}
    </div>
  );
}
