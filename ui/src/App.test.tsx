import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "./api";
import { App } from "./App";
import type { Vehicle } from "./bindings/Vehicle";
import type { VehicleQuery } from "./bindings/VehicleQuery";
import { renderWithProviders } from "./test/render";
import { mockSyncIdle, syncSettings, syncStatus } from "./test/sync";

function car(id: string, model: string): Vehicle {
  return {
    id,
    make: "르노삼성",
    model,
    trim: "",
    year: 2010,
    first_registration: null,
    plate: `${id}가1234`,
    vin: "",
    odometer_km: 100_000,
    fuel: "gasoline",
    transmission: "auto",
    color: "",
    price_krw: 5_000_000,
    lot_id: "l1",
    lot_name: "월평동",
    status: "in_stock",
    stock_date: "2024-05-01",
    notes: "",
    tags: [],
    created_at: "2024-05-01T00:00:00Z",
    updated_at: "2024-05-01T00:00:00Z",
    cover_hash: null,
  };
}

const cars = [car("1", "SM520"), car("2", "K5"), car("3", "SM5")];

beforeEach(() => {
  vi.spyOn(api, "appInfo").mockResolvedValue({
    version: "0.1.0",
    data_dir: "/tmp",
    device_id: "d",
    schema_version: 1,
    me: { id: "u1", name: "김성수", email: "", phone: "", is_me: true },
    last_backup: null,
  });
  vi.spyOn(api, "listLots").mockResolvedValue([{ id: "l1", name: "월평동", address: "", phone: "", active_vehicles: 3 }]);
  vi.spyOn(api, "listModels").mockResolvedValue(["K5", "SM5", "SM520"]);
  vi.spyOn(api, "listVehicles").mockImplementation(async (q: VehicleQuery) => {
    const items = cars.filter((c) => !q.text || c.model.includes(q.text));
    return { items, total: items.length };
  });
  vi.spyOn(api, "getVehicle").mockImplementation(async (id) => cars.find((c) => c.id === id) ?? cars[0]!);
  vi.spyOn(api, "listPhotos").mockResolvedValue([]);
  vi.spyOn(api, "onFileDrop").mockResolvedValue(() => {});
  mockSyncIdle();
});

afterEach(() => {
  vi.restoreAllMocks();
});

const rows = () => screen.queryAllByTestId("vehicle-row");

describe("inventory navigation", () => {
  it("keeps the search on back from a detail page, clears it from the sidebar", async () => {
    renderWithProviders(<App start={{ name: "inventory" }} />);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.getByTestId("inventory-total").textContent).toBe("총 3대");

    fireEvent.change(screen.getByTestId("inventory-search"), { target: { value: "SM5" } });
    await waitFor(() => expect(rows()).toHaveLength(2));

    fireEvent.click(rows()[0]!);
    await screen.findByTestId("vehicle-detail");
    fireEvent.click(screen.getByTestId("back"));
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect((screen.getByTestId("inventory-search") as HTMLInputElement).value).toBe("SM5");

    fireEvent.click(screen.getByTestId("nav-inventory"));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect((screen.getByTestId("inventory-search") as HTMLInputElement).value).toBe("");
  });

  it("shows each car's cover photo in the list, a placeholder where there is none", async () => {
    vi.spyOn(api, "listVehicles").mockResolvedValue({ items: [{ ...cars[0]!, cover_hash: "c0ffee" }, cars[1]!], total: 2 });
    renderWithProviders(<App start={{ name: "inventory" }} />);
    await waitFor(() => expect(rows()).toHaveLength(2));
    const thumb = screen.getByTestId("vehicle-cover-thumb");
    expect(rows()[0]!.contains(thumb)).toBe(true);
    expect(thumb.getAttribute("src")).toBe("photo://localhost/thumb/c0ffee");
    expect(thumb.getAttribute("loading")).toBe("lazy");
    expect(rows()[1]!.querySelector("[data-testid=vehicle-cover-none]")).not.toBeNull();
  });

  it("shows a localised error with a retry button when the list fails", async () => {
    const list = vi
      .spyOn(api, "listVehicles")
      .mockRejectedValueOnce(new ApiError({ code: "busy", message: "database is locked", field: null, problems: [] }));
    renderWithProviders(<App start={{ name: "inventory" }} />);
    const error = await screen.findByTestId("error-state");
    expect(error.textContent).toContain("데이터베이스가 사용 중입니다");
    fireEvent.click(screen.getByTestId("retry"));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(list).toHaveBeenCalledTimes(2);
  });

  it("says so when there are no vehicles and offers to add one", async () => {
    vi.spyOn(api, "listVehicles").mockResolvedValue({ items: [], total: 0 });
    renderWithProviders(<App start={{ name: "inventory" }} />, { lang: "en" });
    const empty = await screen.findByTestId("inventory-empty");
    expect(empty.textContent).toContain("No vehicles yet");
    fireEvent.click(empty.querySelector("button")!);
    await screen.findByTestId("vehicle-create");
  });
});

describe("team sync in the shell", () => {
  it("opens Settings › Sync from the header's sync light, and back returns", async () => {
    vi.spyOn(api, "syncSettings").mockResolvedValue(syncSettings());
    renderWithProviders(<App start={{ name: "inventory" }} />);
    await waitFor(() => expect(rows()).toHaveLength(3));

    const light = await screen.findByTestId("sync-indicator");
    expect(light.getAttribute("data-state")).toBe("off");
    fireEvent.click(light);
    await screen.findByTestId("sync-screen");
    expect(screen.getByTestId("nav-settings").getAttribute("aria-current")).toBe("page");
    // Clicking it again on the page itself does not stack a second copy.
    fireEvent.click(screen.getByTestId("sync-indicator"));
    fireEvent.click(screen.getByTestId("back"));
    await waitFor(() => expect(rows()).toHaveLength(3));
  });

  it("shows a colleague's new car after a pass that applied changes, without a reload", async () => {
    const play = mockSyncIdle(syncStatus({ state: "synced", folder: "/nas", last_sync_at: "2024-12-01T05:02:00.000Z" }));
    const list = vi.spyOn(api, "listVehicles");
    renderWithProviders(<App start={{ name: "inventory" }} />);
    await waitFor(() => expect(rows()).toHaveLength(3));
    await waitFor(() => expect(api.onSyncChanged).toHaveBeenCalled());

    list.mockResolvedValue({ items: [...cars, car("4", "QM6")], total: 4 });
    const status = vi.mocked(api.syncStatus);
    const before = { list: list.mock.calls.length, status: status.mock.calls.length };

    // A pass that only sent ours: the sync state is read again, the lists are not.
    act(() => play({ applied: false }));
    await waitFor(() => expect(status.mock.calls.length).toBeGreaterThan(before.status));
    expect(list.mock.calls.length).toBe(before.list);
    expect(rows()).toHaveLength(3);

    act(() => play({ applied: true }));
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(screen.getByTestId("inventory-total").textContent).toBe("총 4대");
  });
});

