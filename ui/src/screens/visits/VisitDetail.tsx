// One booking: its times, people and lots, the status buttons, "running late",
// the confirmation email and the .ics invitation.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, toApiError } from "../../api";
import type { LateUpdate } from "../../bindings/LateUpdate";
import type { Visit } from "../../bindings/Visit";
import type { VisitStatus } from "../../bindings/VisitStatus";
import { ConfirmDelete } from "../../components/ConfirmDelete";
import { useErrorText } from "../../errors";
import { useLang } from "../../i18n";
import { invalidateVisits, keys, useLots, useVehicle } from "../../queries";
import { vehicleName } from "../inventory/vehicleText";
import { isTime, zonedParts, zonedRfc3339 } from "../../time";
import { dayTitle, visitLine, visitSpan, visitWho } from "./visitText";
import { TimeInput } from "../../components/DatePicker";

type Props = {
  visit: Visit;
  conflict: boolean;
  onEdit: () => void;
  onClose: () => void;
  onDeleted: () => void;
  onChanged: (v: Visit) => void;
};

const STATUS_BUTTONS = ["arrived", "done", "no_show", "cancelled"] as const satisfies readonly VisitStatus[];

export function VisitDetail({ visit, conflict, onEdit, onClose, onDeleted, onChanged }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const base = useId();
  const lots = useLots();
  const start = zonedParts(visit.start_at);
  const [lateOpen, setLateOpen] = useState(false);
  const [eta, setEta] = useState(start.time);
  const [late, setLate] = useState<LateUpdate | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const actionErrorText = (e: unknown) => {
    const err = toApiError(e);
    return err.code === "no_email" ? t("visits.detail.noEmail") : errorText(err, { name: visit.customer_name });
  };
  const begin = () => {
    setNotice(null);
    setActionError(null);
  };
  const changed = (v: Visit) => {
    onChanged(v);
    void invalidateVisits(qc);
  };

  const status = useMutation({
    mutationFn: (s: VisitStatus) => api.setVisitStatus(visit.id, s),
    onMutate: begin,
    onSuccess: (v) => {
      setLate(null);
      changed(v);
    },
    onError: (e) => setActionError(actionErrorText(e)),
  });
  const runLate = useMutation({
    mutationFn: (time: string) => api.runningLate(visit.id, zonedRfc3339(start.date, time)),
    onMutate: begin,
    onSuccess: (u) => {
      setLate(u);
      setLateOpen(false);
      changed(u.visit);
    },
    onError: (e) => setActionError(actionErrorText(e)),
  });
  const email = useMutation({
    mutationFn: () => api.queueVisitConfirmation(visit.id, lang),
    onMutate: begin,
    onSuccess: (m) => {
      setNotice(t("visits.detail.confirmQueued", { to: m.to_addr }));
      void qc.invalidateQueries({ queryKey: keys.outbox });
      if (visit.customer_id) void qc.invalidateQueries({ queryKey: keys.sends(visit.customer_id) });
    },
    onError: (e) => setActionError(actionErrorText(e)),
  });
  const ics = useMutation({
    mutationFn: () => api.saveVisitIcs(visit.id),
    onMutate: begin,
    onSuccess: (path) => setNotice(t("visits.detail.icsSaved", { path })),
    onError: (e) => setActionError(actionErrorText(e)),
  });
  const remove = useMutation({
    mutationFn: () => api.deleteVisit(visit.id),
    onMutate: begin,
    onSuccess: () => {
      void invalidateVisits(qc);
      onDeleted();
    },
    onError: (e) => setActionError(actionErrorText(e)),
  });

  const lotNames = visit.lot_ids.map((id) => lots.data?.find((l) => l.id === id)?.name ?? id);
  const busy = status.isPending || runLate.isPending || remove.isPending;

  return (
    <section className="card visit-detail" data-testid="visit-detail" data-visit-id={visit.id}>
      <div className="card-head">
        <h2 className="visit-ellipsis" title={visitWho(visit, t)}>
          {visitWho(visit, t)}
        </h2>
        <button type="button" className="btn btn-small" onClick={onClose} data-testid="visit-detail-close">
          {t("visits.close")}
        </button>
      </div>
      <dl className="facts facts-narrow">
        <div className="fact">
          <dt>{t("visits.detail.time")}</dt>
          <dd data-testid="visit-detail-time">
            {dayTitle(start.date, lang, t)} {visitSpan(visit, t)}
          </dd>
        </div>
        <div className="fact">
          <dt>{t("visits.detail.status")}</dt>
          <dd>
            <span className={`badge visit-badge visit-status-${visit.status}`} data-testid="visit-detail-status" data-status={visit.status}>
              {t(`visits.status.${visit.status}`)}
            </span>
            {conflict && <span className="badge visit-badge-conflict">{t("visits.conflictBadge")}</span>}
            {visit.overridden && <span className="muted small"> {t("visits.overridden")}</span>}
          </dd>
        </div>
        {visit.kind === "visit" && (
          <div className="fact">
            <dt>{t("visits.detail.customer")}</dt>
            <dd data-testid="visit-detail-customer">{visit.customer_name ?? t("visits.noCustomer")}</dd>
          </div>
        )}
        <div className="fact">
          <dt>{t("visits.detail.dealer")}</dt>
          <dd data-testid="visit-detail-dealer">{visit.user_name ?? t("visits.noDealer")}</dd>
        </div>
        {lotNames.length > 0 && (
          <div className="fact">
            <dt>{t("visits.detail.lots")}</dt>
            <dd data-testid="visit-detail-lots">{lotNames.join(", ")}</dd>
          </div>
        )}
        {visit.vehicle_ids.length > 0 && (
          <div className="fact">
            <dt>{t("visits.detail.vehicles")}</dt>
            <dd>
              <ul className="visit-cars">
                {visit.vehicle_ids.map((id) => (
                  <VehicleLine key={id} id={id} />
                ))}
              </ul>
            </dd>
          </div>
        )}
        {visit.note && (
          <div className="fact">
            <dt>{t("visits.detail.note")}</dt>
            <dd className="notes">{visit.note}</dd>
          </div>
        )}
      </dl>

      {late && late.overlaps.length > 0 && (
        <p className="banner visit-banner-warning" role="alert" data-testid="visit-late-warning">
          {t("visits.detail.lateWarning", { list: late.overlaps.map((o) => visitLine(o, lang, t)).join(", ") })}
        </p>
      )}
      {late && late.overlaps.length === 0 && (
        <p className="banner banner-note" data-testid="visit-late-moved">
          {t("visits.detail.lateMoved", { time: zonedParts(late.visit.start_at).time })}
        </p>
      )}

      <div className="visit-actions">
        {STATUS_BUTTONS.map((s) => (
          <button
            key={s}
            type="button"
            className={`btn btn-small${visit.status === s ? " btn-primary" : ""}`}
            aria-pressed={visit.status === s}
            disabled={busy || visit.status === s}
            onClick={() => status.mutate(s)}
            data-testid={`visit-status-${s}`}
          >
            {t(`visits.detail.${s}`)}
          </button>
        ))}
      </div>

      {visit.kind === "visit" && (
        <div className="visit-late">
          {!lateOpen ? (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                setEta(zonedParts(visit.start_at).time);
                setLateOpen(true);
              }}
              disabled={busy}
              data-testid="visit-late"
            >
              {t("visits.detail.late")}
            </button>
          ) : (
            <form
              className="visit-late-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (isTime(eta)) runLate.mutate(eta);
              }}
            >
              <label htmlFor={`${base}-eta`}>{t("visits.detail.lateEta")}</label>
              <TimeInput id={`${base}-eta`} value={eta} onChange={setEta} testId="visit-late-eta" autoFocus />
              <button type="submit" className="btn btn-small btn-primary" disabled={!isTime(eta) || runLate.isPending} data-testid="visit-late-save">
                {t("visits.detail.lateSave")}
              </button>
              <button type="button" className="btn btn-small" onClick={() => setLateOpen(false)} data-testid="visit-late-cancel">
                {t("common.cancel")}
              </button>
            </form>
          )}
        </div>
      )}

      <div className="visit-actions">
        {visit.kind === "visit" && (
          <button type="button" className="btn btn-small" onClick={() => email.mutate()} disabled={email.isPending} data-testid="visit-confirm-email">
            {t("visits.detail.confirmEmail")}
          </button>
        )}
        <button type="button" className="btn btn-small" onClick={() => ics.mutate()} disabled={ics.isPending} data-testid="visit-ics">
          {t("visits.detail.ics")}
        </button>
      </div>
      {notice && (
        <p className="banner banner-note visit-notice" data-testid="visit-action-result">
          {notice}
        </p>
      )}
      {actionError && (
        <p className="banner banner-error" role="alert" data-testid="visit-action-error">
          {actionError}
        </p>
      )}

      <div className="visit-actions visit-actions-end">
        <button type="button" className="btn btn-small" onClick={onEdit} data-testid="visit-edit">
          {t("common.edit")}
        </button>
        <ConfirmDelete onConfirm={() => remove.mutate()} pending={remove.isPending} testId="visit-delete" />
      </div>
    </section>
  );
}

function VehicleLine({ id }: { id: string }) {
  const car = useVehicle(id);
  const text = car.data ? `${vehicleName(car.data)} ${car.data.year} ${car.data.plate}` : id;
  return (
    <li className="visit-ellipsis" title={text}>
      {text}
    </li>
  );
}
