// Words of the import screen that are worked out, not looked up.
import type { TFunction } from "i18next";
import type { SheetImportReport } from "../../api";

export function newJobId(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `import-${Date.now()}-${Math.random()}`;
}

/** "12대 새로, 3대 수정" / "5명 새로, 1명 수정, 2명 건너뜀". */
export function reportText(t: TFunction, r: SheetImportReport): string {
  if ("recalls" in r) {
    const codes = r.recalls.map((c) => c.code).join(", ");
    return t("import.doneRecalls", { ...r, codes });
  }
  if ("skipped" in r) {
    return t("import.doneCustomers", { inserted: r.inserted, updated: r.updated, skipped: r.skipped });
  }
  const base = t("import.doneVehicles", { inserted: r.inserted, updated: r.updated });
  return r.lots_created.length > 0 ? `${base} ${t("import.lotsCreated", { lots: r.lots_created.join(", ") })}` : base;
}
