// The team's clock and the one date format of each language: every day and
// time a person reads is in the team's time zone (a team setting, Korea by
// default), never the computer's own. Dates are "YYYY-MM-DD" strings, times
// "HH:MM"; instants cross IPC as RFC 3339. Functions that need the zone or
// "now" take them (defaulting to the team's zone and the clock), so tests
// can pass both.
//
// Forms, decided once:
//   date        2026.12.05            5 Dec 2026
//   short day   12월 5일              5 Dec            (the year is implied;
//                                                      another year: the date)
//   long day    2026년 12월 5일 토요일  Saturday 5 December 2026
//   month       2026년 12월            Dec 2026
//   date time   2026.12.05 14:00      5 Dec 2026 14:00
import type { Lang } from "./i18n/lang";

export const DEFAULT_ZONE = "Asia/Seoul";
/** The team setting holding the zone (src/time.rs ZONE_KEY). */
export const ZONE_KEY = "team.time_zone";

/** The zones Settings offers (src/time.rs ZONES; any IANA name works). */
export const ZONES: readonly string[] = [
  "Asia/Seoul",
  "Asia/Tokyo",
  "Asia/Shanghai",
  "Asia/Singapore",
  "Asia/Ho_Chi_Minh",
  "Australia/Sydney",
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "UTC",
];

let teamZone = DEFAULT_ZONE;

/** The zone every formatter uses unless given one; set from the team setting. */
export function setTeamZone(zone: string | null | undefined): void {
  teamZone = zone && isZone(zone) ? zone : DEFAULT_ZONE;
}

export function getTeamZone(): string {
  return teamZone;
}

export function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const DAY_MS = 24 * 60 * 60_000;
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_EN_LONG = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const WEEKDAYS_KO = ["월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"];

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

// ---- calendar dates (no zone involved) ----

function dateParts(date: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return null;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** A calendar date at UTC midnight, only for date arithmetic. */
function dateToUtc(date: string): Date {
  const p = dateParts(date);
  if (!p) return new Date(NaN);
  return new Date(Date.UTC(p[0], p[1] - 1, p[2]));
}

function utcToDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function isDate(s: string): boolean {
  const p = /^\d{4}-\d{2}-\d{2}$/.test(s) ? dateParts(s) : null;
  if (!p) return false;
  const d = dateToUtc(s);
  return d.getUTCMonth() === p[1] - 1 && d.getUTCDate() === p[2];
}

export function isTime(s: string): boolean {
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  return m !== null && Number(m[1]) < 24 && Number(m[2]) < 60;
}

/** "2026-12-01" + 3 -> "2026-12-04"; unreadable text stays as it is. */
export function addDays(date: string, n: number): string {
  const d = dateToUtc(date);
  return Number.isNaN(d.getTime()) ? date : utcToDate(new Date(d.getTime() + n * DAY_MS));
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

/** Snaps minutes to the nearest multiple of `step`. */
export function snap(minutes: number, step = 15): number {
  return Math.round(minutes / step) * step;
}

// ---- instants in the team's zone ----

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(zone: string): Intl.DateTimeFormat {
  let f = partsFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    partsFormats.set(zone, f);
  }
  return f;
}

/** The parts of an instant as read on a clock in the team's zone. */
export type ZonedParts = {
  /** "YYYY-MM-DD" */
  date: string;
  /** "HH:MM" */
  time: string;
  /** Minutes since 00:00. */
  minutes: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
};

function toDate(instant: string | Date): Date | null {
  const d = typeof instant === "string" ? new Date(instant) : instant;
  return Number.isNaN(d.getTime()) ? null : d;
}

function wallClock(ms: number, zone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const p: Record<string, number> = {};
  for (const part of partsFormat(zone).formatToParts(new Date(ms))) {
    if (part.type !== "literal") p[part.type] = Number(part.value);
  }
  return { y: p.year ?? 1970, mo: p.month ?? 1, d: p.day ?? 1, h: (p.hour ?? 0) % 24, mi: p.minute ?? 0, s: p.second ?? 0 };
}

/** Minutes east of UTC the zone's clocks show at an instant. */
export function offsetMinutes(ms: number, zone: string = teamZone): number {
  const w = wallClock(ms, zone);
  const asUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

export function zonedParts(instant: string | Date, zone: string = teamZone): ZonedParts {
  const d = toDate(instant);
  if (!d) return { date: "", time: "", minutes: 0, weekday: 0 };
  const w = wallClock(d.getTime(), zone);
  const date = `${w.y}-${pad(w.mo)}-${pad(w.d)}`;
  return { date, time: `${pad(w.h)}:${pad(w.mi)}`, minutes: w.h * 60 + w.mi, weekday: weekdayOf(date) };
}

/** The team's calendar date of an instant, "YYYY-MM-DD" ("" when unreadable). */
export function zonedDate(instant: string | Date, zone: string = teamZone): string {
  return zonedParts(instant, zone).date;
}

/** Today's date in the team's zone. */
export function todayDate(now: Date = new Date(), zone: string = teamZone): string {
  return zonedDate(now, zone);
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const a = Math.abs(minutes);
  return `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/**
 * "2026-12-05" + "12:00" in the team's zone -> "2026-12-05T12:00:00+09:00".
 * A time that a daylight-saving jump skips moves past the gap.
 */
export function zonedRfc3339(date: string, time: string, zone: string = teamZone): string {
  const p = dateParts(date) ?? [1970, 1, 1];
  const wall = Date.UTC(p[0], p[1] - 1, p[2], Math.floor(timeToMinutes(time) / 60), timeToMinutes(time) % 60);
  // The offsets in force a day either side; the instant whose clock shows the
  // wall time (the earlier of two in an overlap), else the later candidate
  // (a gap: read with the offset before the jump), as src/time.rs does.
  const offsets = [offsetMinutes(wall - DAY_MS, zone), offsetMinutes(wall + DAY_MS, zone)];
  const candidates = [...new Set(offsets)].map((o) => wall - o * 60_000).sort((x, y) => x - y);
  const wanted = `${date.slice(0, 10)} ${time}`;
  const shows = (ms: number) => {
    const z = zonedParts(new Date(ms), zone);
    return `${z.date} ${z.time}` === wanted;
  };
  const ms = candidates.find(shows) ?? candidates[candidates.length - 1] ?? wall;
  const back = zonedParts(new Date(ms), zone);
  return `${back.date}T${back.time}:00${offsetText(offsetMinutes(ms, zone))}`;
}

/** A team-zone date plus minutes from its midnight (may run past either end of the day). */
export function zonedAt(date: string, minutes: number, zone: string = teamZone): string {
  const dayShift = Math.floor(minutes / 1440);
  return zonedRfc3339(addDays(date, dayShift), minutesToTime(minutes - dayShift * 1440), zone);
}

/** Now, to the minute, as RFC 3339 in the team's zone. */
export function nowRfc3339(now: Date = new Date(), zone: string = teamZone): string {
  const p = zonedParts(now, zone);
  return zonedRfc3339(p.date, p.time, zone);
}

// ---- how dates and times read ----

/** "2024-03-05" -> "2024.03.05" (ko) or "5 Mar 2024" (en); anything else as it is. */
export function formatDate(date: string | null | undefined, lang: Lang): string {
  if (!date) return "";
  const p = dateParts(date);
  if (!p) return date;
  const [y, mo, d] = p;
  if (lang === "ko") return `${y}.${pad(mo)}.${pad(d)}`;
  return `${d} ${MONTHS_EN[mo - 1] ?? mo} ${y}`;
}

/** "12월 5일" / "5 Dec" when the year is `thisYear` (or not given), else the full date. */
export function formatDay(date: string, lang: Lang, thisYear?: number): string {
  const p = dateParts(date);
  if (!p) return date;
  const [y, mo, d] = p;
  if (thisYear !== undefined && y !== thisYear) return formatDate(date, lang);
  return lang === "ko" ? `${mo}월 ${d}일` : `${d} ${MONTHS_EN[mo - 1] ?? mo}`;
}

/** "2026년 12월" / "Dec 2026". */
export function formatMonth(date: string, lang: Lang): string {
  const p = dateParts(date);
  if (!p) return date;
  return lang === "ko" ? `${p[0]}년 ${p[1]}월` : `${MONTHS_EN[p[1] - 1] ?? p[1]} ${p[0]}`;
}

/** "2026년 12월 5일 토요일" / "Saturday 5 December 2026". */
export function formatLongDate(date: string, lang: Lang): string {
  const p = dateParts(date);
  if (!p) return date;
  const [y, mo, d] = p;
  const wd = weekdayOf(date);
  if (lang === "ko") return `${y}년 ${mo}월 ${d}일 ${WEEKDAYS_KO[wd] ?? ""}`;
  return `${WEEKDAYS_EN[wd] ?? ""} ${d} ${MONTHS_EN_LONG[mo - 1] ?? mo} ${y}`;
}

/** "14:00" in the team's zone; unreadable text as it is. */
export function formatTime(instant: string, zone: string = teamZone): string {
  return toDate(instant) ? zonedParts(instant, zone).time : instant;
}

const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Date and minutes: "2026.12.05 14:00" / "5 Dec 2026 14:00". An instant
 * (RFC 3339) is read in the team's zone; a plain "YYYY-MM-DD HH:MM:SS" was
 * written in the team's zone already (backups) and is shown as it is.
 */
export function formatDateTime(value: string | null | undefined, lang: Lang, zone: string = teamZone): string {
  if (!value) return "";
  let s = value;
  if (HAS_ZONE.test(value) && toDate(value)) {
    const p = zonedParts(value, zone);
    s = `${p.date} ${p.time}`;
  }
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})/.exec(s);
  if (!m) return formatDate(s, lang);
  return `${formatDate(m[1] ?? "", lang)} ${m[2]}:${m[3]}`;
}

/** An instant for tight spaces: "14:02" today, else the short day ("12월 1일"). */
export function formatClock(value: string, lang: Lang, now: Date = new Date(), zone: string = teamZone): string {
  if (!toDate(value)) return value;
  const p = zonedParts(value, zone);
  const day = todayDate(now, zone);
  return p.date === day ? p.time : formatDay(p.date, lang, Number(day.slice(0, 4)));
}

/** An instant as "12월 1일 14:02" / "1 Dec 14:02", another year's with its year. */
export function formatShortDateTime(value: string, lang: Lang, now: Date = new Date(), zone: string = teamZone): string {
  if (!toDate(value)) return value;
  const p = zonedParts(value, zone);
  return `${formatDay(p.date, lang, Number(todayDate(now, zone).slice(0, 4)))} ${p.time}`;
}

/** The zone's short name for a label: "한국 시간" / "Korea time", else the IANA name. */
export function zoneLabel(zone: string, lang: Lang): string {
  if (zone === DEFAULT_ZONE) return lang === "ko" ? "한국 시간" : "Korea time";
  return zone.replace(/_/g, " ");
}

// ---- reading what a person types (the pickers) ----

/** "월".."일" / "Mon".."Sun", Monday first. */
export function weekdayNames(lang: Lang): string[] {
  return lang === "ko" ? ["월", "화", "수", "목", "금", "토", "일"] : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
}

function monthFromName(name: string): number | null {
  const i = MONTHS_EN.findIndex((m) => name.toLowerCase().startsWith(m.toLowerCase()));
  return i < 0 ? null : i + 1;
}

function ymd(y: number, mo: number, d: number): string | null {
  const s = `${String(y).padStart(4, "0")}-${pad(mo)}-${pad(d)}`;
  return isDate(s) ? s : null;
}

/**
 * A typed date as "YYYY-MM-DD", or null. Reads either language's format
 * whatever the UI's ("2026.12.05", "2026-12-05", "20261205", "2026년 12월 5일",
 * "5 Dec 2026", "Dec 5, 2026"); without a year ("12.5", "12월 5일", "5 Dec")
 * the year of `ref` ("YYYY-MM-DD", usually today). Slash dates are refused:
 * 12/05 means May to some and December to others.
 */
export function parseDateText(text: string, ref: string = todayDate()): string | null {
  const s = text.trim().replace(/\s+/g, " ");
  if (!s) return null;
  const year = Number(ref.slice(0, 4));
  let m = /^(\d{4})\s?[-.]\s?(\d{1,2})\s?[-.]\s?(\d{1,2})\.?$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(?:(\d{4})\s?년\s?)?(\d{1,2})\s?월\s?(\d{1,2})\s?일?(?:\s?\S+요일)?$/.exec(s);
  if (m) return ymd(m[1] ? Number(m[1]) : year, Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\s?\.\s?(\d{1,2})\.?$/.exec(s);
  if (m) return ymd(year, Number(m[1]), Number(m[2]));
  // English: an optional weekday, then "5 Dec 2026" or "Dec 5, 2026".
  const en = s.replace(/^[a-z]+day,?\s/i, "");
  m = /^(\d{1,2})\s([a-z]+)\.?,?(?:\s(\d{4}))?$/i.exec(en);
  if (m) {
    const mo = monthFromName(m[2] ?? "");
    return mo ? ymd(m[3] ? Number(m[3]) : year, mo, Number(m[1])) : null;
  }
  m = /^([a-z]+)\.?\s(\d{1,2})(?:st|nd|rd|th)?,?(?:\s(\d{4}))?$/i.exec(en);
  if (m) {
    const mo = monthFromName(m[1] ?? "");
    return mo ? ymd(m[3] ? Number(m[3]) : year, mo, Number(m[2])) : null;
  }
  return null;
}

/**
 * A typed time as "HH:MM" (24 h), or null: "14:00", "1400", "9", "9.30",
 * "2:30 pm", "오후 2시 30분".
 */
export function parseTimeText(text: string): string | null {
  let s = text.trim().toLowerCase().replace(/\s+/g, " ");
  if (!s) return null;
  let pm: boolean | null = null;
  const ampm = /^(오전|오후)\s?|\s?(am|pm|a\.m\.|p\.m\.)$/.exec(s);
  if (ampm) {
    pm = ampm[1] === "오후" || (ampm[2] ?? "").startsWith("p");
    s = s.replace(ampm[0], "").trim();
  }
  s = s.replace(/\s?시\s?/, ":").replace(/\s?분$/, "").replace(/:$/, "");
  let m = /^(\d{1,2})(?:[:.](\d{1,2}))?$/.exec(s);
  if (!m && /^\d{3,4}$/.test(s)) m = /^(\d{1,2})(\d{2})$/.exec(s);
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2] ?? "0");
  if (pm !== null) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (pm ? 12 : 0);
  }
  if (h > 23 || min > 59) return null;
  return `${pad(h)}:${pad(min)}`;
}
