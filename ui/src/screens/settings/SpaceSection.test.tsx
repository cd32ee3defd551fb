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
  archive: {
    after_days: null,
    archived: 0,
    archived_bytes: 0,
    freed: 0,
    plan: { after_days: null, photos: 0, vehicles: 0, bytes: 0, waiting: 0 },
  },
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

  it("keeps archiving off until chosen, then previews it and archives now with progress", async () => {
    vi.spyOn(api, "spaceReport").mockResolvedValue(REPORT);
    vi.spyOn(api, "teamSetting").mockResolvedValue(null);
    const set = vi.spyOn(api, "setTeamSetting").mockResolvedValue(null);
    const { unmount } = renderWithProviders(<SpaceSection />);
    const select = (await screen.findByTestId("settings-archive-days")) as HTMLSelectElement;
    expect(select.value).toBe("off");
    expect(screen.queryByTestId("space-archive-now")).toBeNull();
    fireEvent.change(select, { target: { value: "180" } });
    await waitFor(() => expect(set).toHaveBeenCalledWith("photos.archive_sold_after_days", "180"));
    unmount();

    const on = {
      ...REPORT,
      archive: {
        after_days: 180,
        archived: 12,
        archived_bytes: 50_000_000,
        freed: 61_000_000,
        plan: { after_days: 180, photos: 40, vehicles: 3, bytes: 190_000_000, waiting: 2 },
      },
    };
    vi.spyOn(api, "spaceReport").mockResolvedValue(on);
    vi.spyOn(api, "teamSetting").mockResolvedValue("180");
    const archive = vi.spyOn(api, "archivePhotos").mockImplementation(async (_job, onProgress) => {
      onProgress({ done: 40, total: 40, freed: 190_000_000 });
      return { photos: 40, vehicles: 3, freed: 190_000_000, refused: [], cancelled: false };
    });
    renderWithProviders(<SpaceSection />);
    expect((await screen.findByTestId("space-archive-preview")).textContent).toBe(
      "지금 보관하면 판매한 차 3대의 사진 40장, 190 MB를 비웁니다. 사진 2장은 백업에 들어간 뒤 보관됩니다.",
    );
    expect(screen.getByTestId("space-archived").textContent).toContain("12장, 백업에 50.0 MB 보관 · 이 컴퓨터에서 61.0 MB 확보");
    fireEvent.click(screen.getByTestId("space-archive-now"));
    expect((await screen.findByTestId("space-archive-done")).textContent).toBe("사진 40장을 보관하고 190 MB를 비웠습니다.");
    expect(archive).toHaveBeenCalledTimes(1);
  });
});
