// Names of panels, items, sections and states in the current language, from
// the core's catalogue (the UI keeps no list of its own).
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { ConditionCatalog } from "../../../bindings/ConditionCatalog";
import type { Mark } from "../../../bindings/Mark";
import type { StateSet } from "../../../bindings/StateSet";
import { useLang } from "../../../i18n";
import { useConditionCatalog } from "../../../queries";

export type Labels = {
  catalog: ConditionCatalog;
  panel: (key: string) => string;
  /** A panel, an item or a tyre (`tyre.fl`): what a photo can be linked to. */
  part: (key: string) => string;
  section: (key: string) => string;
  mark: (mark: Mark) => string;
  markColor: (mark: Mark) => string;
  /** The codes an item of this set can take, best first. */
  codes: (set: StateSet) => string[];
  /** An item's state code in words; coolant leaks read 누수, not 누유. */
  state: (itemKey: string, code: string) => string;
};

function named<T extends { key: string; ko: string; en: string }>(list: T[], lang: "ko" | "en"): Map<string, string> {
  return new Map(list.map((x) => [x.key, lang === "ko" ? x.ko : x.en]));
}

export function makeLabels(catalog: ConditionCatalog, lang: "ko" | "en", t: (key: string) => string): Labels {
  const panels = named(catalog.panels, lang);
  const items = named(catalog.items, lang);
  const sections = named(catalog.sections, lang);
  const tyres = named(catalog.tyres, lang);
  const marks = new Map(catalog.marks.map((m) => [m.mark, m]));
  const sets = new Map(catalog.state_sets.map((s) => [s.set, s.codes]));
  return {
    catalog,
    panel: (key) => panels.get(key) ?? key,
    part: (key) => {
      const tyre = key.startsWith("tyre.") ? tyres.get(key.slice(5)) : undefined;
      if (tyre) return `${t("condition.tyre")} ${tyre}`;
      return panels.get(key) ?? items.get(key) ?? key;
    },
    section: (key) => sections.get(key) ?? key,
    mark: (mark) => {
      const m = marks.get(mark);
      return m ? (lang === "ko" ? m.ko : m.en) : mark;
    },
    markColor: (mark) => marks.get(mark)?.color ?? "#455a64",
    codes: (set) => sets.get(set) ?? [],
    state: (itemKey, code) => {
      const coolant = itemKey.includes("coolant") && (code === "minor" || code === "leak");
      return t(`condition.state.${coolant ? `${code}Water` : code}`);
    },
  };
}

/** Labels once the catalogue has loaded (null before). */
export function useLabels(): Labels | null {
  const { t } = useTranslation();
  const lang = useLang();
  const catalog = useConditionCatalog();
  return useMemo(
    () => (catalog.data ? makeLabels(catalog.data, lang, (k) => t(k as never)) : null),
    [catalog.data, lang, t],
  );
}
