// Team time for the calendar: Asia/Seoul (UTC+9, no daylight saving), whatever
// the computer's own time zone is. Dates are "YYYY-MM-DD" strings and times
// "HH:MM" strings in Korea time; instants cross IPC as RFC 3339.

export const KST_OFFSET_MINUTES = 9 * 60;
const OFFSET_MS = KST_OFFSET_MINUTES * 60_000;
const DAY_MS = 24 * 60 * 60_000;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** A calendar date at UTC midnight, only for date arithmetic. */
function dateToUtc(date: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function utcToDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function isDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(dateToUtc(s).getTime());
}

export function isTime(s: string): boolean {
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  return m !== null && Number(m[1]) < 24 && Number(m[2]) < 60;
}

/** "2026-12-05" + "12:00" -> "2026-12-05T12:00:00+09:00". */
export function kstRfc3339(date: string, time: string): string {
  return `${date}T${time}:00+09:00`;
}

/** The parts of an instant as read on a clock in Korea. */
export type KstParts = {
  /** "YYYY-MM-DD" */
  date: string;
  /** "HH:MM" */
  time: string;
  /** Minutes since 00:00 Korea time. */
  minutes: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
};

export function kstParts(instant: string | Date): KstParts {
  const ms = (typeof instant === "string" ? new Date(instant) : instant).getTime();
  const shifted = new Date(ms + OFFSET_MS);
  const h = shifted.getUTCHours();
  const min = shifted.getUTCMinutes();
  return {
    date: utcToDate(shifted),
    time: `${pad(h)}:${pad(min)}`,
    minutes: h * 60 + min,
    weekday: (shifted.getUTCDay() + 6) % 7,
  };
}

/** Today's date in Korea. */
export function todayKst(now: Date = new Date()): string {
  return kstParts(now).date;
}

/** Now, to the minute, as RFC 3339 in Korea time. */
export function nowKst(now: Date = new Date()): string {
  const p = kstParts(now);
  return kstRfc3339(p.date, p.time);
}

export function addDays(date: string, n: number): string {
  return utcToDate(new Date(dateToUtc(date).getTime() + n * DAY_MS));
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(date: string): number {
  return (dateToUtc(date).getUTCDay() + 6) % 7;
}

/** The Monday of the week holding `date` (weeks start on Monday). */
export function weekStart(date: string): string {
  return addDays(date, -weekdayOf(date));
}

/** The seven dates Monday…Sunday of the week holding `date`. */
export function weekDates(date: string): string[] {
  const monday = weekStart(date);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((dateToUtc(b).getTime() - dateToUtc(a).getTime()) / DAY_MS);
}

/** 750 -> "12:30" (wraps past midnight). */
export function minutesToTime(m: number): string {
  const total = ((Math.round(m) % 1440) + 1440) % 1440;
  return `${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
}

/** "12:30" -> 750. */
export function timeToMinutes(time: string): number {
  const [h = "0", m = "0"] = time.split(":");
  return Number(h) * 60 + Number(m);
}

/**
 * A Korea-time date plus minutes from its midnight (may run past either end
 * of the day) -> RFC 3339 in Korea time.
 */
export function kstAt(date: string, minutes: number): string {
  const dayShift = Math.floor(minutes / 1440);
  return kstRfc3339(addDays(date, dayShift), minutesToTime(minutes - dayShift * 1440));
}

/** "HH:MM" in Korea of an RFC 3339 instant. */
export function formatKstTime(instant: string): string {
  return kstParts(instant).time;
}

/** Snaps minutes to the nearest multiple of `step`. */
export function snap(minutes: number, step = 15): number {
  return Math.round(minutes / step) * step;
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "12월 5일" (ko) or "5 Dec" (en). */
export function formatKstDay(date: string, lang: "ko" | "en"): string {
  const [, mo = "1", d = "1"] = date.split("-");
  return lang === "ko" ? `${Number(mo)}월 ${Number(d)}일` : `${Number(d)} ${MONTHS_EN[Number(mo) - 1] ?? mo}`;
}

/** "2026년 12월" / "Dec 2026" for the toolbar. */
export function formatKstMonth(date: string, lang: "ko" | "en"): string {
  const [y = "", mo = "1"] = date.split("-");
  return lang === "ko" ? `${y}년 ${Number(mo)}월` : `${MONTHS_EN[Number(mo) - 1] ?? mo} ${y}`;
}
