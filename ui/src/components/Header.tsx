import { useTranslation } from "react-i18next";
import { useAppInfo } from "../queries";
import { LanguageSwitch } from "./LanguageSwitch";
import { SyncIndicator } from "./SyncIndicator";

export function Header() {
  const { t } = useTranslation();
  const info = useAppInfo();
  const me = info.data?.me;
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-name">{t("app.name")}</span>
        <span className="brand-tagline">{t("app.tagline")}</span>
      </div>
      <div className="header-right">
        <SyncIndicator />
        <span className="me" data-testid="me-name" title={t("app.me")}>
          {me ? me.name : info.isSuccess ? t("app.noMe") : ""}
        </span>
        <LanguageSwitch />
      </div>
    </header>
  );
}
