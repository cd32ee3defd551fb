// Team settings of the calendar and after-sale care: the gap kept between two
// bookings of a dealer, and when buyers are contacted after delivery.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, toApiError } from "../../api";
import { Field, TextField } from "../../components/Field";
import { ErrorState, Loading } from "../../components/QueryState";
import { careKeys, keys } from "../../queries";
import { BUFFER_KEY, SCHEDULE_KEY, useCareErrorText } from "../care/careText";
import { parseSchedule, ScheduleEditor, scheduleText, type Step } from "./ScheduleEditor";

export const DEFAULT_BUFFER_MINUTES = "30";
export const DEFAULT_SCHEDULE = "3d,1m,6m,1y";

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
  const [buffer, setBuffer] = useState(storedBuffer);
  const [steps, setSteps] = useState<Step[]>(() => parseSchedule(storedSchedule));

  const save = useMutation({
    mutationFn: async (v: { buffer: string; schedule: string }) => {
      // Only what changed, so a mistake in one does not hold up the other twice.
      if (v.buffer !== storedBuffer) await api.setTeamSetting(BUFFER_KEY, v.buffer);
      if (v.schedule !== storedSchedule) await api.setTeamSetting(SCHEDULE_KEY, v.schedule);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.teamSetting(BUFFER_KEY) });
      void qc.invalidateQueries({ queryKey: keys.teamSetting(SCHEDULE_KEY) });
      // Which bookings clash depends on the gap.
      void qc.invalidateQueries({ queryKey: ["visits"] });
      void qc.invalidateQueries({ queryKey: careKeys.today });
    },
  });
  const err = save.error ? toApiError(save.error) : null;
  const errAt = (field: string) => (err?.field === field ? errorText(err) : undefined);
  const otherError = err && err.field !== BUFFER_KEY && err.field !== SCHEDULE_KEY ? err : null;
  const edited = () => {
    if (save.isError || save.isSuccess) save.reset();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!save.isPending) save.mutate({ buffer: buffer.trim(), schedule: scheduleText(steps) });
  };

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="care-settings-form">
      <div className="grid">
        <TextField
          name={BUFFER_KEY}
          label={t("care.settings.buffer")}
          value={buffer}
          onChange={(v) => {
            setBuffer(v);
            edited();
          }}
          error={errAt(BUFFER_KEY)}
          hint={t("care.settings.bufferHint")}
          numeric
          unit={t("emailSettings.minutesUnit")}
          placeholder={DEFAULT_BUFFER_MINUTES}
          testId="buffer-minutes"
        />
        <Field name={SCHEDULE_KEY} label={t("care.settings.schedule")} error={errAt(SCHEDULE_KEY)} hint={t("care.settings.scheduleHint")} wide>
          {(c) => (
            <ScheduleEditor
              firstId={c.id}
              steps={steps}
              onChange={(next) => {
                setSteps(next);
                edited();
              }}
            />
          )}
        </Field>
      </div>
      {otherError && (
        <p className="banner banner-error" role="alert" data-testid="care-settings-error">
          {errorText(otherError)}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="care-settings-save">
          {save.isPending ? t("common.saving") : t("common.save")}
        </button>
        {save.isSuccess && (
          <span className="saved-note" role="status" data-testid="care-settings-saved">
            {t("care.settings.saved")}
          </span>
        )}
      </div>
    </form>
  );
}
