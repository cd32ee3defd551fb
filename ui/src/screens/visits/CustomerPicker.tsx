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
  const needle = filter.trim().toLowerCase();
  const digits = needle.replace(/\D/g, "");
  const shown = all.filter(
    (c) =>
      c.id === value ||
      needle === "" ||
      c.name.toLowerCase().includes(needle) ||
      (digits !== "" && c.phone.replace(/\D/g, "").includes(digits)),
  );
  const pick = (id: string) => onChange(id, all.find((c) => c.id === id) ?? null);
  return (
    <div className={`field customer-picker${invalid ? " field-has-error" : ""}`}>
      <label htmlFor={`${base}-select`}>{label}</label>
      <input
        type="search"
        value={filter}
        placeholder={t("visits.form.customerFilter")}
        aria-label={t("visits.form.customerFilter")}
        onChange={(e) => {
          const text = e.target.value;
          setFilter(text);
          // One match left: pick it, so typing a name is enough.
          const n = text.trim().toLowerCase();
          const hits = all.filter((c) => n !== "" && c.name.toLowerCase().includes(n));
          if (hits.length === 1 && hits[0]) onChange(hits[0].id, hits[0]);
        }}
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
