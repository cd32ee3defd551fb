export type Lang = "ko" | "en";

export const LANGS: readonly Lang[] = ["ko", "en"];

const STORAGE_KEY = "lotbook.lang";

export function isLang(v: unknown): v is Lang {
  return v === "ko" || v === "en";
}

/** The saved choice, else Korean for Korean systems and English otherwise. */
export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLang(saved)) return saved;
  } catch {
    // storage can be unavailable; the system language still decides
  }
  const nav = typeof navigator === "undefined" ? "" : navigator.language || "";
  return nav.toLowerCase().startsWith("ko") ? "ko" : "en";
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not persisting is acceptable; the switch still works for this session
  }
}
