import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "../../api";
import type { Campaign } from "../../bindings/Campaign";
import type { CampaignInput } from "../../bindings/CampaignInput";
import type { CampaignOwner } from "../../bindings/CampaignOwner";
import type { CampaignRecipient } from "../../bindings/CampaignRecipient";
import type { Lang } from "../../i18n/lang";
import { readBox } from "../../components/PlaceholderText";
import { NavContext, type Nav } from "../../navigation";
import { renderWithProviders } from "../../test/render";
import { syncStatus } from "../../test/sync";
import { Care } from "./Care";
import { CampaignDetail } from "./CampaignDetail";
import { campaignTemplate } from "./campaignDefaults";

function owner(n: number, name: string, email: string): CampaignOwner {
  return {
    sale_id: `s${n}`,
    customer_id: `c${n}`,
    customer_name: name,
    email,
    vehicle_id: `v${n}`,
    vehicle_label: `르노삼성 SM520 LE 2003 (1${n}가345${n})`,
    vin: `KNMA4C2HM3P12345${n}`,
    delivered_on: `2026-0${n}-15`,
  };
}

const owners = [owner(1, "이준혁", "junhyuk@example.com"), owner(2, "박민수", ""), owner(3, "김영희", "younghee@example.com")];

function campaign(input: CampaignInput, recipients: CampaignRecipient[] = []): Campaign {
  return { id: "k1", ...input, recipients, created_at: "2026-12-01T01:00:00.000Z" };
}

function fill(testId: string, value: string) {
  const el = screen.getByTestId(testId);
  if (el.getAttribute("contenteditable") === "true") {
    // A wording box: its whole content becomes `value`, as if typed.
    el.textContent = value;
    fireEvent.input(el);
  } else fireEvent.change(el, { target: { value } });
}

/** The template a wording box holds. */
const words = (el: HTMLElement) => readBox(el);

function renderCare(lang: Lang = "ko") {
  const nav: Nav = { route: { name: "care" }, go: vi.fn(), replace: vi.fn(), reset: vi.fn(), back: vi.fn() };
  renderWithProviders(
    <NavContext.Provider value={nav}>
      <Care />
    </NavContext.Provider>,
    { lang },
  );
  return nav;
}

beforeEach(() => {
  vi.spyOn(api, "listModels").mockResolvedValue(["SM520", "SM5"]);
  vi.spyOn(api, "today").mockResolvedValue({
    date: "2026-12-01",
    inquiries: [],
    visits: [],
    follow_ups: [],
    visit_conflicts: [],
    outbox_problems: [],
    sync: syncStatus(),
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Care: campaigns", () => {
  it("previews the owners a filter reaches, then creates and sends, showing who was told and who not", async () => {
    vi.spyOn(api, "listCampaigns").mockResolvedValue([]);
    const preview = vi.spyOn(api, "previewCampaign").mockResolvedValue(owners);
    const create = vi.spyOn(api, "createCampaign").mockImplementation(async (input) => campaign(input));
    const send = vi.spyOn(api, "sendCampaign").mockImplementation(async () =>
      campaign(create.mock.calls[0]![0], [
        { owner: owners[0]!, state: "sent", detail: "", at: "2026-12-01T01:00:05.000Z" },
        { owner: owners[1]!, state: "no_email", detail: "no email address", at: "2026-12-01T01:00:05.000Z" },
        { owner: owners[2]!, state: "queued", detail: "", at: "2026-12-01T01:00:05.000Z" },
      ]),
    );
    renderCare();

    expect(await screen.findByTestId("campaign-list-empty")).toBeTruthy();
    // Korean defaults that use the placeholders.
    const subject = screen.getByTestId("campaign-subject");
    const body = screen.getByTestId("campaign-body");
    expect(words(subject)).toContain("{{ car }}");
    for (const v of ["customer", "car", "vin", "code", "dealer"]) expect(words(body)).toContain(`{{ ${v} }}`);
    expect(body.textContent).toContain("리콜");
    // What the dealer sees: named chips, no template tags.
    expect(subject.textContent).toBe("[리콜·무상수리 안내] 차량");
    expect(body.textContent).not.toMatch(/\{\{|\}\}/);
    expect([...body.querySelectorAll(".chip")].map((c) => c.textContent)).toContain("고객 이름");

    fill("campaign-title", "2026 에어백 리콜");
    fill("campaign-code", "R-2026-01");
    fill("campaign-make", "르노삼성");
    fill("campaign-model", "SM520");
    fill("campaign-year-min", "2002");
    fill("campaign-year-max", "2004");
    fill("campaign-vin-from", "knma4c2hm3p100000");
    fill("campaign-vin-to", "KNMA4C2HM3P199999");
    fill("campaign-sold-from", "2026-01-01");
    fill("campaign-sold-to", "");
    fireEvent.click(screen.getByTestId("campaign-preview-btn"));

    const table = await screen.findByTestId("campaign-preview");
    const filter = {
      make: "르노삼성",
      model: "SM520",
      year_min: 2002,
      year_max: 2004,
      vin_from: "KNMA4C2HM3P100000",
      vin_to: "KNMA4C2HM3P199999",
      sold_from: "2026-01-01",
      sold_to: null,
    };
    expect(preview).toHaveBeenCalledWith(filter);
    const rows = within(table).getAllByTestId("campaign-owner");
    expect(rows.map((r) => r.getAttribute("data-has-email"))).toEqual(["true", "false", "true"]);
    expect(within(rows[1]!).getByTestId("campaign-owner-no-email").textContent).toBe("이메일 없음");
    expect(screen.getByTestId("campaign-preview-summary").textContent).toBe("대상 구매 고객 3명 · 이메일 없음 1명");

    fireEvent.click(screen.getByTestId("campaign-send"));
    const result = await screen.findByTestId("campaign-result");
    expect(create).toHaveBeenCalledWith({
      title: "2026 에어백 리콜",
      code: "R-2026-01",
      filter,
      lang: "ko",
      subject: campaignTemplate("ko").subject,
      body: campaignTemplate("ko").body,
    });
    expect(send).toHaveBeenCalledWith("k1");
    const recipients = within(result).getAllByTestId("campaign-recipient");
    expect(recipients.map((r) => r.getAttribute("data-state"))).toEqual(["sent", "no_email", "queued"]);
    expect(recipients[1]!.textContent).toContain("박민수");
    expect(recipients[1]!.textContent).toContain("이메일 없음");
    expect(recipients[0]!.textContent).toContain("알림");
    // Korea time.
    expect(recipients[0]!.textContent).toContain("2026.12.01 10:00");
    expect(within(result).getByTestId("campaign-counts").textContent).toBe("알림 1명 · 메일함 대기 1명 · 연락 안 됨 1명");
  });

  it("shows an owner whose address is not valid as not reachable, apart from one with none", () => {
    const input: CampaignInput = { title: "리콜", code: "R-1", filter: {} as CampaignInput["filter"], lang: "ko", subject: "s", body: "b" };
    const at = "2026-12-01T01:00:05.000Z";
    const nav: Nav = { route: { name: "care" }, go: vi.fn(), replace: vi.fn(), reset: vi.fn(), back: vi.fn() };
    renderWithProviders(
      <NavContext.Provider value={nav}>
        <CampaignDetail
          campaign={campaign(input, [
            { owner: owners[0]!, state: "invalid_email", detail: "invalid email address", at },
            { owner: owners[1]!, state: "no_email", detail: "no email address", at },
            { owner: owners[2]!, state: "queued", detail: "", at },
          ])}
        />
      </NavContext.Provider>,
    );
    const recipients = screen.getAllByTestId("campaign-recipient");
    expect(recipients[0]!.getAttribute("data-state")).toBe("invalid_email");
    expect(recipients[0]!.textContent).toContain("이메일 주소 오류");
    expect(recipients[1]!.textContent).toContain("이메일 없음");
    expect(screen.getByTestId("campaign-counts").getAttribute("data-unreachable")).toBe("2");
  });

  it("keeps the campaign when there is no mail account and points to Settings › Email", async () => {
    vi.spyOn(api, "listCampaigns").mockResolvedValue([]);
    vi.spyOn(api, "createCampaign").mockImplementation(async (input) => campaign(input));
    const send = vi
      .spyOn(api, "sendCampaign")
      .mockRejectedValueOnce(
        new ApiError({ code: "no_sender", message: "set up the SMTP account (Settings › Email) before sending", field: "from_addr", problems: [] }),
      )
      .mockImplementationOnce(async () =>
        campaign(
          { title: "리콜", code: "", filter: { make: null, model: null, year_min: null, year_max: null, vin_from: null, vin_to: null, sold_from: null, sold_to: null }, lang: "ko", subject: "s", body: "b" },
          [{ owner: owners[0]!, state: "queued", detail: "", at: "2026-12-01T01:10:00.000Z" }],
        ),
      );
    const nav = renderCare();

    fill("campaign-title", "리콜");
    fireEvent.click(screen.getByTestId("campaign-send"));
    const error = await screen.findByTestId("campaign-send-error");
    expect(error.textContent).toContain("설정 › 이메일");
    expect(error.textContent).toContain("캠페인은 저장되어 있습니다");
    fireEvent.click(within(error).getByTestId("campaign-open-email-settings"));
    expect(nav.reset).toHaveBeenCalledWith({ name: "settings" });

    // Once the account is there, sending again tells the owners; nothing is created twice.
    fireEvent.click(screen.getByTestId("campaign-resend"));
    await waitFor(() => expect(screen.getAllByTestId("campaign-recipient")).toHaveLength(1));
    expect(screen.queryByTestId("campaign-send-error")).toBeNull();
    expect(send).toHaveBeenCalledTimes(2);
    expect(api.createCampaign).toHaveBeenCalledTimes(1);
  });

  it("shows a template mistake under the body and a missing name under the title", async () => {
    vi.spyOn(api, "listCampaigns").mockResolvedValue([]);
    const send = vi.spyOn(api, "sendCampaign");
    const create = vi.spyOn(api, "createCampaign").mockRejectedValue(
      new ApiError({ code: "invalid_template", message: "the template body cannot be used: syntax error", field: "body", problems: [] }),
    );
    renderCare();

    fireEvent.click(await screen.findByTestId("campaign-send"));
    expect((await screen.findByTestId("campaign-error-title")).textContent).toBe("필수 항목입니다.");
    expect(create).not.toHaveBeenCalled();

    fill("campaign-title", "리콜");
    fill("campaign-body", "{{ customer 님");
    fireEvent.click(screen.getByTestId("campaign-send"));
    expect((await screen.findByTestId("campaign-error-body")).textContent).toContain("자리 표시 형식이 잘못되었습니다");
    expect(create).toHaveBeenCalledTimes(1);
    expect(send).not.toHaveBeenCalled();
  });

  it("shows the notice as the first owner reached would read it, following the edits", async () => {
    vi.spyOn(api, "listCampaigns").mockResolvedValue([]);
    vi.spyOn(api, "previewCampaign").mockResolvedValue(owners);
    const notice = vi
      .spyOn(api, "previewCampaignNotice")
      .mockImplementation(async (_f, code, subject, body) => [subject.replace("{{ code }}", code), body.replace("{{ customer }}", "홍길동")]);
    renderCare();

    fireEvent.click(await screen.findByTestId("campaign-preview-btn"));
    const shown = await screen.findByTestId("campaign-notice-preview");
    await waitFor(() => expect(shown.textContent).toContain("홍길동 님, 안녕하세요."));
    fill("campaign-code", "R-9");
    fill("campaign-subject", "안내 {{ code }}");
    await waitFor(() => expect(shown.textContent).toContain("안내 R-9"));
    expect(notice).toHaveBeenLastCalledWith(expect.objectContaining({ model: null }), "R-9", "안내 {{ code }}", campaignTemplate("ko").body);
  });

  it("refuses a year that is not a number before asking the core", async () => {
    vi.spyOn(api, "listCampaigns").mockResolvedValue([]);
    const preview = vi.spyOn(api, "previewCampaign").mockResolvedValue([]);
    renderCare();

    fill("campaign-year-min", "이천");
    fireEvent.click(await screen.findByTestId("campaign-preview-btn"));
    expect((await screen.findByTestId("campaign-error-year_min")).textContent).toBe("숫자로 입력하세요.");
    expect(preview).not.toHaveBeenCalled();

    fill("campaign-year-min", "");
    fireEvent.click(screen.getByTestId("campaign-preview-btn"));
    expect((await screen.findByTestId("campaign-preview-empty")).textContent).toBe("조건에 맞는 판매 차량이 없습니다.");
  });

  it("lists campaigns with their counts; one opens to its recipients", async () => {
    const input: CampaignInput = {
      title: "SM520 연료펌프 무상수리",
      code: "S-2026-07",
      filter: { make: null, model: "SM520", year_min: null, year_max: null, vin_from: null, vin_to: null, sold_from: null, sold_to: null },
      lang: "ko",
      subject: "s",
      body: "b",
    };
    vi.spyOn(api, "listCampaigns").mockResolvedValue([
      campaign(input, [
        { owner: owners[0]!, state: "sent", detail: "", at: "2026-12-01T01:00:05.000Z" },
        { owner: owners[2]!, state: "failed", detail: "550 mailbox unavailable", at: "2026-12-01T01:00:05.000Z" },
      ]),
    ]);
    renderCare();

    const row = await screen.findByTestId("campaign-row");
    expect(row.textContent).toContain("SM520 연료펌프 무상수리");
    expect(row.textContent).toContain("S-2026-07");
    expect(row.textContent).toContain("알림 1명 · 메일함 대기 0명 · 연락 안 됨 1명");
    expect(screen.queryByTestId("campaign-detail")).toBeNull();
    fireEvent.click(row);
    const detail = screen.getByTestId("campaign-detail");
    const recipients = within(detail).getAllByTestId("campaign-recipient");
    expect(recipients.map((r) => r.getAttribute("data-state"))).toEqual(["sent", "failed"]);
    expect(recipients[1]!.textContent).toContain("550 mailbox unavailable");
  });

  it("follows the mail language with the English notice", async () => {
    vi.spyOn(api, "listCampaigns").mockResolvedValue([]);
    renderCare("en");
    const body = await screen.findByTestId("campaign-body");
    expect(words(body)).toBe(campaignTemplate("en").body);
    fireEvent.change(screen.getByTestId("campaign-lang"), { target: { value: "ko" } });
    expect(words(body)).toBe(campaignTemplate("ko").body);
    // A notice the dealer wrote himself stays when the language changes.
    fill("campaign-subject", "My own words {{ car }}");
    fireEvent.change(screen.getByTestId("campaign-lang"), { target: { value: "en" } });
    expect(words(screen.getByTestId("campaign-subject"))).toBe("My own words {{ car }}");
    expect(words(body)).toBe(campaignTemplate("en").body);
  });
});
