import { describe, expect, it } from "vitest";
import { formatMileage, formatPrice, groupThousands, parsePrice, parseWhole, priceToText, splitList } from "./format";

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
