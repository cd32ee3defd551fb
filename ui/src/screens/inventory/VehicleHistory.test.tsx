import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "../../api";
import type { Lang } from "../../i18n/lang";
import { renderWithProviders } from "../../test/render";
import { fieldChange } from "../../test/sync";
import { zonedRfc3339 } from "../../time";
import { VehicleHistory } from "./VehicleHistory";

/** December 1st, 14:02 in the team's zone (Korea) this year, as the core sends it (UTC). */
function dec1(h = 14, m = 2): string {
  const at = zonedRfc3339(`${new Date().getFullYear()}-12-01`, `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
  return new Date(at).toISOString();
}

function renderHistory(lang: Lang = "ko") {
  return renderWithProviders(<VehicleHistory vehicleId="v1" />, { lang });
}

const entries = () => screen.getAllByTestId("history-entry");

beforeEach(() => {
  vi.spyOn(api, "listLots").mockResolvedValue([
    { id: "l1", name: "월평동", address: "", phone: "", active_vehicles: 3 },
    { id: "l2", name: "둔산동", address: "", phone: "", active_vehicles: 1 },
  ]);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("VehicleHistory", () => {
  it("writes each change in the app's words: label, old → new, who, when", async () => {
    const history = vi.spyOn(api, "recordHistory").mockResolvedValue([
      fieldChange({ column: "price_krw", value: "19900000", replaced: "21500000", at: dec1(), by: "박정호" }),
      fieldChange({ column: "updated_at", value: "2024-12-01T05:02:00Z", replaced: "2024-11-01T05:02:00Z", at: dec1() }),
      fieldChange({ column: "status", value: "reserved", replaced: "in_stock", at: dec1(13, 0), by: "김성수", replaced_other: true }),
      fieldChange({ column: "lot_id", value: "l2", replaced: "l1", at: dec1(12, 0), by: "" }),
      fieldChange({ column: "odometer_km", value: "121500", replaced: "120000", at: dec1(11, 0) }),
      fieldChange({ column: "notes", value: "", replaced: "앞범퍼 교환", at: dec1(10, 0) }),
    ]);
    renderHistory();

    await waitFor(() => expect(entries()).toHaveLength(5));
    expect(history).toHaveBeenCalledWith("vehicles", "v1");
    const [price, status, lot, km, notes] = entries() as [HTMLElement, HTMLElement, HTMLElement, HTMLElement, HTMLElement];
    expect(price.textContent).toBe("가격: 2,150만원 → 1,990만원 · 박정호 · 12월 1일 14:02");
    expect(within(price).queryByTestId("history-replaced-other")).toBeNull();

    expect(status.textContent).toContain("상태: 판매중 → 계약중 · 김성수 · 12월 1일 13:00");
    expect(within(status).getByTestId("history-replaced-other").textContent).toBe("다른 컴퓨터의 값을 바꿈");

    await waitFor(() => expect(lot.textContent).toBe("전시장: 월평동 → 둔산동 · 12월 1일 12:00"));
    expect(km.textContent).toContain("주행거리: 120,000 km → 121,500 km");
    expect(notes.textContent).toContain("메모: 앞범퍼 교환 → (비어 있음)");
    // Bookkeeping columns are not shown.
    expect(screen.queryByText(/updated_at/)).toBeNull();
  });

  it("falls back to the raw column name and value, in English too", async () => {
    vi.spyOn(api, "recordHistory").mockResolvedValue([
      fieldChange({ column: "price_krw", value: "19900000", replaced: "21500000", at: dec1(), by: "Park", replaced_other: true }),
      fieldChange({ column: "warranty_months", value: "12", replaced: null, at: dec1(9, 5), by: "Kim" }),
    ]);
    renderHistory("en");
    await waitFor(() => expect(entries()).toHaveLength(2));
    expect(entries()[0]!.textContent).toBe("Price: ₩21,500,000 → ₩19,900,000 · Park · 1 Dec 14:02replaced another computer's value");
    expect(entries()[1]!.textContent).toBe("warranty_months: 12 · Kim · 1 Dec 09:05");
  });

  it("shows the latest five, the rest on request", async () => {
    vi.spyOn(api, "recordHistory").mockResolvedValue(
      Array.from({ length: 7 }, (_, i) => fieldChange({ column: "color", value: `색${i}`, replaced: `색${i + 1}`, at: dec1(20 - i) })),
    );
    renderHistory();
    await waitFor(() => expect(entries()).toHaveLength(5));
    const more = screen.getByTestId("record-history-more");
    expect(more.textContent).toBe("더 보기 (2건)");
    fireEvent.click(more);
    expect(entries()).toHaveLength(7);
    expect(more.textContent).toBe("접기");
    fireEvent.click(more);
    expect(entries()).toHaveLength(5);
  });

  it("says when nothing has changed yet, with no more button", async () => {
    vi.spyOn(api, "recordHistory").mockResolvedValue([fieldChange({ column: "updated_at" })]);
    renderHistory();
    expect((await screen.findByTestId("record-history-empty")).textContent).toBe("아직 변경 기록이 없습니다");
    expect(screen.queryByTestId("record-history-more")).toBeNull();
  });

  it("shows loading, then an error with a retry", async () => {
    let fail: (e: unknown) => void = () => {};
    vi.spyOn(api, "recordHistory")
      .mockImplementationOnce(() => new Promise((_, reject) => (fail = reject)))
      .mockResolvedValue([]);
    renderHistory();
    const card = screen.getByTestId("record-history");
    expect(within(card).getByTestId("loading")).toBeTruthy();

    fail(new ApiError({ code: "busy", message: "database is locked", field: null, problems: [] }));
    expect((await within(card).findByTestId("error-state")).textContent).toContain("데이터베이스가 사용 중입니다");
    fireEvent.click(within(card).getByTestId("retry"));
    await within(card).findByTestId("record-history-empty");
  });
});
