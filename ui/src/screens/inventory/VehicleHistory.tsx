// The vehicle page's "who changed what": newest first, the latest few, more on request.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FieldChange } from "../../bindings/FieldChange";
import { ErrorState, Loading } from "../../components/QueryState";
import { formatShortDateTime } from "../../time";
import { useLang } from "../../i18n";
import { useLots, useRecordHistory } from "../../queries";
import { HIDDEN_COLUMNS, useColumnLabel, useValueText } from "./historyText";

/** Entries shown before "more". */
export const HISTORY_SHOWN = 5;

export function VehicleHistory({ vehicleId }: { vehicleId: string }) {
  const { t } = useTranslation();
  const history = useRecordHistory("vehicles", vehicleId);
  const [all, setAll] = useState(false);
  const entries = (history.data ?? []).filter((c) => !HIDDEN_COLUMNS.has(c.column));
  const shown = all ? entries : entries.slice(0, HISTORY_SHOWN);
  const hidden = entries.length - shown.length;

  return (
    <section className="card record-history" data-testid="record-history">
      <h2>{t("history.title")}</h2>
      {history.isPending ? (
        <Loading />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : entries.length === 0 ? (
        <p className="muted" data-testid="record-history-empty">
          {t("history.empty")}
        </p>
      ) : (
        <>
          <ul className="history-list">
            {shown.map((c, i) => (
              <HistoryEntry key={`${c.at}-${c.column}-${i}`} change={c} />
            ))}
          </ul>
          {entries.length > HISTORY_SHOWN && (
            <button type="button" className="btn-link" onClick={() => setAll(!all)} data-testid="record-history-more">
              {all ? t("history.less") : t("history.more", { count: hidden })}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function HistoryEntry({ change: c }: { change: FieldChange }) {
  const { t } = useTranslation();
  const lang = useLang();
  const lots = useLots();
  const label = useColumnLabel();
  const valueText = useValueText(lang, lots.data ?? []);
  const next = valueText(c.column, c.value);
  const before = c.replaced === null ? null : valueText(c.column, c.replaced);
  const meta = [c.by, formatShortDateTime(c.at, lang)].filter((s) => s.trim() !== "");
  return (
    <li className="history-entry" data-testid="history-entry" data-column={c.column}>
      <span className="history-field">{label(c.column)}</span>:{" "}
      {before !== null && (
        <>
          <span className="history-value history-old" title={before}>
            {before}
          </span>
          {" → "}
        </>
      )}
      <span className="history-value history-new" title={next}>
        {next}
      </span>
      {meta.length > 0 && <span className="muted small"> · {meta.join(" · ")}</span>}
      {c.replaced_other && (
        <span className="history-other" title={t("history.replacedOtherHint")} data-testid="history-replaced-other">
          {t("history.replacedOther")}
        </span>
      )}
    </li>
  );
}
