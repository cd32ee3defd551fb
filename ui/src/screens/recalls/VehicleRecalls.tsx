// The car page's recalls: each record with its state; an open one is
// closed as done (day, who) or not applicable (why), a closed one opened again.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { CarRecall } from "../../bindings/CarRecall";
import type { RecallState } from "../../bindings/RecallState";
import { DateInput } from "../../components/DatePicker";
import { ErrorState } from "../../components/QueryState";
import { useErrorText } from "../../errors";
import { useLang } from "../../i18n";
import { invalidateCare } from "../../queries";
import { formatDate, todayDate } from "../../time";
import { invalidateRecalls, useVehicleRecalls } from "./recallQueries";

export function VehicleRecalls({ vehicleId }: { vehicleId: string }) {
  const { t } = useTranslation();
  const recalls = useVehicleRecalls(vehicleId);
  if (recalls.isError) return <ErrorState error={recalls.error} onRetry={() => void recalls.refetch()} />;
  if (!recalls.data || recalls.data.length === 0) return null;
  return (
    <section className="card" data-testid="vehicle-recalls">
      <h2>{t("recalls.card")}</h2>
      <ul className="rows recall-rows">
        {recalls.data.map((r) => (
          <RecallRow key={r.id} record={r} />
        ))}
      </ul>
    </section>
  );
}

function RecallRow({ record: r }: { record: CarRecall }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [editing, setEditing] = useState<RecallState | null>(null);
  const [doneOn, setDoneOn] = useState(todayDate());
  const [text, setText] = useState("");
  const close = useMutation({
    mutationFn: (state: RecallState) =>
      api.closeCarRecall({
        id: r.id,
        state,
        done_on: state === "done" ? doneOn : null,
        done_by: state === "done" ? text : "",
        reason: state === "not_applicable" ? text : "",
      }),
    onSuccess: () => {
      setEditing(null);
      setText("");
      void invalidateRecalls(qc);
      void invalidateCare(qc);
    },
  });
  return (
    <li className="recall-row" data-testid="recall-row" data-state={r.state} data-code={r.code}>
      <div className="row-main">
        <span className={`badge badge-recall-${r.state}`}>{t(`recalls.state.${r.state}`)}</span> <strong>{r.title || r.code}</strong>{" "}
        <span className="tag">{r.code}</span>
        {r.deadline && <span className="muted small"> · {t("recalls.deadline", { date: formatDate(r.deadline, lang) })}</span>}
      </div>
      {r.remedy && <p className="muted small">{t("recalls.remedy", { remedy: r.remedy })}</p>}
      {r.state === "done" && (
        <p className="small">{t("recalls.doneLine", { date: r.done_on ? formatDate(r.done_on, lang) : "", by: r.done_by })}</p>
      )}
      {r.state === "not_applicable" && <p className="small">{t("recalls.naLine", { reason: r.reason })}</p>}
      {r.owner && (
        <p className="small muted">
          {t("recalls.owner", { name: r.owner.customer_name })} · {t(`recalls.told.${r.owner.told ?? "none"}`)}
        </p>
      )}
      {editing === null ? (
        <div className="row-actions">
          {r.state === "open" ? (
            <>
              <button type="button" className="btn btn-small" onClick={() => setEditing("done")} data-testid="recall-done">
                {t("recalls.markDone")}
              </button>
              <button type="button" className="btn btn-small" onClick={() => setEditing("not_applicable")} data-testid="recall-na">
                {t("recalls.markNa")}
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-small" onClick={() => close.mutate("open")} data-testid="recall-reopen">
              {t("recalls.reopen")}
            </button>
          )}
        </div>
      ) : (
        <form
          className="recall-close"
          onSubmit={(e) => {
            e.preventDefault();
            close.mutate(editing);
          }}
          data-testid="recall-close-form"
        >
          {editing === "done" && (
            <label>
              {t("recalls.doneOn")} <DateInput value={doneOn} onChange={setDoneOn} testId="recall-done-on" />
            </label>
          )}
          <label>
            {editing === "done" ? t("recalls.doneBy") : t("recalls.reason")}{" "}
            <input
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={editing === "done" ? t("recalls.doneByPlaceholder") : t("recalls.reasonPlaceholder")}
              data-testid="recall-close-text"
            />
          </label>
          <button type="submit" className="btn btn-primary btn-small" disabled={close.isPending} data-testid="recall-close-save">
            {t("recalls.save")}
          </button>
          <button type="button" className="btn btn-small" onClick={() => setEditing(null)}>
            {t("common.cancel")}
          </button>
        </form>
      )}
      {close.error && (
        <p className="banner banner-error" role="alert">
          {errorText(close.error)}
        </p>
      )}
    </li>
  );
}
