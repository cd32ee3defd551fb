// What must not be forgotten, first on Today: inquiries waiting for a reply
// (overdue ones on top) and emails the outbox could not send.
import { useTranslation } from "react-i18next";
import { useNav } from "../../navigation";
import { useInquiries, useOutbox } from "../../queries";

/** "2시간 5분" / "2 h 5 min". */
export function waitText(minutes: number, lang: string): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (lang === "ko") return h > 0 ? `${h}시간 ${m}분` : `${m}분`;
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

export function WaitingInquiries() {
  const { t, i18n } = useTranslation();
  const nav = useNav();
  const inquiries = useInquiries();
  const waiting = (inquiries.data ?? []).filter((q) => q.replied_at === null);
  if (waiting.length === 0) return null;
  const overdue = waiting.filter((q) => q.overdue).length;
  return (
    <section className={`card${overdue > 0 ? " card-alert" : ""}`} data-testid="today-inquiries">
      <div className="card-head">
        <h2>{overdue > 0 ? t("today.overdueTitle", { count: overdue }) : t("today.waitingTitle", { count: waiting.length })}</h2>
        <button type="button" className="btn btn-link" onClick={() => nav.reset({ name: "inquiries" })}>
          {t("today.allInquiries")}
        </button>
      </div>
      <ul className="alert-list">
        {waiting.map((q) => (
          <li key={q.interaction.id}>
            <button
              type="button"
              className="alert-item"
              data-testid="today-inquiry"
              data-overdue={q.overdue}
              onClick={() => nav.go({ name: "customer", id: q.interaction.customer_id })}
            >
              <span className="alert-name">{q.customer_name}</span>
              <span className="alert-summary">{q.interaction.summary}</span>
              <span className={q.overdue ? "alert-late" : "muted"}>
                {t(q.overdue ? "today.overdueFor" : "today.waitingFor", {
                  time: waitText(q.response_minutes, i18n.resolvedLanguage ?? "ko"),
                })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function OutboxProblems() {
  const { t } = useTranslation();
  const nav = useNav();
  const outbox = useOutbox();
  const failed = (outbox.data ?? []).filter((e) => e.state === "failed").length;
  const waiting = (outbox.data ?? []).filter((e) => e.state === "queued" || e.state === "sending").length;
  if (failed === 0 && waiting === 0) return null;
  return (
    <section className={`card${failed > 0 ? " card-alert" : ""}`} data-testid="today-outbox">
      <div className="card-head">
        <h2>{failed > 0 ? t("today.outboxFailed", { count: failed }) : t("today.outboxWaiting", { count: waiting })}</h2>
        <button type="button" className="btn" onClick={() => nav.reset({ name: "outbox" })} data-testid="today-open-outbox">
          {t("today.openOutbox")}
        </button>
      </div>
    </section>
  );
}
