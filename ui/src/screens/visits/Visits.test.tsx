import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "../../api";
import type { Customer } from "../../bindings/Customer";
import type { DealerNow } from "../../bindings/DealerNow";
import type { User } from "../../bindings/User";
import type { Visit } from "../../bindings/Visit";
import type { VisitConflict } from "../../bindings/VisitConflict";
import type { VisitInput } from "../../bindings/VisitInput";
import type { VisitQuery } from "../../bindings/VisitQuery";
import type { Lang } from "../../i18n/lang";
import { Sidebar } from "../../components/Sidebar";
import { NavContext, type Nav } from "../../navigation";
import { renderWithProviders } from "../../test/render";
import { Visits, type CalendarView } from "./Visits";
import { restoreTimeZone, setTimeZone } from "../../test/tz";
import { blockLines } from "./CalendarGrid";

// Thursday 2026-12-03, 10:00 in Seoul (01:00 UTC).
const NOW = new Date("2026-12-03T01:00:00Z");

const users: User[] = [
  { id: "u1", name: "김성수", email: "", phone: "", is_me: true },
  { id: "u2", name: "박정호", email: "", phone: "", is_me: false },
  { id: "u3", name: "최민아", email: "", phone: "", is_me: false },
];

function customer(id: string, name: string, over: Partial<Customer> = {}): Customer {
  return {
    id,
    name,
    phone: "010-1234-5678",
    email: "",
    region: "",
    source: "blog",
    current_car: "",
    trade_in: false,
    wants: { models: [], year_min: null, year_max: null, budget_max_krw: null, mileage_max_km: null, fuel: null, color: "" },
    assigned_user_id: "u1",
    assigned_user_name: "김성수",
    notes: "",
    consent_contact: true,
    created_at: "2026-11-01T00:00:00Z",
    updated_at: "2026-11-01T00:00:00Z",
    ...over,
  };
}

const customers = [customer("c1", "이준혁"), customer("c2", "한부부", { phone: "010-5555-0000" })];

function visit(id: string, startUtc: string, minutes: number, over: Partial<Visit> = {}): Visit {
  const end = new Date(new Date(startUtc).getTime() + minutes * 60_000).toISOString().replace(".000Z", "Z");
  return {
    id,
    kind: "visit",
    customer_id: "c1",
    customer_name: "이준혁",
    user_id: "u1",
    user_name: "김성수",
    start_at: startUtc,
    end_at: end,
    minutes,
    lot_ids: ["l1"],
    vehicle_ids: [],
    status: "booked",
    note: "",
    overridden: false,
    created_at: "2026-12-01T00:00:00Z",
    updated_at: "2026-12-01T00:00:00Z",
    ...over,
  };
}

// Saturday 12:00–16:00 Seoul with 김성수; Monday 09:30–10:30 blocked; Saturday 17:00 with 박정호.
const seoulCustomer = visit("v1", "2026-12-05T03:00:00Z", 240);
const blocked = visit("v2", "2026-11-30T00:30:00Z", 60, { kind: "blocked", customer_id: null, customer_name: null });
const colleagueVisit = visit("v3", "2026-12-05T08:00:00Z", 60, { user_id: "u2", user_name: "박정호", customer_id: "c2", customer_name: "한부부" });
const allVisits = [seoulCustomer, blocked, colleagueVisit];

let saved: VisitInput[];

function mockCore(over: { visits?: Visit[]; conflicts?: VisitConflict[]; dealers?: DealerNow[] } = {}) {
  const visits = over.visits ?? allVisits;
  vi.spyOn(api, "appInfo").mockResolvedValue({
    version: "0.1.0",
    data_dir: "/tmp",
    device_id: "d",
    schema_version: 1,
    me: users[0]!,
    last_backup: null,
  });
  vi.spyOn(api, "listUsers").mockResolvedValue(users);
  vi.spyOn(api, "listLots").mockResolvedValue([
    { id: "l1", name: "월평동", address: "", phone: "", active_vehicles: 3 },
    { id: "l2", name: "대전오토월드", address: "", phone: "", active_vehicles: 5 },
  ]);
  vi.spyOn(api, "listCustomers").mockResolvedValue(customers);
  vi.spyOn(api, "listShortlists").mockResolvedValue([]);
  vi.spyOn(api, "overlappingVisits").mockResolvedValue([]);
  vi.spyOn(api, "listVisits").mockImplementation(async (q: VisitQuery) =>
    visits.filter(
      (v) =>
        v.end_at > new Date(q.from).toISOString() &&
        v.start_at < new Date(q.to).toISOString() &&
        (!q.user_id || v.user_id === q.user_id) &&
        (!q.lot_id || v.lot_ids.includes(q.lot_id)),
    ),
  );
  vi.spyOn(api, "visitConflicts").mockResolvedValue(over.conflicts ?? []);
  vi.spyOn(api, "dealersNow").mockResolvedValue(
    over.dealers ?? users.map((u) => ({ user_id: u.id, name: u.name, busy_with: null })),
  );
  saved = [];
}

function renderVisits({ lang = "ko" as Lang, date, view }: { lang?: Lang; date?: string; view?: CalendarView } = {}) {
  return renderWithProviders(<Visits initialDate={date} initialView={view} />, { lang });
}

const blocks = () => screen.queryAllByTestId("visit-block");
const block = (id: string) => blocks().find((b) => b.getAttribute("data-visit-id") === id);
const columnOf = (el: HTMLElement) => el.closest("[data-testid='calendar-column']")?.getAttribute("data-date");

function conflictError(): ApiError {
  return new ApiError({
    code: "visit_conflict",
    field: "start_at",
    message:
      "this overlaps 이준혁 2026-12-05 12:00–16:00 (Korea time) of the same dealer (with 30 minutes between bookings); choose another time or book it anyway",
    problems: [],
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  restoreTimeZone();
});

describe("week view", () => {
  it.each(["UTC", "America/Los_Angeles", "Pacific/Kiritimati"])("places bookings by Korea time when the computer is in %s", async (tz) => {
    setTimeZone(tz);
    mockCore();
    renderVisits();

    const week = await screen.findByTestId("calendar-week");
    await waitFor(() => expect(blocks()).toHaveLength(3));
    expect(api.listVisits).toHaveBeenCalledWith({
      from: "2026-11-30T00:00:00+09:00",
      to: "2026-12-07T00:00:00+09:00",
      user_id: null,
      lot_id: null,
    });

    const heads = within(week).getAllByTestId("calendar-day-head");
    expect(heads.map((h) => h.getAttribute("data-date"))).toEqual([
      "2026-11-30",
      "2026-12-01",
      "2026-12-02",
      "2026-12-03",
      "2026-12-04",
      "2026-12-05",
      "2026-12-06",
    ]);
    expect(heads.map((h) => h.textContent)).toEqual([
      "11월 30일 (월)",
      "12월 1일 (화)",
      "12월 2일 (수)",
      "12월 3일 (목)",
      "12월 4일 (금)",
      "12월 5일 (토)",
      "12월 6일 (일)",
    ]);

    // Saturday 12:00–16:00: 3 hours below 09:00 at 48 px an hour, 4 hours tall.
    const sat = block("v1")!;
    expect(columnOf(sat)).toBe("2026-12-05");
    expect(sat.style.top).toBe("144px");
    expect(sat.style.height).toBe("192px");
    expect(sat.getAttribute("data-start")).toBe("2026-12-05 12:00");
    expect(sat.getAttribute("data-kind")).toBe("visit");
    expect(sat.getAttribute("data-status")).toBe("booked");
    expect(sat.textContent).toContain("이준혁");
    expect(sat.textContent).toContain("김성수");
    expect(sat.textContent).toContain("12:00–16:00");
    expect(sat.getAttribute("title")).toContain("이준혁");
    // Tall enough for three whole lines: name, time, dealer (issue 15: no line cut in half).
    expect(within(sat).getAllByTestId("visit-block-line").map((l) => l.textContent)).toEqual(["이준혁", "12:00–16:00", "김성수"]);

    // Monday 09:30 Seoul is still Sunday in Los Angeles: it must sit on Monday.
    const mon = block("v2")!;
    expect(columnOf(mon)).toBe("2026-11-30");
    expect(mon.style.top).toBe("24px");
    expect(mon.getAttribute("data-kind")).toBe("blocked");
    expect(mon.className).toContain("visit-block-blocked");
    expect(mon.textContent).toContain("비워 둔 시간");

    expect(columnOf(block("v3")!)).toBe("2026-12-05");
    expect(block("v3")!.style.top).toBe(`${8 * 48}px`);
    cleanup();
  });

  it("reads in English", async () => {
    mockCore();
    renderVisits({ lang: "en" });
    await waitFor(() => expect(blocks()).toHaveLength(3));
    expect(block("v2")!.textContent).toContain("Blocked");
    expect(screen.getAllByTestId("calendar-day-head")[0]!.textContent).toBe("Mon 30 Nov");
  });

  it("moves by a week with prev / next / today", async () => {
    mockCore();
    renderVisits();
    await waitFor(() => expect(blocks()).toHaveLength(3));
    fireEvent.click(screen.getByTestId("calendar-next"));
    await waitFor(() => expect(api.listVisits).toHaveBeenLastCalledWith(expect.objectContaining({ from: "2026-12-07T00:00:00+09:00" })));
    await waitFor(() => expect(blocks()).toHaveLength(0));
    fireEvent.click(screen.getByTestId("calendar-prev"));
    fireEvent.click(screen.getByTestId("calendar-prev"));
    await waitFor(() => expect(api.listVisits).toHaveBeenLastCalledWith(expect.objectContaining({ from: "2026-11-23T00:00:00+09:00" })));
    fireEvent.click(screen.getByTestId("calendar-today"));
    await waitFor(() => expect(blocks()).toHaveLength(3));
  });

  it("outlines overlaps met through sync in red and lists them on top", async () => {
    const a = visit("a1", "2026-12-04T05:00:00Z", 60, { customer_name: "김영희" });
    const b = visit("b1", "2026-12-04T05:30:00Z", 60, { customer_name: "이철수" });
    const forced = visit("f1", "2026-12-02T05:00:00Z", 60, { overridden: true });
    mockCore({ visits: [a, b, forced], conflicts: [{ visit: b, with: a }] });
    renderVisits();

    const list = await screen.findByTestId("visit-conflicts");
    expect(api.visitConflicts).toHaveBeenCalledWith("2026-11-30T00:00:00+09:00");
    const rows = within(list).getAllByTestId("visit-conflict");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain("김영희");
    expect(rows[0]!.textContent).toContain("이철수");
    expect(list.textContent).toContain("정리할 겹치는 예약 1건");

    await waitFor(() => expect(blocks()).toHaveLength(3));
    expect(block("a1")!.getAttribute("data-conflict")).toBe("true");
    expect(block("b1")!.getAttribute("data-conflict")).toBe("true");
    expect(block("a1")!.className).toContain("visit-block-conflict");
    expect(block("f1")!.getAttribute("data-conflict")).toBe("false");
    expect(block("f1")!.getAttribute("data-overridden")).toBe("true");
    expect(block("f1")!.className).toContain("visit-block-overridden");
    // Overlapping blocks sit side by side, not on top of each other.
    expect(block("a1")!.style.width).toBe("50%");
    expect(block("b1")!.style.left).toBe("50%");

    fireEvent.click(within(rows[0]!).getByTestId("visit-conflict-open"));
    expect((await screen.findByTestId("visit-detail")).getAttribute("data-visit-id")).toBe("b1");
  });
});

describe("day view", () => {
  it("shows one day, stepping a day at a time", async () => {
    mockCore();
    renderVisits();
    await screen.findByTestId("calendar-week");
    fireEvent.click(screen.getByTestId("calendar-view-day"));
    const day = await screen.findByTestId("calendar-day");
    expect(screen.queryByTestId("calendar-week")).toBeNull();
    expect(within(day).getAllByTestId("calendar-column").map((c) => c.getAttribute("data-date"))).toEqual(["2026-12-03"]);
    await waitFor(() =>
      expect(api.listVisits).toHaveBeenLastCalledWith({
        from: "2026-12-03T00:00:00+09:00",
        to: "2026-12-04T00:00:00+09:00",
        user_id: null,
        lot_id: null,
      }),
    );
    fireEvent.click(screen.getByTestId("calendar-next"));
    fireEvent.click(screen.getByTestId("calendar-next"));
    await waitFor(() => expect(blocks().map((b) => b.getAttribute("data-visit-id")).sort()).toEqual(["v1", "v3"]));
    expect(within(screen.getByTestId("calendar-day")).getAllByTestId("calendar-column")[0]!.getAttribute("data-date")).toBe("2026-12-05");
    expect(screen.getByTestId("calendar-day-head").textContent).toBe("12월 5일 (토)");
    fireEvent.click(screen.getByTestId("calendar-view-week"));
    await screen.findByTestId("calendar-week");
  });
});

describe("calendar blocks", () => {
  it("show only the lines that fit whole", () => {
    expect(blockLines(22)).toBe(1); // 15 minutes, the smallest block
    expect(blockLines(24)).toBe(1); // 30 minutes: one line, name · time
    expect(blockLines(48)).toBe(2); // an hour
    expect(blockLines(192)).toBe(11);
  });
});

describe("filters", () => {
  it("shows one dealer's bookings", async () => {
    mockCore();
    renderVisits();
    await waitFor(() => expect(blocks()).toHaveLength(3));
    const select = screen.getByTestId("calendar-dealer") as HTMLSelectElement;
    expect(select.value).toBe("");
    await waitFor(() => expect(within(select).getAllByRole("option").map((o) => o.textContent)).toEqual(["모든 딜러", "김성수 (나)", "박정호", "최민아"]));
    fireEvent.change(select, { target: { value: "u2" } });
    await waitFor(() => expect(blocks().map((b) => b.getAttribute("data-visit-id"))).toEqual(["v3"]));
    expect(api.listVisits).toHaveBeenLastCalledWith(expect.objectContaining({ user_id: "u2", lot_id: null }));
  });

  it("shows one lot's bookings", async () => {
    const other = visit("v9", "2026-12-04T03:00:00Z", 60, { lot_ids: ["l2"] });
    mockCore({ visits: [...allVisits, other] });
    renderVisits();
    await waitFor(() => expect(blocks()).toHaveLength(4));
    await waitFor(() => expect(within(screen.getByTestId("calendar-lot")).getAllByRole("option")).toHaveLength(3));
    fireEvent.change(screen.getByTestId("calendar-lot"), { target: { value: "l2" } });
    await waitFor(() => expect(blocks().map((b) => b.getAttribute("data-visit-id"))).toEqual(["v9"]));
    expect(api.listVisits).toHaveBeenLastCalledWith(expect.objectContaining({ lot_id: "l2", user_id: null }));
  });
});

describe("booking", () => {
  it("refuses an overlap naming the other booking in Korean, and Book anyway resubmits with allow_overlap", async () => {
    mockCore();
    const other = visit("v-seoul", "2026-12-05T03:00:00Z", 240, { customer_name: "이준혁" });
    const asked = vi.spyOn(api, "overlappingVisits").mockResolvedValue([other]);
    const save = vi.spyOn(api, "saveVisit").mockImplementation(async (input) => {
      saved.push(input);
      if (!input.allow_overlap) throw conflictError();
      return visit("new1", "2026-12-05T03:30:00Z", 90, { overridden: true, lot_ids: input.lot_ids });
    });
    renderVisits();
    await waitFor(() => expect(blocks()).toHaveLength(3));

    fireEvent.click(screen.getByTestId("visit-new"));
    const form = await screen.findByTestId("visit-form");
    expect((within(form).getByTestId("visit-kind") as HTMLSelectElement).value).toBe("visit");
    expect((within(form).getByTestId("visit-minutes") as HTMLInputElement).value).toBe("60");
    await waitFor(() => expect((within(form).getByTestId("visit-dealer") as HTMLSelectElement).value).toBe("u1"));

    // Typing the name narrows the list to one and picks it.
    await waitFor(() => expect(within(form).getByTestId("visit-customer").querySelectorAll("option")).toHaveLength(3));
    fireEvent.change(within(form).getByTestId("visit-customer-filter"), { target: { value: "이준" } });
    expect((within(form).getByTestId("visit-customer") as HTMLSelectElement).value).toBe("c1");
    fireEvent.change(within(form).getByTestId("visit-date"), { target: { value: "2026-12-05" } });
    fireEvent.change(within(form).getByTestId("visit-start"), { target: { value: "12:30" } });
    fireEvent.change(within(form).getByTestId("visit-end"), { target: { value: "14:00" } });
    expect((within(form).getByTestId("visit-minutes") as HTMLInputElement).value).toBe("90");
    await waitFor(() => expect(within(form).getByTestId("visit-lot-l2")).toBeTruthy());
    fireEvent.click(within(form).getByTestId("visit-lot-l2"));
    fireEvent.change(within(form).getByTestId("visit-note"), { target: { value: "가족과 함께" } });
    fireEvent.click(within(form).getByTestId("visit-save"));

    const error = await screen.findByTestId("visit-error");
    await waitFor(() => expect(error.textContent).toContain("이준혁 12월 5일"));
    expect(error.textContent).toContain("12:00–16:00");
    expect(asked).toHaveBeenCalledWith("u1", "2026-12-05T12:30:00+09:00", 90, null);
    expect(screen.getByTestId("visit-form").textContent).toContain("같은 딜러의 다른 예약과 겹칩니다.");
    expect(save).toHaveBeenCalledTimes(1);
    expect(saved[0]).toEqual({
      id: null,
      kind: "visit",
      customer_id: "c1",
      user_id: "u1",
      start_at: "2026-12-05T12:30:00+09:00",
      minutes: 90,
      lot_ids: ["l2"],
      vehicle_ids: [],
      note: "가족과 함께",
      allow_overlap: false,
    });

    fireEvent.click(screen.getByTestId("visit-override"));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    expect(saved[1]).toEqual({ ...saved[0], allow_overlap: true });
    const detail = await screen.findByTestId("visit-detail");
    expect(detail.getAttribute("data-visit-id")).toBe("new1");
    expect(screen.queryByTestId("visit-form")).toBeNull();
  });

  it("books blocked time without a customer", async () => {
    mockCore();
    const save = vi.spyOn(api, "saveVisit").mockImplementation(async (input) => {
      saved.push(input);
      return visit("b9", "2026-12-05T04:00:00Z", 300, { kind: "blocked", customer_id: null, customer_name: null });
    });
    renderVisits();
    fireEvent.click(await screen.findByTestId("visit-new"));
    const form = await screen.findByTestId("visit-form");
    fireEvent.change(within(form).getByTestId("visit-kind"), { target: { value: "blocked" } });
    expect(within(form).queryByTestId("visit-customer")).toBeNull();
    fireEvent.change(within(form).getByTestId("visit-date"), { target: { value: "2026-12-05" } });
    fireEvent.change(within(form).getByTestId("visit-start"), { target: { value: "13:00" } });
    fireEvent.change(within(form).getByTestId("visit-minutes"), { target: { value: "300" } });
    await waitFor(() => expect((within(form).getByTestId("visit-dealer") as HTMLSelectElement).value).toBe("u1"));
    fireEvent.click(within(form).getByTestId("visit-save"));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(saved[0]).toMatchObject({ kind: "blocked", customer_id: null, start_at: "2026-12-05T13:00:00+09:00", minutes: 300, user_id: "u1" });
  });

  it("picks the customer the search finds in one step, by name or phone (issue 15)", async () => {
    mockCore();
    renderVisits();
    fireEvent.click(await screen.findByTestId("visit-new"));
    const filter = await screen.findByTestId("visit-customer-filter");
    const select = screen.getByTestId("visit-customer") as HTMLSelectElement;
    await waitFor(() => expect(select.options.length).toBe(3));
    // Two customers' names hold neither digit; the phone number finds 한부부 at once.
    fireEvent.change(filter, { target: { value: "5555" } });
    expect(select.value).toBe("c2");
    // A name typed after it replaces the choice with what it finds.
    fireEvent.change(filter, { target: { value: "이" } });
    expect(select.value).toBe("c1");
    expect([...select.options].map((o) => o.value)).toEqual(["", "c1"]);
    fireEvent.change(filter, { target: { value: "없는 이름" } });
    expect(select.value).toBe("");
  });

  it("asks for a customer before saving a visit", async () => {
    mockCore();
    const save = vi.spyOn(api, "saveVisit");
    renderVisits();
    fireEvent.click(await screen.findByTestId("visit-new"));
    fireEvent.click(await screen.findByTestId("visit-save"));
    expect((await screen.findByTestId("visit-error")).textContent).toBe("고객: 필수 항목입니다.");
    expect(screen.queryByTestId("visit-override")).toBeNull();
    expect(save).not.toHaveBeenCalled();
  });
});

describe("visit detail", () => {
  it("running late moves the visit, shows 늦음 and warns about what it now overlaps", async () => {
    mockCore();
    const late = { ...seoulCustomer, status: "late" as const, start_at: "2026-12-05T04:00:00Z", end_at: "2026-12-05T08:00:00Z", updated_at: "2026-12-05T02:30:00Z" };
    const run = vi.spyOn(api, "runningLate").mockResolvedValue({ visit: late, overlaps: [colleagueVisit] });
    renderVisits();
    await waitFor(() => expect(blocks()).toHaveLength(3));

    fireEvent.click(block("v1")!);
    const detail = await screen.findByTestId("visit-detail");
    expect(within(detail).getByTestId("visit-detail-time").textContent).toBe("12월 5일 (토) 12:00–16:00");
    expect(within(detail).getByTestId("visit-detail-status").textContent).toBe("예약");
    expect(within(detail).getByTestId("visit-detail-customer").textContent).toBe("이준혁");
    expect(within(detail).getByTestId("visit-detail-dealer").textContent).toBe("김성수");
    await waitFor(() => expect(within(detail).getByTestId("visit-detail-lots").textContent).toBe("월평동"));

    fireEvent.click(within(detail).getByTestId("visit-late"));
    const eta = within(detail).getByTestId("visit-late-eta") as HTMLInputElement;
    expect(eta.value).toBe("12:00");
    fireEvent.change(eta, { target: { value: "13:00" } });
    fireEvent.click(within(detail).getByTestId("visit-late-save"));

    await waitFor(() => expect(run).toHaveBeenCalledWith("v1", "2026-12-05T13:00:00+09:00"));
    const warning = await screen.findByTestId("visit-late-warning");
    expect(warning.textContent).toBe("이 시간은 한부부 12월 5일 (토) 17:00–18:00 예약과 겹칩니다.");
    expect(screen.getByTestId("visit-detail-status").textContent).toBe("늦음");
    expect(screen.getByTestId("visit-detail-time").textContent).toBe("12월 5일 (토) 13:00–17:00");
  });

  it("sets a status, sends the confirmation email and saves the .ics, showing results and plain errors", async () => {
    mockCore();
    const status = vi.spyOn(api, "setVisitStatus").mockResolvedValue({ ...seoulCustomer, status: "arrived", updated_at: "2026-12-05T04:00:00Z" });
    const mail = vi
      .spyOn(api, "queueVisitConfirmation")
      .mockRejectedValueOnce(new ApiError({ code: "no_email", message: "this customer has no email address", field: null, problems: [] }))
      .mockResolvedValueOnce({ to_addr: "jh@example.com" } as Awaited<ReturnType<typeof api.queueVisitConfirmation>>);
    const ics = vi.spyOn(api, "saveVisitIcs").mockResolvedValue("/home/dealer/Downloads/visit-이준혁-2026-12-05.ics");
    renderVisits();
    await waitFor(() => expect(blocks()).toHaveLength(3));
    fireEvent.click(block("v1")!);
    const detail = await screen.findByTestId("visit-detail");

    fireEvent.click(within(detail).getByTestId("visit-status-arrived"));
    await waitFor(() => expect(status).toHaveBeenCalledWith("v1", "arrived"));
    await waitFor(() => expect(screen.getByTestId("visit-detail-status").textContent).toBe("도착"));
    expect((screen.getByTestId("visit-status-arrived") as HTMLButtonElement).disabled).toBe(true);
    for (const s of ["done", "no_show", "cancelled"]) expect(screen.getByTestId(`visit-status-${s}`)).toBeTruthy();

    fireEvent.click(screen.getByTestId("visit-confirm-email"));
    expect((await screen.findByTestId("visit-action-error")).textContent).toContain("고객의 이메일 주소가 없습니다");
    fireEvent.click(screen.getByTestId("visit-confirm-email"));
    expect((await screen.findByTestId("visit-action-result")).textContent).toBe("확인 메일을 메일함에 넣었습니다 (jh@example.com).");
    expect(mail).toHaveBeenLastCalledWith("v1", "ko");
    expect(screen.queryByTestId("visit-action-error")).toBeNull();

    fireEvent.click(screen.getByTestId("visit-ics"));
    await waitFor(() => expect(screen.getByTestId("visit-action-result").textContent).toBe("저장했습니다: /home/dealer/Downloads/visit-이준혁-2026-12-05.ics"));
    expect(ics).toHaveBeenCalledWith("v1");
  });

  it("deletes a booking", async () => {
    mockCore();
    const del = vi.spyOn(api, "deleteVisit").mockResolvedValue(null);
    renderVisits();
    await waitFor(() => expect(blocks()).toHaveLength(3));
    fireEvent.click(block("v2")!);
    await screen.findByTestId("visit-detail");
    expect(screen.queryByTestId("visit-late")).toBeNull();
    fireEvent.click(screen.getByTestId("visit-delete"));
    fireEvent.click(screen.getByTestId("visit-delete-confirm"));
    await waitFor(() => expect(del).toHaveBeenCalledWith("v2"));
    await waitFor(() => expect(screen.queryByTestId("visit-detail")).toBeNull());
  });

  it("edits a booking in the same form", async () => {
    mockCore();
    const save = vi.spyOn(api, "saveVisit").mockImplementation(async (input) => {
      saved.push(input);
      return { ...seoulCustomer, note: input.note, updated_at: "2026-12-05T05:00:00Z" };
    });
    renderVisits();
    await waitFor(() => expect(blocks()).toHaveLength(3));
    fireEvent.click(block("v1")!);
    fireEvent.click(await screen.findByTestId("visit-edit"));
    const form = await screen.findByTestId("visit-form");
    expect((within(form).getByTestId("visit-date") as HTMLInputElement).value).toBe("2026.12.05");
    expect((within(form).getByTestId("visit-start") as HTMLInputElement).value).toBe("12:00");
    expect((within(form).getByTestId("visit-minutes") as HTMLInputElement).value).toBe("240");
    expect((within(form).getByTestId("visit-end") as HTMLInputElement).value).toBe("16:00");
    expect((within(form).getByTestId("visit-lot-l1") as HTMLInputElement).checked).toBe(true);
    fireEvent.change(within(form).getByTestId("visit-note"), { target: { value: "SM520 두 대" } });
    fireEvent.click(within(form).getByTestId("visit-save"));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(saved[0]).toMatchObject({ id: "v1", start_at: "2026-12-05T12:00:00+09:00", minutes: 240, note: "SM520 두 대", lot_ids: ["l1"] });
  });
});

describe("dragging a block", () => {
  it("snaps to 15 minutes and saves the new start", async () => {
    setTimeZone("America/Los_Angeles");
    mockCore();
    const save = vi.spyOn(api, "saveVisit").mockImplementation(async (input) => {
      saved.push(input);
      return { ...seoulCustomer, start_at: "2026-12-05T03:45:00Z", end_at: "2026-12-05T07:45:00Z" };
    });
    renderVisits();
    await waitFor(() => expect(blocks()).toHaveLength(3));
    const b = block("v1")!;
    fireEvent.pointerDown(b, { button: 0, clientX: 100, clientY: 200, pointerId: 1 });
    // 37 px is 46¼ minutes: it snaps to 45.
    fireEvent.pointerMove(b, { clientX: 101, clientY: 237, pointerId: 1 });
    expect(block("v1")!.className).toContain("visit-block-dragging");
    expect(block("v1")!.style.top).toBe(`${144 + 36}px`);
    fireEvent.pointerUp(b, { clientX: 101, clientY: 237, pointerId: 1 });
    // The click the browser fires after the drag does not open the detail.
    fireEvent.click(block("v1")!);
    expect(screen.queryByTestId("visit-detail")).toBeNull();

    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(saved[0]).toEqual({
      id: "v1",
      kind: "visit",
      customer_id: "c1",
      user_id: "u1",
      start_at: "2026-12-05T12:45:00+09:00",
      minutes: 240,
      lot_ids: ["l1"],
      vehicle_ids: [],
      note: "",
      allow_overlap: false,
    });
  });

  it("moves to another day sideways", async () => {
    mockCore();
    vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockReturnValue({
      x: 0, y: 0, top: 0, left: 0, bottom: 600, right: 100, width: 100, height: 600, toJSON: () => ({}),
    } as DOMRect);
    const save = vi.spyOn(api, "saveVisit").mockImplementation(async (input) => {
      saved.push(input);
      return seoulCustomer;
    });
    renderVisits();
    await waitFor(() => expect(blocks()).toHaveLength(3));
    const b = block("v1")!;
    fireEvent.pointerDown(b, { button: 0, clientX: 500, clientY: 300, pointerId: 1 });
    fireEvent.pointerMove(b, { clientX: 390, clientY: 250, pointerId: 1 });
    expect(columnOf(block("v1")!)).toBe("2026-12-04");
    // The block now sits in Friday's column: the pointer is released over it.
    fireEvent.pointerUp(block("v1")!, { clientX: 390, clientY: 250, pointerId: 1 });
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    // 50 px up is 62½ minutes: 12:00 -> 11:00, on Friday.
    expect(saved[0]!.start_at).toBe("2026-12-04T11:00:00+09:00");
  });

  it("snaps back on an overlap and offers Book anyway", async () => {
    mockCore();
    const save = vi.spyOn(api, "saveVisit").mockImplementation(async (input) => {
      saved.push(input);
      if (!input.allow_overlap) throw conflictError();
      return { ...colleagueVisit, start_at: "2026-12-05T03:00:00Z", overridden: true };
    });
    renderVisits();
    await waitFor(() => expect(blocks()).toHaveLength(3));
    const b = block("v3")!;
    fireEvent.pointerDown(b, { button: 0, clientX: 0, clientY: 0, pointerId: 1 });
    fireEvent.pointerMove(b, { clientX: 0, clientY: -240, pointerId: 1 });
    fireEvent.pointerUp(b, { clientX: 0, clientY: -240, pointerId: 1 });
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(saved[0]!.start_at).toBe("2026-12-05T12:00:00+09:00");

    const banner = await screen.findByTestId("visit-move-conflict");
    expect(within(banner).getByTestId("visit-error").textContent).toContain("this overlaps 이준혁 2026-12-05 12:00–16:00");
    await waitFor(() => expect(block("v3")!.getAttribute("data-start")).toBe("2026-12-05 17:00"));

    fireEvent.click(within(banner).getByTestId("visit-override"));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    expect(saved[1]).toEqual({ ...saved[0], allow_overlap: true });
    await waitFor(() => expect(screen.queryByTestId("visit-move-conflict")).toBeNull());
  });
});

describe("walk-in", () => {
  const busy: DealerNow[] = [
    { user_id: "u1", name: "김성수", busy_with: visit("now1", "2026-12-03T00:30:00Z", 120) },
    { user_id: "u2", name: "박정호", busy_with: null },
    { user_id: "u3", name: "최민아", busy_with: null },
  ];

  it("lists who is free and who is busy with whom", async () => {
    mockCore({ dealers: busy });
    renderVisits();
    const panel = await screen.findByTestId("walk-in");
    const rows = await within(panel).findAllByTestId("dealer-now");
    expect(rows.map((r) => [r.getAttribute("data-user-id"), r.getAttribute("data-free")])).toEqual([
      ["u1", "false"],
      ["u2", "true"],
      ["u3", "true"],
    ]);
    expect(rows[0]!.textContent).toContain("김성수 (나)");
    expect(rows[0]!.textContent).toContain("이준혁 · 11:30까지");
    expect(rows[1]!.textContent).toContain("비어 있음");
    const colleague = within(panel).getByTestId("walk-in-dealer") as HTMLSelectElement;
    expect(within(colleague).getAllByRole("option").map((o) => o.getAttribute("value"))).toEqual(["u2", "u3"]);
    expect(colleague.value).toBe("u2");
  });

  it("hands the customer to a free colleague and books an arrived visit now", async () => {
    mockCore({ dealers: busy });
    const hand = vi.spyOn(api, "handOver").mockResolvedValue(customer("c2", "한부부", { assigned_user_id: "u3" }));
    const booked = visit("w1", "2026-12-03T01:00:00Z", 60, { customer_id: "c2", customer_name: "한부부", user_id: "u3", user_name: "최민아" });
    const save = vi.spyOn(api, "saveVisit").mockImplementation(async (input) => {
      saved.push(input);
      return booked;
    });
    const status = vi.spyOn(api, "setVisitStatus").mockResolvedValue({ ...booked, status: "arrived" });
    renderVisits();
    const panel = await screen.findByTestId("walk-in");
    await waitFor(() => expect(within(panel).getByTestId("walk-in-customer").querySelectorAll("option")).toHaveLength(3));
    fireEvent.change(within(panel).getByTestId("walk-in-customer"), { target: { value: "c2" } });
    await waitFor(() => expect(within(panel).getAllByRole("option", { name: "최민아" })).toHaveLength(1));
    fireEvent.change(within(panel).getByTestId("walk-in-dealer"), { target: { value: "u3" } });
    fireEvent.click(within(panel).getByTestId("walk-in-submit"));

    await waitFor(() => expect(status).toHaveBeenCalledWith("w1", "arrived"));
    expect(hand).toHaveBeenCalledWith("c2", "u3", "");
    expect(save).toHaveBeenCalledTimes(1);
    expect(saved[0]).toEqual({
      id: null,
      kind: "visit",
      customer_id: "c2",
      user_id: "u3",
      start_at: "2026-12-03T10:00:00+09:00",
      minutes: 60,
      lot_ids: [],
      vehicle_ids: [],
      note: "",
      allow_overlap: false,
    });
    expect((await within(panel).findByTestId("walk-in-done")).textContent).toBe("한부부 님을 최민아 님께 넘기고 지금 방문으로 기록했습니다.");
  });

  it("says so when nobody is free", async () => {
    mockCore({ dealers: busy.map((d) => ({ ...d, busy_with: busy[0]!.busy_with })) });
    renderVisits();
    expect((await screen.findByTestId("walk-in-none")).textContent).toBe("지금 비어 있는 동료가 없습니다.");
    expect(screen.queryByTestId("walk-in-submit")).toBeNull();
  });
});

describe("sidebar", () => {
  it("opens the calendar from 방문 일정", () => {
    const nav: Nav = { route: { name: "today" }, go: vi.fn(), replace: vi.fn(), reset: vi.fn(), back: vi.fn() };
    renderWithProviders(
      <NavContext.Provider value={nav}>
        <Sidebar />
      </NavContext.Provider>,
    );
    const item = screen.getByTestId("nav-visits") as HTMLButtonElement;
    expect(item.disabled).toBe(false);
    expect(item.textContent).toBe("방문 일정");
    fireEvent.click(item);
    expect(nav.reset).toHaveBeenCalledWith({ name: "visits" });
  });
});
