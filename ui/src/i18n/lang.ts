export type Lang = "ko" | "en";

export const LANGS: readonly Lang[] = ["ko", "en"];

const STORAGE_KEY = "lotbook.lang";

export function isLang(v: unknown): v is Lang {
  return v === "ko" || v === "en";
}

/**
 * The choice saved on this computer; else the language the app was started
 * in (LOTBOOK_LANG, which the demo command sets to Korean); else Korean for a
 * Korean system and English otherwise.
 */
export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLang(saved)) return saved;
  } catch {
    // storage can be unavailable; the system language still decides
  }
  const started = (globalThis as { __LOTBOOK_LANG__?: unknown }).__LOTBOOK_LANG__;
  if (isLang(started)) return started;
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
