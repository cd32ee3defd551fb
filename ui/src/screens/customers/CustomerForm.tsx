import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, ApiError, toApiError } from "../../api";
import type { Customer } from "../../bindings/Customer";
import type { CustomerSource } from "../../bindings/CustomerSource";
import type { Fuel } from "../../bindings/Fuel";
import type { User } from "../../bindings/User";
import { CheckField, Field } from "../../components/Field";
import { PriceInput } from "../../components/PriceInput";
import { fieldError, useErrorText } from "../../errors";
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
  const errorText = useErrorText();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Record<string, ApiError>>({});
  const [formError, setFormError] = useState<ApiError | null>(null);

  const save = useMutation({
    mutationFn: api.saveCustomer,
    onSuccess: (saved) => {
      qc.setQueryData(keys.customer(saved.id), saved);
      void invalidateCustomers(qc);
      onSaved(saved);
    },
    onError: (e) => {
      const err = toApiError(e);
      if (err.field && FIELDS.has(err.field)) setErrors({ [err.field]: err });
      else setFormError(err);
    },
  });

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [errors]);

  const set = <K extends keyof CustomerDraft>(key: K, value: CustomerDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    const field = CUSTOMER_FIELDS[key];
    if (errors[field]) {
      setErrors((errs) => {
        const rest = { ...errs };
        delete rest[field];
        return rest;
      });
    }
  };
  const err = (key: keyof CustomerDraft) => {
    const e = errors[CUSTOMER_FIELDS[key]];
    return e ? errorText(e) : undefined;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (save.isPending) return;
    setFormError(null);
    const check = customerDraftToInput(draft, id);
    if (!check.ok) {
      setErrors(Object.fromEntries(Object.entries(check.errors).map(([f, code]) => [f, fieldError(f, code)])));
      return;
    }
    setErrors({});
    save.mutate(check.input);
  };

  const text = (
    key: TextKey,
    label: string,
    opts: { hint?: string; placeholder?: string; numeric?: boolean; type?: string; autoFocus?: boolean; testId?: string } = {},
  ) => {
    const field = CUSTOMER_FIELDS[key];
    return (
      <Field name={field} label={label} error={err(key)} hint={opts.hint}>
        {(c) => (
          <input
            {...c}
            type={opts.type ?? "text"}
            inputMode={opts.numeric ? "numeric" : undefined}
            autoComplete="off"
            autoFocus={opts.autoFocus}
            placeholder={opts.placeholder}
            value={draft[key]}
            onChange={(e) => set(key, e.target.value)}
            data-testid={opts.testId ?? `field-${field}`}
          />
        )}
      </Field>
    );
  };

  const unit = priceUnit(lang);
  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate data-testid="customer-form">
      {formError && (
        <p className="banner banner-error" role="alert" data-testid="form-error">
          {errorText(formError)}
        </p>
      )}
      <fieldset>
        <legend>{t("customer.sectionBasic")}</legend>
        <div className="grid">
          {text("name", t("customer.name"), { autoFocus: true })}
          {text("phone", t("customer.phone"), { type: "tel" })}
          {text("email", t("customer.email"), { type: "email" })}
          {text("region", t("customer.region"))}
          <Field name="source" label={t("customer.source")} error={err("source")}>
            {(c) => (
              <select
                {...c}
                value={draft.source}
                onChange={(e) => set("source", e.target.value as CustomerSource)}
                data-testid="field-source"
              >
                {SOURCES.map((s) => (
                  <option key={s} value={s}>
                    {t(`source.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
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
          <Field name={CUSTOMER_FIELDS.mileage_max} label={t("customer.mileageMax")} error={err("mileage_max")}>
            {(c) => (
              <div className="input-unit">
                <input
                  {...c}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  value={draft.mileage_max}
                  onChange={(e) => set("mileage_max", e.target.value)}
                  data-testid="field-wants.mileage_max_km"
                />
                <span className="unit" aria-hidden="true">
                  {t("units.km")}
                </span>
              </div>
            )}
          </Field>
          <Field name={CUSTOMER_FIELDS.fuel} label={t("customer.fuel")} error={err("fuel")}>
            {(c) => (
              <select
                {...c}
                value={draft.fuel}
                onChange={(e) => set("fuel", e.target.value as Fuel | "")}
                data-testid="field-wants.fuel"
              >
                <option value="">{t("customer.anyFuel")}</option>
                {FUELS.map((f) => (
                  <option key={f} value={f}>
                    {t(`fuel.${f}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text("color", t("customer.color"))}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("customer.sectionCare")}</legend>
        <div className="grid">
          <Field name="assigned_user_id" label={t("customer.assigned")} error={err("assigned_user_id")}>
            {(c) => (
              <select
                {...c}
                value={draft.assigned_user_id}
                onChange={(e) => set("assigned_user_id", e.target.value)}
                data-testid="field-assigned_user_id"
              >
                <option value="">{t("customer.unassigned")}</option>
                {users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                    {u.is_me ? ` (${t("settings.me")})` : ""}
                  </option>
                ))}
              </select>
            )}
          </Field>
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

      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="customer-save">
          {save.isPending ? t("common.saving") : t("common.save")}
        </button>
        <button type="button" className="btn" onClick={onCancel} data-testid="customer-cancel">
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
