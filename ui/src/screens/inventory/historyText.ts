// How a vehicle's field change reads: the field's usual label and its value
// as the rest of the app shows it (prices in 만원, statuses in words, lot names).
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { Lot } from "../../bindings/Lot";
import { formatMileage, formatPrice } from "../../format";
import { formatDate } from "../../time";
import type { Lang } from "../../i18n/lang";

/** Columns that change with every save: noise in a history. */
export const HIDDEN_COLUMNS = new Set(["created_at", "updated_at"]);

const LABELS = {
  make: "vehicle.make",
  model: "vehicle.model",
  trim: "vehicle.trim",
  year: "vehicle.year",
  first_registration: "vehicle.first_registration",
  plate: "vehicle.plate",
  vin: "vehicle.vin",
  odometer_km: "vehicle.odometer_km",
  fuel: "vehicle.fuel",
  transmission: "vehicle.transmission",
  color: "vehicle.color",
  price_krw: "vehicle.price",
  lot_id: "vehicle.lot",
  status: "vehicle.status",
  stock_date: "vehicle.stock_date",
  notes: "vehicle.notes",
  tags: "vehicle.tags",
} as const;

const STATUSES = ["in_stock", "reserved", "sold", "withdrawn"] as const;
const FUELS = ["gasoline", "diesel", "lpg", "hybrid", "electric", "other"] as const;
const TRANSMISSIONS = ["auto", "manual", "semi_auto", "cvt", "other"] as const;

function isOneOf<T extends string>(list: readonly T[], v: string): v is T {
  return (list as readonly string[]).includes(v);
}

function isLabelled(column: string): column is keyof typeof LABELS {
  return Object.prototype.hasOwnProperty.call(LABELS, column);
}

function tagsText(raw: string): string {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed)) return parsed.map(String).join(", ");
  } catch {
    // not JSON: shown as stored
  }
  return raw;
}

function numberOr(raw: string, show: (n: number) => string): string {
  const n = Number(raw);
  return raw.trim() !== "" && Number.isFinite(n) ? show(n) : raw;
}

/** The label of a vehicle column ("price_krw" -> "가격"); the raw name when the app has none. */
export function useColumnLabel(): (column: string) => string {
  const { t } = useTranslation();
  return useCallback((column: string) => (isLabelled(column) ? t(LABELS[column]) : column), [t]);
}

/** A stored value as text for a person; "" reads as "(비어 있음)". */
export function useValueText(lang: Lang, lots: Lot[]): (column: string, raw: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (column: string, raw: string) => {
      const text = (() => {
        switch (column) {
          case "price_krw":
            return numberOr(raw, (n) => formatPrice(n, lang));
          case "odometer_km":
            return numberOr(raw, formatMileage);
          case "status":
            return isOneOf(STATUSES, raw) ? t(`status.${raw}`) : raw;
          case "fuel":
            return isOneOf(FUELS, raw) ? t(`fuel.${raw}`) : raw;
          case "transmission":
            return isOneOf(TRANSMISSIONS, raw) ? t(`transmission.${raw}`) : raw;
          case "lot_id":
            return lots.find((l) => l.id === raw)?.name ?? raw;
          case "first_registration":
          case "stock_date":
            return formatDate(raw, lang);
          case "tags":
            return tagsText(raw);
          default:
            return raw;
        }
      })();
      return text.trim() === "" ? t("history.blank") : text;
    },
    [t, lang, lots],
  );
}
