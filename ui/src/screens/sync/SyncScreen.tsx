// Settings › Sync: the state, "sync now", the shared folder, the other computers, the log.
import { useTranslation } from "react-i18next";
import { ErrorState, Loading } from "../../components/QueryState";
import { useSyncSettings } from "../../queries";
import { SyncDevices } from "./SyncDevices";
import { SyncForm } from "./SyncForm";
import { SyncLog } from "./SyncLog";
import { SyncProblems } from "./SyncProblems";
import { ClockProblems } from "./ClockProblems";
import { SyncStatusCard } from "./SyncStatusCard";
import { ScreenHeader } from "../../components/ScreenHeader";

export function SyncScreen() {
  const { t } = useTranslation();
  const settings = useSyncSettings();
  return (
    <div className="screen screen-narrow" data-testid="sync-screen">
      <ScreenHeader
        back={t("common.back")}
        title={t("sync.title")}
      />
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
