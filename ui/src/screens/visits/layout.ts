// Where a booking sits in the calendar grid: pure arithmetic, tested alone.
import type { Visit } from "../../bindings/Visit";
import { zonedParts } from "../../time";

/** Height of one hour in the grid, in CSS pixels (15 minutes = 12 px). */
export const HOUR_PX = 48;
export const PX_PER_MINUTE = HOUR_PX / 60;
/** The working day the grid always shows (Korea time). */
export const DAY_START_HOUR = 9;
export const DAY_END_HOUR = 20;
/** Moves snap to this many minutes. */
export const SNAP_MINUTES = 15;
/** A block is never shorter than this on screen, so its name stays readable. */
export const MIN_BLOCK_PX = 22;

export type Placed = {
  visit: Visit;
  /** Index of the day column. */
  column: number;
  /** Minutes since 00:00 Korea time on that day. */
  startMinute: number;
  endMinute: number;
  /** Side-by-side position among bookings that overlap on screen. */
  lane: number;
  lanes: number;
};

/**
 * The hours the grid shows: 09:00–20:00, widened to take in any booking of the
 * visible days that starts earlier or ends later, so nothing is cut off.
 */
export function gridHours(visits: Visit[], dates: string[]): { start: number; end: number } {
  let start = DAY_START_HOUR;
  let end = DAY_END_HOUR;
  for (const v of visits) {
    const s = zonedParts(v.start_at);
    if (!dates.includes(s.date)) continue;
    const endMinute = Math.min(24 * 60, s.minutes + v.minutes);
    start = Math.min(start, Math.floor(s.minutes / 60));
    end = Math.max(end, Math.ceil(endMinute / 60));
  }
  return { start, end };
}

/** Places the bookings that start on one of `dates`; overlapping ones share the column side by side. */
export function placeVisits(visits: Visit[], dates: string[]): Placed[] {
  const byColumn = new Map<number, Placed[]>();
  for (const v of visits) {
    const s = zonedParts(v.start_at);
    const column = dates.indexOf(s.date);
    if (column < 0) continue;
    const placed: Placed = {
      visit: v,
      column,
      startMinute: s.minutes,
      endMinute: Math.min(24 * 60, s.minutes + Math.max(v.minutes, 1)),
      lane: 0,
      lanes: 1,
    };
    const list = byColumn.get(column) ?? [];
    list.push(placed);
    byColumn.set(column, list);
  }
  const out: Placed[] = [];
  for (const list of byColumn.values()) {
    list.sort((a, b) => a.startMinute - b.startMinute || b.endMinute - a.endMinute || a.visit.id.localeCompare(b.visit.id));
    // Clusters of bookings that overlap on screen (a block is at least MIN_BLOCK_PX tall).
    let cluster: Placed[] = [];
    let laneEnds: number[] = [];
    let clusterEnd = -1;
    const flush = () => {
      for (const p of cluster) p.lanes = laneEnds.length;
      out.push(...cluster);
      cluster = [];
      laneEnds = [];
    };
    for (const p of list) {
      const shownEnd = Math.max(p.endMinute, p.startMinute + MIN_BLOCK_PX / PX_PER_MINUTE);
      if (cluster.length > 0 && p.startMinute >= clusterEnd) flush();
      let lane = laneEnds.findIndex((end) => end <= p.startMinute);
      if (lane < 0) {
        lane = laneEnds.length;
        laneEnds.push(shownEnd);
      } else {
        laneEnds[lane] = shownEnd;
      }
      p.lane = lane;
      cluster.push(p);
      clusterEnd = Math.max(clusterEnd, shownEnd);
    }
    flush();
  }
  return out;
}
