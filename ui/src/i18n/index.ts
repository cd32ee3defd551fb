import i18n from "i18next";
import { initReactI18next, useTranslation } from "react-i18next";
import { en } from "./en";
import { ko } from "./ko";
import { initialLang, isLang, saveLang, type Lang } from "./lang";

export const resources = { ko: { translation: ko }, en: { translation: en } } as const;

export function initI18n(lang: Lang = initialLang()): typeof i18n {
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources,
      lng: lang,
      fallbackLng: "en",
      // Resources are bundled, so start synchronously: the first paint is already translated.
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  } else {
    void i18n.changeLanguage(lang);
  }
  setDocumentLang(lang);
  return i18n;
}

function setDocumentLang(lang: Lang): void {
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}

export async function changeLang(lang: Lang): Promise<void> {
  saveLang(lang);
  setDocumentLang(lang);
  await i18n.changeLanguage(lang);
}

/** The current UI language, re-rendering on a switch. */
export function useLang(): Lang {
  const { i18n: inst } = useTranslation();
  const lng = inst.resolvedLanguage ?? inst.language;
  return isLang(lng) ? lng : "en";
}

export { i18n };
export type { Lang };
