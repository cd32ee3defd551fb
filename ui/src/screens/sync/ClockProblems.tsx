import { useTranslation } from "react-i18next";
import type { SyncStatus } from "../../bindings/SyncStatus";

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/** A clock gap in the largest whole unit ("3년", "2 days"). */
export function useClockGap(): (secs: number) => string {
  const { t } = useTranslation();
  return (secs) => {
    const s = Math.abs(secs);
    if (s >= YEAR) return t("clocks.years", { count: Math.round(s / YEAR) });
    if (s >= DAY) return t("clocks.days", { count: Math.round(s / DAY) });
    if (s >= HOUR) return t("clocks.hours", { count: Math.round(s / HOUR) });
    return t("clocks.minutes", { count: Math.max(1, Math.round(s / MINUTE)) });
  };
}

/**
 * Computers whose clock is off, in plain words: this one (nothing can be
 * saved, or its edits wait on the others) and the others (their changes are
 * held here until their clock is set right). `compact`: one line each, for Today.
 */
export function ClockProblems({ status, compact = false }: { status: SyncStatus; compact?: boolean }) {
  const { t } = useTranslation();
  const gap = useClockGap();
  const own = status.own_clock;
  const others = status.clocks;
  if (own.state === "ok" && others.length === 0) return null;
  return (
    <section
      className={`card clock-problems${compact ? " clock-problems-compact" : ""}`}
      data-testid="clock-problems"
      role="alert"
    >
      {!compact && <h2>{t("clocks.title")}</h2>}
      <ul className="clock-problem-list">
        {own.state !== "ok" && (
          <li className="clock-problem clock-problem-own" data-testid="clock-problem-own" data-state={own.state}>
            <strong>
              {own.state === "wrong"
                ? t("clocks.ownWrong", { date: own.reads })
                : t(own.state === "ahead" ? "clocks.ownAhead" : "clocks.ownBehind", { gap: gap(own.ahead_secs) })}
            </strong>
            {!compact && <p className="muted">{t("clocks.ownFix")}</p>}
          </li>
        )}
        {others.map((c) => {
          const name = c.name || c.user_name || t("clocks.unknownDevice");
          return (
            <li key={c.device_id} className="clock-problem" data-testid="clock-problem" data-device={c.device_id}>
              <strong>{t(c.ahead_secs >= 0 ? "clocks.otherAhead" : "clocks.otherBehind", { name, gap: gap(c.ahead_secs) })}</strong>
              {!compact && (
                <p className="muted">
                  {c.held_changes > 0 ? t("clocks.otherHeld", { count: c.held_changes }) : t("clocks.otherFix")}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
