// How numbers read for a Korean dealer (and in English); dates and times are in time.ts.
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

/** A file size for people: 1.2 GB, 340 MB, 12 KB (decimal units, as file managers show). */
export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const shown = unit === 0 || value >= 100 ? Math.round(value).toString() : value.toFixed(1);
  return `${shown} ${units[unit]}`;
}
