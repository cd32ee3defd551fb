// The customer form's editable text, and its conversion to and from the core's types.
import type { DraftCheck } from "../../forms/useDraftForm";
import type { Customer } from "../../bindings/Customer";
import type { CustomerInput } from "../../bindings/CustomerInput";
import type { CustomerSource } from "../../bindings/CustomerSource";
import type { Fuel } from "../../bindings/Fuel";
import { groupThousands, parseWhole, splitList } from "../../format";

export type CustomerDraft = {
  name: string;
  phone: string;
  email: string;
  region: string;
  source: CustomerSource;
  current_car: string;
  trade_in: boolean;
  /** Comma-separated. */
  models: string;
  year_min: string;
  year_max: string;
  /** Whole won; NaN while the typed text is not a number. */
  budget: number | null;
  mileage_max: string;
  fuel: Fuel | "";
  color: string;
  assigned_user_id: string;
  notes: string;
  consent_contact: boolean;
};

/** Draft key -> the field name the core reports errors under. */
export const CUSTOMER_FIELDS: Record<keyof CustomerDraft, string> = {
  name: "name",
  phone: "phone",
  email: "email",
  region: "region",
  source: "source",
  current_car: "current_car",
  trade_in: "trade_in",
  models: "wants.models",
  year_min: "wants.year_min",
  year_max: "wants.year_max",
  budget: "wants.budget_max_krw",
  mileage_max: "wants.mileage_max_km",
  fuel: "wants.fuel",
  color: "wants.color",
  assigned_user_id: "assigned_user_id",
  notes: "notes",
  consent_contact: "consent_contact",
};

export function newCustomerDraft(assignedUserId: string): CustomerDraft {
  return {
    name: "",
    phone: "",
    email: "",
    region: "",
    source: "phone",
    current_car: "",
    trade_in: false,
    models: "",
    year_min: "",
    year_max: "",
    budget: null,
    mileage_max: "",
    fuel: "",
    color: "",
    assigned_user_id: assignedUserId,
    notes: "",
    consent_contact: false,
  };
}

export function customerToDraft(c: Customer): CustomerDraft {
  const w = c.wants;
  const str = (n: number | null) => (n === null ? "" : String(n));
  return {
    name: c.name,
    phone: c.phone,
    email: c.email,
    region: c.region,
    source: c.source,
    current_car: c.current_car,
    trade_in: c.trade_in,
    models: w.models.join(", "),
    year_min: str(w.year_min),
    year_max: str(w.year_max),
    budget: w.budget_max_krw,
    mileage_max: w.mileage_max_km === null ? "" : groupThousands(w.mileage_max_km),
    fuel: w.fuel ?? "",
    color: w.color,
    assigned_user_id: c.assigned_user_id ?? "",
    notes: c.notes,
    consent_contact: c.consent_contact,
  };
}

export type CustomerCheck = DraftCheck<CustomerInput>;

/** Only non-numeric numbers are caught here; the core checks everything else. */
export function customerDraftToInput(d: CustomerDraft, id: string | null): CustomerCheck {
  const errors: Record<string, "invalid_number"> = {};
  const number = (key: keyof CustomerDraft, value: number | null): number | null => {
    if (value !== null && Number.isNaN(value)) errors[CUSTOMER_FIELDS[key]] = "invalid_number";
    return value;
  };
  const yearMin = number("year_min", parseWhole(d.year_min));
  const yearMax = number("year_max", parseWhole(d.year_max));
  const budget = number("budget", d.budget);
  const mileage = number("mileage_max", parseWhole(d.mileage_max));
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    input: {
      id,
      name: d.name,
      phone: d.phone,
      email: d.email,
      region: d.region,
      source: d.source,
      current_car: d.current_car,
      trade_in: d.trade_in,
      wants: {
        models: splitList(d.models),
        year_min: yearMin,
        year_max: yearMax,
        budget_max_krw: budget,
        mileage_max_km: mileage,
        fuel: d.fuel === "" ? null : d.fuel,
        color: d.color,
      },
      assigned_user_id: d.assigned_user_id === "" ? null : d.assigned_user_id,
      notes: d.notes,
      consent_contact: d.consent_contact,
    },
  };
}
