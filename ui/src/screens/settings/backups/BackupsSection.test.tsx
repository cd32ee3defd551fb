import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "../../../api";
import type { BackupInfo } from "../../../bindings/BackupInfo";
import type { BackupLocation } from "../../../bindings/BackupLocation";
import type { BackupProgress } from "../../../bindings/BackupProgress";
import { renderWithProviders } from "../../../test/render";
import { BackupsSection } from "./BackupsSection";

const full: BackupInfo = {
  path: "/data/backups/auto-20261205-090000000",
  name: "auto-20261205-090000000",
  taken_at: "2026-12-05 09:00:00",
  automatic: true,
  bytes: 123_400_000,
  legacy: false,
  app_version: "0.1.0",
  vehicles: 40,
  customers: 17,
  photos: 230,
  problem: null,
};

const legacy: BackupInfo = {
  ...full,
  path: "/data/backups/manual-20261101-080000.sqlite3",
  name: "manual-20261101-080000.sqlite3",
  taken_at: "2026-11-01 08:00:00",
  automatic: false,
  bytes: 2_000_000,
  legacy: true,
  app_version: null,
  vehicles: null,
  customers: null,
  photos: null,
};

function locations(second?: Partial<BackupLocation>): BackupLocation[] {
  const out: BackupLocation[] = [{ path: "/data/backups", second: false, waiting: false, backups: [full, legacy] }];
  if (second) out.push({ path: "/media/usb/Lotbook backups", second: true, waiting: false, backups: [], ...second });
  return out;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("BackupsSection", () => {
  it("lists backups with what they hold, in Korean", async () => {
    vi.spyOn(api, "backupLocations").mockResolvedValue(locations());
    renderWithProviders(<BackupsSection />);
    const rows = await screen.findAllByTestId("backup-row");
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByTestId("backup-summary").textContent).toBe("차량 40대 · 고객 17명 · 사진 230장 · 버전 0.1.0");
    expect(rows[0]!.textContent).toContain("자동");
    expect(rows[0]!.textContent).toContain("123 MB");
    expect(within(rows[1]!).getByTestId("backup-summary").textContent).toBe("장부만 (이전 버전)");
    expect(rows[1]!.textContent).toContain("수동");
    expect(screen.getByText("USB 드라이브나 NAS 폴더를 고르면 자동 백업이 그곳에도 저장됩니다.")).toBeTruthy();
  });

  it("shows a missing second location as waiting, not as an error", async () => {
    vi.spyOn(api, "backupLocations").mockResolvedValue(locations({ waiting: true }));
    renderWithProviders(<BackupsSection />, { lang: "en" });
    expect((await screen.findByTestId("backup-location-second-waiting")).textContent).toContain("Waiting for the drive");
    expect(screen.queryByTestId("backup-error")).toBeNull();
    expect((screen.getByTestId("backup-location-second-open") as HTMLButtonElement).disabled).toBe(true);
  });

  it("backs up now with progress and can be stopped", async () => {
    vi.spyOn(api, "backupLocations").mockResolvedValue(locations());
    let finish: (v: never) => void = () => {};
    let report: (p: BackupProgress) => void = () => {};
    const backupNow = vi.spyOn(api, "backupNow").mockImplementation((_id, onProgress) => {
      report = onProgress;
      return new Promise((_resolve, reject) => {
        finish = reject as (v: never) => void;
      });
    });
    const cancel = vi.spyOn(api, "cancelBackup").mockResolvedValue(null);
    renderWithProviders(<BackupsSection />, { lang: "en" });
    fireEvent.click(await screen.findByTestId("backup-now"));
    expect(backupNow).toHaveBeenCalledTimes(1);
    report({ location: "/data/backups", stage: "photos", done: 12, total: 230, copied: 3 });
    expect((await screen.findByTestId("backup-progress")).textContent).toContain("Photos 12 of 230");
    fireEvent.click(screen.getByTestId("backup-cancel"));
    expect(cancel).toHaveBeenCalledWith(backupNow.mock.calls[0]![0]);
    finish(new ApiError({ code: "cancelled", message: "cancelled", field: null, problems: [] }) as never);
    expect((await screen.findByTestId("backup-note")).textContent).toBe("The backup was stopped. No half-made backup is left.");
    expect(screen.getByTestId("backup-now")).toBeTruthy();
  });

  it("says when the second location waits after a backup", async () => {
    vi.spyOn(api, "backupLocations").mockResolvedValue(locations({ waiting: true }));
    vi.spyOn(api, "backupNow").mockResolvedValue([
      { location: "/data/backups", second: false, backup: full, waiting: false, error: null },
      { location: "/media/usb/Lotbook backups", second: true, backup: null, waiting: true, error: null },
    ]);
    renderWithProviders(<BackupsSection />);
    fireEvent.click(await screen.findByTestId("backup-now"));
    expect((await screen.findByTestId("backup-note")).textContent).toBe("백업했습니다. 두 번째 위치는 연결을 기다리는 중입니다.");
  });

  it("verifies one backup and names the damaged file", async () => {
    vi.spyOn(api, "backupLocations").mockResolvedValue(locations());
    vi.spyOn(api, "verifyBackup").mockResolvedValue({
      path: full.path,
      ok: false,
      problems: ["/data/backups/photos/ab/abcd.jpg: damaged (its content does not match the manifest's checksum)"],
      photos: 230,
    });
    renderWithProviders(<BackupsSection />, { lang: "en" });
    const rows = await screen.findAllByTestId("backup-row");
    fireEvent.click(within(rows[0]!).getByTestId("backup-verify"));
    const problems = await screen.findByTestId("backup-verify-problems");
    expect(problems.textContent).toContain("/data/backups/photos/ab/abcd.jpg");
    expect(api.verifyBackup).toHaveBeenCalledWith(full.path);
  });

  it("chooses a second location through the folder picker", async () => {
    vi.spyOn(api, "backupLocations").mockResolvedValue(locations());
    vi.spyOn(api, "pickFolder").mockResolvedValue("/media/usb");
    const set = vi.spyOn(api, "setSecondBackupLocation").mockResolvedValue(locations({}));
    renderWithProviders(<BackupsSection />);
    fireEvent.click(await screen.findByTestId("backup-choose-second"));
    await waitFor(() => expect(set).toHaveBeenCalledWith("/media/usb"));
    expect(await screen.findByTestId("backup-location-second")).toBeTruthy();
    expect(screen.getByTestId("backup-clear-second")).toBeTruthy();
  });

  it("previews a backup, restores it in place, reloads every screen's data and says what it holds", async () => {
    vi.spyOn(api, "backupLocations").mockResolvedValue(locations());
    vi.spyOn(api, "previewBackup").mockResolvedValue(full);
    const restore = vi.spyOn(api, "restoreBackup").mockResolvedValue({
      path: full.path,
      ok: true,
      error: null,
      saved_to: "/data/backups/manual-20261205-100000000",
      vehicles: 40,
      customers: 17,
      photos: 230,
    });
    const { client } = renderWithProviders(<BackupsSection />);
    const invalidate = vi.spyOn(client, "invalidateQueries");
    const rows = await screen.findAllByTestId("backup-row");
    fireEvent.click(within(rows[0]!).getByTestId("backup-restore"));
    const preview = await screen.findByTestId("restore-preview");
    expect((await within(preview).findByTestId("restore-preview-what")).textContent).toBe("차량 40대 · 고객 17명 · 사진 230장");
    expect(restore).not.toHaveBeenCalled();
    fireEvent.click(within(preview).getByTestId("restore-confirm"));
    await waitFor(() => expect(restore).toHaveBeenCalledWith(full.path));
    const outcome = await screen.findByTestId("restore-outcome");
    expect(outcome.textContent).toContain("백업을 복원했습니다 · 차량 40대 · 고객 17명 · 사진 230장");
    expect(screen.getByTestId("restore-saved-to").textContent).toBe(
      "복원하기 전의 데이터는 여기에 백업해 두었습니다: /data/backups/manual-20261205-100000000",
    );
    expect(screen.queryByTestId("restore-preview")).toBeNull();
    expect(invalidate).toHaveBeenCalledWith();
  });

  it("says why a restore was refused, data unchanged, and stays on the preview", async () => {
    vi.spyOn(api, "backupLocations").mockResolvedValue(locations());
    vi.spyOn(api, "previewBackup").mockResolvedValue(full);
    vi.spyOn(api, "restoreBackup").mockResolvedValue({
      path: full.path,
      ok: false,
      error: "lotbook.sqlite3 is damaged",
      saved_to: null,
      vehicles: 41,
      customers: 17,
      photos: 230,
    });
    renderWithProviders(<BackupsSection />, { lang: "en" });
    const rows = await screen.findAllByTestId("backup-row");
    fireEvent.click(within(rows[0]!).getByTestId("backup-restore"));
    const preview = await screen.findByTestId("restore-preview");
    await within(preview).findByTestId("restore-preview-what");
    fireEvent.click(within(preview).getByTestId("restore-confirm"));
    expect((await within(preview).findByTestId("restore-error")).textContent).toBe(
      "The backup could not be restored; your data is unchanged: lotbook.sqlite3 is damaged",
    );
    expect(screen.queryByTestId("restore-outcome")).toBeNull();
  });
});
