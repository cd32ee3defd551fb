import { useTranslation } from "react-i18next";
import { sectionOf, useNav, type Section } from "../navigation";

const LIVE: Section[] = ["today", "inquiries", "customers", "inventory", "outbox", "visits", "care"];
/** Sections not built yet: shown greyed out with "coming soon". */
const SOON: Section[] = [];

export function Sidebar() {
  const { t } = useTranslation();
  const nav = useNav();
  const current = sectionOf(nav.route);
  const item = (s: Section) => (
    <li key={s}>
      <button
        type="button"
        className={`nav-item${current === s ? " active" : ""}`}
        aria-current={current === s ? "page" : undefined}
        onClick={() => nav.reset({ name: s })}
        data-testid={`nav-${s}`}
      >
        {t(`nav.${s}`)}
      </button>
    </li>
  );
  return (
    <nav className="sidebar" aria-label={t("nav.main")}>
      <ul>
        {LIVE.map(item)}
        {SOON.map((s) => (
          <li key={s}>
            <button type="button" className="nav-item" disabled data-testid={`nav-${s}`}>
              <span>{t(`nav.${s}`)}</span>
              <span className="soon">{t("nav.comingSoon")}</span>
            </button>
          </li>
        ))}
      </ul>
      <ul className="sidebar-bottom">{item("settings")}</ul>
    </nav>
  );
}
