import { beforeEach, describe, expect, it, vi } from "vitest";
import { Channel, invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { open } from "@tauri-apps/plugin-dialog";
import { api, ApiError, toApiError } from "./api";
import type { ImportProgress } from "./bindings/ImportProgress";
import type { Photo } from "./bindings/Photo";
import type { VehicleInput } from "./bindings/VehicleInput";
import type { VehicleQuery } from "./bindings/VehicleQuery";
import { photo as fixturePhoto } from "./test/photo";

vi.mock("@tauri-apps/api/core", () => ({
  invoke: vi.fn(),
  Channel: class {
    onmessage: (m: unknown) => void = () => {};
  },
}));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn() }));
vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn() }));

const invokeMock = vi.mocked(invoke);
const openMock = vi.mocked(open);
const listenMock = vi.mocked(listen);

const query: VehicleQuery = {
  text: "SM5",
  lot_id: null,
  status: "in_stock",
  model: null,
  year_min: 2010,
  year_max: null,
  price_min: null,
  price_max: 15_000_000,
  mileage_max: null,
  offset: 0,
  limit: 100,
};

const input: VehicleInput = {
  id: null,
  make: "르노삼성",
  model: "SM520",
  trim: "",
  year: 2012,
  first_registration: null,
  plate: "12가3456",
  vin: "",
  odometer_km: 120_000,
  fuel: "lpg",
  transmission: "auto",
  color: "흰색",
  price_krw: 6_500_000,
  lot_id: "lot-1",
  status: "in_stock",
  stock_date: "2024-05-01",
  notes: "",
  tags: [],
};

beforeEach(() => {
  invokeMock.mockReset();
  openMock.mockReset();
  listenMock.mockReset();
});

describe("api arguments", () => {
  it("passes the command name and argument object", async () => {
    invokeMock.mockResolvedValue({ items: [], total: 0 });
    await expect(api.listVehicles(query)).resolves.toEqual({ items: [], total: 0 });
    expect(invokeMock).toHaveBeenCalledWith("list_vehicles", { query });
  });

  it("sends an empty object to commands without arguments", async () => {
    invokeMock.mockResolvedValue([]);
    await api.listLots();
    await api.listModels();
    await api.appInfo();
    expect(invokeMock.mock.calls).toEqual([
      ["list_lots", {}],
      ["list_models", {}],
      ["app_info", {}],
    ]);
  });

  it("wraps inputs and ids in the names the commands expect", async () => {
    invokeMock.mockResolvedValue(null);
    await api.saveVehicle(input);
    await api.getVehicle("v1");
    await api.deleteVehicle("v1");
    await api.listCustomers({ text: null, assigned_user_id: "u1" });
    await api.deleteCustomer("c1");
    await api.saveLot({ id: null, name: "월평동", address: "", phone: "" });
    await api.saveUser({ id: null, name: "김딜러", email: "", phone: "" }, true);
    expect(invokeMock.mock.calls).toEqual([
      ["save_vehicle", { input }],
      ["get_vehicle", { id: "v1" }],
      ["delete_vehicle", { id: "v1" }],
      ["list_customers", { query: { text: null, assigned_user_id: "u1" } }],
      ["delete_customer", { id: "c1" }],
      ["save_lot", { input: { id: null, name: "월평동", address: "", phone: "" } }],
      ["save_user", { input: { id: null, name: "김딜러", email: "", phone: "" }, makeMe: true }],
    ]);
  });
});

describe("photo commands", () => {
  const photo: Photo = fixturePhoto(1);

  it("sends camelCase arguments under the command names the core registers", async () => {
    invokeMock.mockResolvedValue([]);
    await api.listPhotos("v1");
    await api.cancelImport("job-1");
    await api.reorderPhotos("v1", ["p2", "p1"]);
    await api.setCoverPhoto("p2");
    await api.setPhotoCaption("p1", "앞범퍼");
    await api.deletePhoto("p1");
    await api.restorePhoto(photo);
    await api.setPhotoPart("p1", "front_door_l");
    await api.setPhotoPart("p1", null);
    expect(invokeMock.mock.calls).toEqual([
      ["list_photos", { vehicleId: "v1" }],
      ["cancel_import", { jobId: "job-1" }],
      ["reorder_photos", { vehicleId: "v1", ids: ["p2", "p1"] }],
      ["set_cover_photo", { photoId: "p2" }],
      ["set_photo_caption", { photoId: "p1", caption: "앞범퍼" }],
      ["delete_photo", { photoId: "p1" }],
      ["restore_photo", { photo }],
      ["set_photo_part", { photoId: "p1", part: "front_door_l" }],
      ["set_photo_part", { photoId: "p1", part: null }],
    ]);
  });

  it("hands import progress from the channel to the callback", async () => {
    invokeMock.mockResolvedValue({ items: [], progress: {}, cancelled: false });
    const heard: ImportProgress[] = [];
    await api.importPhotos("v1", ["/card/DCIM"], "job-1", (p) => heard.push(p));
    const [command, args] = invokeMock.mock.calls[0] ?? [];
    expect(command).toBe("import_photos");
    expect(args).toMatchObject({ vehicleId: "v1", paths: ["/card/DCIM"], jobId: "job-1" });
    const channel = (args as { onProgress: Channel<ImportProgress> }).onProgress;
    expect(channel).toBeInstanceOf(Channel);
    const p: ImportProgress = { done: 1, total: 2, imported: 1, duplicates: 0, refused: 0, current: "IMG_0001.jpg" };
    channel.onmessage(p);
    expect(heard).toEqual([p]);
  });

  it("opens the picker for photo files or one folder; closing it picks nothing", async () => {
    openMock.mockResolvedValueOnce(["/a/IMG_1.jpg", "/a/IMG_2.heic"]).mockResolvedValueOnce(null);
    await expect(api.pickPhotoFiles("사진")).resolves.toEqual(["/a/IMG_1.jpg", "/a/IMG_2.heic"]);
    await expect(api.pickPhotoFiles("사진")).resolves.toEqual([]);
    expect(openMock).toHaveBeenCalledWith({
      multiple: true,
      filters: [{ name: "사진", extensions: ["jpg", "jpeg", "png", "heic", "heif"] }],
    });
    openMock.mockResolvedValueOnce("/media/card").mockResolvedValueOnce(null);
    await expect(api.pickPhotoFolder()).resolves.toEqual(["/media/card"]);
    await expect(api.pickPhotoFolder()).resolves.toEqual([]);
    expect(openMock).toHaveBeenLastCalledWith({ directory: true });
  });
});

describe("sync commands", () => {
  it("sends camelCase arguments under the command names the core registers", async () => {
    invokeMock.mockResolvedValue(null);
    await api.syncStatus();
    await api.syncSettings();
    await api.saveSyncSettings("/Volumes/NAS/lotbook", "월평 PC", null);
    await api.saveSyncSettings(null, "월평 PC", "");
    await api.syncNow();
    await api.recordHistory("vehicles", "v1");
    expect(invokeMock.mock.calls).toEqual([
      ["sync_status", {}],
      ["sync_settings", {}],
      ["save_sync_settings", { folder: "/Volumes/NAS/lotbook", deviceName: "월평 PC", passphrase: null }],
      ["save_sync_settings", { folder: null, deviceName: "월평 PC", passphrase: "" }],
      ["sync_now", {}],
      ["record_history", { table: "vehicles", rowId: "v1" }],
    ]);
  });

  it("keeps an unreachable folder as its own code", async () => {
    invokeMock.mockRejectedValue({ code: "unreachable", message: "the shared folder cannot be reached", field: null, problems: [] });
    const err = await api.syncNow().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe("unreachable");
  });

  it("opens a folder picker for the shared folder; closing it picks nothing", async () => {
    openMock.mockResolvedValueOnce("/Volumes/NAS/lotbook").mockResolvedValueOnce(null);
    await expect(api.pickFolder()).resolves.toBe("/Volumes/NAS/lotbook");
    await expect(api.pickFolder()).resolves.toBeNull();
    expect(openMock).toHaveBeenLastCalledWith({ directory: true, multiple: false });
  });

  it("hears the sync-changed event and hands on its payload", async () => {
    const unlisten = vi.fn();
    listenMock.mockResolvedValue(unlisten);
    const heard: { applied: boolean }[] = [];
    const stop = await api.onSyncChanged((e) => heard.push(e));
    expect(stop).toBe(unlisten);
    const [event, handler] = listenMock.mock.calls[0] ?? [];
    expect(event).toBe("sync-changed");
    handler?.({ event: "sync-changed", id: 1, payload: { applied: true } });
    handler?.({ event: "sync-changed", id: 2, payload: { applied: false } });
    expect(heard).toEqual([{ applied: true }, { applied: false }]);
  });
});

describe("error normalisation", () => {
  it("keeps an ErrorShape rejection as a typed ApiError", async () => {
    invokeMock.mockRejectedValue({
      code: "invalid_vin",
      message: "VIN must be 17 characters",
      field: "vin",
      problems: [],
    });
    const err = await api.saveVehicle(input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const apiErr = err as ApiError;
    expect(apiErr.code).toBe("invalid_vin");
    expect(apiErr.field).toBe("vin");
    expect(apiErr.message).toBe("VIN must be 17 characters");
    expect(apiErr.shape).toEqual({
      code: "invalid_vin",
      message: "VIN must be 17 characters",
      field: "vin",
      problems: [],
    });
  });

  it("turns a plain string rejection into code other", async () => {
    invokeMock.mockRejectedValue("command list_foo not found");
    const err = await api.listLots().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).shape).toEqual({
      code: "other",
      message: "command list_foo not found",
      field: null,
      problems: [],
    });
  });

  it("reads a JSON-encoded ErrorShape string", () => {
    const err = toApiError(JSON.stringify({ code: "busy", message: "database is locked", field: null, problems: [] }));
    expect(err.code).toBe("busy");
    expect(err.message).toBe("database is locked");
  });

  it("fills missing parts of a partial shape", () => {
    const err = toApiError({ code: "not_found" });
    expect(err.shape).toEqual({ code: "not_found", message: "not_found", field: null, problems: [] });
  });

  it("handles Error objects and odd values", () => {
    expect(toApiError(new TypeError("no ipc")).shape).toMatchObject({ code: "other", message: "no ipc" });
    expect(toApiError(undefined).shape).toMatchObject({ code: "other", message: "undefined" });
    expect(toApiError({ nope: 1 }).code).toBe("other");
  });

  it("returns an ApiError unchanged", () => {
    const e = new ApiError({ code: "conflict", message: "x", field: null, problems: [] });
    expect(toApiError(e)).toBe(e);
  });
});
