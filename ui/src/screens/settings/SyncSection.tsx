import { useTranslation } from "react-i18next";
import { useNav } from "../../navigation";

/** The way to Settings › Sync, which has a page of its own (the header's sync light opens it too). */
export function SyncSection() {
  const { t } = useTranslation();
  const nav = useNav();
  return (
    <section className="card" data-testid="settings-sync">
      <div className="card-head">
        <h2>{t("sync.title")}</h2>
        <button type="button" className="btn" onClick={() => nav.go({ name: "sync" })} data-testid="settings-open-sync">
          {t("sync.open")}
        </button>
      </div>
      <p className="muted">{t("sync.settingsHint")}</p>
    </section>
  );
}
