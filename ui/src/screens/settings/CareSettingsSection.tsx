// Team settings of the calendar and after-sale care: the gap kept between two
// bookings of a dealer, and when buyers are contacted after delivery.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { Field, TextField } from "../../components/Field";
import { ErrorState, Loading } from "../../components/QueryState";
import { FormError } from "../../forms/FormParts";
import { useDraftForm, type DraftCheck } from "../../forms/useDraftForm";
import { careKeys, keys } from "../../queries";
import { BUFFER_KEY, SCHEDULE_KEY, useCareErrorText } from "../care/careText";
import { parseSchedule, ScheduleEditor, scheduleText, type Step } from "./ScheduleEditor";

export const DEFAULT_BUFFER_MINUTES = "30";
export const DEFAULT_SCHEDULE = "3d,1m,6m,1y";
/** The form's fields, as the core names them (its setting keys). */
const CARE_FIELDS: ReadonlySet<string> = new Set([BUFFER_KEY, SCHEDULE_KEY]);
type CareDraft = { buffer: string; steps: Step[] };
type CareSave = { buffer: string; schedule: string };

export function CareSettingsSection() {
  const { t } = useTranslation();
  const buffer = useQuery({ queryKey: keys.teamSetting(BUFFER_KEY), queryFn: () => api.teamSetting(BUFFER_KEY) });
  const schedule = useQuery({ queryKey: keys.teamSetting(SCHEDULE_KEY), queryFn: () => api.teamSetting(SCHEDULE_KEY) });
  const failed = buffer.isError ? buffer : schedule.isError ? schedule : null;
  return (
    <section className="card" data-testid="settings-care">
      <h2>{t("care.settings.title")}</h2>
      <p className="muted">{t("care.settings.hint")}</p>
      {buffer.isPending || schedule.isPending ? (
        <Loading />
      ) : failed ? (
        <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
      ) : (
        <CareSettingsForm
          key={`${buffer.data ?? ""}|${schedule.data ?? ""}`}
          storedBuffer={buffer.data ?? DEFAULT_BUFFER_MINUTES}
          storedSchedule={schedule.data ?? DEFAULT_SCHEDULE}
        />
      )}
    </section>
  );
}

function CareSettingsForm({ storedBuffer, storedSchedule }: { storedBuffer: string; storedSchedule: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorText = useCareErrorText();
  const form = useDraftForm({
    initial: { buffer: storedBuffer, steps: parseSchedule(storedSchedule) } as CareDraft,
    fields: CARE_FIELDS,
    fieldOf: (key: keyof CareDraft) => (key === "buffer" ? BUFFER_KEY : SCHEDULE_KEY),
    check: (d: CareDraft): DraftCheck<CareSave> => ({ ok: true, input: { buffer: d.buffer.trim(), schedule: scheduleText(d.steps) } }),
    save: async (v: CareSave) => {
      // Only what changed, so a mistake in one does not hold up the other twice.
      if (v.buffer !== storedBuffer) await api.setTeamSetting(BUFFER_KEY, v.buffer);
      if (v.schedule !== storedSchedule) await api.setTeamSetting(SCHEDULE_KEY, v.schedule);
    },
    onSaved: () => {
      void qc.invalidateQueries({ queryKey: keys.teamSetting(BUFFER_KEY) });
      void qc.invalidateQueries({ queryKey: keys.teamSetting(SCHEDULE_KEY) });
      // Which bookings clash depends on the gap.
      void qc.invalidateQueries({ queryKey: ["visits"] });
      void qc.invalidateQueries({ queryKey: careKeys.today });
    },
    errorText,
  });
  const { formRef, draft, set, err, submit, saving, saved } = form;

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate data-testid="care-settings-form">
      <div className="grid">
        <TextField
          name={BUFFER_KEY}
          label={t("care.settings.buffer")}
          value={draft.buffer}
          onChange={(v) => set("buffer", v)}
          error={err(BUFFER_KEY)}
          hint={t("care.settings.bufferHint")}
          numeric
          unit={t("emailSettings.minutesUnit")}
          placeholder={DEFAULT_BUFFER_MINUTES}
          testId="buffer-minutes"
        />
        <Field name={SCHEDULE_KEY} label={t("care.settings.schedule")} error={err(SCHEDULE_KEY)} hint={t("care.settings.scheduleHint")} wide>
          {(c) => (
            <ScheduleEditor
              firstId={c.id}
              steps={draft.steps}
              onChange={(next) => set("steps", next)}
            />
          )}
        </Field>
      </div>
      <FormError message={form.formError} testId="care-settings-error" />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving} data-testid="care-settings-save">
          {saving ? t("common.saving") : t("common.save")}
        </button>
        {saved && (
          <span className="saved-note" role="status" data-testid="care-settings-saved">
            {t("care.settings.saved")}
          </span>
        )}
      </div>
    </form>
  );
}
