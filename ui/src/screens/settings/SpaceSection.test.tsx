import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import type { SpaceReport } from "../../bindings/SpaceReport";
import { renderWithProviders } from "../../test/render";
import { SpaceSection } from "./SpaceSection";

const REPORT: SpaceReport = {
  folder: {
    path: "/Users/dealer/Google Drive/우리 팀",
    journals: 48_300_000,
    photos: 12_400_000_000,
    photo_files: 25_000,
    snapshots: 0,
    other: 120_000,
    total: 12_448_420_000,
  },
  data: {
    path: "/Users/dealer/Library/Application Support/kr.lotbook.app",
    database: 96_000_000,
    originals: 31_200_000_000,
    shared_photos: 8_100_000_000,
    derived: 9_800_000_000,
    backups: 96_500_000,
    other: 2_000_000,
    total: 49_294_500_000,
  },
  second_backups: null,
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe("SpaceSection", () => {
  it("shows where the space goes, in the app's sizes", async () => {
    vi.spyOn(api, "spaceReport").mockResolvedValue(REPORT);
    vi.spyOn(api, "teamSetting").mockResolvedValue(null);
    renderWithProviders(<SpaceSection />);
    expect((await screen.findByTestId("space-photos")).textContent).toBe("사진 파일12.4 GB25,000개");
    expect(screen.getByTestId("space-journals").textContent).toBe("변경 기록48.3 MB");
    expect(screen.getByTestId("space-originals").textContent).toBe("사진 원본31.2 GB");
    expect(screen.getByTestId("space-shared").textContent).toContain("8.1 GB");
    expect(screen.queryByTestId("space-second")).toBeNull();
    expect((screen.getByTestId("settings-photo-files") as HTMLSelectElement).value).toBe("shared_size");
  });

  it("says so when this computer does not sync, and keeps the team's photo choice", async () => {
    vi.spyOn(api, "spaceReport").mockResolvedValue({ ...REPORT, folder: null, second_backups: 5_000 });
    vi.spyOn(api, "teamSetting").mockResolvedValue("originals");
    const set = vi.spyOn(api, "setTeamSetting").mockResolvedValue(null);
    renderWithProviders(<SpaceSection />);
    expect((await screen.findByTestId("space-no-folder")).textContent).toBe("이 컴퓨터는 팀과 동기화하지 않습니다.");
    expect(screen.getByTestId("space-second").textContent).toContain("5.0 KB");
    const select = screen.getByTestId("settings-photo-files") as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe("originals"));
    fireEvent.change(select, { target: { value: "shared_size" } });
    await waitFor(() => expect(set).toHaveBeenCalledWith("sync.photo_files", ""));
  });
});
