import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Disclosure } from "../../../bindings/Disclosure";
import type { Lang } from "../../../i18n/lang";
import { renderWithProviders } from "../../../test/render";
import { Summary } from "./Summary";

/** Every history finding of the 기록부 and the words the app's summary must show for it. */
const cases: [Disclosure, string, string][] = [
  [{ code: "use_history", value: "rental" }, "렌트 사용 이력", "Former rental car"],
  [{ code: "use_history", value: "business" }, "영업용 사용 이력", "Former commercial vehicle"],
  [{ code: "flood", value: "partial" }, "침수 이력 (일부)", "Flood history (partial)"],
  [{ code: "flood", value: "total" }, "침수 이력 (전손)", "Flood history (total loss)"],
  [{ code: "fire" }, "화재 이력", "Fire history"],
  [{ code: "tuning", value: "legal" }, "구조변경 (적법)", "Modified (legal)"],
  [{ code: "tuning", value: "illegal" }, "불법 구조변경", "Illegal modification"],
  [{ code: "odometer_faulty" }, "주행거리 계기 불량", "Odometer faulty"],
  [{ code: "vin_check", value: "altered" }, "차대번호 변조(변타)", "VIN: Altered"],
  [{ code: "recall", value: "pending" }, "리콜 미이행", "Recall not yet done"],
  [{ code: "recall", value: "done" }, "리콜 이행 완료", "Recall done"],
  [{ code: "color_changed" }, "색상 변경", "Colour changed"],
];

// The core's line for a rental car before issue 15 said only this.
const verdict = (disclosures: Disclosure[]) => ({ summary_ko: "무사고 · 흠집 1", summary_en: "No accident · 1 scratch", accident: false, disclosures });

describe("the condition summary", () => {
  for (const lang of ["ko", "en"] as Lang[]) {
    for (const [d, ko, en] of cases) {
      it(`shows ${d.code}${"value" in d ? ` ${d.value}` : ""} in ${lang}`, () => {
        renderWithProviders(<Summary report={verdict([d])} />, { lang });
        expect(screen.getByTestId(`disclosure-${d.code}`).textContent).toBe(lang === "ko" ? ko : en);
        expect(screen.getByTestId("condition-summary").textContent).toContain(lang === "ko" ? "무사고" : "No accident");
      });
    }

    it(`counts the items marked for attention in ${lang}`, () => {
      const items: Disclosure[] = [
        { code: "item", key: "engine.oil_leak_cover", value: "minor" },
        { code: "tyre_worn", key: "tyre.fl", mm: "2.1" },
      ];
      renderWithProviders(<Summary report={verdict(items)} />, { lang });
      expect(screen.getByTestId("disclosure-attention").textContent).toBe(lang === "ko" ? "점검 필요 2" : "Needs attention: 2");
    });
  }

  it("shows no finding badge for a report with nothing to disclose", () => {
    renderWithProviders(<Summary report={verdict([])} />, { lang: "ko" });
    expect(screen.queryByTestId(/^disclosure-/)).toBeNull();
  });
});
