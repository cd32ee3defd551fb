// Team time for care and Today: Asia/Seoul, whatever zone the computer is in.
// Dates are "YYYY-MM-DD" strings; instants cross IPC as RFC 3339.
import { formatDate } from "../../format";
import type { Lang } from "../../i18n/lang";

export const TEAM_ZONE = "Asia/Seoul";

const dayParts = new Intl.DateTimeFormat("en-US", {
  timeZone: TEAM_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

const clock = new Intl.DateTimeFormat("en-GB", {
  timeZone: TEAM_ZONE,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function parseInstant(value: string): Date | null {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The Korean calendar date of an instant, "YYYY-MM-DD". */
export function kstDate(instant: Date | string): string {
  const d = typeof instant === "string" ? parseInstant(instant) : instant;
  if (!d) return "";
  const parts = Object.fromEntries(dayParts.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Today's date in Korea (the default delivery date). */
export function kstToday(now: Date = new Date()): string {
  return kstDate(now);
}

/** "14:00" on a clock in Korea; unreadable text is shown as is. */
export function kstClock(instant: string): string {
  const d = parseInstant(instant);
  return d ? clock.format(d) : instant;
}

/** "2026-12-01" + 3 -> "2026-12-04" (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return d.toISOString().slice(0, 10);
}

/** "2026년 12월 1일 화요일" / "Tuesday 1 December 2026" for a YYYY-MM-DD date. */
export function longDate(date: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(lang === "ko" ? "ko-KR" : "en-GB", { dateStyle: "full", timeZone: "UTC" }).format(d);
}

/** An instant as "2026.12.01 14:00" (ko) / "1 Dec 2026 14:00" (en), Korea time. */
export function kstDateTime(instant: string, lang: Lang): string {
  const day = kstDate(instant);
  return day ? `${formatDate(day, lang)} ${kstClock(instant)}` : instant;
}
