import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "../../api";
import { App } from "../../App";
import type { Lot } from "../../bindings/Lot";
import type { Vehicle } from "../../bindings/Vehicle";
import type { VehicleInput } from "../../bindings/VehicleInput";
import { renderWithProviders } from "../../test/render";
import { newDraft } from "./vehicleDraft";
import { VehicleForm } from "./VehicleForm";

const lots: Lot[] = [
  { id: "lot-1", name: "월평동", address: "", phone: "", active_vehicles: 0 },
  { id: "lot-2", name: "대전오토월드", address: "", phone: "", active_vehicles: 0 },
];

function fill(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function fillBasics() {
  fill("field-make", "르노삼성");
  fill("field-model", "SM520");
  fill("field-year", "2012");
  fill("field-odometer_km", "123,456");
  fill("field-price", "1,250");
  fill("field-vin", "KNAB123");
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("VehicleForm", () => {
  it("shows a server validation error at its field and does not save", async () => {
    const save = vi.spyOn(api, "saveVehicle").mockRejectedValue(
      new ApiError({ code: "invalid_vin", message: "VIN must be 17 characters", field: "vin", problems: [] }),
    );
    const onSaved = vi.fn();
    renderWithProviders(
      <VehicleForm id={null} initial={newDraft("lot-1", "2024-05-01")} lots={lots} onSaved={onSaved} onCancel={() => {}} />,
    );
    fillBasics();
    fireEvent.click(screen.getByTestId("vehicle-save"));

    const error = await screen.findByTestId("error-vin");
    expect(error.textContent).toBe("차대번호는 I, O, Q를 뺀 영문·숫자 17자리입니다.");
    expect(screen.getByTestId("field-vin").getAttribute("aria-invalid")).toBe("true");
    expect(onSaved).not.toHaveBeenCalled();

    const sent = save.mock.calls[0]?.[0] as VehicleInput;
    expect(sent).toMatchObject({
      id: null,
      make: "르노삼성",
      model: "SM520",
      year: 2012,
      odometer_km: 123_456,
      price_krw: 12_500_000,
      lot_id: "lot-1",
      status: "in_stock",
      stock_date: "2024-05-01",
      first_registration: null,
      tags: [],
    });

    // Editing the field clears its error.
    fill("field-vin", "KNAB1234567890123");
    expect(screen.queryByTestId("error-vin")).toBeNull();
  });

  it("shows the error in English in the English UI, price typed in won", async () => {
    const save = vi.spyOn(api, "saveVehicle").mockRejectedValue({
      code: "too_large",
      message: "price_krw must be at most 10000000000",
      field: "price_krw",
      problems: [],
    });
    renderWithProviders(
      <VehicleForm id={null} initial={newDraft("lot-1")} lots={lots} onSaved={() => {}} onCancel={() => {}} />,
      { lang: "en" },
    );
    fillBasics();
    fill("field-price", "99,000,000,000");
    fireEvent.submit(screen.getByTestId("vehicle-form"));
    expect((await screen.findByTestId("error-price_krw")).textContent).toBe("This value is too large. Check for extra zeros.");
    expect(save.mock.calls[0]?.[0].price_krw).toBe(99_000_000_000);
  });

  it("catches a missing price before asking the core", async () => {
    const save = vi.spyOn(api, "saveVehicle");
    renderWithProviders(
      <VehicleForm id={null} initial={newDraft("lot-1")} lots={lots} onSaved={() => {}} onCancel={() => {}} />,
    );
    fill("field-make", "기아");
    fill("field-model", "K5");
    fill("field-year", "2019");
    fill("field-odometer_km", "abc");
    fireEvent.click(screen.getByTestId("vehicle-save"));
    expect((await screen.findByTestId("error-price_krw")).textContent).toBe("필수 항목입니다.");
    expect(screen.getByTestId("error-odometer_km").textContent).toBe("숫자로 입력하세요.");
    expect(save).not.toHaveBeenCalled();
  });
});

describe("creating a vehicle in the app", () => {
  it("opens the new vehicle's detail and invalidates the list", async () => {
    const saved: Vehicle = {
      id: "v-new",
      make: "르노삼성",
      model: "SM520",
      trim: "",
      year: 2012,
      first_registration: null,
      plate: "",
      vin: "",
      odometer_km: 123_456,
      fuel: "gasoline",
      transmission: "auto",
      color: "",
      price_krw: 12_500_000,
      lot_id: "lot-1",
      lot_name: "월평동",
      status: "in_stock",
      stock_date: "2024-05-01",
      notes: "",
      tags: [],
      created_at: "2024-05-01T01:00:00Z",
      updated_at: "2024-05-01T01:00:00Z",
      cover_hash: null,
    };
    vi.spyOn(api, "appInfo").mockResolvedValue({
      version: "0.1.0",
      data_dir: "/tmp/lotbook",
      device_id: "d1",
      schema_version: 1,
      me: null,
      last_backup: null,
    });
    vi.spyOn(api, "listLots").mockResolvedValue(lots);
    vi.spyOn(api, "saveVehicle").mockResolvedValue(saved);
    const getVehicle = vi.spyOn(api, "getVehicle").mockResolvedValue(saved);
    vi.spyOn(api, "listPhotos").mockResolvedValue([]);
    vi.spyOn(api, "onFileDrop").mockResolvedValue(() => {});

    const { client } = renderWithProviders(<App start={{ name: "vehicle-new" }} />);
    const invalidate = vi.spyOn(client, "invalidateQueries");
    await screen.findByTestId("vehicle-form");
    fillBasics();
    fill("field-vin", "");
    await act(async () => {
      fireEvent.click(screen.getByTestId("vehicle-save"));
    });

    const detail = await screen.findByTestId("vehicle-detail");
    expect(detail.getAttribute("data-vehicle-id")).toBe("v-new");
    expect(screen.getByTestId("vehicle-price").textContent).toBe("1,250만원");
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ["vehicles"] });
    await waitFor(() => expect(screen.getByTestId("vehicle-title").textContent).toBe("르노삼성 SM520"));
    expect(getVehicle.mock.calls.length).toBeLessThanOrEqual(1);
  });
});
