import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "../../api";
import type { DueFollowUp } from "../../bindings/DueFollowUp";
import type { Inquiry } from "../../bindings/Inquiry";
import type { OutboxEntry } from "../../bindings/OutboxEntry";
import type { Today as TodayData } from "../../bindings/Today";
import type { Visit } from "../../bindings/Visit";
import type { Lang } from "../../i18n/lang";
import { NavContext, type Nav } from "../../navigation";
import { renderWithProviders } from "../../test/render";
import { syncStatus } from "../../test/sync";
import { Today } from "./Today";

function visit(id: string, start: string, end: string, over: Partial<Visit> = {}): Visit {
  return {
    id,
    kind: "visit",
    customer_id: `c-${id}`,
    customer_name: `고객${id}`,
    user_id: "u1",
    user_name: "김성수",
    start_at: start,
    end_at: end,
    minutes: 60,
    lot_ids: [],
    vehicle_ids: [],
    status: "booked",
    note: "",
    overridden: false,
    created_at: "2026-11-30T00:00:00.000Z",
    updated_at: "2026-11-30T00:00:00.000Z",
    ...over,
  };
}

function due(id: string, step: string, daysLate: number, over: Partial<DueFollowUp> = {}): DueFollowUp {
  return {
    follow_up: { id, sale_id: "s1", step, due_on: "2026-11-28", snoozed_until: null, state: "open", note: "", closed_at: null },
    customer_id: "c9",
    customer_name: "이준혁",
    phone: "010-2345-6789",
    vehicle_label: "르노삼성 SM520 LE 2003 (12가3456)",
    delivered_on: "2026-10-28",
    user_name: "김성수",
    days_late: daysLate,
    ...over,
  };
}

const inquiry: Inquiry = {
  interaction: {
    id: "i1",
    customer_id: "c1",
    kind: "inquiry",
    channel: "phone",
    at: "2026-12-01 09:00:00",
    summary: "SM520 사진 요청",
    user_id: null,
    user_name: null,
    send_id: null,
    message_id: null,
    shortlist_id: null,
  },
  customer_name: "신유나",
  replied_at: null,
  response_minutes: 185,
  overdue: true,
};

const failedMail: OutboxEntry = {
  id: "o1",
  to_addr: "kim@example.com",
  subject: "추천 차량 3대",
  state: "failed",
  attempts: 3,
  next_attempt_at: "2026-12-01T03:00:00.000Z",
  error_code: "recipient_refused",
  last_error: "recipient refused: 550 no such user",
  queued_at: "2026-12-01T01:00:00.000Z",
  sent_at: null,
};

// 1 December 2026 in Korea. Times cross IPC in UTC; the screen shows them in Korea time.
const eleven = visit("b", "2026-12-01T02:00:00.000Z", "2026-12-01T03:00:00.000Z", { status: "late" });
const early = visit("a", "2026-11-30T23:30:00.000Z", "2026-12-01T00:30:00.000Z", { status: "arrived" });
const blocked = visit("c", "2026-12-01T04:00:00.000Z", "2026-12-01T09:00:00.000Z", {
  kind: "blocked",
  customer_id: null,
  customer_name: null,
});

function today(over: Partial<TodayData> = {}): TodayData {
  return {
    date: "2026-12-01",
    inquiries: [inquiry],
    visits: [eleven, blocked, early],
    follow_ups: [due("s1/1m", "1m", 3), due("s2/3d", "3d", 0, { customer_name: "박민수", phone: "", follow_up: { id: "s2/3d", sale_id: "s2", step: "3d", due_on: "2026-12-01", snoozed_until: null, state: "open", note: "", closed_at: null } })],
    visit_conflicts: [],
    outbox_problems: [],
    sync: syncStatus({ state: "synced", folder: "/NAS", last_sync_at: "2026-12-01T05:02:00.000Z" }),
    ...over,
  };
}

function renderToday(lang: Lang = "ko") {
  const nav: Nav = { route: { name: "today" }, go: vi.fn(), replace: vi.fn(), reset: vi.fn(), back: vi.fn() };
  const r = renderWithProviders(
    <NavContext.Provider value={nav}>
      <Today />
    </NavContext.Provider>,
    { lang },
  );
  return { ...r, nav };
}

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
  vi.spyOn(api, "listVehicles").mockResolvedValue({ items: [], total: 0 });
  vi.spyOn(api, "listCustomers").mockResolvedValue([]);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Today", () => {
  it("puts overdue inquiries first, then today's visits in Korea time and order", async () => {
    vi.spyOn(api, "today").mockResolvedValue(today());
    const { nav } = renderToday();

    const cards = await screen.findAllByTestId(/^today-(inquiries|visits|follow-ups|sync)$/);
    expect(cards.map((c) => c.getAttribute("data-testid"))).toEqual(["today-inquiries", "today-visits", "today-follow-ups", "today-sync"]);
    expect(screen.getByTestId("today-inquiry").getAttribute("data-overdue")).toBe("true");
    expect(screen.getByTestId("today-date").textContent).toContain("2026년 12월 1일 화요일");

    const rows = screen.getAllByTestId("today-visit");
    expect(rows.map((r) => r.getAttribute("data-visit-id"))).toEqual(["a", "b", "c"]);
    expect(rows.map((r) => within(r).getByTestId("today-visit-time").textContent)).toEqual(["08:30–09:30", "11:00–12:00", "13:00–18:00"]);
    expect(rows[0]!.textContent).toContain("고객a");
    expect(rows[0]!.textContent).toContain("김성수");
    expect(within(rows[0]!).getByTestId("today-visit-status").textContent).toBe("도착");
    expect(within(rows[1]!).getByTestId("today-visit-status").textContent).toBe("늦음");
    expect(rows[2]!.textContent).toContain("비워 둔 시간");
    expect(screen.getByTestId("today-visits").textContent).toContain("오늘 방문 3건");

    fireEvent.click(rows[1]!);
    expect(nav.reset).toHaveBeenCalledWith({ name: "visits" });

    // Nothing clashes and the outbox is fine: those cards stay away.
    expect(screen.queryByTestId("today-conflicts")).toBeNull();
    expect(screen.queryByTestId("today-outbox")).toBeNull();
  });

  it("lists due follow-ups and closes, skips and snoozes them through the api", async () => {
    // What the core answers now (a fresh object each time, as over IPC).
    let data = today();
    const read = vi.spyOn(api, "today").mockImplementation(async () => structuredClone(data));
    const close = vi.spyOn(api, "closeFollowUp").mockImplementation(async (id, done, note) => ({
      id,
      sale_id: "s1",
      step: "1m",
      due_on: "2026-11-28",
      snoozed_until: null,
      state: done ? "done" : "skipped",
      note,
      closed_at: "2026-12-01T01:00:00.000Z",
    }));
    const snooze = vi.spyOn(api, "snoozeFollowUp").mockImplementation(async (id, until) => ({
      id,
      sale_id: "s2",
      step: "3d",
      due_on: "2026-12-01",
      snoozed_until: until,
      state: "open",
      note: "",
      closed_at: null,
    }));
    const { nav } = renderToday();

    const rows = await screen.findAllByTestId("today-follow-up");
    expect(rows.map((r) => r.getAttribute("data-step"))).toEqual(["1m", "3d"]);
    expect(rows[0]!.textContent).toContain("이준혁");
    expect(within(rows[0]!).getByTestId("follow-up-phone").textContent).toBe("010-2345-6789");
    expect(rows[0]!.textContent).toContain("르노삼성 SM520 LE 2003 (12가3456)");
    expect(rows[0]!.textContent).toContain("1개월 안부 전화 (1M)");
    expect(within(rows[0]!).getByTestId("follow-up-late").textContent).toBe("예정일 2026.11.28 · 3일 지남");
    expect(within(rows[1]!).getByTestId("follow-up-late").textContent).toBe("예정일 2026.12.01 · 오늘");
    expect(screen.getByTestId("today-follow-ups").textContent).toContain("오늘 연락할 구매 고객 2명");

    fireEvent.click(within(rows[0]!).getByTestId("follow-up-customer"));
    expect(nav.go).toHaveBeenCalledWith({ name: "customer", id: "c9" });

    // Done, with what was said.
    fireEvent.change(within(rows[0]!).getByTestId("follow-up-note"), { target: { value: "차 만족, 소개해 주신다고 함" } });
    data = { ...data, follow_ups: data.follow_ups.slice(1) };
    fireEvent.click(within(rows[0]!).getByTestId("follow-up-done"));
    await waitFor(() => expect(close).toHaveBeenCalledWith("s1/1m", true, "차 만족, 소개해 주신다고 함"));
    await waitFor(() => expect(screen.getAllByTestId("today-follow-up")).toHaveLength(1));

    // Snooze: three days on by default, or the day picked.
    const left = screen.getByTestId("today-follow-up");
    expect((within(left).getByTestId("follow-up-snooze-date") as HTMLInputElement).value).toBe("2026.12.04");
    fireEvent.change(within(left).getByTestId("follow-up-snooze-date"), { target: { value: "2026-12-07" } });
    data = { ...data, follow_ups: [] };
    fireEvent.click(within(left).getByTestId("follow-up-snooze"));
    await waitFor(() => expect(snooze).toHaveBeenCalledWith("s2/3d", "2026-12-07"));
    await waitFor(() => expect(screen.queryAllByTestId("today-follow-up")).toHaveLength(0));
    expect(screen.getByTestId("today-follow-ups").textContent).toContain("오늘 연락할 구매 고객이 없습니다.");
    expect(read.mock.calls.length).toBeGreaterThan(1);
  });

  it("skips a follow-up with its note, and shows a refusal at the row", async () => {
    vi.spyOn(api, "today").mockResolvedValue(today());
    const close = vi
      .spyOn(api, "closeFollowUp")
      .mockRejectedValueOnce(new ApiError({ code: "busy", message: "database is locked", field: null, problems: [] }));
    renderToday();

    const row = (await screen.findAllByTestId("today-follow-up"))[1]!;
    fireEvent.change(within(row).getByTestId("follow-up-note"), { target: { value: "번호 없음" } });
    fireEvent.click(within(row).getByTestId("follow-up-skip"));
    expect((await within(row).findByTestId("follow-up-error")).textContent).toContain("데이터베이스가 사용 중입니다");
    expect(close).toHaveBeenCalledWith("s2/3d", false, "번호 없음");
    expect(screen.getAllByTestId("today-follow-up")).toHaveLength(2);
  });

  it("shows clashing bookings, outbox problems and the sync line, each one click from its screen", async () => {
    vi.spyOn(api, "today").mockResolvedValue(
      today({
        inquiries: [],
        visit_conflicts: [{ visit: eleven, with: visit("d", "2026-12-01T02:30:00.000Z", "2026-12-01T03:30:00.000Z", { customer_name: "최지훈" }) }],
        outbox_problems: [failedMail, { ...failedMail, id: "o2", state: "queued", attempts: 1, error_code: "unreachable", last_error: "" }],
        sync: syncStatus({ state: "unreachable", folder: "/NAS", last_sync_at: "2026-11-30T05:02:00.000Z" }),
      }),
    );
    const { nav } = renderToday();

    const conflicts = await screen.findByTestId("today-conflicts");
    expect(conflicts.textContent).toContain("겹치는 예약 1건");
    const conflict = within(conflicts).getByTestId("today-conflict");
    expect(conflict.textContent).toContain("11:00–12:00 고객b ↔ 11:30–12:30 최지훈");
    expect(conflict.textContent).toContain("김성수");
    fireEvent.click(conflict);
    expect(nav.reset).toHaveBeenCalledWith({ name: "visits" });

    const outbox = screen.getByTestId("today-outbox");
    expect(outbox.className).toContain("card-alert");
    expect(outbox.textContent).toContain("메일함에 문제가 있는 메일 2통");
    const entries = within(outbox).getAllByTestId("today-outbox-entry");
    expect(entries.map((e) => e.getAttribute("data-state"))).toEqual(["failed", "queued"]);
    expect(entries[0]!.textContent).toContain("kim@example.com");
    expect(entries[0]!.textContent).toContain("받는 사람 주소를 거부했습니다");
    expect(entries[0]!.textContent).toContain("550 no such user");
    expect(entries[1]!.textContent).toContain("다시 보내는 중");
    fireEvent.click(screen.getByTestId("today-open-outbox"));
    expect(nav.reset).toHaveBeenCalledWith({ name: "outbox" });

    const sync = screen.getByTestId("today-sync");
    expect(sync.getAttribute("data-state")).toBe("unreachable");
    expect(sync.textContent).toContain("공유 폴더 연결 안 됨");
    // Korea time, with the day as it was not today.
    expect(sync.textContent).toContain("마지막 2026-11-30 14:02");
    fireEvent.click(screen.getByTestId("today-open-sync"));
    expect(nav.go).toHaveBeenCalledWith({ name: "sync" });
    expect(screen.queryByTestId("today-inquiries")).toBeNull();
  });

  it("says in plain words that a change from a colleague's computer was set aside", async () => {
    vi.spyOn(api, "today").mockResolvedValue(
      today({
        sync: syncStatus({
          state: "synced",
          folder: "/NAS",
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
    const { nav } = renderToday();
    const card = await screen.findByTestId("today-sync-problems");
    expect(within(card).getByTestId("sync-problem").textContent).toBe(
      "박부장 노트북에서 온 차량 변경 1건을 적용하지 못했습니다: 가격이 숫자가 아님",
    );
    fireEvent.click(within(card).getByTestId("sync-problems-open"));
    expect(nav.go).toHaveBeenCalledWith({ name: "sync" });
  });

  it("names a computer whose clock is wrong under the sync line, in one line", async () => {
    vi.spyOn(api, "today").mockResolvedValue(
      today({
        sync: syncStatus({
          state: "synced",
          folder: "/NAS",
          clocks: [{ device_id: "d-park", name: "박부장 PC", user_name: "박정호", ahead_secs: 3 * 365 * 24 * 3600, held_changes: 3 }],
        }),
      }),
    );
    renderToday();
    const box = await screen.findByTestId("clock-problems");
    expect(within(box).getByTestId("clock-problem").textContent).toBe("박부장 PC의 시계가 3년 빠릅니다");
    expect(screen.queryByTestId("clock-problem-own")).toBeNull();
  });

  it("reads in English, and says when Today cannot be read", async () => {
    vi.spyOn(api, "today")
      .mockRejectedValueOnce(new ApiError({ code: "busy", message: "database is locked", field: null, problems: [] }))
      .mockResolvedValue(today({ visits: [early], follow_ups: [due("s1/1m", "1m", 1)] }));
    renderToday("en");

    const failed = await screen.findByTestId("today-error");
    expect(failed.textContent).toContain("Today's work could not be loaded.");
    // The stock tiles still show.
    expect(screen.getByTestId("today-stock")).toBeTruthy();
    fireEvent.click(within(failed).getByTestId("retry"));

    const row = await screen.findByTestId("today-visit");
    expect(row.textContent).toContain("08:30–09:30");
    expect(row.textContent).toContain("Arrived");
    expect(screen.getByTestId("today-visits").textContent).toContain("1 visit today");
    const f = screen.getByTestId("today-follow-up");
    expect(f.textContent).toContain("One-month call (1M)");
    expect(within(f).getByTestId("follow-up-late").textContent).toBe("due 28 Nov 2026 · 1 day late");
    expect(screen.getByTestId("today-sync").textContent).toContain("Synced");
    expect(screen.getByTestId("today-sync").textContent).toContain("last 14:02");
  });
});
