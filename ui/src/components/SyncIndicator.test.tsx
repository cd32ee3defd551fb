import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "../api";
import type { SyncStatus } from "../bindings/SyncStatus";
import type { Lang } from "../i18n/lang";
import { NavContext, type Nav, type Route } from "../navigation";
import { renderWithProviders } from "../test/render";
import { syncStatus } from "../test/sync";
import { SyncIndicator } from "./SyncIndicator";
import { todayDate, zonedRfc3339 } from "../time";

function nav(route: Route = { name: "inventory" }): Nav {
  return { route, go: vi.fn(), replace: vi.fn(), reset: vi.fn(), back: vi.fn() };
}

async function renderLight(status: SyncStatus, lang: Lang = "ko", n: Nav = nav()) {
  vi.spyOn(api, "syncStatus").mockResolvedValue(status);
  renderWithProviders(
    <NavContext.Provider value={n}>
      <SyncIndicator />
    </NavContext.Provider>,
    { lang },
  );
  const light = await screen.findByTestId("sync-indicator");
  return { light, n };
}

/** Today at 14:02 local time, as the core would send it (UTC). */
/** Today at h:m in the team's zone (Korea), as the core sends it (UTC). */
function todayAt(h: number, m: number): string {
  const hm = `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
  return new Date(zonedRfc3339(todayDate(), hm)).toISOString();
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("SyncIndicator", () => {
  it("says sync is off, quietly", async () => {
    const { light } = await renderLight(syncStatus());
    expect(light.getAttribute("data-state")).toBe("off");
    expect(light.textContent).toBe("동기화 꺼짐");
  });

  it("shows the time of the last sync in the team's HH:mm, not the computer's", async () => {
    const at = todayAt(14, 2);
    const { light } = await renderLight(syncStatus({ state: "synced", folder: "/nas", last_sync_at: at }));
    expect(light.getAttribute("data-state")).toBe("synced");
    expect(light.textContent).toBe("동기화됨 14:02");
  });

  it("counts the changes waiting to be sent", async () => {
    const { light } = await renderLight(syncStatus({ state: "pending", folder: "/nas", pending_changes: 3 }));
    expect(light.getAttribute("data-state")).toBe("pending");
    expect(light.textContent).toBe("보낼 변경 3건");
  });

  it("says the shared folder is not connected without sounding an alarm", async () => {
    const { light } = await renderLight(
      syncStatus({ state: "unreachable", folder: "/nas", message: "the shared folder /nas cannot be reached" }),
    );
    expect(light.getAttribute("data-state")).toBe("unreachable");
    expect(light.textContent).toBe("공유 폴더 연결 안 됨");
    expect(light.className).not.toContain("sync-error");
  });

  it("shows a sync error with the core's message on hover", async () => {
    const message = "segment 12 of device ab12cd34 cannot be read";
    const { light } = await renderLight(syncStatus({ state: "error", folder: "/nas", message }));
    expect(light.getAttribute("data-state")).toBe("error");
    expect(light.textContent).toBe("동기화 오류");
    expect(light.getAttribute("title")).toBe(message);
    expect(light.className).toContain("sync-error");
  });

  it("words a known problem in Korean rather than the core's English", async () => {
    const message = "the shared folder is full (/nas). Free some space there";
    const { light } = await renderLight(syncStatus({ state: "error", folder: "/nas", code: "folder_full", message }));
    expect(light.getAttribute("title")).toMatch(/디스크가 가득 찼습니다/);
  });

  it("reads in English", async () => {
    const { light } = await renderLight(syncStatus({ state: "pending", folder: "/nas", pending_changes: 1 }), "en");
    expect(light.textContent).toBe("1 change to send");
  });

  it("opens Settings › Sync on click", async () => {
    const { light, n } = await renderLight(syncStatus());
    fireEvent.click(light);
    expect(n.go).toHaveBeenCalledWith({ name: "sync" });
  });

  it("does not open the Sync page again on top of itself", async () => {
    const { light, n } = await renderLight(syncStatus(), "ko", nav({ name: "sync" }));
    fireEvent.click(light);
    expect(n.go).not.toHaveBeenCalled();
  });

  it("shows an error state when the status cannot be read", async () => {
    vi.spyOn(api, "syncStatus").mockRejectedValue(
      new ApiError({ code: "busy", message: "database is locked", field: null, problems: [] }),
    );
    renderWithProviders(
      <NavContext.Provider value={nav()}>
        <SyncIndicator />
      </NavContext.Provider>,
    );
    const light = await screen.findByTestId("sync-indicator");
    await waitFor(() => expect(light.getAttribute("data-state")).toBe("error"));
    expect(light.getAttribute("title")).toBe("database is locked");
  });
});
