import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { Customer } from "../../bindings/Customer";
import type { CustomerSource } from "../../bindings/CustomerSource";
import type { Fuel } from "../../bindings/Fuel";
import type { User } from "../../bindings/User";
import { CheckField, Field, SelectField, TextField } from "../../components/Field";
import { PriceInput } from "../../components/PriceInput";
import { FormActions, FormError } from "../../forms/FormParts";
import { useDraftForm } from "../../forms/useDraftForm";
import { priceUnit } from "../../format";
import { useLang } from "../../i18n";
import { invalidateCustomers, keys } from "../../queries";
import { CUSTOMER_FIELDS, customerDraftToInput, type CustomerDraft } from "./customerDraft";

const SOURCES: CustomerSource[] = ["phone", "blog", "referral", "walk_in", "listing_site", "repeat", "other"];
const FUELS: Fuel[] = ["gasoline", "diesel", "lpg", "hybrid", "electric", "other"];
const FIELDS = new Set(Object.values(CUSTOMER_FIELDS));

type TextKey = { [K in keyof CustomerDraft]: CustomerDraft[K] extends string ? K : never }[keyof CustomerDraft];

type Props = {
  id: string | null;
  initial: CustomerDraft;
  users: User[];
  onSaved: (c: Customer) => void;
  onCancel: () => void;
};

export function CustomerForm({ id, initial, users, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const form = useDraftForm({
    initial,
    fields: FIELDS,
    fieldOf: (key: keyof CustomerDraft) => CUSTOMER_FIELDS[key],
    check: (d: CustomerDraft) => customerDraftToInput(d, id),
    save: api.saveCustomer,
    onSaved: (saved: Customer) => {
      qc.setQueryData(keys.customer(saved.id), saved);
      void invalidateCustomers(qc);
      onSaved(saved);
    },
  });
  const { formRef, draft, set, submit, saving, formError } = form;
  const err = (key: keyof CustomerDraft) => form.err(CUSTOMER_FIELDS[key]);

  const text = (
    key: TextKey,
    label: string,
    opts: { hint?: string; placeholder?: string; numeric?: boolean; type?: string; autoFocus?: boolean; unit?: string } = {},
  ) => (
    <TextField name={CUSTOMER_FIELDS[key]} label={label} error={err(key)} value={draft[key]} onChange={(v) => set(key, v)} {...opts} />
  );

  const unit = priceUnit(lang);
  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate data-testid="customer-form">
      <FormError message={formError} />
      <fieldset>
        <legend>{t("customer.sectionBasic")}</legend>
        <div className="grid">
          {text("name", t("customer.name"), { autoFocus: true })}
          {text("phone", t("customer.phone"), { type: "tel" })}
          {text("email", t("customer.email"), { type: "email" })}
          {text("region", t("customer.region"))}
          <SelectField
            name="source"
            label={t("customer.source")}
            error={err("source")}
            value={draft.source}
            options={SOURCES.map((value) => ({ value, label: t(`source.${value}`) }))}
            onChange={(v) => set("source", v)}
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("customer.sectionCar")}</legend>
        <div className="grid">
          {text("current_car", t("customer.current_car"))}
          <CheckField
            name="trade_in"
            label={t("customer.trade_in")}
            checked={draft.trade_in}
            onChange={(v) => set("trade_in", v)}
            error={err("trade_in")}
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("customer.sectionWants")}</legend>
        <div className="grid">
          {text("models", t("customer.models"), { hint: t("hint.models") })}
          {text("year_min", t("customer.yearMin"), { numeric: true })}
          {text("year_max", t("customer.yearMax"), { numeric: true })}
          <Field
            name={CUSTOMER_FIELDS.budget}
            label={t("customer.budget")}
            error={err("budget")}
            hint={t(unit === "manwon" ? "hint.priceManwon" : "hint.priceWon")}
          >
            {(c) => (
              <PriceInput {...c} unit={unit} value={draft.budget} onChange={(v) => set("budget", v)} testId="field-wants.budget" />
            )}
          </Field>
          {text("mileage_max", t("customer.mileageMax"), { numeric: true, unit: t("units.km") })}
          <SelectField<Fuel | "">
            name={CUSTOMER_FIELDS.fuel}
            label={t("customer.fuel")}
            error={err("fuel")}
            value={draft.fuel}
            options={[{ value: "", label: t("customer.anyFuel") }, ...FUELS.map((value) => ({ value, label: t(`fuel.${value}`) }))]}
            onChange={(v) => set("fuel", v)}
          />
          {text("color", t("customer.color"))}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("customer.sectionCare")}</legend>
        <div className="grid">
          <SelectField
            name="assigned_user_id"
            label={t("customer.assigned")}
            error={err("assigned_user_id")}
            value={draft.assigned_user_id}
            options={[
              { value: "", label: t("customer.unassigned") },
              ...users.map((u) => ({ value: u.id, label: u.is_me ? `${u.name} (${t("settings.me")})` : u.name })),
            ]}
            onChange={(v) => set("assigned_user_id", v)}
          />
          <CheckField
            name="consent_contact"
            label={t("customer.consent")}
            checked={draft.consent_contact}
            onChange={(v) => set("consent_contact", v)}
            error={err("consent_contact")}
          />
          <Field name="notes" label={t("customer.notes")} error={err("notes")} wide>
            {(c) => (
              <textarea {...c} rows={4} value={draft.notes} onChange={(e) => set("notes", e.target.value)} data-testid="field-notes" />
            )}
          </Field>
        </div>
      </fieldset>

      <FormActions saving={saving} onCancel={onCancel} testIdPrefix="customer" />
    </form>
  );
}
