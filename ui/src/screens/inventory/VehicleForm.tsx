import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { Fuel } from "../../bindings/Fuel";
import type { Lot } from "../../bindings/Lot";
import type { Transmission } from "../../bindings/Transmission";
import type { Vehicle } from "../../bindings/Vehicle";
import type { VehicleStatus } from "../../bindings/VehicleStatus";
import { Field, SelectField, TextField } from "../../components/Field";
import { PriceInput } from "../../components/PriceInput";
import { FormActions, FormError } from "../../forms/FormParts";
import { useDraftForm } from "../../forms/useDraftForm";
import { priceUnit } from "../../format";
import { useLang } from "../../i18n";
import { invalidateVehicles, keys } from "../../queries";
import { draftToInput, type VehicleDraft } from "./vehicleDraft";
import { DateField } from "../../components/DatePicker";

const FUELS: Fuel[] = ["gasoline", "diesel", "lpg", "hybrid", "electric", "other"];
const TRANSMISSIONS: Transmission[] = ["auto", "manual", "semi_auto", "cvt", "other"];
const STATUSES: VehicleStatus[] = ["in_stock", "reserved", "sold", "withdrawn"];
/** The core's field names this form can point at; any other field error shows above the form. */
const FIELDS = new Set<string>([
  "make", "model", "trim", "year", "first_registration", "plate", "vin", "odometer_km",
  "fuel", "transmission", "color", "price_krw", "lot_id", "status", "stock_date", "notes", "tags",
]);

type Props = {
  /** null creates a new vehicle. */
  id: string | null;
  initial: VehicleDraft;
  lots: Lot[];
  onSaved: (v: Vehicle) => void;
  onCancel: () => void;
  onOpenSettings?: () => void;
};

export function VehicleForm({ id, initial, lots, onSaved, onCancel, onOpenSettings }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const { formRef, draft, set, err, submit, saving, formError } = useDraftForm({
    initial,
    fields: FIELDS,
    fieldOf: (key: keyof VehicleDraft) => key,
    check: (d: VehicleDraft) => draftToInput(d, id),
    save: api.saveVehicle,
    onSaved: (saved: Vehicle) => {
      qc.setQueryData(keys.vehicle(saved.id), saved);
      void invalidateVehicles(qc);
      onSaved(saved);
    },
  });

  const text = (
    name: keyof VehicleDraft & string,
    label: string,
    opts: { hint?: string; placeholder?: string; numeric?: boolean; autoFocus?: boolean; unit?: string } = {},
  ) => <TextField name={name} label={label} error={err(name)} value={draft[name] as string} onChange={(v) => set(name, v)} {...opts} />;
  const date = (name: "first_registration" | "stock_date", label: string) => (
    <DateField name={name} label={label} error={err(name)} value={draft[name]} onChange={(v) => set(name, v)} />
  );
  const options = <V extends string>(values: readonly V[], labelOf: (v: V) => string) => values.map((value) => ({ value, label: labelOf(value) }));

  const unit = priceUnit(lang);
  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate data-testid="vehicle-form">
      <FormError message={formError} />
      <fieldset>
        <legend>{t("vehicle.sectionCar")}</legend>
        <div className="grid">
          {text("make", t("vehicle.make"), { autoFocus: true })}
          {text("model", t("vehicle.model"))}
          {text("trim", t("vehicle.trim"))}
          {text("year", t("vehicle.year"), { numeric: true })}
          {date("first_registration", t("vehicle.first_registration"))}
          {text("color", t("vehicle.color"))}
          <SelectField name="fuel" label={t("vehicle.fuel")} error={err("fuel")} value={draft.fuel} options={options(FUELS, (f) => t(`fuel.${f}`))} onChange={(v) => set("fuel", v)} />
          <SelectField
            name="transmission"
            label={t("vehicle.transmission")}
            error={err("transmission")}
            value={draft.transmission}
            options={options(TRANSMISSIONS, (x) => t(`transmission.${x}`))}
            onChange={(v) => set("transmission", v)}
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("vehicle.sectionRegistration")}</legend>
        <div className="grid">
          {text("plate", t("vehicle.plate"))}
          {text("vin", t("vehicle.vin"), { hint: t("hint.vin") })}
          {text("odometer_km", t("vehicle.odometer_km"), { numeric: true, unit: t("units.km") })}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("vehicle.sectionSale")}</legend>
        <div className="grid">
          <Field
            name="price_krw"
            label={t("vehicle.price")}
            error={err("price_krw")}
            hint={t(unit === "manwon" ? "hint.priceManwon" : "hint.priceWon")}
          >
            {(c) => (
              <PriceInput
                {...c}
                unit={unit}
                value={draft.price_krw}
                onChange={(v) => set("price_krw", v)}
                testId="field-price"
              />
            )}
          </Field>
          <Field name="lot_id" label={t("vehicle.lot")} error={err("lot_id")}>
            {(c) => (
              <select {...c} value={draft.lot_id} onChange={(e) => set("lot_id", e.target.value)} data-testid="field-lot_id">
                {!lots.some((l) => l.id === draft.lot_id) && <option value={draft.lot_id}>{t("vehicleForm.chooseLot")}</option>}
                {lots.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <SelectField name="status" label={t("vehicle.status")} error={err("status")} value={draft.status} options={options(STATUSES, (x) => t(`status.${x}`))} onChange={(v) => set("status", v)} />
          {date("stock_date", t("vehicle.stock_date"))}
        </div>
        {lots.length === 0 && (
          <p className="banner banner-note" data-testid="no-lots">
            {t("vehicleForm.noLots")}{" "}
            {onOpenSettings && (
              <button type="button" className="btn btn-link" onClick={onOpenSettings}>
                {t("vehicleForm.goToSettings")}
              </button>
            )}
          </p>
        )}
      </fieldset>

      <fieldset>
        <legend>{t("vehicle.sectionNotes")}</legend>
        <div className="grid">
          <Field name="tags" label={t("vehicle.tags")} error={err("tags")} hint={t("hint.tags")} wide>
            {(c) => (
              <input
                {...c}
                type="text"
                autoComplete="off"
                value={draft.tags}
                onChange={(e) => set("tags", e.target.value)}
                data-testid="field-tags"
              />
            )}
          </Field>
          <Field name="notes" label={t("vehicle.notes")} error={err("notes")} wide>
            {(c) => (
              <textarea {...c} rows={4} value={draft.notes} onChange={(e) => set("notes", e.target.value)} data-testid="field-notes" />
            )}
          </Field>
        </div>
      </fieldset>

      <FormActions saving={saving} onCancel={onCancel} testIdPrefix="vehicle" />
    </form>
  );
}
