// The suite runs with the computer in New York and an English system
// language (vite.config.ts), so every expectation below is what a dealer
// sees on such a machine.
import { afterEach, describe, expect, it } from "vitest";
import { restoreTimeZone, setTimeZone } from "./test/tz";
import {
  addDays,
  formatClock,
  formatDate,
  formatDateTime,
  formatDay,
  formatLongDate,
  formatMonth,
  formatShortDateTime,
  formatTime,
  getTeamZone,
  isDate,
  parseDateText,
  parseTimeText,
  nowRfc3339,
  setTeamZone,
  snap,
  todayDate,
  weekDates,
  weekStart,
  weekdayOf,
  zonedAt,
  zonedParts,
  zonedRfc3339,
} from "./time";

afterEach(() => {
  restoreTimeZone();
  setTeamZone(null);
});

describe("the machine these tests run on", () => {
  it("is in New York with an English system language", () => {
    expect(new Date("2026-12-05T03:00:00Z").getHours()).toBe(22);
    expect(navigator.language.toLowerCase().startsWith("ko")).toBe(false);
  });
});

describe("the team's clock, whatever the computer's", () => {
  it.each(["America/New_York", "UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Asia/Seoul"])("reads instants on a Seoul clock in %s", (tz) => {
    setTimeZone(tz);
    // 2026-12-04 16:00 UTC is Saturday 01:00 in Seoul.
    expect(zonedParts("2026-12-04T16:00:00Z")).toEqual({ date: "2026-12-05", time: "01:00", minutes: 60, weekday: 5 });
    expect(zonedParts("2026-12-05T12:00:00+09:00").time).toBe("12:00");
    expect(formatTime("2026-12-05T03:30:00Z")).toBe("12:30");
    expect(todayDate(new Date("2026-12-03T15:30:00Z"))).toBe("2026-12-04");
    expect(nowRfc3339(new Date("2026-12-03T01:02:45Z"))).toBe("2026-12-03T10:02:00+09:00");
  });

  it("shows a morning call at its Korean time, not the computer's (issue 15: 00:20)", () => {
    // 09:20 in Seoul is 19:20 the day before in New York.
    expect(formatDateTime("2026-12-05T00:20:00Z", "ko")).toBe("2026.12.05 09:20");
    expect(formatDateTime("2026-12-05T00:20:00Z", "en")).toBe("5 Dec 2026 09:20");
    expect(formatClock("2026-12-05T00:20:00Z", "ko", new Date("2026-12-05T03:00:00Z"))).toBe("09:20");
    // Today in Seoul is the 5th even though New York still has the 4th.
    expect(todayDate(new Date("2026-12-04T16:00:00Z"))).toBe("2026-12-05");
  });

  it("follows the team's setting", () => {
    setTeamZone("America/Los_Angeles");
    expect(getTeamZone()).toBe("America/Los_Angeles");
    expect(formatTime("2026-12-05T03:30:00Z")).toBe("19:30");
    expect(todayDate(new Date("2026-12-05T03:30:00Z"))).toBe("2026-12-04");
    setTeamZone("Not/AZone");
    expect(getTeamZone()).toBe("Asia/Seoul");
  });

  it("builds RFC 3339 with the zone's offset", () => {
    expect(zonedRfc3339("2026-12-05", "12:00")).toBe("2026-12-05T12:00:00+09:00");
    expect(zonedAt("2026-12-05", 12 * 60 + 45)).toBe("2026-12-05T12:45:00+09:00");
    expect(zonedAt("2026-12-31", 24 * 60 + 30)).toBe("2027-01-01T00:30:00+09:00");
    expect(zonedAt("2026-12-01", -30)).toBe("2026-11-30T23:30:00+09:00");
    expect(zonedRfc3339("2026-07-01", "09:00", "America/New_York")).toBe("2026-07-01T09:00:00-04:00");
    expect(zonedRfc3339("2026-12-01", "09:00", "America/New_York")).toBe("2026-12-01T09:00:00-05:00");
    // A time skipped by the spring jump lands past it, as the core does.
    expect(zonedRfc3339("2026-03-08", "02:30", "America/New_York")).toBe("2026-03-08T03:30:00-04:00");
    // A time that happens twice in autumn: the first.
    expect(zonedRfc3339("2026-11-01", "01:30", "America/New_York")).toBe("2026-11-01T01:30:00-04:00");
  });

  it("starts weeks on Monday", () => {
    expect(weekdayOf("2026-12-05")).toBe(5);
    expect(weekStart("2026-12-06")).toBe("2026-11-30");
    expect(weekDates("2026-12-03")[0]).toBe("2026-11-30");
    expect(weekDates("2026-12-03")[6]).toBe("2026-12-06");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(isDate("2026-02-30")).toBe(false);
    expect(isDate("2026-02-28")).toBe(true);
  });

  it("snaps to 15 minutes", () => {
    expect(snap(720 + 46.25)).toBe(765);
    expect(snap(720 + 7)).toBe(720);
  });
});

describe("one date format per language", () => {
  it("writes dates", () => {
    expect(formatDate("2026-12-05", "ko")).toBe("2026.12.05");
    expect(formatDate("2026-12-05", "en")).toBe("5 Dec 2026");
    expect(formatDate("2024-12-31", "en")).toBe("31 Dec 2024");
    expect(formatDate(null, "ko")).toBe("");
    expect(formatDate("soon", "ko")).toBe("soon");
  });

  it("writes the short, long and month forms", () => {
    expect(formatDay("2026-12-05", "ko")).toBe("12월 5일");
    expect(formatDay("2026-12-05", "en")).toBe("5 Dec");
    expect(formatDay("2025-12-05", "ko", 2026)).toBe("2025.12.05");
    expect(formatLongDate("2026-12-05", "ko")).toBe("2026년 12월 5일 토요일");
    expect(formatLongDate("2026-12-05", "en")).toBe("Saturday 5 December 2026");
    expect(formatMonth("2026-12-05", "ko")).toBe("2026년 12월");
    expect(formatMonth("2026-12-05", "en")).toBe("Dec 2026");
  });

  it("writes date-times in the team's zone; plain ones were written in it", () => {
    expect(formatDateTime("2024-03-05 14:07:09", "ko")).toBe("2024.03.05 14:07");
    expect(formatDateTime("2024-03-05 14:07:09", "en")).toBe("5 Mar 2024 14:07");
    expect(formatDateTime(null, "en")).toBe("");
  });

  it("shows only the clock for today, the day otherwise", () => {
    const now = new Date("2024-12-01T09:00:00Z"); // 18:00 in Seoul
    expect(formatClock("2024-12-01T05:02:00Z", "ko", now)).toBe("14:02");
    expect(formatClock("2024-11-30T00:05:00Z", "ko", now)).toBe("11월 30일");
    expect(formatClock("2024-11-30T00:05:00Z", "en", now)).toBe("30 Nov");
    expect(formatClock("2023-01-02T00:05:00Z", "ko", now)).toBe("2023.01.02");
    expect(formatClock("not a time", "ko", now)).toBe("not a time");
    expect(formatShortDateTime("2024-12-01T05:02:00Z", "ko", now)).toBe("12월 1일 14:02");
    expect(formatShortDateTime("2024-12-01T05:02:00Z", "en", now)).toBe("1 Dec 14:02");
    expect(formatShortDateTime("2023-05-08T22:30:00Z", "en", now)).toBe("9 May 2023 07:30");
  });
});

describe("reading typed dates and times, whatever the OS locale", () => {
  const ref = "2026-12-01";
  it.each([
    ["2026.12.05", "2026-12-05"],
    ["2026. 12. 5.", "2026-12-05"],
    ["2026-12-05", "2026-12-05"],
    ["20261205", "2026-12-05"],
    ["2026년 12월 5일", "2026-12-05"],
    ["12월 5일", "2026-12-05"],
    ["12.5", "2026-12-05"],
    ["5 Dec 2026", "2026-12-05"],
    ["5 december", "2026-12-05"],
    ["Dec 5, 2026", "2026-12-05"],
    ["Saturday 5 December 2026", "2026-12-05"],
  ])("%s", (text, iso) => {
    expect(parseDateText(text, ref)).toBe(iso);
  });

  it.each(["", "12/05/2026", "2026.02.30", "5 Foo 2026", "tomorrow"])("refuses %j", (text) => {
    expect(parseDateText(text, ref)).toBeNull();
  });

  it.each([
    ["14:00", "14:00"],
    ["9", "09:00"],
    ["930", "09:30"],
    ["1400", "14:00"],
    ["9.30", "09:30"],
    ["2:30 pm", "14:30"],
    ["12 am", "00:00"],
    ["오후 2시 30분", "14:30"],
    ["오전 9시", "09:00"],
  ])("time %s", (text, hm) => {
    expect(parseTimeText(text)).toBe(hm);
  });

  it.each(["", "25:00", "12:60", "13 pm", "noon"])("refuses the time %j", (text) => {
    expect(parseTimeText(text)).toBeNull();
  });

  it("round-trips its own formats", () => {
    for (const lang of ["ko", "en"] as const) {
      expect(parseDateText(formatDate("2027-01-31", lang), ref)).toBe("2027-01-31");
      expect(parseDateText(formatLongDate("2027-01-31", lang), ref)).toBe("2027-01-31");
    }
  });
});
