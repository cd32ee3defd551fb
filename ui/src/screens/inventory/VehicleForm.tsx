import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, ApiError, toApiError } from "../../api";
import type { Fuel } from "../../bindings/Fuel";
import type { Lot } from "../../bindings/Lot";
import type { Transmission } from "../../bindings/Transmission";
import type { Vehicle } from "../../bindings/Vehicle";
import type { VehicleStatus } from "../../bindings/VehicleStatus";
import { Field } from "../../components/Field";
import { PriceInput } from "../../components/PriceInput";
import { fieldError, useErrorText } from "../../errors";
import { priceUnit } from "../../format";
import { useLang } from "../../i18n";
import { invalidateVehicles, keys } from "../../queries";
import { draftToInput, type VehicleDraft } from "./vehicleDraft";

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
  const errorText = useErrorText();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Record<string, ApiError>>({});
  const [formError, setFormError] = useState<ApiError | null>(null);

  const save = useMutation({
    mutationFn: api.saveVehicle,
    onSuccess: (saved) => {
      qc.setQueryData(keys.vehicle(saved.id), saved);
      void invalidateVehicles(qc);
      onSaved(saved);
    },
    onError: (e) => {
      const err = toApiError(e);
      if (err.field && FIELDS.has(err.field)) setErrors({ [err.field]: err });
      else setFormError(err);
    },
  });

  // Put the cursor where the problem is, so a keyboard user can fix it at once.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [errors]);

  const set = <K extends keyof VehicleDraft>(key: K, value: VehicleDraft[K], field: string = key) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (errors[field]) {
      setErrors((errs) => {
        const rest = { ...errs };
        delete rest[field];
        return rest;
      });
    }
  };
  const err = (field: string) => (errors[field] ? errorText(errors[field]) : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (save.isPending) return;
    setFormError(null);
    const check = draftToInput(draft, id);
    if (!check.ok) {
      setErrors(Object.fromEntries(Object.entries(check.errors).map(([f, code]) => [f, fieldError(f, code)])));
      return;
    }
    setErrors({});
    save.mutate(check.input);
  };

  const text = (
    name: keyof VehicleDraft & string,
    label: string,
    opts: { hint?: string; placeholder?: string; numeric?: boolean; autoFocus?: boolean } = {},
  ) => (
    <Field name={name} label={label} error={err(name)} hint={opts.hint}>
      {(c) => (
        <input
          {...c}
          type="text"
          inputMode={opts.numeric ? "numeric" : undefined}
          autoComplete="off"
          autoFocus={opts.autoFocus}
          placeholder={opts.placeholder}
          value={draft[name] as string}
          onChange={(e) => set(name, e.target.value)}
          data-testid={`field-${name}`}
        />
      )}
    </Field>
  );

  const unit = priceUnit(lang);
  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate data-testid="vehicle-form">
      {formError && (
        <p className="banner banner-error" role="alert" data-testid="form-error">
          {errorText(formError)}
        </p>
      )}
      <fieldset>
        <legend>{t("vehicle.sectionCar")}</legend>
        <div className="grid">
          {text("make", t("vehicle.make"), { autoFocus: true })}
          {text("model", t("vehicle.model"))}
          {text("trim", t("vehicle.trim"))}
          {text("year", t("vehicle.year"), { numeric: true })}
          {text("first_registration", t("vehicle.first_registration"), { hint: t("hint.date"), placeholder: "YYYY-MM-DD" })}
          {text("color", t("vehicle.color"))}
          <Field name="fuel" label={t("vehicle.fuel")} error={err("fuel")}>
            {(c) => (
              <select {...c} value={draft.fuel} onChange={(e) => set("fuel", e.target.value as Fuel)} data-testid="field-fuel">
                {FUELS.map((f) => (
                  <option key={f} value={f}>
                    {t(`fuel.${f}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="transmission" label={t("vehicle.transmission")} error={err("transmission")}>
            {(c) => (
              <select
                {...c}
                value={draft.transmission}
                onChange={(e) => set("transmission", e.target.value as Transmission)}
                data-testid="field-transmission"
              >
                {TRANSMISSIONS.map((x) => (
                  <option key={x} value={x}>
                    {t(`transmission.${x}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("vehicle.sectionRegistration")}</legend>
        <div className="grid">
          {text("plate", t("vehicle.plate"))}
          {text("vin", t("vehicle.vin"), { hint: t("hint.vin") })}
          <Field name="odometer_km" label={t("vehicle.odometer_km")} error={err("odometer_km")}>
            {(c) => (
              <div className="input-unit">
                <input
                  {...c}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  value={draft.odometer_km}
                  onChange={(e) => set("odometer_km", e.target.value)}
                  data-testid="field-odometer_km"
                />
                <span className="unit" aria-hidden="true">
                  {t("units.km")}
                </span>
              </div>
            )}
          </Field>
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
          <Field name="status" label={t("vehicle.status")} error={err("status")}>
            {(c) => (
              <select
                {...c}
                value={draft.status}
                onChange={(e) => set("status", e.target.value as VehicleStatus)}
                data-testid="field-status"
              >
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`status.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text("stock_date", t("vehicle.stock_date"), { hint: t("hint.date"), placeholder: "YYYY-MM-DD" })}
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

      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="vehicle-save">
          {save.isPending ? t("common.saving") : t("common.save")}
        </button>
        <button type="button" className="btn" onClick={onCancel} data-testid="vehicle-cancel">
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
