// Today's recalls: cars in stock with an open recall (none may be sold
// without telling the buyer) and owners of sold cars not told yet; an owner
// without e-mail stays here to be called. Shown only when there is one.
import { useTranslation } from "react-i18next";
import type { CarRecall } from "../../bindings/CarRecall";
import { useLang } from "../../i18n";
import { useNav } from "../../navigation";
import { formatDate } from "../../time";
import { useRecallsToday } from "./recallQueries";

export function TodayRecalls() {
  const { t } = useTranslation();
  const today = useRecallsToday();
  const data = today.data;
  if (!data || (data.in_stock.length === 0 && data.owners_not_told.length === 0)) return null;
  return (
    <section className="card card-alert" data-testid="today-recalls">
      <h2>{t("recalls.today")}</h2>
      {data.in_stock.length > 0 && (
        <>
          <h3 className="card-sub">{t("recalls.todayStock")}</h3>
          <ul className="alert-list">
            {data.in_stock.map((r) => (
              <RecallLine key={r.id} r={r} testId="today-recall-stock" />
            ))}
          </ul>
        </>
      )}
      {data.owners_not_told.length > 0 && (
        <>
          <h3 className="card-sub">{t("recalls.todayOwners")}</h3>
          <ul className="alert-list">
            {data.owners_not_told.map((r) => (
              <RecallLine key={r.id} r={r} testId="today-recall-owner" />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function RecallLine({ r, testId }: { r: CarRecall; testId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const nav = useNav();
  const o = r.owner;
  return (
    <li>
      <button type="button" className="alert-item" onClick={() => nav.go({ name: "vehicle", id: r.vehicle_id })} data-testid={testId}>
        <span className="alert-name">{o ? o.customer_name : r.vehicle_label}</span>
        <span className="alert-summary">
          <span className="tag">{r.code}</span> {o ? r.vehicle_label : r.title}
          {o?.phone && <span className="muted"> · {o.phone}</span>}
        </span>
        <span className="muted small">
          {o ? t(`recalls.told.${o.told ?? "none"}`) : r.deadline ? t("recalls.deadline", { date: formatDate(r.deadline, lang) }) : ""}
        </span>
      </button>
    </li>
  );
}
