import { useTranslation } from "react-i18next";
import { changeLang, useLang } from "../i18n";
import { isLang, LANGS } from "../i18n/lang";

export function LanguageSwitch({ testId = "lang-switch", id }: { testId?: string; id?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <select
      id={id}
      className="lang-switch"
      value={lang}
      aria-label={t("app.language")}
      data-testid={testId}
      onChange={(e) => {
        if (isLang(e.target.value)) void changeLang(e.target.value);
      }}
    >
      {LANGS.map((l) => (
        <option key={l} value={l}>
          {t(`lang.${l}`)}
        </option>
      ))}
    </select>
  );
}
