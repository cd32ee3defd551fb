import { beforeEach, describe, expect, it, vi } from "vitest";
import { invoke } from "@tauri-apps/api/core";
import { api, ApiError, toApiError } from "./api";
import type { VehicleInput } from "./bindings/VehicleInput";
import type { VehicleQuery } from "./bindings/VehicleQuery";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

const invokeMock = vi.mocked(invoke);

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
