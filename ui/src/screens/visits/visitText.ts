// How a booking reads: who, which day, which hours (always Korea time).
import type { TFunction } from "i18next";
import { toApiError } from "../../api";
import type { Visit } from "../../bindings/Visit";
import type { Lang } from "../../i18n/lang";
import { formatDay, formatTime, weekdayOf, zonedParts } from "../../time";

export const DAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

export function weekdayName(date: string, t: TFunction): string {
  return t(`visits.days.${DAY_KEYS[weekdayOf(date)] ?? "mon"}`);
}

/** "12월 5일 (토)" / "Sat 5 Dec". */
export function dayTitle(date: string, lang: Lang, t: TFunction): string {
  return t("visits.dayTitle", { day: formatDay(date, lang), weekday: weekdayName(date, t) });
}

/** The customer's name, or "비워 둔 시간" for blocked time. */
export function visitWho(v: Visit, t: TFunction): string {
  if (v.kind === "blocked") return t("visits.blocked");
  return v.customer_name || t("visits.noCustomer");
}

/** "12:00–13:00" in Korea time. */
export function visitSpan(v: Visit, t: TFunction): string {
  return t("visits.timeRange", { start: formatTime(v.start_at), end: formatTime(v.end_at) });
}

/** "이준혁 12월 5일 (토) 12:00–16:00", for warnings and lists. */
export function visitLine(v: Visit, lang: Lang, t: TFunction): string {
  return `${visitWho(v, t)} ${dayTitle(zonedParts(v.start_at).date, lang, t)} ${visitSpan(v, t)}`;
}

export function isVisitConflict(e: unknown): boolean {
  return toApiError(e).code === "visit_conflict";
}
