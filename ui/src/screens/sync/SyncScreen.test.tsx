import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "../../api";
import type { ErrorCode } from "../../bindings/ErrorCode";
import type { SyncReport } from "../../bindings/SyncReport";
import type { SyncSettings } from "../../bindings/SyncSettings";
import type { Lang } from "../../i18n/lang";
import { NavContext, type Nav } from "../../navigation";
import { renderWithProviders } from "../../test/render";
import { syncReport, syncSettings, syncStatus } from "../../test/sync";
import { SyncScreen } from "./SyncScreen";

function nav(): Nav {
  return { route: { name: "sync" }, go: vi.fn(), replace: vi.fn(), reset: vi.fn(), back: vi.fn() };
}

function renderSync(stored: SyncSettings = syncSettings(), lang: Lang = "ko") {
  vi.spyOn(api, "syncSettings").mockResolvedValue(stored);
  vi.spyOn(api, "syncStatus").mockResolvedValue(stored.status);
  return renderWithProviders(
    <NavContext.Provider value={nav()}>
      <SyncScreen />
    </NavContext.Provider>,
    { lang },
  );
}

function fill(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function value(testId: string): string {
  return (screen.getByTestId(testId) as HTMLInputElement).value;
}

function deferred<T>() {
  let resolve: (v: T) => void = () => {};
  let reject: (e: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const apiError = (code: ErrorCode, message: string, field: string | null = null) =>
  new ApiError({ code, message, field, problems: [] });

beforeEach(() => {
  vi.spyOn(api, "onSyncChanged").mockResolvedValue(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("SyncScreen: what is shown", () => {
  it("lists changes set aside from another computer in plain words", async () => {
    renderSync(
      syncSettings({
        status: syncStatus({
          state: "synced",
          folder: "/Volumes/NAS/lotbook",
          set_aside: [
            {
              device_id: "0190b6b2-7c4e-7d2a-9f00-1234567890ab",
              device_name: "박부장 노트북",
              user_name: "박부장",
              table: "vehicles",
              column: "price_krw",
              reason: { code: "not_a_number", params: {} },
              count: 1,
            },
          ],
        }),
      }),
    );
    const card = await screen.findByTestId("sync-problems");
    expect(within(card).getByTestId("sync-problem").textContent).toBe(
      "박부장 노트북에서 온 차량 변경 1건을 적용하지 못했습니다: 가격이 숫자가 아님",
    );
  });

  it("shows the status, the other computers and the log", async () => {
    renderSync(
      syncSettings({
        devices: [
          {
            device_id: "ab12cd34ef56",
            name: "둔산 전시장 노트북",
            user_name: "박정호",
            last_number: 42,
            last_seen_at: "2024-12-01T05:02:00.000Z",
          },
          { device_id: "99ffee0011aa", name: "", user_name: "", last_number: 3, last_seen_at: null },
        ],
        log: [
          {
            at: "2024-12-01T05:02:00.000Z",
            level: "warning",
            code: "unreachable",
            params: {},
            message: "the shared folder /Volumes/NAS/lotbook cannot be reached",
          },
          {
            at: "2024-12-01T04:00:00.000Z",
            level: "warning",
            code: "skipped",
            params: { file: "devices/ab12cd34/segments/0000000007.seg", why: "too_large" },
            message: "devices/ab12cd34/segments/0000000007.seg: is 10240 MB",
          },
          {
            at: "2024-12-01T03:30:00.000Z",
            level: "info",
            code: "pass",
            params: { sent: "5645", received: "3", photos_sent: "0", photos_received: "2", set_aside: "1", skipped: "0" },
            message: "sent 5645 change(s), received 3",
          },
          { at: "2024-12-01T03:00:00.000Z", level: "info", code: null, params: {}, message: "joined the shared folder" },
        ],
      }),
    );

    const status = await screen.findByTestId("sync-status");
    expect(status.getAttribute("data-state")).toBe("synced");
    expect(within(status).getByTestId("sync-status-line").textContent).toContain("팀과 동기화되어 있습니다.");
    expect(within(status).getByTestId("sync-status-folder").textContent).toBe("/Volumes/NAS/lotbook");

    const devices = within(screen.getByTestId("sync-devices")).getAllByTestId("sync-device-row");
    expect(devices).toHaveLength(2);
    expect(devices[0]!.textContent).toContain("둔산 전시장 노트북");
    expect(devices[0]!.textContent).toContain("박정호");
    expect(devices[0]!.textContent).toContain("42");
    expect(devices[0]!.textContent).toContain("2024.12.01");
    expect(devices[1]!.textContent).toContain("이름 없음 (99ffee00)");
    expect(devices[1]!.textContent).toContain("아직 없음");

    const log = within(screen.getByTestId("sync-log")).getAllByTestId("sync-log-entry");
    expect(log.map((e) => e.getAttribute("data-level"))).toEqual(["warning", "warning", "info", "info"]);
    expect(log[0]!.textContent).toContain("주의");
    expect(log[0]!.textContent).toContain("지금은 공유 폴더에 연결되지 않습니다");
    expect(log[0]!.textContent).not.toContain("cannot be reached");
    expect(log[1]!.textContent).toContain("devices/ab12cd34/segments/0000000007.seg: 너무 커서 읽지 않았습니다");
    // What each pass did, in words and with thousands grouped.
    expect(log[2]!.textContent).toContain("변경 5,645건 보냄 · 3건 받음 · 사진 2장 받음 · 적용하지 못한 변경 1건");
    expect(log[3]!.textContent).toContain("joined the shared folder");

    expect(value("sync-folder")).toBe("/Volumes/NAS/lotbook");
    expect(value("sync-device-name")).toBe("월평 사무실 PC");
    expect(screen.getByTestId("sync-passphrase").getAttribute("type")).toBe("password");
    expect(screen.getByTestId("sync-passphrase-state").textContent).toBe(
      "저장된 팀 암호가 없습니다. 팀이 암호를 쓰지 않으면 비워 두세요.",
    );
    expect(screen.getByText(/구글 드라이브, 네이버 MYBOX/)).toBeTruthy();
  });

  it("says when no other computer has been heard from, and sync is off", async () => {
    renderSync(syncSettings({ folder: null, status: syncStatus() }));
    expect((await screen.findByTestId("sync-status")).getAttribute("data-state")).toBe("off");
    expect(screen.getByTestId("sync-devices-empty")).toBeTruthy();
    // Nothing to sync with yet.
    expect((screen.getByTestId("sync-now") as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("SyncScreen: settings", () => {
  it("saves folder, device name and passphrase, then forgets the typed passphrase", async () => {
    const stored = syncSettings({ folder: null, status: syncStatus() });
    const save = vi
      .spyOn(api, "saveSyncSettings")
      .mockImplementation(async (folder, deviceName) =>
        syncSettings({ folder, device_name: deviceName, has_passphrase: true }),
      );
    renderSync(stored);

    await screen.findByTestId("sync-folder");
    fill("sync-folder", "  /Volumes/NAS/lotbook  ");
    fill("sync-device-name", "둔산 노트북");
    fill("sync-passphrase", "우리팀 비밀 2024");
    fireEvent.click(screen.getByTestId("sync-save"));

    expect((await screen.findByTestId("sync-saved")).textContent).toBe("저장했습니다.");
    expect(save).toHaveBeenCalledWith("/Volumes/NAS/lotbook", "둔산 노트북", "우리팀 비밀 2024");
    expect(value("sync-passphrase")).toBe("");
    expect(screen.getByTestId("sync-passphrase-state").textContent).toBe("이 컴퓨터의 키체인에 팀 암호가 저장되어 있습니다.");
    expect(screen.getByTestId("sync-passphrase").getAttribute("placeholder")).toBe("비워 두면 저장된 암호 사용");
    // Sync now works once a folder is saved.
    expect((screen.getByTestId("sync-now") as HTMLButtonElement).disabled).toBe(false);

    // An empty passphrase keeps the saved one; an empty folder turns sync off.
    fill("sync-folder", "");
    fireEvent.click(screen.getByTestId("sync-save"));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    expect(save.mock.calls[1]).toEqual([null, "둔산 노트북", null]);
  });

  it("fills the folder from the folder picker", async () => {
    vi.spyOn(api, "pickFolder").mockResolvedValueOnce("/Users/kim/Google Drive/lotbook").mockResolvedValueOnce(null);
    renderSync(syncSettings({ folder: null }));
    fireEvent.click(await screen.findByTestId("sync-pick-folder"));
    await waitFor(() => expect(value("sync-folder")).toBe("/Users/kim/Google Drive/lotbook"));
    // Closing the picker leaves the path alone.
    fireEvent.click(screen.getByTestId("sync-pick-folder"));
    await waitFor(() => expect(api.pickFolder).toHaveBeenCalledTimes(2));
    expect(value("sync-folder")).toBe("/Users/kim/Google Drive/lotbook");
  });

  it("shows a missing folder at the folder field and clears it on edit", async () => {
    vi.spyOn(api, "saveSyncSettings").mockRejectedValue(
      apiError("folder_missing", "folder: /Volumes/NAS/lotbok does not exist or is not reachable now", "folder"),
    );
    renderSync();
    await screen.findByTestId("sync-folder");
    fill("sync-folder", "/Volumes/NAS/lotbok");
    fireEvent.click(screen.getByTestId("sync-save"));

    const error = await screen.findByTestId("error-folder");
    expect(error.textContent).toBe("폴더가 없거나 지금 연결되지 않습니다. 경로를 확인하거나 ‘폴더 선택…’으로 고르세요.");
    expect(screen.getByTestId("sync-folder").getAttribute("aria-invalid")).toBe("true");
    expect(screen.queryByTestId("sync-form-error")).toBeNull();

    fill("sync-folder", "/Volumes/NAS/lotbook");
    expect(screen.queryByTestId("error-folder")).toBeNull();
  });

  it("puts a device name error at its field and other errors above the buttons", async () => {
    vi.spyOn(api, "saveSyncSettings")
      .mockRejectedValueOnce(apiError("required", "device_name is required", "device_name"))
      .mockRejectedValueOnce(apiError("busy", "database is locked"));
    renderSync();
    await screen.findByTestId("sync-device-name");
    fill("sync-device-name", "");
    fireEvent.click(screen.getByTestId("sync-save"));
    expect((await screen.findByTestId("error-device_name")).textContent).toBe("필수 항목입니다.");

    fill("sync-device-name", "월평 PC");
    fireEvent.click(screen.getByTestId("sync-save"));
    expect((await screen.findByTestId("sync-form-error")).textContent).toContain("데이터베이스가 사용 중입니다");
  });

  it("forgets the saved passphrase after confirming", async () => {
    const stored = syncSettings({ has_passphrase: true });
    const save = vi.spyOn(api, "saveSyncSettings").mockResolvedValue({ ...stored, has_passphrase: false });
    renderSync(stored);

    fireEvent.click(await screen.findByTestId("sync-passphrase-forget"));
    expect(save).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("sync-passphrase-forget-confirm"));
    expect((await screen.findByTestId("sync-saved")).textContent).toBe("팀 암호를 지웠습니다.");
    expect(save).toHaveBeenCalledWith("/Volumes/NAS/lotbook", "월평 사무실 PC", "");
    expect(screen.queryByTestId("sync-passphrase-forget")).toBeNull();
  });
});

describe("SyncScreen: sync now", () => {
  it("is busy while the pass runs, then says what it did in plain words", async () => {
    const pass = deferred<SyncReport | null>();
    const run = vi.spyOn(api, "syncNow").mockReturnValue(pass.promise);
    renderSync();

    const button = (await screen.findByTestId("sync-now")) as HTMLButtonElement;
    expect(button.textContent).toBe("지금 동기화");
    fireEvent.click(button);
    await waitFor(() => expect(button.disabled).toBe(true));
    expect(button.textContent).toBe("동기화 중…");
    expect(button.getAttribute("aria-busy")).toBe("true");
    expect(button.querySelector(".spinner")).not.toBeNull();
    expect(screen.queryByTestId("sync-report")).toBeNull();

    pass.resolve(
      syncReport({
        changes_sent: 12,
        changes_applied: 3,
        blobs_fetched: 2,
        blobs_missing: 1,
        skipped: [{ file: "devices/ab12cd34/000007.seg", code: "newer_format", reason: "written by a newer Lotbook" }],
      }),
    );
    const report = await screen.findByTestId("sync-report");
    expect(within(report).getByTestId("sync-report-summary").textContent).toBe("변경 12건 보냄 · 3건 받음 · 사진 2장 받음");
    expect(report.textContent).toContain("사진 1장은 아직 폴더에 없어 다음에 다시 받습니다");
    const skipped = within(report).getByTestId("sync-skipped-file");
    expect(skipped.textContent).toContain("devices/ab12cd34/000007.seg");
    expect(skipped.textContent).toContain("더 새 버전의 Lotbook이 쓴 파일입니다");
    expect(button.disabled).toBe(false);
    expect(button.textContent).toBe("지금 동기화");
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("writes the summary in English with singular forms", async () => {
    vi.spyOn(api, "syncNow").mockResolvedValue(syncReport({ changes_sent: 1, blobs_fetched: 1 }));
    renderSync(syncSettings(), "en");
    fireEvent.click(await screen.findByTestId("sync-now"));
    expect((await screen.findByTestId("sync-report-summary")).textContent).toBe("1 change sent · 1 photo received");
  });

  it("reports an idle pass", async () => {
    vi.spyOn(api, "syncNow").mockResolvedValue(syncReport());
    renderSync();
    fireEvent.click(await screen.findByTestId("sync-now"));
    expect((await screen.findByTestId("sync-report-summary")).textContent).toBe("새로 주고받을 변경이 없었습니다");
  });

  it("takes an unreachable folder calmly: a note, not an alarm", async () => {
    vi.spyOn(api, "syncNow").mockRejectedValue(
      apiError("unreachable", "the shared folder /Volumes/NAS/lotbook cannot be reached"),
    );
    renderSync();
    fireEvent.click(await screen.findByTestId("sync-now"));

    const note = await screen.findByTestId("sync-now-error");
    expect(note.getAttribute("data-error-code")).toBe("unreachable");
    expect(note.getAttribute("role")).toBe("status");
    expect(note.className).toContain("banner-calm");
    expect(note.className).not.toContain("banner-error");
    expect(note.textContent).toBe(
      "지금은 공유 폴더에 연결되지 않습니다. 작업은 이 컴퓨터에 안전하게 저장되고, 연결되면 자동으로 주고받습니다.",
    );
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows a wrong passphrase as a real problem, in plain words", async () => {
    vi.spyOn(api, "syncNow").mockRejectedValue(
      apiError(
        "passphrase_wrong",
        "the team passphrase is wrong for this shared folder; nothing was synced or written",
        "passphrase",
      ),
    );
    renderSync();
    fireEvent.click(await screen.findByTestId("sync-now"));
    const error = await screen.findByTestId("sync-now-error");
    expect(error.getAttribute("role")).toBe("alert");
    expect(error.textContent).toContain("팀 암호가 이 공유 폴더와 맞지 않습니다.");
  });

  it("reads the status again after a pass", async () => {
    vi.spyOn(api, "syncNow").mockResolvedValue(syncReport({ changes_sent: 2 }));
    renderSync(syncSettings({ status: syncStatus({ state: "pending", folder: "/nas", pending_changes: 2 }) }));
    const status = vi.mocked(api.syncStatus);
    expect((await screen.findByTestId("sync-status")).getAttribute("data-state")).toBe("pending");
    status.mockResolvedValue(syncStatus({ state: "synced", folder: "/nas", last_sync_at: "2024-12-01T05:02:00.000Z" }));
    fireEvent.click(screen.getByTestId("sync-now"));
    await waitFor(() => expect(screen.getByTestId("sync-status").getAttribute("data-state")).toBe("synced"));
  });
});
