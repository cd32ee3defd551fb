import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { api, toApiError, type ApiError } from "../../../api";
import type { ImportProgress } from "../../../bindings/ImportProgress";
import type { ImportSummary } from "../../../bindings/ImportSummary";
import { invalidateCovers, keys } from "../../../queries";

/** While running: its job id, the last progress heard (none yet at the start), and whether cancel was asked. */
export type RunningImport = { jobId: string; progress: ImportProgress | null; cancelling: boolean };

// New photos show up in the grid while a long import runs, at most this often.
const REFRESH_MS = 1_000;

/** One import at a time into one vehicle: start, progress, cancel, and the summary at the end. */
export function usePhotoImport(vehicleId: string) {
  const qc = useQueryClient();
  const [running, setRunning] = useState<RunningImport | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const lastRefresh = useRef({ at: 0, imported: 0 });

  const refreshPhotos = () => qc.invalidateQueries({ queryKey: keys.photos(vehicleId) });

  const heard = (jobId: string, p: ImportProgress) => {
    setRunning((r) => (r && r.jobId === jobId ? { ...r, progress: p } : r));
    const now = Date.now();
    if (p.imported > lastRefresh.current.imported && now - lastRefresh.current.at >= REFRESH_MS) {
      lastRefresh.current = { at: now, imported: p.imported };
      void refreshPhotos();
    }
  };

  const start = async (paths: string[]) => {
    if (running || paths.length === 0) return;
    const jobId = crypto.randomUUID();
    setRunning({ jobId, progress: null, cancelling: false });
    setSummary(null);
    setError(null);
    lastRefresh.current = { at: Date.now(), imported: 0 };
    try {
      setSummary(await api.importPhotos(vehicleId, paths, jobId, (p) => heard(jobId, p)));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setRunning(null);
      void refreshPhotos();
      void invalidateCovers(qc, vehicleId);
    }
  };

  const cancel = async () => {
    if (!running) return;
    setRunning({ ...running, cancelling: true });
    try {
      await api.cancelImport(running.jobId);
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return {
    running,
    summary,
    error,
    start,
    cancel,
    dismiss: () => {
      setSummary(null);
      setError(null);
    },
  };
}
