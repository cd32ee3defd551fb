import { useId } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { About } from "./About";
import { AppInfoSection } from "./AppInfoSection";
import { BackupsSection } from "./backups/BackupsSection";
import { CareSettingsSection } from "./CareSettingsSection";
import { DataSection } from "./DataSection";
import { Diagnostics } from "./Diagnostics";
import { EmailSection } from "./EmailSection";
import { LotsSection } from "./LotsSection";
import { MailboxSection } from "./MailboxSection";
import { ProfileSection } from "./ProfileSection";
import { SpaceSection } from "./SpaceSection";
import { SyncSection } from "./SyncSection";
import { TeamSection } from "./TeamSection";
import { TimeZoneSection } from "./TimeZoneSection";
import { ScreenHeader } from "../../components/ScreenHeader";

export function Settings() {
  const { t } = useTranslation();
  const langId = useId();
  return (
    <div className="screen screen-narrow" data-testid="settings">
      <ScreenHeader
        title={t("settings.title")}
      />
      <section className="card" data-testid="settings-language">
        <h2>
          <label htmlFor={langId}>{t("settings.language")}</label>
        </h2>
        <p className="muted">{t("settings.languageHint")}</p>
        <LanguageSwitch id={langId} testId="settings-lang" />
      </section>
      <TimeZoneSection />
      <ProfileSection />
      <EmailSection />
      <MailboxSection />
      <SyncSection />
      <BackupsSection />
      <SpaceSection />
      <TeamSection />
      <CareSettingsSection />
      <LotsSection />
      <DataSection />
      <AppInfoSection />
      <About />
      <Diagnostics />
    </div>
  );
}
