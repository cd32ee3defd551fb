import type { VehicleQuery } from "../../bindings/VehicleQuery";
import type { VehicleStatus } from "../../bindings/VehicleStatus";
import { parseWhole } from "../../format";

/** What the inventory filter bar holds; kept by the app so it survives visiting a detail page. */
export type VehicleFilters = {
  text: string;
  lot_id: string;
  status: VehicleStatus | "";
  model: string;
  year_min: string;
  year_max: string;
  /** In won; the input shows 만원 or won by language. */
  price_min: number | null;
  price_max: number | null;
  mileage_max: string;
};

export const emptyVehicleFilters: VehicleFilters = {
  text: "",
  lot_id: "",
  status: "",
  model: "",
  year_min: "",
  year_max: "",
  price_min: null,
  price_max: null,
  mileage_max: "",
};

function whole(text: string): number | null {
  const n = parseWhole(text);
  return n === null || Number.isNaN(n) ? null : n;
}

function won(n: number | null): number | null {
  return n === null || Number.isNaN(n) ? null : n;
}

export function filtersToQuery(f: VehicleFilters): VehicleQuery {
  const text = f.text.trim();
  return {
    text: text === "" ? null : text,
    lot_id: f.lot_id || null,
    status: f.status || null,
    model: f.model || null,
    year_min: whole(f.year_min),
    year_max: whole(f.year_max),
    price_min: won(f.price_min),
    price_max: won(f.price_max),
    mileage_max: whole(f.mileage_max),
    offset: null,
    limit: null,
  };
}

export function hasFilters(f: VehicleFilters): boolean {
  return JSON.stringify(f) !== JSON.stringify(emptyVehicleFilters);
}
