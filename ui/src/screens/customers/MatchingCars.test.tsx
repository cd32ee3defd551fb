import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import type { Customer } from "../../bindings/Customer";
import type { Shortlist } from "../../bindings/Shortlist";
import type { Vehicle } from "../../bindings/Vehicle";
import type { VehicleMatch } from "../../bindings/VehicleMatch";
import type { Lang } from "../../i18n/lang";
import { NavContext, type Nav } from "../../navigation";
import { renderWithProviders } from "../../test/render";
import { MatchingCars } from "./MatchingCars";

const customer: Customer = {
  id: "c1",
  name: "김민수",
  phone: "010-1234-5678",
  email: "minsu@example.com",
  region: "서울 노원구",
  source: "blog",
  current_car: "2002 레조 (자동)",
  trade_in: false,
  wants: {
    models: ["SM520"],
    year_min: 2010,
    year_max: null,
    budget_max_krw: 15_000_000,
    mileage_max_km: 150_000,
    fuel: null,
    color: "",
  },
  assigned_user_id: null,
  assigned_user_name: null,
  notes: "",
  consent_contact: true,
  created_at: "2024-05-01T00:00:00Z",
  updated_at: "2024-05-01T00:00:00Z",
};

function vehicle(id: string, over: Partial<Vehicle> = {}): Vehicle {
  return {
    id,
    make: "르노삼성",
    model: "SM520",
    trim: "LE",
    year: 2012,
    first_registration: null,
    plate: "12가3456",
    vin: "",
    odometer_km: 123_456,
    fuel: "gasoline",
    transmission: "auto",
    color: "흰색",
    price_krw: 12_500_000,
    lot_id: "lot-1",
    lot_name: "월평동",
    status: "in_stock",
    stock_date: "2024-04-01",
    notes: "",
    tags: [],
    created_at: "2024-04-01T00:00:00Z",
    updated_at: "2024-04-01T00:00:00Z",
    cover_hash: null,
    ...over,
  };
}

const good = (code: string, ko: string, en: string) => ({ code, good: true, ko, en });
const caveat = (code: string, ko: string, en: string) => ({ code, good: false, ko, en });

const matches: VehicleMatch[] = [
  {
    vehicle: vehicle("v1", { cover_hash: "h1" }),
    score: 92,
    reasons: [
      good("model", "원하는 차종 (SM520)", "Wanted model (SM520)"),
      good("within_budget", "예산 안 (1,250만원)", "Within budget (₩12,500,000)"),
    ],
  },
  {
    vehicle: vehicle("v2", { year: 2011, lot_name: "대전오토월드" }),
    score: 80,
    reasons: [
      good("model", "원하는 차종 (SM520)", "Wanted model (SM520)"),
      caveat("over_mileage", "주행거리 1만 km 초과", "10,000 km over the mileage limit"),
    ],
  },
  { vehicle: vehicle("v3", { model: "SM5", trim: "" }), score: 71, reasons: [good("year_in_range", "원하는 연식", "Wanted year")] },
  { vehicle: vehicle("v4", { model: "SM3" }), score: 55, reasons: [caveat("reserved", "계약중", "Reserved")] },
];

const shortlist: Shortlist = {
  id: "s9",
  customer_id: "c1",
  customer_name: "김민수",
  title: "김민수 님 추천",
  items: [],
  sends: [],
  created_at: "2024-05-01T00:00:00Z",
  updated_at: "2024-05-01T00:00:00Z",
};

function nav(): Nav {
  return { route: { name: "customer", id: "c1" }, go: vi.fn(), replace: vi.fn(), reset: vi.fn(), back: vi.fn() };
}

async function showMatches(list: VehicleMatch[] = matches, lang: Lang = "ko") {
  const match = vi.spyOn(api, "matchVehicles").mockResolvedValue(list);
  const n = nav();
  renderWithProviders(
    <NavContext.Provider value={n}>
      <MatchingCars customer={customer} />
    </NavContext.Provider>,
    { lang },
  );
  await waitFor(() => expect(screen.queryByTestId("loading")).toBeNull());
  return { match, nav: n };
}

const rows = () => screen.getAllByTestId("match-row");
const row = (id: string) => {
  const el = rows().find((r) => r.getAttribute("data-vehicle-id") === id);
  if (!el) throw new Error(`no match row ${id}`);
  return el;
};
const pick = (id: string) => within(row(id)).getByTestId("match-pick") as HTMLInputElement;
const ticked = () => rows().filter((r) => (within(r).getByTestId("match-pick") as HTMLInputElement).checked).map((r) => r.getAttribute("data-vehicle-id"));
const createButton = () => screen.getByTestId("create-shortlist") as HTMLButtonElement;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("MatchingCars", () => {
  it("lists the matches best first with the three best ticked", async () => {
    const { match } = await showMatches();
    expect(match).toHaveBeenCalledWith("c1", 12);
    expect(rows().map((r) => r.getAttribute("data-vehicle-id"))).toEqual(["v1", "v2", "v3", "v4"]);
    expect(ticked()).toEqual(["v1", "v2", "v3"]);
    expect(row("v1").className).toContain("match-on");
    expect(row("v4").className).not.toContain("match-on");
    expect(createButton().textContent).toBe("추천 목록 만들기 (3대)");
    expect(createButton().disabled).toBe(false);

    const first = within(row("v1"));
    expect(first.getByRole("button", { name: "2012 르노삼성 SM520 LE" })).toBeTruthy();
    expect(row("v1").textContent).toContain("1,250만원 · 123,456 km · 월평동");
    expect(row("v1").querySelector("img")?.getAttribute("src")).toBe("photo://localhost/thumb/h1");
    expect(row("v2").querySelector("img")).toBeNull();
    expect(row("v3").textContent).toContain("2012 르노삼성 SM5");
    // The score says what it means (issue 15: a bare 92 said nothing).
    expect(row("v1").querySelector(".match-score")?.textContent).toBe("잘 맞음92점");
    expect(row("v3").querySelector(".match-score")?.textContent).toBe("대체로 맞음71점");
    expect(row("v4").querySelector(".match-score")?.textContent).toBe("일부만 맞음55점");
    expect(row("v1").querySelector(".match-score")?.getAttribute("title")).toContain("100점");
  });

  it("shows the reasons in Korean, good news apart from caveats", async () => {
    await showMatches();
    const reasons = [...row("v2").querySelectorAll(".reasons li")];
    expect(reasons.map((r) => r.textContent)).toEqual(["원하는 차종 (SM520)", "주행거리 1만 km 초과"]);
    expect(reasons.map((r) => r.className)).toEqual(["reason reason-good", "reason reason-caveat"]);
    expect(row("v2").textContent).not.toContain("10,000 km over the mileage limit");
  });

  it("shows the reasons in English in the English UI", async () => {
    await showMatches(matches, "en");
    const reasons = [...row("v2").querySelectorAll(".reasons li")];
    expect(reasons.map((r) => r.textContent)).toEqual(["Wanted model (SM520)", "10,000 km over the mileage limit"]);
    expect(reasons.map((r) => r.className)).toEqual(["reason reason-good", "reason reason-caveat"]);
    expect(row("v2").textContent).not.toContain("주행거리");
    expect(row("v1").textContent).toContain("₩12,500,000 · 123,456 km · 월평동");
    expect(createButton().textContent).toBe("Create shortlist (3 cars)");
  });

  it("counts the ticked cars on the create button", async () => {
    await showMatches();
    fireEvent.click(pick("v2"));
    expect(ticked()).toEqual(["v1", "v3"]);
    expect(createButton().textContent).toBe("추천 목록 만들기 (2대)");
    fireEvent.click(pick("v4"));
    expect(ticked()).toEqual(["v1", "v3", "v4"]);
    expect(createButton().textContent).toBe("추천 목록 만들기 (3대)");
    for (const id of ["v1", "v3", "v4"]) fireEvent.click(pick(id));
    expect(ticked()).toEqual([]);
    expect(createButton().disabled).toBe(true);
  });

  it("creates the shortlist in the order of fit and opens it", async () => {
    const { nav: n } = await showMatches();
    const create = vi.spyOn(api, "createShortlist").mockResolvedValue(shortlist);
    // Clicked v4 before v2; the shortlist still reads best first.
    fireEvent.click(pick("v2"));
    fireEvent.click(pick("v4"));
    fireEvent.click(pick("v2"));
    expect(createButton().textContent).toBe("추천 목록 만들기 (4대)");

    fireEvent.click(createButton());
    await waitFor(() => expect(n.go).toHaveBeenCalledWith({ name: "shortlist", id: "s9", customerId: "c1" }));
    expect(create).toHaveBeenCalledTimes(1);
    expect(create).toHaveBeenCalledWith("c1", "김민수 님 추천", ["v1", "v2", "v3", "v4"]);
    expect(n.go).toHaveBeenCalledTimes(1);
  });

  it("creates from the pre-ticked three without a click on a checkbox", async () => {
    const { nav: n } = await showMatches(matches, "en");
    const create = vi.spyOn(api, "createShortlist").mockResolvedValue(shortlist);
    fireEvent.click(createButton());
    await waitFor(() => expect(n.go).toHaveBeenCalledWith({ name: "shortlist", id: "s9", customerId: "c1" }));
    expect(create).toHaveBeenCalledWith("c1", "For 김민수", ["v1", "v2", "v3"]);
  });

  it("opens a car from its title", async () => {
    const { nav: n } = await showMatches();
    fireEvent.click(within(row("v2")).getByRole("button", { name: "2011 르노삼성 SM520 LE" }));
    expect(n.go).toHaveBeenCalledWith({ name: "vehicle", id: "v2" });
  });

  it("says so when no car fits", async () => {
    await showMatches([]);
    expect(screen.getByText("원하는 조건에 맞는 차량이 없습니다. 고객의 원하는 차종과 예산을 확인하세요.")).toBeTruthy();
    expect(screen.queryAllByTestId("match-row")).toEqual([]);
    expect(createButton().textContent).toBe("추천 목록 만들기 (0대)");
    expect(createButton().disabled).toBe(true);
  });
});
