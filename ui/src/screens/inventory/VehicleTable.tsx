import { useTranslation } from "react-i18next";
import type { Vehicle } from "../../bindings/Vehicle";
import { StatusBadge } from "../../components/StatusBadge";
import { formatMileage, formatPrice } from "../../format";
import { useLang } from "../../i18n";
import { useNav } from "../../navigation";
import { CoverThumb } from "./gallery/CoverThumb";
import { vehicleName } from "./vehicleText";

export function VehicleTable({ vehicles, busy }: { vehicles: Vehicle[]; busy: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const nav = useNav();
  const open = (v: Vehicle) => nav.go({ name: "vehicle", id: v.id });
  return (
    <table className={`table table-click${busy ? " table-busy" : ""}`} aria-busy={busy} data-testid="vehicle-table">
      <thead>
        <tr>
          <th scope="col" className="cover-cell">
            <span className="visually-hidden">{t("inventory.columnPhoto")}</span>
          </th>
          <th scope="col">{t("inventory.columnCar")}</th>
          <th scope="col">{t("vehicle.year")}</th>
          <th scope="col">{t("vehicle.plate")}</th>
          <th scope="col" className="num">
            {t("vehicle.odometer_km")}
          </th>
          <th scope="col">{t("vehicle.fuel")}</th>
          <th scope="col" className="num">
            {t("vehicle.price")}
          </th>
          <th scope="col">{t("vehicle.lot")}</th>
          <th scope="col">{t("vehicle.status")}</th>
        </tr>
      </thead>
      <tbody>
        {vehicles.map((v) => (
          <tr
            key={v.id}
            data-testid="vehicle-row"
            data-vehicle-id={v.id}
            tabIndex={0}
            onClick={() => open(v)}
            onKeyDown={(e) => {
              if (e.key === "Enter" || e.key === " ") {
                e.preventDefault();
                open(v);
              }
            }}
          >
            <td className="cover-cell">
              <CoverThumb hash={v.cover_hash} />
            </td>
            <td className="cell-strong">{vehicleName(v)}</td>
            <td>{v.year}</td>
            <td className="nowrap">{v.plate}</td>
            <td className="num nowrap">{formatMileage(v.odometer_km)}</td>
            <td>{t(`fuel.${v.fuel}`)}</td>
            <td className="num nowrap price">{formatPrice(v.price_krw, lang)}</td>
            <td>{v.lot_name}</td>
            <td>
              <StatusBadge status={v.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
