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
  it("shows the defaults, saves only what changed, and a bad schedule's error at its field", async () => {
    vi.spyOn(api, "teamSetting").mockResolvedValue(null);
    const set = vi
      .spyOn(api, "setTeamSetting")
      .mockRejectedValueOnce(
        new ApiError({
          code: "invalid_schedule",
          message: 'care.schedule: "1월" is not a step; write steps like 3d, 2w, 1m, 1y separated by commas',
          field: "care.schedule",
          problems: [],
        }),
      )
      .mockResolvedValueOnce(null);
    renderWithProviders(<CareSettingsSection />);

    await waitFor(() => expect(value("buffer-minutes")).toBe("30"));
    expect(value("care-schedule")).toBe("3d,1m,6m,1y");

    fill("care-schedule", "3d,1월");
    fireEvent.click(screen.getByTestId("care-settings-save"));
    expect((await screen.findByTestId("error-care.schedule")).textContent).toBe(
      "3d, 2w, 1m, 1y처럼 쉼표로 나눠 쓰세요 (d 일, w 주, m 개월, y 년).",
    );
    expect(set).toHaveBeenCalledTimes(1);
    expect(set).toHaveBeenCalledWith("care.schedule", "3d,1월");

    fill("care-schedule", "3d,2w,1m,1y");
    expect(screen.queryByTestId("error-care.schedule")).toBeNull();
    fireEvent.click(screen.getByTestId("care-settings-save"));
    expect(await screen.findByTestId("care-settings-saved")).toBeTruthy();
    expect(set).toHaveBeenLastCalledWith("care.schedule", "3d,2w,1m,1y");
    expect(set).toHaveBeenCalledTimes(2);
  });

  it("shows the stored values and a buffer out of range at its field", async () => {
    vi.spyOn(api, "teamSetting").mockImplementation(async (key) => (key === "calendar.buffer_minutes" ? "15" : "1m,1y"));
    const set = vi.spyOn(api, "setTeamSetting").mockRejectedValue(
      new ApiError({ code: "too_large", message: "calendar.buffer_minutes must be at most 240, got 300", field: "calendar.buffer_minutes", problems: [] }),
    );
    renderWithProviders(<CareSettingsSection />, { lang: "en" });

    await waitFor(() => expect(value("buffer-minutes")).toBe("15"));
    expect(value("care-schedule")).toBe("1m,1y");
    fill("buffer-minutes", "300");
    fireEvent.click(screen.getByTestId("care-settings-save"));
    expect((await screen.findByTestId("error-calendar.buffer_minutes")).textContent).toBe("Enter 0 to 240 minutes.");
    expect(set).toHaveBeenCalledWith("calendar.buffer_minutes", "300");
    expect(set).toHaveBeenCalledTimes(1);
  });
});
