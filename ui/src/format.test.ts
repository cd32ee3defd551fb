import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatClock,
  formatDateTime,
  formatMileage,
  formatPrice,
  groupThousands,
  parsePrice,
  parseWhole,
  formatShortDateTime,
  priceToText,
  splitList,
  todayIso,
} from "./format";

describe("formatPrice", () => {
  it.each([
    [0, "0만원", "₩0"],
    [5_000, "0.5만원", "₩5,000"],
    [10_000, "1만원", "₩10,000"],
    [9_990_000, "999만원", "₩9,990,000"],
    [12_500_000, "1,250만원", "₩12,500,000"],
    [12_345_000, "1,234.5만원", "₩12,345,000"],
    [12_345_600, "1,234.6만원", "₩12,345,600"],
    [12_340_100, "1,234만원", "₩12,340,100"],
    [99_999_999, "10,000만원", "₩99,999,999"],
    [125_000_000, "12,500만원", "₩125,000,000"],
    [1_000_000_000, "100,000만원", "₩1,000,000,000"],
  ])("%i won", (won, ko, en) => {
    expect(formatPrice(won, "ko")).toBe(ko);
    expect(formatPrice(won, "en")).toBe(en);
  });
});

describe("mileage and grouping", () => {
  it.each([
    [0, "0 km"],
    [999, "999 km"],
    [1_000, "1,000 km"],
    [123_456, "123,456 km"],
    [1_234_567, "1,234,567 km"],
  ])("%i km", (km, text) => {
    expect(formatMileage(km)).toBe(text);
  });

  it("groups with a decimal part and sign", () => {
    expect(groupThousands("1234.5")).toBe("1,234.5");
    expect(groupThousands(-1234567)).toBe("-1,234,567");
  });
});

describe("dates", () => {
  it("formats calendar dates per language", () => {
    expect(formatDate("2024-03-05", "ko")).toBe("2024.03.05");
    expect(formatDate("2024-03-05", "en")).toBe("5 Mar 2024");
    expect(formatDate("2024-12-31", "en")).toBe("31 Dec 2024");
    expect(formatDate(null, "ko")).toBe("");
    expect(formatDate("soon", "ko")).toBe("soon");
  });

  it("formats local date-times to the minute", () => {
    expect(formatDateTime("2024-03-05 14:07:09", "ko")).toBe("2024.03.05 14:07");
    expect(formatDateTime("2024-03-05 14:07:09", "en")).toBe("5 Mar 2024 14:07");
    expect(formatDateTime(null, "en")).toBe("");
  });

  it("gives today's local date", () => {
    expect(todayIso(new Date(2024, 0, 9, 23, 59))).toBe("2024-01-09");
  });
});

describe("parsing typed prices", () => {
  it.each([
    ["", "manwon", null],
    ["  ", "won", null],
    ["1250", "manwon", 12_500_000],
    ["1,250", "manwon", 12_500_000],
    ["1,250만원", "manwon", 12_500_000],
    ["1234.5", "manwon", 12_345_000],
    ["0", "manwon", 0],
    ["12,500,000", "won", 12_500_000],
    ["₩12,500,000", "won", 12_500_000],
    ["12500000원", "won", 12_500_000],
  ] as const)("%s (%s)", (text, unit, won) => {
    expect(parsePrice(text, unit)).toBe(won);
  });

  it("gives NaN for text that is not a price", () => {
    expect(parsePrice("천만원", "manwon")).toBeNaN();
    expect(parsePrice("12a", "won")).toBeNaN();
  });

  it("round-trips the input text", () => {
    expect(priceToText(12_500_000, "manwon")).toBe("1,250");
    expect(priceToText(12_345_000, "manwon")).toBe("1,234.5");
    expect(priceToText(12_345_678, "manwon")).toBe("1,234.5678");
    expect(priceToText(5_000, "manwon")).toBe("0.5");
    expect(priceToText(0, "manwon")).toBe("0");
    expect(priceToText(12_500_000, "won")).toBe("12,500,000");
    expect(priceToText(null, "won")).toBe("");
    for (const won of [0, 5_000, 12_345_678, 125_000_000]) {
      expect(parsePrice(priceToText(won, "manwon"), "manwon")).toBe(won);
      expect(parsePrice(priceToText(won, "won"), "won")).toBe(won);
    }
  });

  it("reads whole numbers", () => {
    expect(parseWhole("")).toBeNull();
    expect(parseWhole("123,456")).toBe(123_456);
    expect(parseWhole("123,456 km")).toBe(123_456);
    expect(parseWhole("2019")).toBe(2019);
    expect(parseWhole("12.5")).toBeNaN();
  });
});

describe("splitList", () => {
  it("splits on commas and drops blanks", () => {
    expect(splitList(" 무사고, 1인소유,,  ")).toEqual(["무사고", "1인소유"]);
    expect(splitList("SM520，SM5")).toEqual(["SM520", "SM5"]);
    expect(splitList("")).toEqual([]);
  });
});

describe("short local times", () => {
  const now = new Date(2024, 11, 1, 18, 0);
  const at = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo, d, h, mi).toISOString();

  it("shows only the clock for today, the day otherwise", () => {
    expect(formatClock(at(2024, 11, 1, 14, 2), "ko", now)).toBe("14:02");
    expect(formatClock(at(2024, 10, 30, 9, 5), "ko", now)).toBe("11월 30일");
    expect(formatClock(at(2024, 10, 30, 9, 5), "en", now)).toBe("30 Nov");
    expect(formatClock(at(2023, 0, 2, 9, 5), "ko", now)).toBe("2023년 1월 2일");
    expect(formatClock("not a time", "ko", now)).toBe("not a time");
  });

  it("writes day and minutes, the year only when it is not this year", () => {
    expect(formatShortDateTime(at(2024, 11, 1, 14, 2), "ko", now)).toBe("12월 1일 14:02");
    expect(formatShortDateTime(at(2024, 11, 1, 14, 2), "en", now)).toBe("1 Dec 14:02");
    expect(formatShortDateTime(at(2023, 4, 9, 7, 30), "en", now)).toBe("9 May 2023 07:30");
  });
});
