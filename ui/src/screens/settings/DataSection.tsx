// Settings › Data: each kind to a spreadsheet, and "take everything with you" (one folder of open formats).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, toApiError } from "../../api";
import type { Export } from "../../bindings/Export";
import type { ExportAllProgress } from "../../bindings/ExportAllProgress";
import type { ExportAllReport } from "../../bindings/ExportAllReport";
import { ExportButtons } from "../../components/ExportButtons";
import { useErrorText } from "../../errors";
import { useLang } from "../../i18n";

const KINDS: Export[] = ["vehicles", "customers", "sales", "visits", "inquiries"];

function newJobId(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `export-${Date.now()}-${Math.random()}`;
}

type State =
  | { kind: "idle" }
  | { kind: "running"; jobId: string; progress: ExportAllProgress | null }
  | { kind: "done"; report: ExportAllReport }
  | { kind: "cancelled" }
  | { kind: "failed"; error: unknown };

export function DataSection() {
  const { t } = useTranslation();
  return (
    <section className="card" data-testid="settings-data">
      <h2>{t("exports.dataTitle")}</h2>
      <p className="muted">{t("exports.dataHint")}</p>
      <div className="export-list">
        {KINDS.map((k) => (
          <ExportButtons key={k} kind={k} />
        ))}
      </div>
      <TakeEverything />
    </section>
  );
}

export function TakeEverything() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const lang = useLang();
  const [state, setState] = useState<State>({ kind: "idle" });
  const [openError, setOpenError] = useState<unknown>(null);

  const start = async () => {
    setOpenError(null);
    let parent: string | null;
    try {
      parent = await api.pickExportFolder();
    } catch (error) {
      setState({ kind: "failed", error });
      return;
    }
    if (!parent) return;
    const jobId = newJobId();
    setState({ kind: "running", jobId, progress: null });
    try {
      const report = await api.exportAll(parent, lang, jobId, (progress) =>
        setState((s) => (s.kind === "running" && s.jobId === jobId ? { ...s, progress } : s)),
      );
      setState({ kind: "done", report });
    } catch (error) {
      setState(toApiError(error).code === "cancelled" ? { kind: "cancelled" } : { kind: "failed", error });
    }
  };

  const open = async (path: string) => {
    try {
      await api.openExportFolder(path);
    } catch (e) {
      setOpenError(e);
    }
  };

  const running = state.kind === "running" ? state : null;
  const pct = running?.progress && running.progress.total > 0 ? Math.round((running.progress.done / running.progress.total) * 100) : 0;
  return (
    <div className="take-everything" data-testid="take-everything">
      <h3>{t("exports.allTitle")}</h3>
      <p className="muted">{t("exports.allHint")}</p>
      <button type="button" className="btn btn-primary" disabled={!!running} onClick={() => void start()} data-testid="take-everything-start">
        {t("exports.allStart")}
      </button>
      {running && (
        <div className="take-progress" data-testid="take-everything-progress">
          <span data-testid="take-everything-step">
            {running.progress
              ? t("exports.stepProgress", {
                  step: t(`exports.step.${running.progress.step}`),
                  done: running.progress.done,
                  total: running.progress.total,
                })
              : t("exports.starting")}
          </span>
          <progress max={100} value={pct} aria-label={t("exports.allTitle")} />
          <button type="button" className="btn" onClick={() => void api.cancelExportAll(running.jobId)} data-testid="take-everything-cancel">
            {t("common.cancel")}
          </button>
        </div>
      )}
      {state.kind === "done" && (
        <div className="banner banner-calm" role="status" data-testid="take-everything-done">
          <p>
            {t("exports.done", {
              vehicles: state.report.vehicles,
              customers: state.report.customers,
              photos: state.report.photos,
              reports: state.report.condition_reports,
              emails: state.report.emails,
              visits: state.report.visits,
            })}
          </p>
          {state.report.photos_missing > 0 && (
            <p data-testid="take-everything-missing">{t("exports.missingPhotos", { count: state.report.photos_missing })}</p>
          )}
          {state.report.emails_not_kept + state.report.emails_missing > 0 && (
            <p data-testid="take-everything-not-kept">
              {t("exports.notKeptEmails", { count: state.report.emails_not_kept + state.report.emails_missing })}
            </p>
          )}
          <p className="mono" data-testid="take-everything-path">
            {state.report.path}
          </p>
          <button type="button" className="btn" onClick={() => void open(state.report.path)} data-testid="take-everything-open">
            {t("exports.openFolder")}
          </button>
          {openError !== null && (
            <p className="field-error" role="alert">
              {errorText(openError)}
            </p>
          )}
        </div>
      )}
      {state.kind === "cancelled" && (
        <p className="banner banner-note" data-testid="take-everything-cancelled">
          {t("exports.cancelled")}
        </p>
      )}
      {state.kind === "failed" && (
        <p className="field-error" role="alert" data-testid="take-everything-error">
          {errorText(state.error)}
        </p>
      )}
    </div>
  );
}
