// What the dealer tells the buyer of a car with an open recall: the sale
// confirmation and the condition report's print page say the same words.
import type { TFunction } from "i18next";
import type { CarRecall } from "../../bindings/CarRecall";
import type { Lang } from "../../bindings/Lang";
import { formatDate } from "../../time";

export function buyerNotice(t: TFunction, lang: Lang, r: CarRecall): string {
  const parts = [t("recalls.buyerText", { title: r.title || r.code, code: r.code })];
  if (r.remedy) parts.push(t("recalls.buyerRemedy", { remedy: r.remedy }));
  if (r.deadline) parts.push(t("recalls.buyerDeadline", { date: formatDate(r.deadline, lang) }));
  parts.push(t("recalls.buyerWhere"));
  return parts.join(" ");
}
