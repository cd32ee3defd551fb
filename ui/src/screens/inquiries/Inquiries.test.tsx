import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import type { Channel } from "../../bindings/Channel";
import type { Inquiry } from "../../bindings/Inquiry";
import type { Lang } from "../../i18n/lang";
import { NavContext, type Nav } from "../../navigation";
import { renderWithProviders } from "../../test/render";
import { Inquiries } from "./Inquiries";

function inquiry(id: string, name: string, channel: Channel, minutes: number, over: Partial<Inquiry> = {}): Inquiry {
  return {
    interaction: {
      id,
      customer_id: `c-${id}`,
      kind: "inquiry",
      channel,
      at: "2024-05-01 10:00:00",
      summary: `${name} 님 문의`,
      user_id: null,
      user_name: null,
      send_id: null,
      message_id: null,
      shortlist_id: null,
    },
    customer_name: name,
    replied_at: null,
    response_minutes: minutes,
    overdue: false,
    ...over,
  };
}

// As the core orders them: overdue first, then waiting, then answered.
const list: Inquiry[] = [
  inquiry("1", "홍길동", "phone", 125, { overdue: true }),
  inquiry("2", "김영희", "web", 45),
  inquiry("3", "이철수", "walk_in", 120, { replied_at: "2024-05-01 12:00:00" }),
  inquiry("4", "박민수", "sms", 7, { replied_at: "2024-05-01 10:07:00" }),
];

function renderInquiries(lang: Lang = "ko") {
  const nav: Nav = { route: { name: "inquiries" }, go: vi.fn(), replace: vi.fn(), reset: vi.fn(), back: vi.fn() };
  renderWithProviders(
    <NavContext.Provider value={nav}>
      <Inquiries />
    </NavContext.Provider>,
    { lang },
  );
  return nav;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Inquiries", () => {
  it("shows overdue inquiries first, in the alert style, with hours and minutes", async () => {
    vi.spyOn(api, "listInquiries").mockResolvedValue(list);
    renderInquiries();

    const rows = await screen.findAllByTestId("inquiry-row");
    expect(rows.map((r) => r.getAttribute("data-overdue"))).toEqual(["true", "false", "false", "false"]);
    expect(rows[0]!.className).toContain("inquiry-overdue");
    expect(rows[1]!.className).not.toContain("inquiry-overdue");

    const states = rows.map((r) => within(r).getByTestId("inquiry-state"));
    expect(states.map((s) => s.textContent)).toEqual([
      "답장 기한 지남 · 2시간 5분 대기",
      "답장 대기 · 45분",
      "2시간 만에 답장",
      "7분 만에 답장",
    ]);
    expect(states[0]!.className).toContain("badge-overdue");

    expect(rows[0]!.textContent).toContain("홍길동");
    expect(rows[0]!.textContent).toContain("전화");
    expect(rows[0]!.textContent).toContain("2024.05.01 10:00");
    expect(rows[0]!.textContent).toContain("홍길동 님 문의");
    expect(rows[1]!.textContent).toContain("웹");
    expect(rows[2]!.textContent).toContain("방문");
    expect(rows[3]!.textContent).toContain("문자");
    expect(screen.getByTestId("inquiries-overdue-count").textContent).toBe("기한 지남 1건");
  });

  it("reads in English", async () => {
    vi.spyOn(api, "listInquiries").mockResolvedValue(list);
    renderInquiries("en");
    const rows = await screen.findAllByTestId("inquiry-row");
    expect(within(rows[0]!).getByTestId("inquiry-state").textContent).toBe("Reply overdue · waiting 2 h 5 min");
    expect(within(rows[1]!).getByTestId("inquiry-state").textContent).toBe("Awaiting reply · 45 min");
    expect(within(rows[2]!).getByTestId("inquiry-state").textContent).toBe("Answered in 2 h");
    expect(rows[2]!.textContent).toContain("Walk-in");
  });

  it("opens the customer of a row", async () => {
    vi.spyOn(api, "listInquiries").mockResolvedValue(list);
    const nav = renderInquiries();
    const rows = await screen.findAllByTestId("inquiry-row");
    fireEvent.click(rows[1]!);
    expect(nav.go).toHaveBeenCalledWith({ name: "customer", id: "c-2" });
    fireEvent.keyDown(rows[0]!, { key: "Enter" });
    expect(nav.go).toHaveBeenLastCalledWith({ name: "customer", id: "c-1" });
  });

  it("says so when there are no inquiries", async () => {
    vi.spyOn(api, "listInquiries").mockResolvedValue([]);
    renderInquiries();
    expect((await screen.findByTestId("inquiries-empty")).textContent).toContain("최근 30일 동안 들어온 문의가 없습니다");
  });
});
