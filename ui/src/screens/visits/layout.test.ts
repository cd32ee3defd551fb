import { afterEach, describe, expect, it } from "vitest";
import type { Visit } from "../../bindings/Visit";
import { restoreTimeZone, setTimeZone } from "../../test/tz";
import { weekDates } from "../../time";
import { gridHours, placeVisits } from "./layout";

afterEach(() => {
  restoreTimeZone();
});

function v(id: string, startUtc: string, minutes: number): Visit {
  const end = new Date(new Date(startUtc).getTime() + minutes * 60_000).toISOString();
  return {
    id,
    kind: "visit",
    customer_id: "c1",
    customer_name: "이준혁",
    user_id: "u1",
    user_name: "김성수",
    start_at: startUtc,
    end_at: end,
    minutes,
    lot_ids: [],
    vehicle_ids: [],
    status: "booked",
    note: "",
    overridden: false,
    created_at: startUtc,
    updated_at: startUtc,
  };
}

describe("calendar layout", () => {
  const week = weekDates("2026-12-05");

  it("places bookings in their Seoul day and minute, side by side when they overlap", () => {
    setTimeZone("America/New_York");
    const placed = placeVisits(
      [v("a", "2026-12-05T03:00:00Z", 240), v("b", "2026-12-05T05:00:00Z", 60), v("c", "2026-12-05T08:00:00Z", 60), v("x", "2026-12-07T03:00:00Z", 60)],
      week,
    );
    const by = Object.fromEntries(placed.map((p) => [p.visit.id, p]));
    expect(Object.keys(by).sort()).toEqual(["a", "b", "c"]);
    expect(by.a).toMatchObject({ column: 5, startMinute: 720, endMinute: 960, lane: 0, lanes: 2 });
    expect(by.b).toMatchObject({ column: 5, startMinute: 840, lane: 1, lanes: 2 });
    expect(by.c).toMatchObject({ column: 5, startMinute: 1020, lane: 0, lanes: 1 });
  });

  it("shows 09:00–20:00, widened so nothing is cut off", () => {
    expect(gridHours([v("a", "2026-12-05T03:00:00Z", 60)], week)).toEqual({ start: 9, end: 20 });
    // 07:30–08:00 and 19:30–21:15 in Seoul.
    expect(gridHours([v("a", "2026-12-04T22:30:00Z", 30), v("b", "2026-12-05T10:30:00Z", 105)], week)).toEqual({ start: 7, end: 22 });
    // Outside the shown days: no effect.
    expect(gridHours([v("a", "2026-12-08T22:30:00Z", 30)], week)).toEqual({ start: 9, end: 20 });
  });
});
