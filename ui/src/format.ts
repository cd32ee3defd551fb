// How numbers and dates read for a Korean dealer (and in English).
import type { Lang } from "./i18n/lang";

/** The unit a price is typed in: 만원 in the Korean UI, won in English. */
export type PriceUnit = "manwon" | "won";

export function priceUnit(lang: Lang): PriceUnit {
  return lang === "ko" ? "manwon" : "won";
}

/** 1234567 -> "1,234,567"; keeps a decimal part as given. */
export function groupThousands(n: number | string): string {
  const s = String(n);
  const neg = s.startsWith("-");
  const [int = "", frac] = (neg ? s.slice(1) : s).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (neg ? "-" : "") + grouped + (frac !== undefined ? "." + frac : "");
}

/**
 * Korean: in 만원 as dealers quote, with at most one decimal (12,345,000 ->
 * "1,234.5만원"); amounts above 1억 stay in 만원 ("12,500만원") so a column of
 * prices compares at a glance. English: full won ("₩12,500,000").
 */
export function formatPrice(won: number, lang: Lang): string {
  if (lang === "en") return "₩" + groupThousands(Math.round(won));
  const tenths = Math.round(won / 1000);
  const whole = Math.trunc(tenths / 10);
  const decimal = Math.abs(tenths % 10);
  const sign = tenths < 0 && whole === 0 ? "-" : "";
  return sign + groupThousands(whole) + (decimal ? "." + decimal : "") + "만원";
}

export function formatMileage(km: number): string {
  return groupThousands(Math.round(km)) + " km";
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2024-03-05" -> "2024.03.05" (ko) or "5 Mar 2024" (en); anything else is shown as is. */
export function formatDate(iso: string | null, lang: Lang): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  if (lang === "ko") return `${y}.${mo}.${d}`;
  return `${Number(d)} ${MONTHS[Number(mo) - 1] ?? mo} ${y}`;
}

/**
 * Date and minutes. Strings with a zone (RFC 3339) are shown in local time;
 * plain "YYYY-MM-DD HH:MM:SS" is already local.
 */
export function formatDateTime(value: string | null, lang: Lang): string {
  if (!value) return "";
  let s = value;
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) s = localIso(d) + " " + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})/.exec(s);
  if (!m) return formatDate(s, lang);
  return `${formatDate(m[1] ?? "", lang)} ${m[2]}:${m[3]}`;
}

function parseInstant(value: string): Date | null {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

function hhmm(d: Date): string {
  return pad(d.getHours()) + ":" + pad(d.getMinutes());
}

/** "12월 1일" (ko) or "1 Dec" (en), with the year when it is not this year's. */
function dayMonth(d: Date, lang: Lang, now: Date): string {
  const year = d.getFullYear() !== now.getFullYear() ? d.getFullYear() : null;
  if (lang === "ko") return (year !== null ? `${year}년 ` : "") + `${d.getMonth() + 1}월 ${d.getDate()}일`;
  return `${d.getDate()} ${MONTHS[d.getMonth()] ?? ""}` + (year !== null ? ` ${year}` : "");
}

/**
 * An RFC 3339 instant as a short local time for tight spaces: "14:02" today,
 * else the day ("12월 1일"). Unreadable text is shown as is.
 */
export function formatClock(value: string, lang: Lang, now: Date = new Date()): string {
  const d = parseInstant(value);
  if (!d) return value;
  return sameDay(d, now) ? hhmm(d) : dayMonth(d, lang, now);
}

/** An RFC 3339 instant as "12월 1일 14:02" (ko) or "1 Dec 14:02" (en), local time; the year only when it differs. */
export function formatShortDateTime(value: string, lang: Lang, now: Date = new Date()): string {
  const d = parseInstant(value);
  if (!d) return value;
  return `${dayMonth(d, lang, now)} ${hhmm(d)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function localIso(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Today's local date as YYYY-MM-DD (the default stock date). */
export function todayIso(now: Date = new Date()): string {
  return localIso(now);
}

const PRICE_NOISE = /[\s,₩]|만원|원|won|krw/gi;

/**
 * Reads a typed price: null when empty, NaN when not a number, else whole won.
 * "1,250" in 만원 -> 12,500,000; "1234.5" 만원 -> 12,345,000.
 */
export function parsePrice(text: string, unit: PriceUnit): number | null {
  const s = text.replace(PRICE_NOISE, "");
  if (s === "") return null;
  if (!/^-?\d+(\.\d+)?$/.test(s)) return NaN;
  const n = Number(s);
  return Math.round(unit === "manwon" ? n * 10_000 : n);
}

/** The text a price input shows for a value in won (no rounding loss). */
export function priceToText(won: number | null, unit: PriceUnit): string {
  if (won === null || Number.isNaN(won)) return "";
  if (unit === "won") return groupThousands(won);
  // Integer arithmetic in strings avoids 0.1-style float artefacts.
  const neg = won < 0;
  const digits = String(Math.abs(Math.round(won))).padStart(5, "0");
  const int = digits.slice(0, -4);
  const frac = digits.slice(-4).replace(/0+$/, "");
  return (neg ? "-" : "") + groupThousands(int) + (frac ? "." + frac : "");
}

/** Reads a whole number (year, km): null when empty, NaN when not a whole number. */
export function parseWhole(text: string): number | null {
  const s = text.replace(/[\s,]|km/gi, "");
  if (s === "") return null;
  if (!/^-?\d+$/.test(s)) return NaN;
  return Number(s);
}

/** "무사고, 1인소유" -> ["무사고", "1인소유"] (tags, wanted models); a full-width comma counts too. */
export function splitList(text: string): string[] {
  return text
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}
