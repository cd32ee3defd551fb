import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "../../api";
import { renderWithProviders } from "../../test/render";
import { CareSettingsSection } from "./CareSettingsSection";

function value(testId: string): string {
  return (screen.getByTestId(testId) as HTMLInputElement).value;
}

function fill(testId: string, v: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value: v } });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("CareSettingsSection", () => {
  it("shows the schedule as steps in words, edits them with a number and a unit, and saves the stored form", async () => {
    vi.spyOn(api, "teamSetting").mockResolvedValue(null);
    const set = vi
      .spyOn(api, "setTeamSetting")
      .mockRejectedValueOnce(
        new ApiError({
          code: "invalid_schedule",
          message: 'care.schedule: "0d" is not a step; write steps like 3d, 2w, 1m, 1y separated by commas',
          field: "care.schedule",
          problems: [],
        }),
      )
      .mockResolvedValueOnce(null);
    renderWithProviders(<CareSettingsSection />);

    await waitFor(() => expect(value("buffer-minutes")).toBe("30"));
    // No template syntax in front of the dealer: each step in words.
    const labels = () => screen.getAllByTestId(/^schedule-label-/).map((l) => l.textContent);
    expect(labels()).toEqual(["3일 감사 인사", "1개월 안부 전화 (1M)", "6개월 점검 안내", "1년 안부 연락"]);
    expect(screen.getByTestId("care-schedule").textContent).not.toContain("3d");
    expect(value("schedule-count-0")).toBe("3");
    expect(value("schedule-unit-0")).toBe("d");

    // Two weeks instead of three days; the 6-month step removed; a new step added.
    fill("schedule-count-0", "2");
    fill("schedule-unit-0", "w");
    expect(labels()[0]).toBe("2주 연락");
    fireEvent.click(screen.getByTestId("schedule-remove-2"));
    fireEvent.click(screen.getByTestId("schedule-add"));
    fill("schedule-count-3", "0");
    fireEvent.click(screen.getByTestId("care-settings-save"));
    expect((await screen.findByTestId("error-care.schedule")).textContent).toBe("단계마다 1 이상의 숫자를 넣으세요.");
    expect(set).toHaveBeenCalledWith("care.schedule", "2w,1m,1y,0m");

    fill("schedule-count-3", "3");
    expect(screen.queryByTestId("error-care.schedule")).toBeNull();
    expect(labels()[3]).toBe("3개월 연락");
    fireEvent.click(screen.getByTestId("care-settings-save"));
    expect(await screen.findByTestId("care-settings-saved")).toBeTruthy();
    expect(set).toHaveBeenLastCalledWith("care.schedule", "2w,1m,1y,3m");
    expect(set).toHaveBeenCalledTimes(2);
  });

  it("shows the stored values and a buffer out of range at its field", async () => {
    vi.spyOn(api, "teamSetting").mockImplementation(async (key) => (key === "calendar.buffer_minutes" ? "15" : "1m,1y"));
    const set = vi.spyOn(api, "setTeamSetting").mockRejectedValue(
      new ApiError({ code: "too_large", message: "calendar.buffer_minutes must be at most 240, got 300", field: "calendar.buffer_minutes", problems: [] }),
    );
    renderWithProviders(<CareSettingsSection />, { lang: "en" });

    await waitFor(() => expect(value("buffer-minutes")).toBe("15"));
    expect(screen.getAllByTestId("schedule-step")).toHaveLength(2);
    expect(value("schedule-count-1")).toBe("1");
    expect(value("schedule-unit-1")).toBe("y");
    fill("buffer-minutes", "300");
    fireEvent.click(screen.getByTestId("care-settings-save"));
    expect((await screen.findByTestId("error-calendar.buffer_minutes")).textContent).toBe("Enter 0 to 240 minutes.");
    expect(set).toHaveBeenCalledWith("calendar.buffer_minutes", "300");
    expect(set).toHaveBeenCalledTimes(1);
  });
});
