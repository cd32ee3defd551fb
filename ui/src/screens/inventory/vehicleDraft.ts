// The vehicle form's editable text, and its conversion to and from the core's types.
import type { DraftCheck } from "../../forms/useDraftForm";
import type { Fuel } from "../../bindings/Fuel";
import type { Transmission } from "../../bindings/Transmission";
import type { Vehicle } from "../../bindings/Vehicle";
import type { VehicleInput } from "../../bindings/VehicleInput";
import type { VehicleStatus } from "../../bindings/VehicleStatus";
import { groupThousands, parseWhole, splitList } from "../../format";
import { todayDate } from "../../time";

export type VehicleDraft = {
  make: string;
  model: string;
  trim: string;
  year: string;
  first_registration: string;
  plate: string;
  vin: string;
  odometer_km: string;
  fuel: Fuel;
  transmission: Transmission;
  color: string;
  /** Whole won (the input shows 만원 or won); NaN while the typed text is not a number. */
  price_krw: number | null;
  lot_id: string;
  status: VehicleStatus;
  stock_date: string;
  notes: string;
  /** Comma-separated. */
  tags: string;
};

export function newDraft(lotId: string, today: string = todayDate()): VehicleDraft {
  return {
    make: "",
    model: "",
    trim: "",
    year: "",
    first_registration: "",
    plate: "",
    vin: "",
    odometer_km: "",
    fuel: "gasoline",
    transmission: "auto",
    color: "",
    price_krw: null,
    lot_id: lotId,
    status: "in_stock",
    stock_date: today,
    notes: "",
    tags: "",
  };
}

export function vehicleToDraft(v: Vehicle): VehicleDraft {
  return {
    make: v.make,
    model: v.model,
    trim: v.trim,
    year: String(v.year),
    first_registration: v.first_registration ?? "",
    plate: v.plate,
    vin: v.vin,
    odometer_km: groupThousands(v.odometer_km),
    fuel: v.fuel,
    transmission: v.transmission,
    color: v.color,
    price_krw: v.price_krw,
    lot_id: v.lot_id,
    status: v.status,
    stock_date: v.stock_date,
    notes: v.notes,
    tags: v.tags.join(", "),
  };
}

export function vehicleToInput(v: Vehicle): VehicleInput {
  return {
    id: v.id,
    make: v.make,
    model: v.model,
    trim: v.trim,
    year: v.year,
    first_registration: v.first_registration,
    plate: v.plate,
    vin: v.vin,
    odometer_km: v.odometer_km,
    fuel: v.fuel,
    transmission: v.transmission,
    color: v.color,
    price_krw: v.price_krw,
    lot_id: v.lot_id,
    status: v.status,
    stock_date: v.stock_date,
    notes: v.notes,
    tags: v.tags,
  };
}

export type VehicleCheck = DraftCheck<VehicleInput>;

/** Only what the core cannot be sent (empty or non-numeric numbers); it checks the rest. */
export function draftToInput(d: VehicleDraft, id: string | null): VehicleCheck {
  const errors: Record<string, "required" | "invalid_number"> = {};
  const number = (field: string, value: number | null): number => {
    if (value === null) errors[field] = "required";
    else if (Number.isNaN(value)) errors[field] = "invalid_number";
    return value ?? 0;
  };
  const year = number("year", parseWhole(d.year));
  const odometer = number("odometer_km", parseWhole(d.odometer_km));
  const price = number("price_krw", d.price_krw);
  if (Object.keys(errors).length) return { ok: false, errors };
  const firstReg = d.first_registration.trim();
  return {
    ok: true,
    input: {
      id,
      make: d.make,
      model: d.model,
      trim: d.trim,
      year,
      first_registration: firstReg === "" ? null : firstReg,
      plate: d.plate,
      vin: d.vin,
      odometer_km: odometer,
      fuel: d.fuel,
      transmission: d.transmission,
      color: d.color,
      price_krw: price,
      lot_id: d.lot_id,
      status: d.status,
      stock_date: d.stock_date,
      notes: d.notes,
      tags: splitList(d.tags),
    },
  };
}
