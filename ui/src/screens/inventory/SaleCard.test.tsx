import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "../../api";
import type { Customer } from "../../bindings/Customer";
import type { Sale } from "../../bindings/Sale";
import type { Vehicle } from "../../bindings/Vehicle";
import { NavContext, type Nav } from "../../navigation";
import { keys } from "../../queries";
import { renderWithProviders } from "../../test/render";
import { SaleCard } from "./SaleCard";

const car: Vehicle = {
  id: "v1",
  make: "르노삼성",
  model: "SM520",
  trim: "LE",
  year: 2003,
  first_registration: null,
  plate: "12가3456",
  vin: "KNMA4C2HM3P123456",
  odometer_km: 120_000,
  fuel: "gasoline",
  transmission: "auto",
  color: "은색",
  price_krw: 4_500_000,
  lot_id: "l1",
  lot_name: "월평동",
  status: "in_stock",
  stock_date: "2026-10-01",
  notes: "",
  tags: [],
  created_at: "2026-10-01T00:00:00.000Z",
  updated_at: "2026-10-01T00:00:00.000Z",
  cover_hash: null,
};

function customer(id: string, name: string, phone = ""): Customer {
  return {
    id,
    name,
    phone,
    email: "",
    region: "",
    source: "phone",
    current_car: "",
    trade_in: false,
    wants: { models: [], year_min: null, year_max: null, budget_max_krw: null, mileage_max_km: null, fuel: null, color: "" },
    assigned_user_id: null,
    assigned_user_name: null,
    notes: "",
    consent_contact: true,
    created_at: "2026-10-01T00:00:00.000Z",
    updated_at: "2026-10-01T00:00:00.000Z",
  };
}

function sale(over: Partial<Sale> = {}): Sale {
  return {
    id: "s1",
    customer_id: "c2",
    customer_name: "이준혁",
    vehicle_id: "v1",
    vehicle_label: "르노삼성 SM520 LE 2003 (12가3456)",
    price_krw: 4_300_000,
    delivered_on: "2027-01-31",
    user_id: "u1",
    user_name: "김성수",
    follow_ups: [
      { id: "s1/3d", sale_id: "s1", step: "3d", due_on: "2027-02-03", snoozed_until: null, state: "open", note: "", closed_at: null },
      { id: "s1/1m", sale_id: "s1", step: "1m", due_on: "2027-02-28", snoozed_until: null, state: "open", note: "", closed_at: null },
      { id: "s1/6m", sale_id: "s1", step: "6m", due_on: "2027-07-31", snoozed_until: null, state: "open", note: "", closed_at: null },
      { id: "s1/1y", sale_id: "s1", step: "1y", due_on: "2028-01-31", snoozed_until: null, state: "open", note: "", closed_at: null },
    ],
    created_at: "2027-01-31T03:00:00.000Z",
    ...over,
  };
}

function renderCard(vehicle: Vehicle = car) {
  const nav: Nav = { route: { name: "vehicle", id: vehicle.id }, go: vi.fn(), replace: vi.fn(), reset: vi.fn(), back: vi.fn() };
  const r = renderWithProviders(
    <NavContext.Provider value={nav}>
      <SaleCard vehicle={vehicle} />
    </NavContext.Provider>,
  );
  return { ...r, nav };
}

function value(testId: string): string {
  return (screen.getByTestId(testId) as HTMLInputElement).value;
}

beforeEach(() => {
  vi.spyOn(api, "recallsOfVehicle").mockResolvedValue([]);
  vi.spyOn(api, "listCustomers").mockResolvedValue([customer("c1", "홍길동", "010-1111-2222"), customer("c2", "이준혁"), customer("c3", "김영희")]);
  vi.spyOn(api, "listUsers").mockResolvedValue([
    { id: "u2", name: "박정호", email: "", phone: "", is_me: false },
    { id: "u1", name: "김성수", email: "", phone: "", is_me: true },
  ]);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("SaleCard", () => {
  it("records a sale (price in 만원, today in Korea, me as dealer) and shows its follow-ups", async () => {
    // 01:30 on 1 Feb in Korea, still 31 Jan in UTC: the default date is Korea's.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2027-01-31T16:30:00.000Z"));
    let recorded: Sale | null = null;
    vi.spyOn(api, "salesOfVehicle").mockImplementation(async () => (recorded ? [recorded] : []));
    const record = vi.spyOn(api, "recordSale").mockImplementation(async () => {
      recorded = sale({ delivered_on: "2027-01-31" });
      return recorded;
    });
    const { client } = renderCard();
    const invalidate = vi.spyOn(client, "invalidateQueries");

    expect((await screen.findByTestId("sale-none")).textContent).toContain("아직 판매 기록이 없습니다");
    fireEvent.click(screen.getByTestId("sale-record"));
    const form = screen.getByTestId("sale-form");
    expect(value("sale-price")).toBe("450");
    expect(value("sale-date")).toBe("2027.02.01");
    await waitFor(() => expect(value("sale-dealer")).toBe("u1"));
    // Customers by name.
    await waitFor(() => expect(within(form).getAllByRole("option").length).toBeGreaterThan(3));
    const names = [...(screen.getByTestId("sale-customer") as HTMLSelectElement).options].slice(1).map((o) => o.textContent);
    expect(names).toEqual(["김영희", "이준혁", "홍길동 · 010-1111-2222"]);

    fireEvent.change(screen.getByTestId("sale-customer"), { target: { value: "c2" } });
    fireEvent.change(screen.getByTestId("sale-price"), { target: { value: "430" } });
    fireEvent.change(screen.getByTestId("sale-date"), { target: { value: "2027-01-31" } });
    fireEvent.click(screen.getByTestId("sale-save"));

    const view = await screen.findByTestId("sale-view");
    expect(record).toHaveBeenCalledWith({ customer_id: "c2", vehicle_id: "v1", price_krw: 4_300_000, delivered_on: "2027-01-31", user_id: "u1" }, false);
    expect(screen.queryByTestId("sale-form")).toBeNull();
    expect(screen.queryByTestId("sale-record")).toBeNull();
    expect(screen.getByTestId("sale-buyer").textContent).toBe("이준혁");
    expect(screen.getByTestId("sale-price-shown").textContent).toBe("430만원");
    expect(screen.getByTestId("sale-date-shown").textContent).toBe("2027.01.31");
    expect(screen.getByTestId("sale-dealer-shown").textContent).toBe("김성수");

    const rows = within(view).getAllByTestId("sale-follow-up");
    expect(rows.map((r) => r.getAttribute("data-step"))).toEqual(["3d", "1m", "6m", "1y"]);
    // The 1M call after a 31 January delivery falls on the month's last day.
    expect(rows[1]!.textContent).toContain("1개월 안부 전화 (1M)");
    expect(rows[1]!.textContent).toContain("2027.02.28");
    expect(rows[1]!.getAttribute("data-state")).toBe("open");
    expect(within(rows[0]!).getByTestId("sale-follow-up-state").textContent).toBe("예정");

    // The car is sold now: its own page and the lists refresh.
    expect(invalidate).toHaveBeenCalledWith({ queryKey: keys.vehicle("v1") });
    expect(invalidate).toHaveBeenCalledWith({ queryKey: keys.vehicles });
  });

  it("shows errors at their fields, and a sale recorded elsewhere as a banner", async () => {
    vi.spyOn(api, "salesOfVehicle").mockResolvedValue([]);
    const record = vi
      .spyOn(api, "recordSale")
      .mockRejectedValueOnce(new ApiError({ code: "invalid_date", message: "delivered_on must be a date", field: "delivered_on", problems: [] }))
      .mockRejectedValueOnce(new ApiError({ code: "already_sold", message: "SM520 12가3456 was already recorded as sold", field: "vehicle_id", problems: [] }));
    renderCard();

    fireEvent.click(await screen.findByTestId("sale-record"));
    fireEvent.click(screen.getByTestId("sale-save"));
    expect((await screen.findByTestId("sale-error-customer_id")).textContent).toBe("필수 항목입니다.");
    expect(record).not.toHaveBeenCalled();

    await waitFor(() => expect((screen.getByTestId("sale-customer") as HTMLSelectElement).options.length).toBe(4));
    fireEvent.change(screen.getByTestId("sale-customer"), { target: { value: "c1" } });
    fireEvent.change(screen.getByTestId("sale-price"), { target: { value: "사백" } });
    fireEvent.click(screen.getByTestId("sale-save"));
    expect((await screen.findByTestId("sale-error-price_krw")).textContent).toBe("숫자로 입력하세요.");

    fireEvent.change(screen.getByTestId("sale-price"), { target: { value: "400" } });
    fireEvent.click(screen.getByTestId("sale-save"));
    expect((await screen.findByTestId("sale-error-delivered_on")).textContent).toContain("2024.03.15");

    fireEvent.click(screen.getByTestId("sale-save"));
    expect((await screen.findByTestId("sale-error")).textContent).toBe("이 차량은 이미 판매 기록이 있습니다.");
    expect(record).toHaveBeenCalledTimes(2);
  });

  it("asks for the buyer to be told of an open recall before the sale, and says what to tell", async () => {
    vi.spyOn(api, "salesOfVehicle").mockResolvedValue([]);
    vi.spyOn(api, "recallsOfVehicle").mockResolvedValue([
      {
        id: "r1/v1",
        recall_id: "r1",
        code: "R-2026-07",
        title: "연료펌프 결함",
        remedy: "연료펌프 무상 교환",
        deadline: "2026-12-31",
        vehicle_id: "v1",
        vehicle_label: "SM520",
        vin: "KMHD341CBKU000777",
        vehicle_status: "in_stock",
        state: "open",
        done_on: null,
        done_by: "",
        reason: "",
        owner: null,
      },
    ]);
    const record = vi.spyOn(api, "recordSale").mockResolvedValue(sale());
    renderCard();
    fireEvent.click(await screen.findByTestId("sale-record"));
    const notice = await screen.findByTestId("sale-recall");
    expect(notice.textContent).toContain("R-2026-07");
    expect(notice.textContent).toContain("연료펌프 무상 교환");
    expect(notice.textContent).toContain("2026.12.31");
    await waitFor(() => expect((screen.getByTestId("sale-customer") as HTMLSelectElement).options.length).toBe(4));
    fireEvent.change(screen.getByTestId("sale-customer"), { target: { value: "c1" } });
    expect((screen.getByTestId("sale-save") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId("sale-recall-told"));
    fireEvent.click(screen.getByTestId("sale-save"));
    await waitFor(() => expect(record).toHaveBeenCalledWith(expect.objectContaining({ customer_id: "c1" }), true));
  });

  it("shows the recorded sale of a sold car, with done and snoozed follow-ups", async () => {
    const s = sale();
    s.follow_ups[0] = { ...s.follow_ups[0]!, state: "done", note: "감사 인사 드림", closed_at: "2027-02-03T01:00:00.000Z" };
    s.follow_ups[1] = { ...s.follow_ups[1]!, snoozed_until: "2027-03-03" };
    vi.spyOn(api, "salesOfVehicle").mockResolvedValue([s]);
    const { nav } = renderCard({ ...car, status: "sold" });

    const rows = await screen.findAllByTestId("sale-follow-up");
    expect(rows[0]!.getAttribute("data-state")).toBe("done");
    expect(rows[0]!.textContent).toContain("완료");
    expect(rows[0]!.textContent).toContain("감사 인사 드림");
    expect(rows[1]!.textContent).toContain("2027.03.03까지 미룸");
    expect(screen.queryByTestId("sale-record")).toBeNull();
    fireEvent.click(screen.getByTestId("sale-buyer"));
    expect(nav.go).toHaveBeenCalledWith({ name: "customer", id: "c2" });
  });
});
