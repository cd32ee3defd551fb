// The team calendar: a week (or one day) of bookings in Korea time, filtered by
// dealer and lot, with overlaps met through sync listed on top, a booking's
// detail or form on the side, and the walk-in helper below.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, toApiError } from "../../api";
import type { Visit } from "../../bindings/Visit";
import type { VisitInput } from "../../bindings/VisitInput";
import type { VisitQuery } from "../../bindings/VisitQuery";
import { useErrorText } from "../../errors";
import { useLang } from "../../i18n";
import { invalidateVisits, useAppInfo, useLots, useUsers, useVisitConflicts, useVisits } from "../../queries";
import { CalendarGrid } from "./CalendarGrid";
import { addDays, formatMonth, todayDate, weekDates, weekStart, zonedParts, zonedRfc3339 } from "../../time";
import { dayTitle, isVisitConflict, visitLine } from "./visitText";
import { VisitDetail } from "./VisitDetail";
import { VisitForm } from "./VisitForm";
import { WalkIn } from "./WalkIn";
import "./visits.css";
import { ScreenHeader } from "../../components/ScreenHeader";

export type CalendarView = "week" | "day";

type Panel =
  | { mode: "detail"; visit: Visit }
  | { mode: "form"; visit: Visit | null; date: string; time: string }
  | null;

/** A drag refused for an overlap: the move to retry with "Book anyway". */
type MoveRefused = { input: VisitInput; message: string };

function inputOf(v: Visit, startAt: string): VisitInput {
  return {
    id: v.id,
    kind: v.kind,
    customer_id: v.customer_id,
    user_id: v.user_id,
    start_at: startAt,
    minutes: v.minutes,
    lot_ids: v.lot_ids,
    vehicle_ids: v.vehicle_ids,
    note: v.note,
    allow_overlap: false,
  };
}

export function Visits({ initialDate, initialView = "week" }: { initialDate?: string; initialView?: CalendarView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const base = useId();
  const info = useAppInfo();
  const users = useUsers();
  const lots = useLots();
  const meId = info.data?.me?.id ?? null;

  const [view, setView] = useState<CalendarView>(initialView);
  const [anchor, setAnchor] = useState(() => initialDate ?? todayDate());
  const [dealer, setDealer] = useState("");
  const [lot, setLot] = useState("");
  const [panel, setPanel] = useState<Panel>(null);
  const [moving, setMoving] = useState<{ id: string; start_at: string } | null>(null);
  const [refused, setRefused] = useState<MoveRefused | null>(null);
  const [moveError, setMoveError] = useState<string | null>(null);

  const dates = useMemo(() => (view === "week" ? weekDates(anchor) : [anchor]), [view, anchor]);
  const first = dates[0] ?? anchor;
  const from = zonedRfc3339(first, "00:00");
  const to = zonedRfc3339(addDays(first, dates.length), "00:00");
  const query: VisitQuery = { from, to, user_id: dealer || null, lot_id: lot || null };
  const visits = useVisits(query);
  const conflicts = useVisitConflicts(from);

  const shownConflicts = (conflicts.data ?? []).filter(
    (c) => (!dealer || c.visit.user_id === dealer) && (!lot || c.visit.lot_ids.includes(lot) || c.with.lot_ids.includes(lot)),
  );
  const conflictIds = new Set(shownConflicts.flatMap((c) => [c.visit.id, c.with.id]));

  // While a moved booking saves, it already shows where it was dropped.
  const list = (visits.data ?? []).map((v) => (moving?.id === v.id ? { ...v, start_at: moving.start_at } : v));

  const move = useMutation({
    mutationFn: (input: VisitInput) => api.saveVisit(input),
    onMutate: (input) => {
      setRefused(null);
      setMoveError(null);
      if (input.id) setMoving({ id: input.id, start_at: input.start_at });
    },
    onSuccess: async (v) => {
      if (panel?.mode === "detail" && panel.visit.id === v.id) setPanel({ mode: "detail", visit: v });
      await invalidateVisits(qc);
      setMoving(null);
    },
    onError: (e, input) => {
      // Snap back; an overlap can still be booked anyway.
      setMoving(null);
      const err = toApiError(e);
      if (isVisitConflict(err)) setRefused({ input, message: err.message });
      else setMoveError(errorText(err));
    },
  });

  const step = view === "week" ? 7 : 1;
  // The newer of the panel's copy (just changed here) and the list's (changed anywhere).
  const listed = panel?.mode === "detail" ? list.find((v) => v.id === panel.visit.id) : undefined;
  const selected =
    panel?.mode === "detail" ? (listed && listed.updated_at >= panel.visit.updated_at ? listed : panel.visit) : null;
  const openForm = (date: string, time: string) => {
    setRefused(null);
    setPanel({ mode: "form", visit: null, date, time });
  };

  return (
    <div className="screen visits-screen" data-testid="visits">
      <ScreenHeader
        title={t("visits.title")}
        meta={
          <>
            <span className="total" data-testid="calendar-range">
              {formatMonth(anchor, lang)}
            </span>
          </>
        }
      />
      <p className="muted small">{t("visits.hint")}</p>

      <div className="toolbar cal-toolbar">
        <div className="segmented" role="group" aria-label={t("visits.title")}>
          <button
            type="button"
            className={`btn btn-small${view === "week" ? " btn-primary" : ""}`}
            aria-pressed={view === "week"}
            onClick={() => setView("week")}
            data-testid="calendar-view-week"
          >
            {t("visits.viewWeek")}
          </button>
          <button
            type="button"
            className={`btn btn-small${view === "day" ? " btn-primary" : ""}`}
            aria-pressed={view === "day"}
            onClick={() => setView("day")}
            data-testid="calendar-view-day"
          >
            {t("visits.viewDay")}
          </button>
        </div>
        <button type="button" className="btn btn-small" onClick={() => setAnchor(addDays(anchor, -step))} data-testid="calendar-prev" aria-label={t("visits.prev")}>
          ‹ {t("visits.prev")}
        </button>
        <button type="button" className="btn btn-small" onClick={() => setAnchor(todayDate())} data-testid="calendar-today">
          {t("visits.today")}
        </button>
        <button type="button" className="btn btn-small" onClick={() => setAnchor(addDays(anchor, step))} data-testid="calendar-next" aria-label={t("visits.next")}>
          {t("visits.next")} ›
        </button>
        <span className="cal-title" data-testid="calendar-title">
          {view === "week"
            ? `${dayTitle(first, lang, t)} – ${dayTitle(addDays(weekStart(anchor), 6), lang, t)}`
            : dayTitle(anchor, lang, t)}
        </span>
        <span className="spacer" />
        <label className="inline-label" htmlFor={`${base}-dealer`}>
          {t("visits.dealer")}
          <select id={`${base}-dealer`} value={dealer} onChange={(e) => setDealer(e.target.value)} data-testid="calendar-dealer">
            <option value="">{t("visits.allDealers")}</option>
            {(users.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.id === meId ? t("visits.me", { name: u.name }) : u.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-label" htmlFor={`${base}-lot`}>
          {t("visits.lot")}
          <select id={`${base}-lot`} value={lot} onChange={(e) => setLot(e.target.value)} data-testid="calendar-lot">
            <option value="">{t("visits.allLots")}</option>
            {(lots.data ?? []).map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn-primary" onClick={() => openForm(anchor, "10:00")} data-testid="visit-new">
          {t("visits.new")}
        </button>
      </div>

      {shownConflicts.length > 0 && (
        <section className="card card-alert visit-conflicts" data-testid="visit-conflicts">
          <h2>{t("visits.conflicts", { count: shownConflicts.length })}</h2>
          <p className="muted small">{t("visits.conflictsHint")}</p>
          <ul>
            {shownConflicts.map((c) => (
              <li key={`${c.visit.id}-${c.with.id}`} data-testid="visit-conflict" data-visit-id={c.visit.id} data-with-id={c.with.id}>
                <button
                  type="button"
                  className="btn-link"
                  onClick={() => {
                    setAnchor(zonedParts(c.visit.start_at).date);
                    setPanel({ mode: "detail", visit: c.visit });
                  }}
                  data-testid="visit-conflict-open"
                >
                  {t("visits.conflictRow", {
                    dealer: c.visit.user_name ?? t("visits.noDealer"),
                    a: visitLine(c.with, lang, t),
                    b: visitLine(c.visit, lang, t),
                  })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {refused && panel?.mode !== "form" && (
        <div className="banner banner-error visit-error-box" role="alert" data-testid="visit-move-conflict">
          <p className="visit-error-head">{t("visits.conflict")}</p>
          <p data-testid="visit-error">{refused.message}</p>
          <div className="visit-actions">
            <button
              type="button"
              className="btn btn-small"
              onClick={() => move.mutate({ ...refused.input, allow_overlap: true })}
              disabled={move.isPending}
              data-testid="visit-override"
            >
              {t("visits.override")}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setRefused(null)} data-testid="visit-move-cancel">
              {t("common.cancel")}
            </button>
          </div>
        </div>
      )}
      {moveError && (
        <p className="banner banner-error" role="alert" data-testid="visit-move-error">
          {moveError}
        </p>
      )}
      {visits.isError && (
        <p className="banner banner-error" role="alert" data-testid="calendar-error">
          {t("visits.loadFailed")} {errorText(visits.error)}
        </p>
      )}

      <div className={`visits-layout${panel ? " with-panel" : ""}`}>
        <div className="cal-wrap" aria-busy={visits.isFetching}>
          <CalendarGrid
            testId={view === "week" ? "calendar-week" : "calendar-day"}
            dates={dates}
            visits={list}
            conflictIds={conflictIds}
            selectedId={selected?.id ?? null}
            onSelect={(v) => setPanel({ mode: "detail", visit: v })}
            onMove={(v, startAt) => move.mutate(inputOf(v, startAt))}
            onSlot={openForm}
          />
          {visits.isSuccess && list.length === 0 && (
            <p className="muted small cal-empty" data-testid="calendar-empty">
              {t("visits.empty")}
            </p>
          )}
        </div>
        {panel && (
          <aside className="visits-panel">
            {panel.mode === "form" ? (
              <VisitForm
                key={panel.visit?.id ?? `new-${panel.date}-${panel.time}`}
                visit={panel.visit}
                date={panel.date}
                time={panel.time}
                meId={meId}
                lotId={lot || null}
                onSaved={(v) => {
                  setAnchor(zonedParts(v.start_at).date);
                  setPanel({ mode: "detail", visit: v });
                }}
                onCancel={() => setPanel(panel.visit ? { mode: "detail", visit: panel.visit } : null)}
              />
            ) : (
              selected && (
                <VisitDetail
                  key={selected.id}
                  visit={selected}
                  conflict={conflictIds.has(selected.id)}
                  onEdit={() => setPanel({ mode: "form", visit: selected, date: anchor, time: "10:00" })}
                  onClose={() => setPanel(null)}
                  onDeleted={() => setPanel(null)}
                  onChanged={(v) => setPanel({ mode: "detail", visit: v })}
                />
              )
            )}
          </aside>
        )}
      </div>

      <WalkIn meId={meId} lotId={lot || null} />
    </div>
  );
}
