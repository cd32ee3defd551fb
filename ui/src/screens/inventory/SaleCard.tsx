// The vehicle page's sale: who bought it, for how much, when it was delivered
// and by whom, with the follow-up calls planned from the team's schedule.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, toApiError } from "../../api";
import type { FollowUp } from "../../bindings/FollowUp";
import type { Sale } from "../../bindings/Sale";
import type { Vehicle } from "../../bindings/Vehicle";
import { Field } from "../../components/Field";
import { PriceInput } from "../../components/PriceInput";
import { ErrorState, Loading } from "../../components/QueryState";
import { fieldError } from "../../errors";
import { formatPrice, priceUnit } from "../../format";
import { formatDate, todayDate } from "../../time";
import { useLang } from "../../i18n";
import { useNav } from "../../navigation";
import { careKeys, invalidateCare, invalidateVehicles, keys, useCustomers, useUsers, useVehicleSales } from "../../queries";
import { stepLabel, useCareErrorText } from "../care/careText";
import { DateInput } from "../../components/DatePicker";
import { OpenRecallNotice } from "../recalls/OpenRecallNotice";
import { invalidateRecalls, useVehicleRecalls } from "../recalls/recallQueries";

/** The form's fields, by the names the core gives errors at. */
const FIELDS = new Set(["customer_id", "price_krw", "delivered_on", "user_id"]);

export function SaleCard({ vehicle }: { vehicle: Vehicle }) {
  const { t } = useTranslation();
  const titleId = useId();
  const sales = useVehicleSales(vehicle.id);
  const [recording, setRecording] = useState(false);
  const sale = sales.data?.[0] ?? null;

  return (
    <section className="card sale-card" aria-labelledby={titleId} data-testid="sale-card">
      <div className="card-head">
        <h2 id={titleId}>{t("sale.title")}</h2>
        {sales.isSuccess && !sale && !recording && (
          <button type="button" className="btn btn-primary" onClick={() => setRecording(true)} data-testid="sale-record">
            {t("sale.record")}
          </button>
        )}
      </div>
      {sales.isPending ? (
        <Loading />
      ) : sales.isError ? (
        <ErrorState error={sales.error} onRetry={() => void sales.refetch()} />
      ) : sale ? (
        <SaleView sale={sale} />
      ) : recording ? (
        <SaleForm vehicle={vehicle} onCancel={() => setRecording(false)} onSaved={() => setRecording(false)} />
      ) : (
        <p className="muted" data-testid="sale-none">
          {vehicle.status === "sold" ? t("sale.soldNoRecord") : t("sale.none")}
        </p>
      )}
    </section>
  );
}

function SaleView({ sale }: { sale: Sale }) {
  const { t } = useTranslation();
  const lang = useLang();
  const nav = useNav();
  return (
    <div data-testid="sale-view" data-sale-id={sale.id}>
      <dl className="facts facts-narrow">
        <div className="fact">
          <dt>{t("sale.buyer")}</dt>
          <dd>
            <button
              type="button"
              className="btn-link"
              onClick={() => nav.go({ name: "customer", id: sale.customer_id })}
              data-testid="sale-buyer"
            >
              {sale.customer_name}
            </button>
          </dd>
        </div>
        <div className="fact">
          <dt>{t("sale.price")}</dt>
          <dd data-testid="sale-price-shown">{formatPrice(sale.price_krw, lang)}</dd>
        </div>
        <div className="fact">
          <dt>{t("sale.date")}</dt>
          <dd data-testid="sale-date-shown">{formatDate(sale.delivered_on, lang)}</dd>
        </div>
        <div className="fact">
          <dt>{t("sale.dealer")}</dt>
          <dd data-testid="sale-dealer-shown">{sale.user_name ?? t("sale.noDealer")}</dd>
        </div>
      </dl>
      <h3>{t("sale.followUps")}</h3>
      {sale.follow_ups.length === 0 ? (
        <p className="muted">{t("sale.followUpsEmpty")}</p>
      ) : (
        <ul className="rows follow-up-plan" data-testid="sale-follow-ups">
          {sale.follow_ups.map((f) => (
            <FollowUpLine key={f.id} followUp={f} />
          ))}
        </ul>
      )}
    </div>
  );
}

function FollowUpLine({ followUp: f }: { followUp: FollowUp }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <li className="row" data-testid="sale-follow-up" data-step={f.step} data-state={f.state} data-due={f.due_on}>
      <span className="row-main">
        <strong>{stepLabel(f.step, t)}</strong>
      </span>
      <span className="muted">
        {formatDate(f.due_on, lang)}
        {f.snoozed_until && f.state === "open" && ` · ${t("sale.snoozed", { date: formatDate(f.snoozed_until, lang) })}`}
        {f.note && ` · ${f.note}`}
      </span>
      <span className={`badge badge-follow-up-${f.state}`} data-testid="sale-follow-up-state">
        {t(`sale.state.${f.state}`)}
      </span>
    </li>
  );
}

type Draft = { customerId: string; price: number | null; date: string; userId: string };

function SaleForm({ vehicle, onCancel, onSaved }: { vehicle: Vehicle; onCancel: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const errorText = useCareErrorText();
  const customers = useCustomers({ text: null, assigned_user_id: null });
  const users = useUsers();
  const me = users.data?.find((u) => u.is_me) ?? null;
  const [draft, setDraft] = useState<Draft>({ customerId: "", price: vehicle.price_krw, date: todayDate(), userId: "" });
  // "Me" until the dealer picks someone else (the team list may arrive after the form opens).
  const [dealerPicked, setDealerPicked] = useState(false);
  // A car with an open recall is sold only once the dealer confirms the buyer was told.
  const recalls = useVehicleRecalls(vehicle.id);
  const openRecalls = (recalls.data ?? []).filter((r) => r.state === "open");
  const [recallTold, setRecallTold] = useState(false);
  const userId = dealerPicked ? draft.userId : (me?.id ?? "");

  const sorted = useMemo(
    () => [...(customers.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, "ko")),
    [customers.data],
  );

  const save = useMutation({
    mutationFn: async (d: Draft) => {
      if (!d.customerId) throw fieldError("customer_id", "required");
      if (d.price === null) throw fieldError("price_krw", "required");
      if (Number.isNaN(d.price)) throw fieldError("price_krw", "invalid_number");
      if (!d.date) throw fieldError("delivered_on", "invalid_date");
      return api.recordSale({
        customer_id: d.customerId,
        vehicle_id: vehicle.id,
        price_krw: d.price,
        delivered_on: d.date,
        user_id: d.userId || null,
      }, recallTold);
    },
    onSuccess: (sale) => {
      qc.setQueryData(careKeys.vehicleSales(vehicle.id), [sale]);
      // The car is sold now: its page, the lists and the counts all move.
      void qc.invalidateQueries({ queryKey: keys.vehicle(vehicle.id) });
      void invalidateVehicles(qc);
      void invalidateCare(qc);
      void invalidateRecalls(qc);
      onSaved();
    },
  });
  const err = save.error ? toApiError(save.error) : null;
  const errAt = (field: string) => (err?.field === field ? errorText(err) : undefined);
  const formError = err && !(err.field && FIELDS.has(err.field)) ? errorText(err) : null;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (save.isError) save.reset();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!save.isPending) save.mutate({ ...draft, userId });
  };

  return (
    <form className="form sale-form" onSubmit={submit} noValidate data-testid="sale-form">
      <div className="grid">
        <Field name="customer_id" label={t("sale.customer")} error={errAt("customer_id")} errorTestId="sale-error-customer_id">
          {(c) => (
            <select
              {...c}
              value={draft.customerId}
              onChange={(e) => set("customerId", e.target.value)}
              disabled={customers.isPending}
              data-testid="sale-customer"
            >
              <option value="">{sorted.length || customers.isPending ? t("sale.chooseCustomer") : t("sale.noCustomers")}</option>
              {sorted.map((cu) => (
                <option key={cu.id} value={cu.id}>
                  {cu.phone ? `${cu.name} · ${cu.phone}` : cu.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="price_krw" label={t("sale.price")} error={errAt("price_krw")} errorTestId="sale-error-price_krw">
          {(c) => <PriceInput {...c} unit={priceUnit(lang)} value={draft.price} onChange={(v) => set("price", v)} testId="sale-price" />}
        </Field>
        <Field name="delivered_on" label={t("sale.date")} error={errAt("delivered_on")} errorTestId="sale-error-delivered_on">
          {(c) => <DateInput {...c} value={draft.date} onChange={(v) => set("date", v)} testId="sale-date" />}
        </Field>
        <Field name="user_id" label={t("sale.dealer")} error={errAt("user_id")} errorTestId="sale-error-user_id">
          {(c) => (
            <select
              {...c}
              value={userId}
              onChange={(e) => {
                setDealerPicked(true);
                set("userId", e.target.value);
              }}
              data-testid="sale-dealer"
            >
              <option value="">{t("sale.noDealer")}</option>
              {(users.data ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.is_me ? t("sale.me", { name: u.name }) : u.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <OpenRecallNotice open={openRecalls} told={{ value: recallTold, onChange: setRecallTold }} testId="sale-recall" />
      {formError && (
        <p className="banner banner-error" role="alert" data-testid="sale-error">
          {formError}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending || (openRecalls.length > 0 && !recallTold)} data-testid="sale-save">
          {save.isPending ? t("common.saving") : t("sale.save")}
        </button>
        <button type="button" className="btn" onClick={onCancel} data-testid="sale-cancel">
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
