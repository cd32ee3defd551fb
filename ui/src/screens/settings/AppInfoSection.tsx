import { useTranslation } from "react-i18next";
import { ErrorState, Loading } from "../../components/QueryState";
import { formatDateTime } from "../../time";
import { useLang } from "../../i18n";
import { useAppInfo } from "../../queries";

export function AppInfoSection() {
  const { t } = useTranslation();
  const lang = useLang();
  const info = useAppInfo();
  return (
    <section className="card" data-testid="app-info">
      <h2>{t("settings.appInfo")}</h2>
      {info.isPending ? (
        <Loading />
      ) : info.isError ? (
        <ErrorState error={info.error} onRetry={() => void info.refetch()} />
      ) : (
        <dl className="facts facts-narrow">
          <div className="fact">
            <dt>{t("settings.version")}</dt>
            <dd data-testid="app-version">{info.data.version}</dd>
          </div>
          <div className="fact">
            <dt>{t("settings.dataDir")}</dt>
            <dd className="mono" data-testid="app-data-dir">
              {info.data.data_dir}
            </dd>
          </div>
          <div className="fact">
            <dt>{t("settings.deviceId")}</dt>
            <dd className="mono" data-testid="app-device-id">
              {info.data.device_id}
            </dd>
          </div>
          <div className="fact">
            <dt>{t("settings.schemaVersion")}</dt>
            <dd>{info.data.schema_version}</dd>
          </div>
          <div className="fact">
            <dt>{t("settings.lastBackup")}</dt>
            <dd data-testid="app-last-backup">
              {info.data.last_backup ? formatDateTime(info.data.last_backup, lang) : t("settings.noBackup")}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
