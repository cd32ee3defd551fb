// A customer walks in unannounced: see who of the team is free now, hand the
// customer to that colleague and record an "arrived" visit for them, now.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, toApiError } from "../../api";
import type { Customer } from "../../bindings/Customer";
import type { DealerNow } from "../../bindings/DealerNow";
import { useErrorText } from "../../errors";
import { invalidateCustomerLog, invalidateCustomers, invalidateVisits, useDealersNow, useLots } from "../../queries";
import { CustomerPicker } from "./CustomerPicker";
import { formatTime, nowRfc3339 } from "../../time";
import { isVisitConflict, visitWho } from "./visitText";

/** How long a walk-in visit holds the colleague. */
const WALK_IN_MINUTES = 60;

type Props = { meId: string | null; lotId: string | null };

type Done = { customer: string; dealer: string };

export function WalkIn({ meId, lotId }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const base = useId();
  const dealers = useDealersNow();
  const lots = useLots();
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [to, setTo] = useState("");
  const [lot, setLot] = useState(lotId ?? "");
  const [done, setDone] = useState<Done | null>(null);
  // A handover already made for this customer and colleague (when the booking then needed "Book anyway").
  const [handed, setHanded] = useState<string | null>(null);

  const all = dealers.data ?? [];
  const free = all.filter((d) => d.busy_with === null);
  // A colleague first: the one at the desk is the one who is busy.
  const fallback = free.find((d) => d.user_id !== meId) ?? free[0];
  const target = free.some((d) => d.user_id === to) ? to : (fallback?.user_id ?? "");
  const targetName = all.find((d) => d.user_id === target)?.name ?? "";

  const run = useMutation({
    mutationFn: async (allowOverlap: boolean) => {
      if (!customer) throw new Error("no customer");
      const pair = `${customer.id}:${target}`;
      if (customer.assigned_user_id !== target && handed !== pair) {
        await api.handOver(customer.id, target, "");
        setHanded(pair);
      }
      const visit = await api.saveVisit({
        id: null,
        kind: "visit",
        customer_id: customer.id,
        user_id: target,
        start_at: nowRfc3339(),
        minutes: WALK_IN_MINUTES,
        lot_ids: lot ? [lot] : [],
        vehicle_ids: [],
        note: "",
        allow_overlap: allowOverlap,
      });
      return api.setVisitStatus(visit.id, "arrived");
    },
    onMutate: () => setDone(null),
    onSuccess: (v) => {
      setDone({ customer: v.customer_name ?? customer?.name ?? "", dealer: v.user_name ?? targetName });
      setCustomer(null);
      setHanded(null);
    },
    onSettled: () => {
      void invalidateVisits(qc);
      void invalidateCustomers(qc);
      if (customer) void invalidateCustomerLog(qc, customer.id);
    },
  });
  const err = run.error ? toApiError(run.error) : null;
  const conflict = err !== null && isVisitConflict(err);

  return (
    <section className="card walk-in" data-testid="walk-in">
      <h2>{t("visits.walkIn.title")}</h2>
      <p className="muted small">{t("visits.walkIn.hint")}</p>
      <h3 className="walk-in-sub">{t("visits.walkIn.now")}</h3>
      <ul className="dealers-now" data-testid="dealers-now">
        {all.map((d) => (
          <DealerRow key={d.user_id} dealer={d} me={d.user_id === meId} />
        ))}
      </ul>
      {dealers.isSuccess && free.length === 0 ? (
        <p className="muted" data-testid="walk-in-none">
          {t("visits.walkIn.noFree")}
        </p>
      ) : (
        <form
          className="walk-in-form"
          onSubmit={(e) => {
            e.preventDefault();
            run.mutate(false);
          }}
        >
          <CustomerPicker
            value={customer?.id ?? ""}
            onChange={(_, c) => {
              setCustomer(c);
              run.reset();
            }}
            label={t("visits.walkIn.customer")}
            testId="walk-in-customer"
          />
          <div className="field">
            <label htmlFor={`${base}-to`}>{t("visits.walkIn.colleague")}</label>
            <select
              id={`${base}-to`}
              value={target}
              onChange={(e) => {
                setTo(e.target.value);
                run.reset();
              }}
              data-testid="walk-in-dealer"
            >
              {free.map((d) => (
                <option key={d.user_id} value={d.user_id}>
                  {d.user_id === meId ? t("visits.me", { name: d.name }) : d.name}
                </option>
              ))}
            </select>
          </div>
          {(lots.data ?? []).length > 0 && (
            <div className="field">
              <label htmlFor={`${base}-lot`}>{t("visits.walkIn.lot")}</label>
              <select id={`${base}-lot`} value={lot} onChange={(e) => setLot(e.target.value)} data-testid="walk-in-lot">
                <option value="">{t("common.notSet")}</option>
                {(lots.data ?? []).map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <button type="submit" className="btn btn-primary" disabled={!customer || !target || run.isPending} data-testid="walk-in-submit">
            {t("visits.walkIn.submit")}
          </button>
        </form>
      )}
      {err && (
        <div className="banner banner-error" role="alert">
          {conflict && <p className="visit-error-head">{t("visits.conflict")}</p>}
          <p data-testid="walk-in-error">{conflict ? err.message : errorText(err)}</p>
          {conflict && (
            <button type="button" className="btn btn-small" onClick={() => run.mutate(true)} disabled={run.isPending} data-testid="walk-in-override">
              {t("visits.override")}
            </button>
          )}
        </div>
      )}
      {done && (
        <p className="banner banner-note" data-testid="walk-in-done">
          {t("visits.walkIn.done", done)}
        </p>
      )}
    </section>
  );
}

function DealerRow({ dealer, me }: { dealer: DealerNow; me: boolean }) {
  const { t } = useTranslation();
  const busy = dealer.busy_with;
  const name = me ? t("visits.me", { name: dealer.name }) : dealer.name;
  const state = busy ? t("visits.walkIn.busy", { who: visitWho(busy, t), until: formatTime(busy.end_at) }) : t("visits.walkIn.free");
  return (
    <li
      className={`dealer-now${busy ? " dealer-busy" : " dealer-free"}`}
      data-testid="dealer-now"
      data-user-id={dealer.user_id}
      data-free={busy ? "false" : "true"}
      title={`${name} · ${state}`}
    >
      <span className="dealer-now-name visit-ellipsis">{name}</span>
      <span className={`badge ${busy ? "badge-busy" : "badge-free"}`} data-testid="dealer-now-state">
        {state}
      </span>
    </li>
  );
}
