import { useTranslation } from "react-i18next";
import type { Vehicle } from "../../bindings/Vehicle";
import { StatusBadge } from "../../components/StatusBadge";
import { formatMileage, formatPrice } from "../../format";
import { useLang } from "../../i18n";
import { useNav } from "../../navigation";
import { CoverThumb } from "./gallery/CoverThumb";
import { RecallBadge } from "../recalls/RecallBadge";
import { vehicleName } from "./vehicleText";

export function VehicleTable({ vehicles, busy }: { vehicles: Vehicle[]; busy: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const nav = useNav();
  const open = (v: Vehicle) => nav.go({ name: "vehicle", id: v.id });
  return (
    <table className={`table table-click vehicle-table${busy ? " table-busy" : ""}`} aria-busy={busy} data-testid="vehicle-table">
      {/* Fixed column widths: the columns stay put between the full list and search results (issue 15). */}
      <colgroup>
        <col className="col-cover" />
        <col />
        <col className="col-year" />
        <col className="col-plate" />
        <col className="col-km" />
        <col className="col-fuel" />
        <col className="col-price" />
        <col className="col-lot" />
        <col className="col-status" />
      </colgroup>
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
            <td className="cell-strong" title={vehicleName(v)}>
              {vehicleName(v)}
            </td>
            <td>{v.year}</td>
            <td title={v.plate}>{v.plate}</td>
            <td className="num">{formatMileage(v.odometer_km)}</td>
            <td>{t(`fuel.${v.fuel}`)}</td>
            <td className="num price">{formatPrice(v.price_krw, lang)}</td>
            <td title={v.lot_name}>{v.lot_name}</td>
            <td>
              <StatusBadge status={v.status} />
              <RecallBadge vehicleId={v.id} status={v.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
