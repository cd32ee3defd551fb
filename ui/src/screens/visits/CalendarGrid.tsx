// The hours × days grid: each booking a block placed by its Korea time, which
// can be dragged up/down (time) and sideways (day), snapping to 15 minutes.
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Visit } from "../../bindings/Visit";
import { useLang } from "../../i18n";
import { minutesToTime, snap, todayDate, zonedAt, zonedParts } from "../../time";
import { gridHours, HOUR_PX, MIN_BLOCK_PX, placeVisits, PX_PER_MINUTE, SNAP_MINUTES, type Placed } from "./layout";
import { dayTitle, visitSpan, visitWho } from "./visitText";

type Props = {
  /** The day columns, "YYYY-MM-DD" in Korea time. */
  dates: string[];
  visits: Visit[];
  /** Bookings in an overlap nobody chose (met through sync). */
  conflictIds: Set<string>;
  selectedId: string | null;
  onSelect: (v: Visit) => void;
  /** A block was dropped somewhere new: its new start, RFC 3339 Korea time. */
  onMove: (v: Visit, startAt: string) => void;
  /** An empty slot was clicked. */
  onSlot: (date: string, time: string) => void;
  testId: string;
};

type Drag = {
  id: string;
  originX: number;
  originY: number;
  column: number;
  startMinute: number;
  columnWidth: number;
  moved: boolean;
  /** Where it would land now. */
  toColumn: number;
  toMinute: number;
};

/** Below this many pixels a press is a click, not a drag. */
const DRAG_THRESHOLD_PX = 4;

export function CalendarGrid({ dates, visits, conflictIds, selectedId, onSelect, onMove, onSlot, testId }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const hours = gridHours(visits, dates);
  const placed = placeVisits(visits, dates);
  const today = todayDate();
  const [drag, setDrag] = useState<Drag | null>(null);
  const dragRef = useRef<Drag | null>(null);
  // After a drag the browser still fires a click on the block: it must not open it.
  const swallowClick = useRef(false);
  const stopRef = useRef<(() => void) | null>(null);
  useEffect(() => () => stopRef.current?.(), []);

  const hourList = Array.from({ length: hours.end - hours.start }, (_, i) => hours.start + i);
  const height = (hours.end - hours.start) * HOUR_PX;
  const minuteToY = (m: number) => (m - hours.start * 60) * PX_PER_MINUTE;

  const startDrag = (e: ReactPointerEvent<HTMLElement>, p: Placed) => {
    if (e.button !== 0) return;
    const columnEl = e.currentTarget.closest<HTMLElement>("[data-calendar-column]");
    const first: Drag = {
      id: p.visit.id,
      originX: e.clientX,
      originY: e.clientY,
      column: p.column,
      startMinute: p.startMinute,
      columnWidth: columnEl?.getBoundingClientRect().width ?? 0,
      moved: false,
      toColumn: p.column,
      toMinute: p.startMinute,
    };
    dragRef.current = first;
    const move = (ev: PointerEvent) => {
      const d = dragRef.current;
      if (!d) return;
      const dx = ev.clientX - d.originX;
      const dy = ev.clientY - d.originY;
      if (!d.moved && Math.abs(dx) < DRAG_THRESHOLD_PX && Math.abs(dy) < DRAG_THRESHOLD_PX) return;
      const dayShift = d.columnWidth > 0 ? Math.round(dx / d.columnWidth) : 0;
      const toColumn = Math.min(dates.length - 1, Math.max(0, d.column + dayShift));
      const toMinute = Math.min(24 * 60 - SNAP_MINUTES, Math.max(0, snap(d.startMinute + dy / PX_PER_MINUTE, SNAP_MINUTES)));
      const next = { ...d, moved: true, toColumn, toMinute };
      dragRef.current = next;
      setDrag(next);
    };
    const up = () => {
      stop();
      const d = dragRef.current;
      dragRef.current = null;
      setDrag(null);
      if (!d?.moved) return;
      swallowClick.current = true;
      window.setTimeout(() => {
        swallowClick.current = false;
      }, 0);
      const date = dates[d.toColumn];
      if (date && (d.toColumn !== d.column || d.toMinute !== d.startMinute)) onMove(p.visit, zonedAt(date, d.toMinute));
    };
    const stop = () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      window.removeEventListener("pointercancel", cancel);
      stopRef.current = null;
    };
    const cancel = () => {
      stop();
      dragRef.current = null;
      setDrag(null);
    };
    stopRef.current?.();
    stopRef.current = stop;
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
    window.addEventListener("pointercancel", cancel);
  };

  return (
    <div className={`cal${dates.length === 1 ? " cal-one-day" : ""}`} data-testid={testId}>
      <div className="cal-head-row" style={{ gridTemplateColumns: `var(--cal-gutter) repeat(${dates.length}, minmax(0, 1fr))` }}>
        <div />
        {dates.map((d) => (
          <div
            key={d}
            className={`cal-head${d === today ? " cal-today" : ""}`}
            data-testid="calendar-day-head"
            data-date={d}
            title={dayTitle(d, lang, t)}
          >
            {dayTitle(d, lang, t)}
          </div>
        ))}
      </div>
      <div className="cal-body" style={{ gridTemplateColumns: `var(--cal-gutter) repeat(${dates.length}, minmax(0, 1fr))` }}>
        <div className="cal-gutter" style={{ height }}>
          {hourList.map((h) => (
            <div key={h} className="cal-hour-label" style={{ top: (h - hours.start) * HOUR_PX }}>
              {minutesToTime(h * 60)}
            </div>
          ))}
        </div>
        {dates.map((date, column) => (
          <div
            key={date}
            className={`cal-column${date === today ? " cal-today" : ""}`}
            style={{ height }}
            data-testid="calendar-column"
            data-calendar-column=""
            data-date={date}
            onClick={(e) => {
              if (e.target !== e.currentTarget || swallowClick.current) return;
              const y = e.clientY - e.currentTarget.getBoundingClientRect().top;
              const minute = Math.max(0, Math.min(24 * 60 - 30, snap(hours.start * 60 + y / PX_PER_MINUTE - 15, 30)));
              onSlot(date, minutesToTime(minute));
            }}
          >
            {hourList.map((h) => (
              <div key={h} className="cal-hour-line" style={{ top: (h - hours.start) * HOUR_PX }} aria-hidden />
            ))}
            {placed
              .filter((p) => (drag?.id === p.visit.id ? drag.toColumn : p.column) === column)
              .map((p) => {
                const dragging = drag?.id === p.visit.id;
                const startMinute = dragging ? drag.toMinute : p.startMinute;
                const length = p.endMinute - p.startMinute;
                const lane = dragging ? 0 : p.lane;
                const lanes = dragging ? 1 : p.lanes;
                return (
                  <VisitBlock
                    key={p.visit.id}
                    visit={p.visit}
                    top={minuteToY(startMinute)}
                    height={Math.max(MIN_BLOCK_PX, length * PX_PER_MINUTE)}
                    left={`${(lane / lanes) * 100}%`}
                    width={`${100 / lanes}%`}
                    conflict={conflictIds.has(p.visit.id)}
                    selected={selectedId === p.visit.id}
                    dragging={dragging}
                    dragTime={dragging ? minutesToTime(startMinute) : null}
                    onPointerDown={(e) => startDrag(e, p)}
                    onClick={() => {
                      if (swallowClick.current) return;
                      onSelect(p.visit);
                    }}
                  />
                );
              })}
          </div>
        ))}
      </div>
    </div>
  );
}

/** Block text: 0.8rem (12 px) at line-height 1.3, inside 2 px borders and 0.15rem padding. */
const LINE_PX = 15.6;
const BLOCK_CHROME_PX = 7;

/** How many whole lines of text fit in a block `height` px tall (at least one). */
export function blockLines(height: number): number {
  return Math.max(1, Math.floor((height - BLOCK_CHROME_PX) / LINE_PX));
}

type BlockProps = {
  visit: Visit;
  top: number;
  height: number;
  left: string;
  width: string;
  conflict: boolean;
  selected: boolean;
  dragging: boolean;
  dragTime: string | null;
  onPointerDown: (e: ReactPointerEvent<HTMLElement>) => void;
  onClick: () => void;
};

function VisitBlock({ visit, top, height, left, width, conflict, selected, dragging, dragTime, onPointerDown, onClick }: BlockProps) {
  const { t } = useTranslation();
  const who = visitWho(visit, t);
  const dealer = visit.user_name || t("visits.noDealer");
  const span = dragTime ?? visitSpan(visit, t);
  const status = t(`visits.status.${visit.status}`);
  const flags = [conflict ? t("visits.conflictBadge") : null, visit.overridden ? t("visits.overridden") : null].filter(Boolean);
  const title = [who, dealer, span, status, ...flags].join(" · ");
  // Only whole lines, each ending in "…" when too long: a line cut through
  // its middle by the block's bottom edge said nothing (issue 15).
  const lines = blockLines(height);
  const compact = lines < 2;
  const classes = [
    "visit-block",
    `visit-block-${visit.kind}`,
    `visit-status-${visit.status}`,
    conflict ? "visit-block-conflict" : "",
    visit.overridden ? "visit-block-overridden" : "",
    selected ? "visit-block-selected" : "",
    dragging ? "visit-block-dragging" : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <button
      type="button"
      className={classes}
      style={{ top, height, left, width }}
      title={title}
      aria-label={title}
      aria-pressed={selected}
      data-testid="visit-block"
      data-visit-id={visit.id}
      data-status={visit.status}
      data-kind={visit.kind}
      data-conflict={conflict ? "true" : "false"}
      data-overridden={visit.overridden ? "true" : "false"}
      data-start={zonedParts(visit.start_at).date + " " + zonedParts(visit.start_at).time}
      onPointerDown={onPointerDown}
      onClick={onClick}
    >
      <span className="visit-block-who" data-testid="visit-block-line">
        {who}
        {compact && <span className="visit-block-meta"> · {span}</span>}
      </span>
      {!compact && (
        <span className="visit-block-meta" data-testid="visit-block-line">
          {visit.status !== "booked" && <span className="visit-block-status">{status}</span>}
          {span}
          {lines < 3 && ` · ${dealer}`}
        </span>
      )}
      {lines >= 3 && (
        <span className="visit-block-meta" data-testid="visit-block-line">
          {dealer}
        </span>
      )}
    </button>
  );
}
