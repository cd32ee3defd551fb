// A select of customers by name, with a box that narrows it (name or phone).
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Customer } from "../../bindings/Customer";
import { useCustomers } from "../../queries";

const ALL = { text: null, assigned_user_id: null };

type Props = {
  value: string;
  onChange: (id: string, customer: Customer | null) => void;
  label: string;
  /** The select's test id; the filter box gets `-filter`. */
  testId: string;
  invalid?: boolean;
};

export function CustomerPicker({ value, onChange, label, testId, invalid }: Props) {
  const { t } = useTranslation();
  const base = useId();
  const customers = useCustomers(ALL);
  const [filter, setFilter] = useState("");
  const all = customers.data ?? [];
  const matching = (text: string) => {
    const n = text.trim().toLowerCase();
    const d = n.replace(/\D/g, "");
    return all.filter((c) => n === "" || c.name.toLowerCase().includes(n) || (d !== "" && c.phone.replace(/\D/g, "").includes(d)));
  };
  const shown = matching(filter);
  const pick = (id: string) => onChange(id, all.find((c) => c.id === id) ?? null);
  const typed = (text: string) => {
    setFilter(text);
    if (text.trim() === "") return;
    // The choice follows the search: the first customer it finds is picked
    // at once (typing a name or a phone number is enough), unless the one
    // already picked is still among them.
    const hits = matching(text);
    if (hits.some((c) => c.id === value)) return;
    const first = hits[0];
    if (first) onChange(first.id, first);
    else onChange("", null);
  };
  return (
    <div className={`field customer-picker${invalid ? " field-has-error" : ""}`}>
      <label htmlFor={`${base}-select`}>{label}</label>
      <input
        type="search"
        value={filter}
        placeholder={t("visits.form.customerFilter")}
        aria-label={t("visits.form.customerFilter")}
        onChange={(e) => typed(e.target.value)}
        data-testid={`${testId}-filter`}
      />
      <select
        id={`${base}-select`}
        value={value}
        onChange={(e) => pick(e.target.value)}
        aria-invalid={invalid ?? false}
        data-testid={testId}
      >
        <option value="">{shown.length === 0 ? t("visits.form.noCustomers") : t("visits.form.customerPick")}</option>
        {shown.map((c) => (
          <option key={c.id} value={c.id}>
            {c.phone ? `${c.name} · ${c.phone}` : c.name}
          </option>
        ))}
      </select>
    </div>
  );
}
