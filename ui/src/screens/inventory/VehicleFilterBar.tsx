import { useTranslation } from "react-i18next";
import type { VehicleStatus } from "../../bindings/VehicleStatus";
import { Field } from "../../components/Field";
import { PriceInput } from "../../components/PriceInput";
import { parseWhole, priceUnit } from "../../format";
import { useLang } from "../../i18n";
import { useLots, useModels } from "../../queries";
import { emptyVehicleFilters, hasFilters, type VehicleFilters } from "./filters";

const STATUSES: VehicleStatus[] = ["in_stock", "reserved", "sold", "withdrawn"];

type Props = { filters: VehicleFilters; onChange: (f: VehicleFilters) => void };

function isBadWhole(text: string): boolean {
  return Number.isNaN(parseWhole(text));
}

export function VehicleFilterBar({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const lots = useLots();
  const models = useModels();
  const set = <K extends keyof VehicleFilters>(k: K, v: VehicleFilters[K]) => onChange({ ...filters, [k]: v });
  const unit = priceUnit(lang);
  const modelOptions = models.data ?? [];
  // Keep a chosen model selectable even while the model list reloads.
  const modelList = filters.model && !modelOptions.includes(filters.model) ? [filters.model, ...modelOptions] : modelOptions;

  return (
    <div className="filters" role="group" aria-label={t("inventory.filters")}>
      <Field name="filter-lot" label={t("vehicle.lot")}>
        {(c) => (
          <select {...c} value={filters.lot_id} onChange={(e) => set("lot_id", e.target.value)} data-testid="filter-lot">
            <option value="">{t("inventory.allLots")}</option>
            {(lots.data ?? []).map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="filter-status" label={t("vehicle.status")}>
        {(c) => (
          <select
            {...c}
            value={filters.status}
            onChange={(e) => set("status", e.target.value as VehicleStatus | "")}
            data-testid="filter-status"
          >
            <option value="">{t("inventory.allStatuses")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="filter-model" label={t("vehicle.model")}>
        {(c) => (
          <select {...c} value={filters.model} onChange={(e) => set("model", e.target.value)} data-testid="filter-model">
            <option value="">{t("inventory.allModels")}</option>
            {modelList.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="filter-year-min" label={t("inventory.yearMin")}>
        {(c) => (
          <input
            {...c}
            aria-invalid={isBadWhole(filters.year_min)}
            inputMode="numeric"
            value={filters.year_min}
            onChange={(e) => set("year_min", e.target.value)}
            data-testid="filter-year-min"
          />
        )}
      </Field>
      <Field name="filter-year-max" label={t("inventory.yearMax")}>
        {(c) => (
          <input
            {...c}
            aria-invalid={isBadWhole(filters.year_max)}
            inputMode="numeric"
            value={filters.year_max}
            onChange={(e) => set("year_max", e.target.value)}
            data-testid="filter-year-max"
          />
        )}
      </Field>
      <Field name="filter-price-min" label={t("inventory.priceMin")}>
        {(c) => (
          <PriceInput
            {...c}
            aria-invalid={Number.isNaN(filters.price_min)}
            unit={unit}
            value={filters.price_min}
            onChange={(v) => set("price_min", v)}
            testId="filter-price-min"
          />
        )}
      </Field>
      <Field name="filter-price-max" label={t("inventory.priceMax")}>
        {(c) => (
          <PriceInput
            {...c}
            aria-invalid={Number.isNaN(filters.price_max)}
            unit={unit}
            value={filters.price_max}
            onChange={(v) => set("price_max", v)}
            testId="filter-price-max"
          />
        )}
      </Field>
      <Field name="filter-mileage-max" label={t("inventory.mileageMax")}>
        {(c) => (
          <div className="input-unit">
            <input
              {...c}
              aria-invalid={isBadWhole(filters.mileage_max)}
              inputMode="numeric"
              value={filters.mileage_max}
              onChange={(e) => set("mileage_max", e.target.value)}
              data-testid="filter-mileage-max"
            />
            <span className="unit" aria-hidden="true">
              {t("units.km")}
            </span>
          </div>
        )}
      </Field>
      <div className="filters-actions">
        <button
          type="button"
          className="btn"
          onClick={() => onChange(emptyVehicleFilters)}
          disabled={!hasFilters(filters)}
          data-testid="filters-clear"
        >
          {t("common.clearFilters")}
        </button>
      </div>
    </div>
  );
}
