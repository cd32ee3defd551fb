import type { TFunction } from "i18next";
import type { Wants } from "../../bindings/Wants";
import { formatMileage, formatPrice } from "../../format";
import type { Lang } from "../../i18n/lang";

/** One line a dealer reads at a glance: "SM520, SM5 · 2010~2015년식 · 1,000만원 이하". */
export function wantsText(w: Wants, t: TFunction, lang: Lang): string {
  const parts: string[] = [];
  if (w.models.length) parts.push(w.models.join(", "));
  if (w.year_min !== null && w.year_max !== null) parts.push(t("customer.yearRange", { from: w.year_min, to: w.year_max }));
  else if (w.year_min !== null) parts.push(t("customer.yearFrom", { year: w.year_min }));
  else if (w.year_max !== null) parts.push(t("customer.yearTo", { year: w.year_max }));
  if (w.budget_max_krw !== null) parts.push(t("customer.upTo", { value: formatPrice(w.budget_max_krw, lang) }));
  if (w.mileage_max_km !== null) parts.push(t("customer.upTo", { value: formatMileage(w.mileage_max_km) }));
  if (w.fuel) parts.push(t(`fuel.${w.fuel}`));
  if (w.color.trim()) parts.push(w.color);
  return parts.join(" · ");
}
