// A customer's shortlists, each one click from its composer.
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { formatDateTime } from "../../time";
import { useLang } from "../../i18n";
import { useNav } from "../../navigation";
import { keys } from "../../queries";

export function ShortlistsCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const nav = useNav();
  const lists = useQuery({ queryKey: keys.shortlists(customerId), queryFn: () => api.listShortlists(customerId) });
  if (!lists.isSuccess) return null;
  return (
    <section className="card" data-testid="customer-shortlists">
      <h2>{t("shortlists.title")}</h2>
      {lists.data.length === 0 ? (
        <p className="muted">{t("shortlists.empty")}</p>
      ) : (
        <ul className="shortlist-links">
          {lists.data.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className="btn-link"
                onClick={() => nav.go({ name: "shortlist", id: s.id, customerId })}
                data-testid="open-shortlist"
              >
                {s.title || t("shortlist.title")}
              </button>
              <span className="muted small">
                {t("shortlists.cars", { count: s.items.length })} ·{" "}
                {s.sends[0] ? t("shortlists.lastSent", { when: formatDateTime(s.sends[0].created_at, lang) }) : t("shortlists.neverSent")}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
