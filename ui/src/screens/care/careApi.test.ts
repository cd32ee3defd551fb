import { invoke } from "@tauri-apps/api/core";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import { initI18n } from "../../i18n";
import { stepLabel } from "./careText";
import { addDays, formatDateTime, formatLongDate, formatTime, todayDate, zonedDate } from "../../time";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn(), Channel: class {} }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn() }));
vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn() }));

const invokeMock = vi.mocked(invoke);

beforeEach(() => {
  invokeMock.mockReset();
});

describe("care commands", () => {
  it("send camelCase arguments under the command names the core registers", async () => {
    invokeMock.mockResolvedValue(null);
    const filter = { make: null, model: "SM520", year_min: 2002, year_max: null, vin_from: null, vin_to: null, sold_from: null, sold_to: null };
    const sale = { customer_id: "c1", vehicle_id: "v1", price_krw: 4_300_000, delivered_on: "2026-12-05", user_id: null };
    const input = { title: "리콜", code: "R-1", filter, lang: "ko" as const, subject: "s", body: "b" };
    await api.recordSale(sale);
    await api.salesOfVehicle("v1");
    await api.salesOfCustomer("c1");
    await api.closeFollowUp("s1/1m", true, "통화함");
    await api.snoozeFollowUp("s1/1m", "2026-12-08");
    await api.previewCampaign(filter);
    await api.createCampaign(input);
    await api.listCampaigns();
    await api.sendCampaign("k1");
    await api.today();
    expect(invokeMock.mock.calls).toEqual([
      ["record_sale", { input: sale, recallTold: false }],
      ["sales_of_vehicle", { vehicleId: "v1" }],
      ["sales_of_customer", { customerId: "c1" }],
      ["close_follow_up", { id: "s1/1m", done: true, note: "통화함" }],
      ["snooze_follow_up", { id: "s1/1m", until: "2026-12-08" }],
      ["preview_campaign", { filter }],
      ["create_campaign", { input }],
      ["list_campaigns", {}],
      ["send_campaign", { id: "k1" }],
      ["today", {}],
    ]);
  });
});

describe("team time", () => {
  it("reads instants on a clock in Korea, whatever the computer's zone", () => {
    // 23:30 UTC on 30 November is 08:30 on 1 December in Korea.
    expect(zonedDate("2026-11-30T23:30:00.000Z")).toBe("2026-12-01");
    expect(formatTime("2026-11-30T23:30:00.000Z")).toBe("08:30");
    expect(todayDate(new Date("2026-11-30T15:00:00.000Z"))).toBe("2026-12-01");
    expect(todayDate(new Date("2026-11-30T14:59:00.000Z"))).toBe("2026-11-30");
    expect(formatDateTime("2026-12-01T05:02:00.000Z", "ko")).toBe("2026.12.01 14:02");
    expect(formatTime("soon")).toBe("soon");
  });

  it("adds days across month and year ends, and writes the day out", () => {
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
    expect(addDays("2028-02-27", 3)).toBe("2028-03-01");
    expect(formatLongDate("2026-12-01", "ko")).toBe("2026년 12월 1일 화요일");
  });

  it("names the schedule's steps", () => {
    const i18n = initI18n("ko");
    expect(stepLabel("1m", i18n.t)).toBe("1개월 안부 전화 (1M)");
    expect(stepLabel("2w", i18n.t)).toBe("2주 연락");
    expect(stepLabel("odd", i18n.t)).toBe("odd");
    void i18n.changeLanguage("en");
    expect(stepLabel("1w", i18n.t)).toBe("1 week follow-up");
    expect(stepLabel("3d", i18n.t)).toBe("Day-3 thank-you");
  });
});
