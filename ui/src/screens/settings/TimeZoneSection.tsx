// The team's time zone: every date and time in the app, the email and the
// files is read on this clock, whatever the computer's own zone.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { api, toApiError } from "../../api";
import { useLang } from "../../i18n";
import { DEFAULT_ZONE, formatTime, ZONE_KEY, ZONES, zoneLabel } from "../../time";
import { useTeamZone } from "../../useTeamZone";

export function TimeZoneSection() {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const qc = useQueryClient();
  const zone = useTeamZone();
  const save = useMutation({
    mutationFn: (z: string) => api.setTeamSetting(ZONE_KEY, z === DEFAULT_ZONE ? "" : z),
    // Every day and time on every screen changes.
    onSuccess: () => void qc.invalidateQueries(),
  });
  const options = ZONES.includes(zone) ? ZONES : [zone, ...ZONES];
  const now = new Date().toISOString();
  return (
    <section className="card" data-testid="settings-time-zone">
      <h2>
        <label htmlFor={id}>{t("settings.timeZone")}</label>
      </h2>
      <p className="muted">{t("settings.timeZoneHint")}</p>
      <select
        id={id}
        value={zone}
        disabled={save.isPending}
        onChange={(e) => save.mutate(e.target.value)}
        data-testid="settings-time-zone-select"
      >
        {options.map((z) => (
          <option key={z} value={z}>
            {zoneLabel(z, lang)} ({formatTime(now, z)})
          </option>
        ))}
      </select>
      {save.isError && (
        <p className="field-error" role="alert">
          {toApiError(save.error).message}
        </p>
      )}
    </section>
  );
}
