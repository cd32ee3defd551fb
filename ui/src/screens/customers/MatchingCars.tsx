// The cars that fit this customer, best first, with why; pick some and
// make a shortlist from them.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { Customer } from "../../bindings/Customer";
import { ErrorState, Loading } from "../../components/QueryState";
import { useErrorText } from "../../errors";
import { formatMileage, formatPrice } from "../../format";
import { useLang } from "../../i18n";
import { useNav } from "../../navigation";
import { photoUrl } from "../../photoUrl";
import { invalidateCustomerLog, keys } from "../../queries";
import { vehicleName } from "../inventory/vehicleText";

const SHOWN = 12;
/** Ticked to start with: a shortlist is a few good cars, not the whole lot. */
const PRESELECTED = 3;

/** A score in words: 90+ meets the wants, 70+ mostly, below that in part. */
function fitOf(score: number): "close" | "fair" | "partial" {
  return score >= 90 ? "close" : score >= 70 ? "fair" : "partial";
}

export function MatchingCars({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const lang = useLang();
  const nav = useNav();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const matches = useQuery({
    queryKey: keys.matches(customer.id),
    queryFn: () => api.matchVehicles(customer.id, SHOWN),
  });
  const [chosen, setChosen] = useState<string[] | null>(null);
  const shown = (matches.data ?? []).map((m) => m.vehicle.id);
  // A car that dropped out of the matches (sold meanwhile) is not counted.
  const picked = (chosen ?? shown.slice(0, PRESELECTED)).filter((id) => shown.includes(id));
  const toggle = (id: string) =>
    setChosen(picked.includes(id) ? picked.filter((x) => x !== id) : [...picked, id]);
  const create = useMutation({
    mutationFn: () => {
      // In the order of fit, not the order clicked.
      const order = (matches.data ?? []).map((m) => m.vehicle.id).filter((id) => picked.includes(id));
      return api.createShortlist(customer.id, t("matching.defaultTitle", { name: customer.name }), order);
    },
    onSuccess: (s) => {
      void invalidateCustomerLog(qc, customer.id);
      nav.go({ name: "shortlist", id: s.id, customerId: customer.id });
    },
  });
  return (
    <section className="card" data-testid="customer-matches">
      <div className="card-head">
        <h2>{t("matching.title")}</h2>
        <button
          type="button"
          className="btn btn-primary"
          disabled={picked.length === 0 || create.isPending}
          onClick={() => create.mutate()}
          data-testid="create-shortlist"
        >
          {create.isPending ? t("matching.creating") : t("matching.create", { count: picked.length })}
        </button>
      </div>
      <p className="muted small">{t("matching.hint")}</p>
      {create.error && (
        <p className="banner banner-error" role="alert">
          {errorText(create.error)}
        </p>
      )}
      {matches.isPending ? (
        <Loading />
      ) : matches.isError ? (
        <ErrorState error={matches.error} onRetry={() => void matches.refetch()} />
      ) : matches.data.length === 0 ? (
        <p className="muted">{t("matching.empty")}</p>
      ) : (
        <ul className="matches">
          {matches.data.map((m) => {
            const v = m.vehicle;
            const on = picked.includes(v.id);
            return (
              <li key={v.id} className={`match${on ? " match-on" : ""}`} data-testid="match-row" data-vehicle-id={v.id}>
                <label className="match-pick">
                  <input type="checkbox" checked={on} onChange={() => toggle(v.id)} data-testid="match-pick" />
                  <span className="visually-hidden">{t("matching.choose")}</span>
                </label>
                {v.cover_hash ? (
                  <img className="match-thumb" src={photoUrl(v.cover_hash, "thumb")} alt="" loading="lazy" />
                ) : (
                  <span className="match-thumb match-thumb-empty" />
                )}
                <div className="match-body">
                  <button type="button" className="btn-link match-title" onClick={() => nav.go({ name: "vehicle", id: v.id })}>
                    {v.year} {vehicleName(v)}
                  </button>
                  <span className="muted small">
                    {formatPrice(v.price_krw, lang)} · {formatMileage(v.odometer_km)} · {v.lot_name}
                  </span>
                  <ul className="reasons">
                    {m.reasons.map((r) => (
                      <li key={r.code} className={`reason ${r.good ? "reason-good" : "reason-caveat"}`}>
                        {lang === "ko" ? r.ko : r.en}
                      </li>
                    ))}
                  </ul>
                </div>
                <span className={`match-score match-fit-${fitOf(m.score)}`} title={t("matching.scoreTitle")} data-testid="match-score">
                  <strong>{t(`matching.fit.${fitOf(m.score)}`)}</strong>
                  <span className="small">{t("matching.points", { score: m.score })}</span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
