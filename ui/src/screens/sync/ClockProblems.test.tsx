import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ClockAhead } from "../../bindings/ClockAhead";
import { renderWithProviders } from "../../test/render";
import { syncStatus } from "../../test/sync";
import { ClockProblems } from "./ClockProblems";

const YEAR = 365 * 24 * 3600;

function ahead(over: Partial<ClockAhead> = {}): ClockAhead {
  return { device_id: "dev-park-0001", name: "박부장 PC", user_name: "박정호", ahead_secs: 3 * YEAR + 5, held_changes: 2, ...over };
}

describe("ClockProblems", () => {
  it("shows nothing while every clock is right", () => {
    renderWithProviders(<ClockProblems status={syncStatus()} />);
    expect(screen.queryByTestId("clock-problems")).toBeNull();
  });

  it("names a colleague's computer whose clock is years fast, in Korean", () => {
    renderWithProviders(<ClockProblems status={syncStatus({ clocks: [ahead()] })} />);
    const item = screen.getByTestId("clock-problem");
    expect(item.textContent).toContain("박부장 PC의 시계가 3년 빠릅니다");
    expect(item.textContent).toContain("변경 2건을 보관 중");
    expect(item.getAttribute("data-device")).toBe("dev-park-0001");
  });

  it("says so in English, and a clock behind is slow", () => {
    renderWithProviders(
      <ClockProblems status={syncStatus({ clocks: [ahead(), ahead({ device_id: "d2", name: "", user_name: "김성수", ahead_secs: -2 * 24 * 3600, held_changes: 0 })] })} />,
      { lang: "en" },
    );
    const items = screen.getAllByTestId("clock-problem");
    expect(items[0]?.textContent).toContain("The clock of 박부장 PC is 3 years fast");
    expect(items[1]?.textContent).toContain("The clock of 김성수 is 2 days slow");
    expect(items[1]?.textContent).toContain("Set the date and time of that computer right.");
  });

  it("tells this computer its own clock is wrong and nothing can be saved", () => {
    renderWithProviders(<ClockProblems status={syncStatus({ own_clock: { state: "wrong", ahead_secs: 0, reads: "2107-01-01" } })} />);
    const own = screen.getByTestId("clock-problem-own");
    expect(own.textContent).toContain("이 컴퓨터의 시계가 2107-01-01로 되어 있어 아무것도 저장할 수 없습니다");
    expect(own.getAttribute("data-state")).toBe("wrong");
  });

  it("is one line each on Today, with counts grouped", () => {
    renderWithProviders(
      <ClockProblems
        status={syncStatus({ own_clock: { state: "ahead", ahead_secs: 10 * 60, reads: "2026-12-05" }, clocks: [ahead({ held_changes: 5645 })] })}
        compact
      />,
    );
    const box = screen.getByTestId("clock-problems");
    expect(within(box).getByTestId("clock-problem-own").textContent).toContain("이 컴퓨터의 시계가 10분 빠릅니다");
    expect(within(box).getByTestId("clock-problem").textContent).toContain("박부장 PC의 시계가 3년 빠릅니다");
    expect(box.textContent).not.toContain("보관 중");
    expect(box.querySelector("h2")).toBeNull();
  });
});
