// Sold cars' photos archived into this computer's backup location (issue 20):
// the team setting (off until the dealer turns it on), what is archived
// here, a preview of what archiving now frees, and "지금 보관" with progress
// and a cancel.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, toApiError } from "../../api";
import type { ArchiveProgress } from "../../bindings/ArchiveProgress";
import type { ArchiveReport } from "../../bindings/ArchiveReport";
import type { ArchiveStatus } from "../../bindings/ArchiveStatus";
import { useErrorText } from "../../errors";
import { formatBytes } from "../../format";
import { keys } from "../../queries";
import { newJobId } from "../import/importText";

export const ARCHIVE_KEY = "photos.archive_sold_after_days";
const OFF = "off";
const DAYS = ["90", "180", "365"];

type Run =
  | { kind: "idle" }
  | { kind: "running"; jobId: string; progress: ArchiveProgress | null }
  | { kind: "done"; report: ArchiveReport }
  | { kind: "failed"; error: unknown };

export function ArchiveSection({ status }: { status: ArchiveStatus }) {
  const { t } = useTranslation();
  const id = useId();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [run, setRun] = useState<Run>({ kind: "idle" });
  const setting = useQuery({ queryKey: keys.teamSetting(ARCHIVE_KEY), queryFn: () => api.teamSetting(ARCHIVE_KEY) });
  const save = useMutation({
    mutationFn: (v: string) => api.setTeamSetting(ARCHIVE_KEY, v === OFF ? "" : v),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.teamSetting(ARCHIVE_KEY) });
      void qc.invalidateQueries({ queryKey: keys.spaceReport });
    },
  });
  const chosen = setting.data && DAYS.includes(setting.data) ? setting.data : OFF;
  const plan = status.plan;

  const start = async () => {
    const jobId = newJobId();
    setRun({ kind: "running", jobId, progress: null });
    try {
      const report = await api.archivePhotos(jobId, (progress) =>
        setRun((r) => (r.kind === "running" ? { ...r, progress } : r)),
      );
      setRun({ kind: "done", report });
    } catch (error) {
      setRun({ kind: "failed", error });
    }
    void qc.invalidateQueries({ queryKey: keys.spaceReport });
    void qc.invalidateQueries({ queryKey: ["archived_photos"] });
  };

  return (
    <div data-testid="settings-archive">
      <h3>
        <label htmlFor={id}>{t("settings.space.archive")}</label>
      </h3>
      <select
        id={id}
        value={chosen}
        disabled={save.isPending || setting.isPending || run.kind === "running"}
        onChange={(e) => save.mutate(e.target.value)}
        data-testid="settings-archive-days"
      >
        <option value={OFF}>{t("settings.space.archiveOff")}</option>
        {DAYS.map((d) => (
          <option key={d} value={d}>
            {t("settings.space.archiveDays", { days: d })}
          </option>
        ))}
      </select>
      <p className="muted">{t("settings.space.archiveHint")}</p>
      {save.isError && (
        <p className="field-error" role="alert">
          {toApiError(save.error).message}
        </p>
      )}
      {status.archived > 0 && (
        <p data-testid="space-archived">
          <strong>{t("settings.space.archived")}</strong>{" "}
          {t("settings.space.archivedNote", {
            count: status.archived,
            held: formatBytes(status.archived_bytes),
            freed: formatBytes(status.freed),
          })}
        </p>
      )}
      {status.after_days !== null && (
        <>
          <p data-testid="space-archive-preview">
            {plan.photos > 0
              ? t("settings.space.archivePreview", {
                  count: plan.photos,
                  cars: plan.vehicles,
                  bytes: formatBytes(plan.bytes),
                })
              : t("settings.space.archiveNothing")}
            {plan.waiting > 0 && <> {t("settings.space.archiveWaiting", { count: plan.waiting })}</>}
          </p>
          <div className="form-actions">
            {run.kind === "running" ? (
              <>
                <span data-testid="space-archiving" aria-live="polite">
                  {t("settings.space.archiving", { done: run.progress?.done ?? 0, total: run.progress?.total ?? plan.photos })}
                </span>
                <button type="button" className="btn btn-small" onClick={() => void api.cancelArchive(run.jobId)} data-testid="space-archive-cancel">
                  {t("settings.space.archiveCancel")}
                </button>
              </>
            ) : (
              <button
                type="button"
                className="btn btn-small"
                disabled={plan.photos === 0}
                onClick={() => void start()}
                data-testid="space-archive-now"
              >
                {t("settings.space.archiveNow")}
              </button>
            )}
          </div>
        </>
      )}
      {run.kind === "done" && (
        <p className="banner" role="status" data-testid="space-archive-done">
          {run.report.cancelled
            ? t("settings.space.archiveCancelled")
            : t("settings.space.archiveDone", { count: run.report.photos, freed: formatBytes(run.report.freed) })}
          {run.report.refused.length > 0 && (
            <>
              {" "}
              {t("settings.space.archiveRefused", { count: run.report.refused.length, first: run.report.refused[0] })}
            </>
          )}
        </p>
      )}
      {run.kind === "failed" && (
        <p className="banner banner-error" role="alert">
          {errorText(run.error)}
        </p>
      )}
    </div>
  );
}
