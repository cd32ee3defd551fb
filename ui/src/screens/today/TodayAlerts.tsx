// What must not be forgotten, first on Today: inquiries waiting for a reply
// (overdue ones on top) and emails the outbox could not send.
import { useTranslation } from "react-i18next";
import type { Inquiry } from "../../bindings/Inquiry";
import type { OutboxEntry } from "../../bindings/OutboxEntry";
import { ko } from "../../i18n/ko";
import { useNav } from "../../navigation";
import { serverWords } from "../outbox/Outbox";

/** "2시간 5분" / "2 h 5 min". */
export function waitText(minutes: number, lang: string): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (lang === "ko") return h > 0 ? `${h}시간 ${m}분` : `${m}분`;
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

/** Unanswered inquiries as Today lists them (overdue first). */
export function WaitingInquiries({ inquiries }: { inquiries: Inquiry[] }) {
  const { t, i18n } = useTranslation();
  const nav = useNav();
  const waiting = inquiries.filter((q) => q.replied_at === null);
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
              data-mail={q.interaction.message_id !== null}
              onClick={() => nav.go({ name: "customer", id: q.interaction.customer_id })}
            >
              <span className="alert-name">
                {q.customer_name}
                {/* Logged by the mailbox from an e-mail; cleared by the reply seen in Sent. */}
                {q.interaction.message_id !== null && <span className="badge alert-mail">{t("channel.email")}</span>}
              </span>
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

type OutboxErrorCode = keyof typeof ko.outbox.error;

function outboxReason(code: string | null): OutboxErrorCode {
  return code !== null && Object.prototype.hasOwnProperty.call(ko.outbox.error, code) ? (code as OutboxErrorCode) : "other";
}

/** Emails that failed, or are being retried after a failure; one click to the Mail screen. */
export function OutboxProblems({ entries }: { entries: OutboxEntry[] }) {
  const { t } = useTranslation();
  const nav = useNav();
  if (entries.length === 0) return null;
  const failed = entries.filter((e) => e.state === "failed").length;
  return (
    <section className={`card${failed > 0 ? " card-alert" : ""}`} data-testid="today-outbox">
      <div className="card-head">
        <h2>{t("today.outboxProblems", { count: entries.length })}</h2>
        <button type="button" className="btn" onClick={() => nav.reset({ name: "outbox" })} data-testid="today-open-outbox">
          {t("today.openOutbox")}
        </button>
      </div>
      <ul className="rows">
        {entries.map((e) => {
          const words = serverWords(e);
          return (
            <li key={e.id} className="row" data-testid="today-outbox-entry" data-state={e.state}>
              <span className="row-main">
                <strong>{e.to_addr}</strong> <span className="muted">{e.subject}</span>
              </span>
              <span className="muted small">
                {t(`outbox.error.${outboxReason(e.error_code)}`)}
                {words && ` (${words})`}
              </span>
              <span className={`badge badge-outbox-${e.state}`}>
                {e.state === "failed" ? t("outbox.state.failed") : t("today.outboxRetrying")}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
