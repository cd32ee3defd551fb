import { useTranslation } from "react-i18next";
import type { DeviceSeen } from "../../bindings/DeviceSeen";
import { formatDateTime } from "../../time";
import { useLang } from "../../i18n";

/** The team's other computers this one has received from. */
export function SyncDevices({ devices }: { devices: DeviceSeen[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section className="card" data-testid="sync-devices">
      <h2>{t("sync.devices")}</h2>
      {devices.length === 0 ? (
        <p className="muted" data-testid="sync-devices-empty">
          {t("sync.devicesEmpty")}
        </p>
      ) : (
        <table className="table sync-devices-table">
          <thead>
            <tr>
              <th>{t("sync.columnDevice")}</th>
              <th>{t("sync.columnUser")}</th>
              <th className="num">{t("sync.columnNumber")}</th>
              <th>{t("sync.columnSeen")}</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.device_id} data-testid="sync-device-row" data-device-id={d.device_id}>
                <td className="cell-strong">{d.name || t("sync.unnamed", { id: d.device_id.slice(0, 8) })}</td>
                <td>{d.user_name || t("common.notSet")}</td>
                <td className="num">{d.last_number}</td>
                <td className="nowrap">{d.last_seen_at ? formatDateTime(d.last_seen_at, lang) : t("sync.never")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
