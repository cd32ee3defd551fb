// Today's visits (Korea time, whatever the computer's zone), bookings that
// clash, and the sync line: each one click from the screen that deals with it.
import { useTranslation } from "react-i18next";
import type { SyncStatus } from "../../bindings/SyncStatus";
import type { Visit } from "../../bindings/Visit";
import type { VisitConflict } from "../../bindings/VisitConflict";
import { useNav } from "../../navigation";
import { useSyncProblemText } from "../sync/syncErrors";
import { formatTime, zonedDate } from "../../time";

function byStart(a: Visit, b: Visit): number {
  return new Date(a.start_at).getTime() - new Date(b.start_at).getTime();
}

/** "08:30–09:30" in Korea time. */
export function visitTime(v: Visit): string {
  return `${formatTime(v.start_at)}–${formatTime(v.end_at)}`;
}

function useVisitWho(): (v: Visit) => string {
  const { t } = useTranslation();
  return (v) => (v.kind === "blocked" ? t("today.blocked") : (v.customer_name ?? t("today.blocked")));
}

export function TodayVisits({ visits }: { visits: Visit[] }) {
  const { t } = useTranslation();
  const nav = useNav();
  const who = useVisitWho();
  const sorted = [...visits].sort(byStart);
  const open = () => nav.reset({ name: "visits" });
  return (
    <section className="card" data-testid="today-visits">
      <div className="card-head">
        <h2>{sorted.length > 0 ? t("today.visits", { count: sorted.length }) : t("nav.visits")}</h2>
        <button type="button" className="btn btn-link" onClick={open} data-testid="today-open-visits">
          {t("today.openCalendar")}
        </button>
      </div>
      {sorted.length === 0 ? (
        <p className="muted">{t("today.visitsEmpty")}</p>
      ) : (
        <ul className="alert-list">
          {sorted.map((v) => (
            <li key={v.id}>
              <button
                type="button"
                className={`alert-item today-visit today-visit-${v.status}${v.kind === "blocked" ? " today-visit-blocked" : ""}`}
                onClick={open}
                data-testid="today-visit"
                data-visit-id={v.id}
                data-status={v.status}
                data-kind={v.kind}
              >
                <span className="alert-name" data-testid="today-visit-time">
                  {visitTime(v)}
                </span>
                <span className="alert-summary">{who(v)}</span>
                <span className="muted">{v.user_name ?? t("today.noDealer")}</span>
                <span className={`badge badge-visit-${v.status}`} data-testid="today-visit-status">
                  {t(`today.visitStatus.${v.status}`)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function VisitConflicts({ conflicts }: { conflicts: VisitConflict[] }) {
  const { t } = useTranslation();
  const nav = useNav();
  const who = useVisitWho();
  if (conflicts.length === 0) return null;
  const side = (v: Visit) => `${visitTime(v)} ${who(v)}`;
  return (
    <section className="card card-alert" data-testid="today-conflicts">
      <div className="card-head">
        <h2>{t("today.conflicts", { count: conflicts.length })}</h2>
        <button type="button" className="btn" onClick={() => nav.reset({ name: "visits" })}>
          {t("today.openCalendar")}
        </button>
      </div>
      <p className="muted">{t("today.conflictsHint")}</p>
      <ul className="alert-list">
        {conflicts.map((c) => (
          <li key={`${c.visit.id}|${c.with.id}`}>
            <button
              type="button"
              className="alert-item"
              onClick={() => nav.reset({ name: "visits" })}
              data-testid="today-conflict"
              data-visit-id={c.visit.id}
              data-with-id={c.with.id}
            >
              <span className="alert-name">{c.visit.user_name ?? c.with.user_name ?? t("today.noDealer")}</span>
              <span className="alert-summary">
                {side(c.visit)} ↔ {side(c.with)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One line: the state of team sync, and the way to its settings. */
export function SyncLine({ status, today }: { status: SyncStatus; today: string }) {
  const { t } = useTranslation();
  const nav = useNav();
  const problemText = useSyncProblemText();
  const at = status.last_sync_at;
  // Korea time; the day too when the last pass was not today.
  const when = at ? (zonedDate(at) === today ? formatTime(at) : `${zonedDate(at)} ${formatTime(at)}`) : null;
  let text: string;
  switch (status.state) {
    case "off":
      text = t("sync.indicator.off");
      break;
    case "synced":
      text = t("sync.indicator.synced");
      break;
    case "pending":
      text = t("sync.indicator.pending", { count: status.pending_changes });
      break;
    case "unreachable":
      text = t("sync.indicator.unreachable");
      break;
    case "error":
      text = problemText(status.code, status.message) ?? t("sync.indicator.error");
      break;
  }
  return (
    <section className={`card today-sync sync-${status.state}`} data-testid="today-sync" data-state={status.state}>
      <span className="sync-dot" aria-hidden="true" />
      <span>
        <strong>{t("today.syncTitle")}</strong> · <span data-testid="today-sync-text">{text}</span>
        {when && status.state !== "off" && <span className="muted"> · {t("today.lastSyncAt", { time: when })}</span>}
      </span>
      <button type="button" className="btn btn-link" onClick={() => nav.go({ name: "sync" })} data-testid="today-open-sync">
        {t("today.openSync")}
      </button>
    </section>
  );
}
