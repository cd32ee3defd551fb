import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { Vehicle } from "../../bindings/Vehicle";
import type { VehicleStatus } from "../../bindings/VehicleStatus";
import { ConfirmDelete } from "../../components/ConfirmDelete";
import { DetailScreen } from "../../components/DetailScreen";
import { StatusBadge } from "../../components/StatusBadge";
import { useErrorText } from "../../errors";
import { formatMileage, formatPrice } from "../../format";
import { formatDate, formatDateTime } from "../../time";
import { useLang } from "../../i18n";
import { useNav } from "../../navigation";
import { invalidateVehicles, keys, useVehicle } from "../../queries";
import { ConditionCard } from "./condition/ConditionCard";
import { SaleCard } from "./SaleCard";
import { RecallBadge } from "../recalls/RecallBadge";
import { VehicleRecalls } from "../recalls/VehicleRecalls";
import { VehicleHistory } from "./VehicleHistory";
import { WantedBy } from "./WantedBy";
import { Gallery } from "./gallery/Gallery";
import { vehicleToInput } from "./vehicleDraft";
import { joinParts, vehicleName } from "./vehicleText";

const STATUSES: VehicleStatus[] = ["in_stock", "reserved", "sold", "withdrawn"];

export function VehicleDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const vehicle = useVehicle(id);
  return (
    <DetailScreen testId="vehicle-detail" dataAttrs={{ "data-vehicle-id": id }} backLabel={t("vehicleDetail.backToList")} query={vehicle}>
      {(data) => <VehicleView vehicle={data} />}
    </DetailScreen>
  );
}

function VehicleView({ vehicle: v }: { vehicle: Vehicle }) {
  const { t } = useTranslation();
  const lang = useLang();
  const nav = useNav();
  const qc = useQueryClient();
  const errorText = useErrorText();

  const remove = useMutation({
    mutationFn: () => api.deleteVehicle(v.id),
    onSuccess: () => {
      void invalidateVehicles(qc);
      nav.back();
    },
  });
  const setStatus = useMutation({
    mutationFn: (status: VehicleStatus) => api.saveVehicle({ ...vehicleToInput(v), status }),
    onSuccess: (saved) => {
      qc.setQueryData(keys.vehicle(saved.id), saved);
      void invalidateVehicles(qc);
    },
  });
  const failure = remove.error ?? setStatus.error;

  const rows: [string, string][] = [
    [t("vehicle.make"), v.make],
    [t("vehicle.model"), v.model],
    [t("vehicle.trim"), v.trim],
    [t("vehicle.year"), String(v.year)],
    [t("vehicle.first_registration"), formatDate(v.first_registration, lang)],
    [t("vehicle.plate"), v.plate],
    [t("vehicle.vin"), v.vin],
    [t("vehicle.odometer_km"), formatMileage(v.odometer_km)],
    [t("vehicle.fuel"), t(`fuel.${v.fuel}`)],
    [t("vehicle.transmission"), t(`transmission.${v.transmission}`)],
    [t("vehicle.color"), v.color],
    [t("vehicle.lot"), v.lot_name],
    [t("vehicle.stock_date"), formatDate(v.stock_date, lang)],
  ];

  return (
    <article className="detail">
      <header className="detail-head">
        <div>
          <h1 data-testid="vehicle-title">{vehicleName(v)}</h1>
          <p className="muted" data-testid="vehicle-subtitle">
            {joinParts([t("vehicle.yearSuffix", { year: v.year }), v.plate, v.lot_name])}
          </p>
        </div>
        <div className="detail-price">
          <span className="price big" data-testid="vehicle-price">
            {formatPrice(v.price_krw, lang)}
          </span>
          <StatusBadge status={v.status} />
          <RecallBadge vehicleId={v.id} status={v.status} />
        </div>
      </header>

      <div className="toolbar">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => nav.go({ name: "vehicle-edit", id: v.id })}
          data-testid="vehicle-edit"
        >
          {t("common.edit")}
        </button>
        <label className="inline-label">
          <span>{t("vehicleDetail.changeStatus")}</span>
          <select
            value={v.status}
            disabled={setStatus.isPending}
            onChange={(e) => setStatus.mutate(e.target.value as VehicleStatus)}
            data-testid="vehicle-status-quick"
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="spacer" />
        <ConfirmDelete onConfirm={() => remove.mutate()} pending={remove.isPending} testId="vehicle-delete" />
      </div>
      {failure && (
        <p className="banner banner-error" role="alert" data-testid="vehicle-action-error">
          {errorText(failure)}
        </p>
      )}

      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label} className="fact">
            <dt>{label}</dt>
            <dd>{value || t("common.notSet")}</dd>
          </div>
        ))}
      </dl>

      <VehicleRecalls vehicleId={v.id} />

      <SaleCard vehicle={v} />

      <ConditionCard vehicleId={v.id} />

      <Gallery vehicleId={v.id} />

      <WantedBy vehicleId={v.id} />

      <section className="card">
        <h2>{t("vehicle.tags")}</h2>
        {v.tags.length ? (
          <ul className="tags" data-testid="vehicle-tags">
            {v.tags.map((tag) => (
              <li key={tag} className="tag">
                {tag}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("vehicleDetail.noTags")}</p>
        )}
        <h2>{t("vehicle.notes")}</h2>
        <p className="notes" data-testid="vehicle-notes">
          {v.notes || <span className="muted">{t("vehicleDetail.noNotes")}</span>}
        </p>
      </section>

      <VehicleHistory vehicleId={v.id} />

      <p className="muted small">
        {t("common.createdAt")} {formatDateTime(v.created_at, lang)} · {t("common.updatedAt")}{" "}
        {formatDateTime(v.updated_at, lang)}
      </p>
    </article>
  );
}
