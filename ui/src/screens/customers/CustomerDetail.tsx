import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { Customer } from "../../bindings/Customer";
import { ConfirmDelete } from "../../components/ConfirmDelete";
import { DetailScreen } from "../../components/DetailScreen";
import { useErrorText } from "../../errors";
import { formatMileage, formatPrice } from "../../format";
import { formatDateTime } from "../../time";
import { useLang } from "../../i18n";
import { useNav } from "../../navigation";
import { invalidateCustomers, useCustomer } from "../../queries";
import { CustomerLog } from "./CustomerLog";
import { HandoverCard } from "./HandoverCard";
import { MatchingCars } from "./MatchingCars";
import { ShortlistsCard } from "./ShortlistsCard";

export function CustomerDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const customer = useCustomer(id);
  return (
    <DetailScreen testId="customer-detail" dataAttrs={{ "data-customer-id": id }} backLabel={t("customerDetail.backToList")} query={customer}>
      {(data) => <CustomerView customer={data} />}
    </DetailScreen>
  );
}

function CustomerView({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation();
  const lang = useLang();
  const nav = useNav();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const remove = useMutation({
    mutationFn: () => api.deleteCustomer(c.id),
    onSuccess: () => {
      void invalidateCustomers(qc);
      nav.back();
    },
  });
  const w = c.wants;
  const none = t("common.notSet");
  const years =
    w.year_min !== null || w.year_max !== null
      ? t("customer.yearRange", { from: w.year_min ?? "", to: w.year_max ?? "" })
      : none;

  const contact: [string, string][] = [
    [t("customer.phone"), c.phone],
    [t("customer.email"), c.email],
    [t("customer.region"), c.region],
    [t("customer.source"), t(`source.${c.source}`)],
    [t("customer.current_car"), c.current_car],
    [t("customer.trade_in"), c.trade_in ? t("customer.tradeInYes") : t("customer.tradeInNo")],
    [t("customer.assigned"), c.assigned_user_name ?? t("customer.unassigned")],
    [t("customer.consent"), c.consent_contact ? t("customer.consentYes") : t("customer.consentNo")],
  ];
  const wants: [string, string][] = [
    [t("customer.models"), w.models.join(", ")],
    [t("vehicle.year"), years],
    [t("customer.budget"), w.budget_max_krw === null ? "" : formatPrice(w.budget_max_krw, lang)],
    [t("customer.mileageMax"), w.mileage_max_km === null ? "" : formatMileage(w.mileage_max_km)],
    [t("customer.fuel"), w.fuel ? t(`fuel.${w.fuel}`) : t("customer.anyFuel")],
    [t("customer.color"), w.color],
  ];

  return (
    <article className="detail">
      <header className="detail-head">
        <div>
          <h1 data-testid="customer-title">{c.name}</h1>
          <p className="muted">{[c.phone, c.region].filter(Boolean).join(" · ")}</p>
        </div>
      </header>
      <div className="toolbar">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => nav.go({ name: "customer-edit", id: c.id })}
          data-testid="customer-edit"
        >
          {t("common.edit")}
        </button>
        <div className="spacer" />
        <ConfirmDelete onConfirm={() => remove.mutate()} pending={remove.isPending} testId="customer-delete" />
      </div>
      {remove.error && (
        <p className="banner banner-error" role="alert">
          {errorText(remove.error)}
        </p>
      )}
      <div className="two-col">
        <section className="card">
          <h2>{t("customer.sectionBasic")}</h2>
          <Facts rows={contact} />
        </section>
        <section className="card" data-testid="customer-wants">
          <h2>{t("customer.sectionWants")}</h2>
          <Facts rows={wants} />
        </section>
      </div>
      <MatchingCars customer={c} />
      <ShortlistsCard customerId={c.id} />
      <CustomerLog customerId={c.id} />
      <section className="card">
        <h2>{t("customer.notes")}</h2>
        <p className="notes" data-testid="customer-notes">
          {c.notes || <span className="muted">{t("customerDetail.noNotes")}</span>}
        </p>
      </section>
      <HandoverCard customer={c} />
      <p className="muted small">
        {t("common.createdAt")} {formatDateTime(c.created_at, lang)} · {t("common.updatedAt")}{" "}
        {formatDateTime(c.updated_at, lang)}
      </p>
    </article>
  );
}

function Facts({ rows }: { rows: [string, string][] }) {
  const { t } = useTranslation();
  return (
    <dl className="facts facts-narrow">
      {rows.map(([label, value]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>{value || t("common.notSet")}</dd>
        </div>
      ))}
    </dl>
  );
}
