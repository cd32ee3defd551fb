// The customers who want this car (they named its model), best fit first:
// the ones to call when it arrives.
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { useLang } from "../../i18n";
import { useNav } from "../../navigation";
import { keys } from "../../queries";

export function WantedBy({ vehicleId }: { vehicleId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const nav = useNav();
  const who = useQuery({ queryKey: keys.wantedBy(vehicleId), queryFn: () => api.matchCustomers(vehicleId) });
  if (!who.isSuccess) return null;
  return (
    <section className="card" data-testid="wanted-by">
      <h2>{t("matching.wantedBy")}</h2>
      {who.data.length === 0 ? (
        <p className="muted">{t("matching.wantedByEmpty")}</p>
      ) : (
        <ul className="matches">
          {who.data.map((m) => (
            <li key={m.customer.id} className="wanted-row">
              <button type="button" className="btn-link" onClick={() => nav.go({ name: "customer", id: m.customer.id })}>
                {m.customer.name}
              </button>{" "}
              <span className="muted small">
                {m.customer.region} · {m.reasons.map((r) => (lang === "ko" ? r.ko : r.en)).join(", ")}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
