// A car whose photos are archived in this computer's backup location (issue
// 20): says so, and "보관한 사진 되살리기" brings them back with progress.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import type { UnarchiveProgress } from "../../../bindings/UnarchiveProgress";
import type { UnarchiveReport } from "../../../bindings/UnarchiveReport";
import { useErrorText } from "../../../errors";
import { keys } from "../../../queries";
import { newJobId } from "../../import/importText";

type Run =
  | { kind: "idle" }
  | { kind: "running"; jobId: string; progress: UnarchiveProgress | null }
  | { kind: "done"; report: UnarchiveReport }
  | { kind: "failed"; error: unknown };

type Props = { vehicleId: string; count: number; elsewhere: number };

export function ArchivedPhotos({ vehicleId, count, elsewhere }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [run, setRun] = useState<Run>({ kind: "idle" });
  if (count === 0 && elsewhere === 0 && run.kind !== "done") return null;

  const start = async () => {
    const jobId = newJobId();
    setRun({ kind: "running", jobId, progress: null });
    try {
      const report = await api.unarchiveVehicle(vehicleId, jobId, (progress) =>
        setRun((r) => (r.kind === "running" ? { ...r, progress } : r)),
      );
      setRun({ kind: "done", report });
    } catch (error) {
      setRun({ kind: "failed", error });
    }
    void qc.invalidateQueries({ queryKey: keys.archivedPhotos(vehicleId) });
    void qc.invalidateQueries({ queryKey: keys.photos(vehicleId) });
    void qc.invalidateQueries({ queryKey: keys.spaceReport });
  };

  return (
    <div className="banner" role="status" data-testid="gallery-archived">
      {count > 0 && <p>{t("gallery.archivedNote", { count })}</p>}
      {elsewhere > 0 && <p data-testid="gallery-archived-elsewhere">{t("gallery.archivedElsewhere", { count: elsewhere })}</p>}
      {run.kind === "done" && (
        <p data-testid="gallery-brought-back">
          {t("gallery.broughtBack", { count: run.report.restored })}
          {run.report.problems.length > 0 && (
            <>
              {" "}
              {t("gallery.bringBackProblems")} {run.report.problems.join("; ")}
            </>
          )}
        </p>
      )}
      {run.kind === "failed" && <p className="field-error">{errorText(run.error)}</p>}
      {count > 0 && (
        <div className="form-actions">
          {run.kind === "running" ? (
            <>
              <span aria-live="polite">
                {t("gallery.bringingBack", { done: run.progress?.done ?? 0, total: run.progress?.total ?? count })}
              </span>
              <button type="button" className="btn btn-small" onClick={() => void api.cancelArchive(run.jobId)}>
                {t("common.cancel")}
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-small btn-primary" onClick={() => void start()} data-testid="gallery-bring-back">
              {t("gallery.bringBack")}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
