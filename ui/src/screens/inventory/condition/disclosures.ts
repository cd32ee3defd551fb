// A report's disclosures (the core's one list: history and items marked for
// attention) in the app's words. The core words the same codes for the email.
import type { TFunction } from "i18next";
import type { Disclosure } from "../../../bindings/Disclosure";
import type { Labels } from "./labels";

export type Tone = "danger" | "warn" | "ok";

/** Items and worn tyres: listed one by one, counted in the summary. */
export function isItem(d: Disclosure): boolean {
  return d.code === "item" || d.code === "tyre_worn";
}

/** Red for what changes a car's worth or safety, amber for what a buyer should know, green for a done recall. */
export function tone(d: Disclosure): Tone {
  switch (d.code) {
    case "flood":
    case "fire":
    case "odometer_faulty":
    case "vin_check":
      return "danger";
    case "tuning":
      return d.value === "illegal" ? "danger" : "warn";
    case "recall":
      return d.value === "pending" ? "danger" : "ok";
    default:
      return "warn";
  }
}

/** One history finding in words: "렌트 사용 이력" / "Former rental car". */
export function historyText(d: Disclosure, t: TFunction): string {
  switch (d.code) {
    case "flood":
      return t(`condition.disclosure.flood.${d.value}`);
    case "fire":
      return t("condition.disclosure.fire");
    case "use_history":
      return t(`condition.disclosure.use_history.${d.value}`);
    case "odometer_faulty":
      return t("condition.disclosure.odometer_faulty");
    case "vin_check":
      return t("condition.disclosure.vin_check", { value: t(`condition.vinCheck.${d.value}`) });
    case "tuning":
      return t(`condition.disclosure.tuning.${d.value}`);
    case "recall":
      return t(`condition.disclosure.recall.${d.value}`);
    case "color_changed":
      return t("condition.disclosure.color_changed");
    case "item":
    case "tyre_worn":
      return "";
  }
}

/** One item marked for attention: "원동기 · 오일누유: 실린더 커버: 미세누유". */
export function itemText(d: Disclosure, t: TFunction, labels: Labels): string {
  if (d.code === "tyre_worn") return t("condition.disclosure.tyre", { part: labels.part(d.key), mm: d.mm });
  if (d.code !== "item") return "";
  const info = labels.catalog.items.find((i) => i.key === d.key);
  const section = info ? `${labels.section(info.section)} · ` : "";
  return `${section}${labels.part(d.key)}: ${labels.state(d.key, d.value)}`;
}
