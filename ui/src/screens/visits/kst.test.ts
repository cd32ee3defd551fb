import { afterEach, describe, expect, it } from "vitest";
import type { Visit } from "../../bindings/Visit";
import {
  addDays,
  formatKstTime,
  kstAt,
  kstParts,
  kstRfc3339,
  nowKst,
  snap,
  todayKst,
  weekDates,
  weekStart,
  weekdayOf,
} from "./kst";
import { gridHours, placeVisits } from "./layout";
import { restoreTimeZone, setTimeZone } from "./testTz";

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

describe("Korea time", () => {
  it.each(["UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Asia/Seoul"])("reads instants on a Seoul clock in %s", (tz) => {
    setTimeZone(tz);
    // The computer's clock really is elsewhere (Seoul excepted).
    if (tz !== "Asia/Seoul") expect(new Date("2026-12-05T03:00:00Z").getHours()).not.toBe(12);
    // 2026-12-04 16:00 UTC is Saturday 01:00 in Seoul.
    expect(kstParts("2026-12-04T16:00:00Z")).toEqual({ date: "2026-12-05", time: "01:00", minutes: 60, weekday: 5 });
    expect(kstParts("2026-12-05T12:00:00+09:00").time).toBe("12:00");
    expect(formatKstTime("2026-12-05T03:30:00Z")).toBe("12:30");
    expect(todayKst(new Date("2026-12-03T15:30:00Z"))).toBe("2026-12-04");
    expect(nowKst(new Date("2026-12-03T01:02:45Z"))).toBe("2026-12-03T10:02:00+09:00");
  });

  it("builds RFC 3339 with the +09:00 offset", () => {
    expect(kstRfc3339("2026-12-05", "12:00")).toBe("2026-12-05T12:00:00+09:00");
    expect(kstAt("2026-12-05", 12 * 60 + 45)).toBe("2026-12-05T12:45:00+09:00");
    expect(kstAt("2026-12-31", 24 * 60 + 30)).toBe("2027-01-01T00:30:00+09:00");
    expect(kstAt("2026-12-01", -30)).toBe("2026-11-30T23:30:00+09:00");
  });

  it("starts weeks on Monday", () => {
    expect(weekdayOf("2026-12-05")).toBe(5);
    expect(weekStart("2026-12-05")).toBe("2026-11-30");
    expect(weekStart("2026-12-06")).toBe("2026-11-30");
    expect(weekStart("2026-11-30")).toBe("2026-11-30");
    expect(weekDates("2026-12-03")).toEqual([
      "2026-11-30",
      "2026-12-01",
      "2026-12-02",
      "2026-12-03",
      "2026-12-04",
      "2026-12-05",
      "2026-12-06",
    ]);
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("snaps to 15 minutes", () => {
    expect(snap(720 + 46.25)).toBe(765);
    expect(snap(720 + 7)).toBe(720);
    expect(snap(720 + 8)).toBe(735);
    expect(snap(-62.5 + 720)).toBe(660);
  });
});

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
