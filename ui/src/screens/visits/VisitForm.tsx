// New or edited booking. The core checks overlaps; a refusal names the other
// booking and offers "Book anyway", which resubmits with allow_overlap.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, toApiError } from "../../api";
import type { Vehicle } from "../../bindings/Vehicle";
import type { Visit } from "../../bindings/Visit";
import type { VisitInput } from "../../bindings/VisitInput";
import type { VisitKind } from "../../bindings/VisitKind";
import { useErrorText } from "../../errors";
import { invalidateVisits, keys, useLots, useUsers } from "../../queries";
import { vehicleName } from "../inventory/vehicleText";
import { CustomerPicker } from "./CustomerPicker";
import { isDate, isTime, minutesToTime, timeToMinutes, zonedParts, zonedRfc3339 } from "../../time";
import { isVisitConflict, visitLine } from "./visitText";
import { useLang } from "../../i18n";
import { DateInput, TimeInput } from "../../components/DatePicker";

type Props = {
  /** The booking to edit; none for a new one. */
  visit: Visit | null;
  /** Where a new booking starts (a clicked slot, or the shown day). */
  date: string;
  time: string;
  /** "me" on this computer: the default dealer. */
  meId: string | null;
  /** The lot the calendar is filtered to: ticked by default. */
  lotId: string | null;
  onSaved: (v: Visit) => void;
  onCancel: () => void;
};

const FIELD_LABEL: Record<string, "customer" | "dealer" | "start" | "minutes" | "note" | "date"> = {
  customer_id: "customer",
  user_id: "dealer",
  start_at: "start",
  minutes: "minutes",
  note: "note",
};

export function VisitForm({ visit, date, time, meId, lotId, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const base = useId();
  const users = useUsers();
  const lots = useLots();
  const start = visit ? zonedParts(visit.start_at) : null;
  const [kind, setKind] = useState<VisitKind>(visit?.kind ?? "visit");
  const [customerId, setCustomerId] = useState(visit?.customer_id ?? "");
  const [userId, setUserId] = useState(visit ? (visit.user_id ?? "") : (meId ?? ""));
  const [day, setDay] = useState(start?.date ?? date);
  const [from, setFrom] = useState(start?.time ?? time);
  const [minutes, setMinutes] = useState(String(visit?.minutes ?? 60));
  const [lotIds, setLotIds] = useState<string[]>(visit?.lot_ids ?? (lotId ? [lotId] : []));
  const [vehicleIds, setVehicleIds] = useState<string[]>(visit?.vehicle_ids ?? []);
  const [note, setNote] = useState(visit?.note ?? "");
  const [checkError, setCheckError] = useState<string | null>(null);

  const shortlists = useQuery({
    queryKey: keys.shortlists(customerId),
    queryFn: () => api.listShortlists(customerId),
    enabled: kind === "visit" && customerId !== "",
  });
  const cars: Vehicle[] = [];
  for (const s of shortlists.data ?? []) {
    for (const item of s.items) if (!cars.some((c) => c.id === item.vehicle.id)) cars.push(item.vehicle);
  }

  const save = useMutation({
    mutationFn: (input: VisitInput) => api.saveVisit(input),
    onSuccess: (v) => {
      void invalidateVisits(qc);
      onSaved(v);
    },
  });

  const length = Number(minutes);
  const endTime = isTime(from) && Number.isFinite(length) && length > 0 ? minutesToTime(timeToMinutes(from) + length) : "";

  const submit = (allowOverlap: boolean) => {
    setCheckError(null);
    if (!isDate(day) || !isTime(from)) {
      setCheckError(t("visits.form.invalidTime"));
      return;
    }
    if (kind === "visit" && !customerId) {
      setCheckError(`${t("visits.form.customer")}: ${t("errors.required")}`);
      return;
    }
    if (!Number.isInteger(length) || length <= 0) {
      setCheckError(`${t("visits.form.minutes")}: ${t("errors.out_of_range")}`);
      return;
    }
    save.mutate({
      id: visit?.id ?? null,
      kind,
      customer_id: kind === "visit" ? customerId : null,
      user_id: userId || null,
      start_at: zonedRfc3339(day, from),
      minutes: length,
      lot_ids: lotIds,
      vehicle_ids: kind === "visit" ? vehicleIds : [],
      note,
      allow_overlap: allowOverlap,
    });
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit(false);
  };

  const err = save.error ? toApiError(save.error) : null;
  const conflict = err !== null && isVisitConflict(err);
  const fieldKey = err?.field ? FIELD_LABEL[err.field] : undefined;
  // The core names the other booking in English; ask it which one, and say so in the dealer's words.
  const overlaps = useQuery({
    queryKey: ["visits", "overlaps", userId, day, from, length, visit?.id ?? null],
    queryFn: () => api.overlappingVisits(userId, zonedRfc3339(day, from), length, visit?.id ?? null),
    enabled: conflict && userId !== "",
  });
  const conflictText =
    overlaps.data && overlaps.data.length > 0
      ? t("visits.overlapsWith", { list: overlaps.data.map((v) => visitLine(v, lang, t)).join(", ") })
      : err?.message;
  const shownError = checkError ?? (err ? (conflict ? conflictText : `${fieldKey ? `${t(`visits.form.${fieldKey}`)}: ` : ""}${errorText(err)}`) : null);

  const toggle = (list: string[], id: string, on: boolean) => (on ? [...list.filter((x) => x !== id), id] : list.filter((x) => x !== id));

  return (
    <form className="visit-form" onSubmit={onSubmit} data-testid="visit-form" noValidate>
      <h2>{visit ? t("visits.form.titleEdit") : t("visits.form.titleNew")}</h2>

      <div className="field">
        <label htmlFor={`${base}-kind`}>{t("visits.form.kind")}</label>
        <select id={`${base}-kind`} value={kind} onChange={(e) => setKind(e.target.value === "blocked" ? "blocked" : "visit")} data-testid="visit-kind">
          <option value="visit">{t("visits.form.kindVisit")}</option>
          <option value="blocked">{t("visits.form.kindBlocked")}</option>
        </select>
      </div>

      {kind === "visit" && (
        <CustomerPicker
          value={customerId}
          onChange={(id) => {
            setCustomerId(id);
            setVehicleIds([]);
          }}
          label={t("visits.form.customer")}
          testId="visit-customer"
          invalid={err?.field === "customer_id"}
        />
      )}

      <div className="field">
        <label htmlFor={`${base}-dealer`}>{t("visits.form.dealer")}</label>
        <select id={`${base}-dealer`} value={userId} onChange={(e) => setUserId(e.target.value)} data-testid="visit-dealer">
          <option value="">{t("visits.noDealer")}</option>
          {(users.data ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {u.id === meId ? t("visits.me", { name: u.name }) : u.name}
            </option>
          ))}
        </select>
      </div>

      <div className="visit-form-times">
        <div className="field">
          <label htmlFor={`${base}-date`}>{t("visits.form.date")}</label>
          <DateInput id={`${base}-date`} value={day} onChange={setDay} testId="visit-date" />
        </div>
        <div className="field">
          <label htmlFor={`${base}-start`}>{t("visits.form.start")}</label>
          <TimeInput id={`${base}-start`} value={from} onChange={setFrom} aria-invalid={err?.field === "start_at"} testId="visit-start" />
        </div>
        <div className="field">
          <label htmlFor={`${base}-minutes`}>{t("visits.form.minutes")}</label>
          <input
            id={`${base}-minutes`}
            type="number"
            min={5}
            max={1440}
            step={5}
            inputMode="numeric"
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            data-testid="visit-minutes"
          />
        </div>
        <div className="field">
          <label htmlFor={`${base}-end`}>{t("visits.form.end")}</label>
          <TimeInput
            id={`${base}-end`}
            value={endTime}
            onChange={(v) => {
              if (!isTime(v) || !isTime(from)) return;
              let m = timeToMinutes(v) - timeToMinutes(from);
              if (m <= 0) m += 24 * 60;
              setMinutes(String(m));
            }}
            testId="visit-end"
          />
        </div>
      </div>

      <fieldset className="visit-form-checks">
        <legend>{t("visits.form.lots")}</legend>
        {(lots.data ?? []).length === 0 && <p className="muted small">{t("visits.form.noLots")}</p>}
        {(lots.data ?? []).map((l) => (
          <label key={l.id} className="check">
            <input
              type="checkbox"
              checked={lotIds.includes(l.id)}
              onChange={(e) => setLotIds((ids) => toggle(ids, l.id, e.target.checked))}
              data-testid={`visit-lot-${l.id}`}
            />
            <span>{l.name}</span>
          </label>
        ))}
      </fieldset>

      {kind === "visit" && customerId && shortlists.isSuccess && (
        <fieldset className="visit-form-checks" data-testid="visit-vehicles">
          <legend>{t("visits.form.vehicles")}</legend>
          {cars.length === 0 && <p className="muted small">{t("visits.form.noVehicles")}</p>}
          {cars.map((c) => (
            <label key={c.id} className="check">
              <input
                type="checkbox"
                checked={vehicleIds.includes(c.id)}
                onChange={(e) => setVehicleIds((ids) => toggle(ids, c.id, e.target.checked))}
                data-testid={`visit-vehicle-${c.id}`}
              />
              <span className="visit-ellipsis" title={`${vehicleName(c)} ${c.year} ${c.plate}`}>
                {vehicleName(c)} {c.year} {c.plate}
              </span>
            </label>
          ))}
        </fieldset>
      )}

      <div className="field">
        <label htmlFor={`${base}-note`}>{t("visits.form.note")}</label>
        <textarea id={`${base}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} data-testid="visit-note" />
      </div>

      {shownError && (
        <div className="banner banner-error visit-error-box" role="alert">
          {conflict && !checkError && <p className="visit-error-head">{t("visits.conflict")}</p>}
          <p data-testid="visit-error">{shownError}</p>
          {conflict && !checkError && (
            <button type="button" className="btn btn-small" onClick={() => submit(true)} disabled={save.isPending} data-testid="visit-override">
              {t("visits.override")}
            </button>
          )}
        </div>
      )}

      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="visit-save">
          {save.isPending ? t("common.saving") : t("common.save")}
        </button>
        <button type="button" className="btn" onClick={onCancel} data-testid="visit-cancel">
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
