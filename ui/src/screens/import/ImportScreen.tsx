// A spreadsheet import (Excel .xlsx/.xls or CSV) of vehicles or customers:
// choose the file, pick the sheet, see the first rows with how each column is
// understood (and change it: a field or "ignore"), every problem at the row
// Excel shows, the rows that are already customers, then import all or nothing
// with progress and cancel. The core checks exactly as the import will.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type ImportKind, type SheetImportReport } from "../../api";
import type { DuplicateAction } from "../../bindings/DuplicateAction";
import type { SheetImportProgress } from "../../bindings/SheetImportProgress";
import type { SheetPreview } from "../../bindings/SheetPreview";
import type { SheetRequest } from "../../bindings/SheetRequest";
import { useErrorText } from "../../errors";
import { useNav } from "../../navigation";
import { MappingTable } from "./MappingTable";
import { ProblemList } from "./ProblemList";
import { DuplicateList } from "./DuplicateList";
import { newJobId, reportText } from "./importText";
import { useTauriEvent } from "../../useTauriEvent";
import { ScreenHeader } from "../../components/ScreenHeader";

type Props = { kind: ImportKind };

export function ImportScreen({ kind }: Props) {
  const { t } = useTranslation();
  const nav = useNav();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [request, setRequest] = useState<SheetRequest | null>(null);
  const [preview, setPreview] = useState<SheetPreview | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [rowActions, setRowActions] = useState<Record<number, DuplicateAction>>({});
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<SheetImportProgress | null>(null);
  const [report, setReport] = useState<SheetImportReport | null>(null);
  // Recall files: the maker, whose column layout is remembered.
  const [maker, setMaker] = useState("");

  const load = async (next: SheetRequest) => {
    setRequest(next);
    setLoading(true);
    setError(null);
    setReport(null);
    try {
      setPreview(await api.previewImport(kind, next, maker));
    } catch (e) {
      setPreview(null);
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  const open = (path: string) => {
    setRowActions({});
    return load({ path, sheet: null, mapping: null, duplicates: "skip", row_actions: [] });
  };

  const choose = async () => {
    try {
      const path = await api.pickSpreadsheet(t("import.filterName"));
      if (path) await open(path);
    } catch (e) {
      setError(e);
    }
  };

  // A file dropped on the window is opened like a chosen one (not while importing).
  useTauriEvent("file-drop", (d) => {
    const path = d.type === "drop" ? d.paths[0] : undefined;
    if (path && jobId === null) void open(path);
  });

  const remap = (index: number, field: string | null) => {
    if (!request || !preview) return;
    const mapping = preview.columns.map((c) => (c.index === index ? field : c.field));
    void load({ ...request, mapping });
  };

  const run = async () => {
    if (!request) return;
    const id = newJobId();
    setJobId(id);
    setProgress(null);
    setError(null);
    const row_actions = Object.entries(rowActions).map(([row, action]) => ({ row: Number(row), action }));
    try {
      const done = await api.importSheet(kind, { ...request, row_actions }, id, setProgress, maker);
      setReport(done);
      void qc.invalidateQueries();
    } catch (e) {
      setError(e);
    } finally {
      setJobId(null);
    }
  };

  const blocked = !preview || preview.problems.length > 0 || preview.total_rows === 0 || loading;
  const back = () => nav.back();

  return (
    <div className="screen import-screen" data-testid="import-screen" data-kind={kind}>
      <ScreenHeader
        title={t(`import.title.${kind}`)}
        actions={
          <>
            <button type="button" className="btn" onClick={back} data-testid="import-back">
              {t("import.back")}
            </button>
          </>
        }
      />
      <p className="muted">{t(`import.intro.${kind}`)}</p>
      <p className="muted">{t("import.drop")}</p>

      {kind === "recalls" && (
        <label className="import-maker">
          {t("import.maker")}{" "}
          <input
            value={maker}
            onChange={(e) => setMaker(e.target.value)}
            onBlur={() => request && void load({ ...request, mapping: null })}
            placeholder={t("import.makerPlaceholder")}
            disabled={jobId !== null}
            data-testid="import-maker"
          />
        </label>
      )}
      <div className="import-file">
        <button type="button" className="btn btn-primary" onClick={() => void choose()} disabled={jobId !== null} data-testid="import-choose">
          {t("import.choose")}
        </button>
        {request && <span className="import-path" data-testid="import-path">{request.path}</span>}
        {preview && preview.sheets.length > 1 && (
          <label className="import-sheet">
            {t("import.sheet")}{" "}
            <select
              value={preview.sheet}
              onChange={(e) => request && void load({ ...request, sheet: e.target.value, mapping: null })}
              data-testid="import-sheet"
              disabled={jobId !== null}
            >
              {preview.sheets.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>

      {loading && <p className="muted" data-testid="import-loading">{t("import.reading")}</p>}
      {error !== null && (
        <div className="state state-error import-error" role="alert" data-testid="import-error">
          <p>{errorText(error)}</p>
          <ProblemList problems={problemsOf(error)} />
        </div>
      )}

      {preview && (
        <>
          <p data-testid="import-summary" data-total={preview.total_rows}>
            {t("import.rows", { count: preview.total_rows })}
            {preview.mapping_source === "remembered" && <span className="muted"> · {t("import.remembered")}</span>}
          </p>
          <MappingTable kind={kind} preview={preview} onRemap={remap} disabled={jobId !== null} />
          <ProblemList problems={preview.problems} />
          {kind === "customers" && preview.duplicates.length > 0 && request && (
            <DuplicateList
              duplicates={preview.duplicates}
              defaultAction={request.duplicates}
              onDefault={(duplicates) => setRequest({ ...request, duplicates })}
              rowActions={rowActions}
              onRow={(row, action) => setRowActions({ ...rowActions, [row]: action })}
            />
          )}
          <div className="import-actions">
            <button type="button" className="btn btn-primary" onClick={() => void run()} disabled={blocked || jobId !== null} data-testid="import-run">
              {t("import.run", { count: preview.total_rows })}
            </button>
            {jobId && (
              <>
                <progress max={progress?.total ?? 1} value={progress?.written ?? 0} data-testid="import-progress" />
                <span className="muted">{progress ? t("import.progress", { written: progress.written, total: progress.total }) : t("import.starting")}</span>
                <button type="button" className="btn" onClick={() => void api.cancelImport(jobId)} data-testid="import-cancel">
                  {t("import.cancel")}
                </button>
              </>
            )}
          </div>
        </>
      )}

      {report && (
        <p className="import-done" role="status" data-testid="import-done">
          {reportText(t, report)}
        </p>
      )}
    </div>
  );
}

function problemsOf(e: unknown) {
  return typeof e === "object" && e !== null && "problems" in e && Array.isArray((e as { problems: unknown }).problems)
    ? (e as { problems: SheetPreview["problems"] }).problems
    : [];
}
