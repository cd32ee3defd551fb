import { useTranslation } from "react-i18next";
import type { ApiError } from "../../../api";
import type { ImportItem } from "../../../bindings/ImportItem";
import type { ImportSummary } from "../../../bindings/ImportSummary";
import { useErrorText } from "../../../errors";
import { ko } from "../../../i18n/ko";
import { fileName } from "./order";
import type { RunningImport } from "./usePhotoImport";

type Props = {
  running: RunningImport | null;
  summary: ImportSummary | null;
  error: ApiError | null;
  onCancel: () => void;
  onDismiss: () => void;
};

/** The import under way (bar, counts, current file, cancel), then its summary with each refused file. */
export function ImportPanel({ running, summary, error, onCancel, onDismiss }: Props) {
  if (running) return <Running run={running} onCancel={onCancel} />;
  if (error) return <Failed error={error} onDismiss={onDismiss} />;
  if (summary) return <Summary summary={summary} onDismiss={onDismiss} />;
  return null;
}

function Running({ run, onCancel }: { run: RunningImport; onCancel: () => void }) {
  const { t } = useTranslation();
  const p = run.progress;
  const text = p
    ? [t("photoImport.progress", { done: p.done, total: p.total }), p.current].filter(Boolean).join(" · ")
    : t("photoImport.importing");
  const percent = p && p.total > 0 ? Math.round((p.done / p.total) * 100) : 0;
  return (
    <div className="import-panel" aria-busy="true">
      <div
        className="import-progress"
        role="progressbar"
        aria-label={t("photoImport.importing")}
        aria-valuemin={0}
        aria-valuemax={p?.total ?? undefined}
        aria-valuenow={p?.done ?? undefined}
        aria-valuetext={text}
        data-testid="import-progress"
      >
        <div className="import-bar">
          <div className={`import-bar-fill${p ? "" : " is-waiting"}`} style={{ width: p ? `${percent}%` : undefined }} />
        </div>
        <span className="import-text">{text}</span>
      </div>
      <button type="button" className="btn btn-small" onClick={onCancel} disabled={run.cancelling} data-testid="import-cancel">
        {run.cancelling ? t("photoImport.cancelling") : t("common.cancel")}
      </button>
    </div>
  );
}

function Summary({ summary, onDismiss }: { summary: ImportSummary; onDismiss: () => void }) {
  const { t } = useTranslation();
  const p = summary.progress;
  const refused = summary.items.filter((i) => i.result.kind === "refused");
  return (
    <div className="import-panel import-done" role="status" data-testid="import-summary">
      <div className="import-summary-body">
        <p className="import-counts">
          {t("photoImport.summary", { imported: p.imported, duplicates: p.duplicates, refused: p.refused })}
        </p>
        {summary.cancelled && <p className="muted">{t("photoImport.cancelled")}</p>}
        {!summary.cancelled && p.total === 0 && <p className="muted">{t("photoImport.noFiles")}</p>}
        {refused.length > 0 && (
          <>
            <p className="import-refused-title">{t("photoImport.refusedTitle")}</p>
            <ul className="import-refused-list">
              {refused.map((item, i) => (
                <RefusedItem key={`${item.path}-${i}`} item={item} />
              ))}
            </ul>
          </>
        )}
      </div>
      <button type="button" className="btn btn-small" onClick={onDismiss} data-testid="import-dismiss">
        {t("photoImport.dismiss")}
      </button>
    </div>
  );
}

type RefusalCode = keyof typeof ko.photoRefusal;

function isRefusalCode(code: string): code is RefusalCode {
  return Object.prototype.hasOwnProperty.call(ko.photoRefusal, code);
}

/** The file's name and the reason in the dealer's language; the core's own words (naming the file) under it. */
function RefusedItem({ item }: { item: ImportItem }) {
  const { t } = useTranslation();
  if (item.result.kind !== "refused") return null;
  const { code, message } = item.result;
  return (
    <li data-testid="import-refused" data-code={code}>
      {isRefusalCode(code) ? (
        <>
          <span className="cell-strong">{fileName(item.path)}</span> — {t(`photoRefusal.${code}`)}
          <span className="state-detail import-refused-detail">{message}</span>
        </>
      ) : (
        message
      )}
    </li>
  );
}

function Failed({ error, onDismiss }: { error: ApiError; onDismiss: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const localised = errorText(error);
  return (
    <div className="import-panel banner-error" role="alert" data-testid="import-error">
      <div className="import-summary-body">
        <p>{localised}</p>
        {localised !== error.message && <p className="state-detail">{error.message}</p>}
      </div>
      <button type="button" className="btn btn-small" onClick={onDismiss}>
        {t("photoImport.dismiss")}
      </button>
    </div>
  );
}
