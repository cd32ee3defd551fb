import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { SetAsideGroup } from "../../bindings/SetAsideGroup";
import type { Lang } from "../../i18n/lang";
import { NavContext, type Nav } from "../../navigation";
import { renderWithProviders } from "../../test/render";
import { SyncProblems, subjectParticle } from "./SyncProblems";

function group(over: Partial<SetAsideGroup> = {}): SetAsideGroup {
  return {
    device_id: "0190b6b2-7c4e-7d2a-9f00-1234567890ab",
    device_name: "박부장 노트북",
    user_name: "박부장",
    table: "vehicles",
    column: "price_krw",
    reason: { code: "not_a_number", params: {} },
    count: 1,
    ...over,
  };
}

function nav(): Nav {
  return { route: { name: "today" }, go: vi.fn(), replace: vi.fn(), reset: vi.fn(), back: vi.fn() };
}

function render(groups: SetAsideGroup[], lang: Lang, compact = false, n: Nav = nav()) {
  renderWithProviders(
    <NavContext.Provider value={n}>
      <SyncProblems groups={groups} compact={compact} />
    </NavContext.Provider>,
    { lang },
  );
  return n;
}

describe("SyncProblems", () => {
  it("says in plain Korean which computer sent what and why", () => {
    render([group()], "ko");
    const lines = screen.getAllByTestId("sync-problem").map((l) => l.textContent);
    expect(lines).toEqual(["박부장 노트북에서 온 차량 변경 1건을 적용하지 못했습니다: 가격이 숫자가 아님"]);
    expect(screen.getByTestId("sync-problems").textContent).not.toMatch(/[A-Za-z_]{3,}/);
  });

  it("says it in English, with the count and the allowed range", () => {
    render(
      [
        group({ count: 2, column: "position", table: "photos", reason: { code: "out_of_range", params: { min: "0", max: "1000000" } } }),
        group({ table: "customers", column: "email", reason: { code: "bad_email", params: {} } }),
      ],
      "en",
    );
    const lines = screen.getAllByTestId("sync-problem").map((l) => l.textContent);
    expect(lines).toEqual([
      "2 photo changes from 박부장 노트북 could not be applied: the position is outside the allowed range (0–1000000)",
      "1 customer change from 박부장 노트북 could not be applied: the email address is not an email address",
    ]);
    expect(screen.getByRole("heading").textContent).toBe("3 changes that came by sync could not be applied");
  });

  it("names an unnamed computer by its id and words an unknown field, table and reason", () => {
    render([group({ device_name: "", table: "future_table", column: "future_col", reason: { code: "future", params: {} } })], "ko");
    expect(screen.getByTestId("sync-problem").textContent).toBe(
      "이름 없음 (0190b6b2)에서 온 기타 변경 1건을 적용하지 못했습니다: 한 항목이 올바른 값이 아님",
    );
  });

  it("shows nothing when nothing was set aside", () => {
    render([], "ko");
    expect(screen.queryByTestId("sync-problems")).toBeNull();
  });

  it("is compact on Today and opens the Sync page", () => {
    const groups = ["a", "b", "c", "d"].map((d) => group({ device_id: `${d}0000000`, device_name: d }));
    const n = render(groups, "ko", true);
    expect(screen.getAllByTestId("sync-problem")).toHaveLength(3);
    fireEvent.click(screen.getByTestId("sync-problems-open"));
    expect(n.go).toHaveBeenCalledWith({ name: "sync" });
  });

  it("picks 이 or 가 by the last syllable", () => {
    expect(subjectParticle("가격")).toBe("이");
    expect(subjectParticle("주행거리")).toBe("가");
  });
});
