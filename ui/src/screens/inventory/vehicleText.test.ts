import { describe, expect, it } from "vitest";
import { joinParts, vehicleName } from "./vehicleText";

describe("a car's name and subtitle", () => {
  it("never show a double space or an empty part (issue 15)", () => {
    expect(joinParts(["2004년식", "85라5572", "대전오토월드"])).toBe("2004년식 · 85라5572 · 대전오토월드");
    expect(joinParts(["2004년식", "", "대전오토월드"])).toBe("2004년식 · 대전오토월드");
    expect(joinParts(["2004년식", " 85라 5572 ", null, "월평동"])).toBe("2004년식 · 85라 5572 · 월평동");
    expect(vehicleName({ make: "르노삼성", model: "SM520", trim: "" })).toBe("르노삼성 SM520");
  });
});
