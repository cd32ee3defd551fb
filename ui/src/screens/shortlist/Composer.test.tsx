import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "../../api";
import type { ComposedMail } from "../../bindings/ComposedMail";
import type { ComposeRequest } from "../../bindings/ComposeRequest";
import type { ComposeVehicle } from "../../bindings/ComposeVehicle";
import type { MailSend } from "../../bindings/MailSend";
import type { OutboxEntry } from "../../bindings/OutboxEntry";
import type { OutboxReport } from "../../bindings/OutboxReport";
import type { Lang } from "../../i18n/lang";
import { renderWithProviders } from "../../test/render";
import { Composer } from "./Composer";

// The photo protocol's URL, readable in assertions (as in preview.test.ts).
vi.mock("@tauri-apps/api/core", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@tauri-apps/api/core")>()),
  convertFileSrc: (p: string, s: string) => `${s}://localhost/${p}`,
}));

const vehicles: ComposeVehicle[] = [
  { vehicle_id: "v1", photo_ids: null },
  { vehicle_id: "v2", photo_ids: ["p7", "p8"] },
];

function mail(over: Partial<ComposedMail> = {}): ComposedMail {
  return {
    subject: "김민수 님께 추천 차량 2대",
    to_name: "김민수",
    to_addr: "minsu@example.com",
    from_name: "박영업",
    from_addr: "sales@example.com",
    html: '<p>안녕하세요</p><img src="cid:p0-0.abc@lotbook"><img src="cid:d0.abc@lotbook">',
    text: "안녕하세요",
    images: [
      { cid: "p0-0.abc@lotbook", vehicle_id: "v1", photo_id: "p1", hash: "ff00", data_url: null, width: 1600, height: 1200, bytes: 300_000 },
      { cid: "d0.abc@lotbook", vehicle_id: "v1", photo_id: null, hash: null, data_url: "data:image/png;base64,AAA", width: 600, height: 400, bytes: 2_000 },
    ],
    encoded_bytes: 2_412_000,
    budget_bytes: 25_000_000,
    photo_edge: 1600,
    photo_quality: 82,
    message_id: "<m1@lotbook>",
    ...over,
  };
}

function request(over: Partial<ComposeRequest> = {}): ComposeRequest {
  return {
    customer_id: "c1",
    vehicles,
    lang: "ko",
    budget: { preset: "gmail", custom_mb: null },
    shortlist_id: "s1",
    introduce_user_id: null,
    message: "",
    ...over,
  };
}

const queuedSend: MailSend = {
  id: "m1",
  customer_id: "c1",
  shortlist_id: "s1",
  output: "smtp",
  state: "queued",
  to_addr: "minsu@example.com",
  subject: "김민수 님께 추천 차량 2대",
  lang: "ko",
  contents: [],
  bytes: 2_412_000,
  detail: "",
  created_at: "2024-05-01 10:00:00",
  updated_at: "2024-05-01 10:00:00",
};

/** The outbox after a pass; `state` is what became of this email (by its id). */
const report = (sent: number, state: OutboxEntry["state"] = sent > 0 ? "sent" : "queued", extra: Partial<OutboxEntry> = {}): OutboxReport => ({
  sent,
  retrying: 0,
  failed: state === "failed" ? 1 : 0,
  entries: [
    {
      id: queuedSend.id,
      to_addr: "junhyuk.lee@naver.com",
      subject: "s",
      state,
      attempts: 1,
      next_attempt_at: "2026-12-01T00:00:00Z",
      error_code: null,
      last_error: "",
      queued_at: "2026-12-01T00:00:00Z",
      sent_at: null,
      ...extra,
    },
  ],
});

async function showComposer(composed: ComposedMail = mail(), lang: Lang = "ko") {
  const compose = vi.spyOn(api, "composeMail").mockResolvedValue(composed);
  const result = renderWithProviders(<Composer customerId="c1" vehicles={vehicles} shortlistId="s1" />, { lang });
  await screen.findByTestId("composer-summary");
  await waitFor(() => expect(screen.queryByTestId("composer-busy")).toBeNull());
  return { compose, ...result };
}

const button = (testId: string) => screen.getByTestId(testId) as HTMLButtonElement;

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("Composer", () => {
  it("composes on mount and shows the size, photo edge, subject and recipient", async () => {
    const { compose } = await showComposer();
    expect(compose).toHaveBeenCalledTimes(1);
    expect(compose.mock.calls[0]?.[0]).toEqual(request());
    expect(screen.getByTestId("composer-size").textContent).toBe("2.4 MB / 25.0 MB · 사진 1600px");
    expect(screen.getByTestId("composer-subject").textContent).toBe("김민수 님께 추천 차량 2대");
    expect(screen.getByTestId("composer-to").textContent).toBe("김민수 <minsu@example.com>");
    expect(button("composer-send").disabled).toBe(false);
    expect(button("composer-save-eml").disabled).toBe(false);
  });

  it("reads in English in the English UI and composes in English", async () => {
    const { compose } = await showComposer(mail({ subject: "2 cars for Minsu Kim", to_addr: "" }), "en");
    expect(compose.mock.calls[0]?.[0]).toEqual(request({ lang: "en" }));
    expect((screen.getByTestId("composer-lang") as HTMLSelectElement).value).toBe("en");
    expect(screen.getByTestId("composer-size").textContent).toBe("2.4 MB of 25.0 MB · photos 1600 px");
    expect(screen.getByTestId("composer-to").textContent).toBe(
      "No email address — save a draft and add the recipient in your mail program",
    );
    expect(button("composer-send").textContent).toBe("Send");
    expect(button("composer-send").disabled).toBe(true);
  });

  it("says there is no address and will not send when the customer has no email", async () => {
    await showComposer(mail({ to_addr: "" }));
    expect(screen.getByTestId("composer-to").textContent).toBe(
      "이메일 주소 없음 — 초안으로 저장한 뒤 메일 프로그램에서 받는 사람을 넣으세요",
    );
    expect(button("composer-send").disabled).toBe(true);
    // A draft can still be saved and addressed in the mail program.
    expect(button("composer-save-eml").disabled).toBe(false);
  });

  it("re-composes for another size limit, with a custom size in MB", async () => {
    const { compose } = await showComposer();
    expect(screen.queryByTestId("composer-custom-mb")).toBeNull();

    fireEvent.change(screen.getByTestId("composer-budget"), { target: { value: "naver" } });
    await waitFor(() => expect(compose.mock.lastCall?.[0]).toEqual(request({ budget: { preset: "naver", custom_mb: null } })));
    expect(screen.queryByTestId("composer-custom-mb")).toBeNull();

    fireEvent.change(screen.getByTestId("composer-budget"), { target: { value: "custom" } });
    const mb = (await screen.findByTestId("composer-custom-mb")) as HTMLInputElement;
    expect(mb.value).toBe("10");
    await waitFor(() => expect(compose.mock.lastCall?.[0]).toEqual(request({ budget: { preset: "custom", custom_mb: 10 } })));

    fireEvent.change(mb, { target: { value: "15" } });
    await waitFor(() => expect(compose.mock.lastCall?.[0]).toEqual(request({ budget: { preset: "custom", custom_mb: 15 } })));
    // Kept within 1–50 MB.
    fireEvent.change(mb, { target: { value: "80" } });
    await waitFor(() => expect(compose.mock.lastCall?.[0]).toEqual(request({ budget: { preset: "custom", custom_mb: 50 } })));
  });

  it("re-composes with the personal message only after a 500 ms pause in typing", async () => {
    const { compose } = await showComposer();
    compose.mockResolvedValue(mail({ subject: "덧붙인 말과 함께" }));

    vi.useFakeTimers();
    fireEvent.change(screen.getByTestId("composer-message"), { target: { value: "토요일" } });
    act(() => vi.advanceTimersByTime(300));
    fireEvent.change(screen.getByTestId("composer-message"), { target: { value: "토요일에 오세요" } });
    act(() => vi.advanceTimersByTime(499));
    expect(compose).toHaveBeenCalledTimes(1);
    act(() => vi.advanceTimersByTime(1));
    expect(compose).toHaveBeenCalledTimes(2);
    expect(compose.mock.lastCall?.[0]).toEqual(request({ message: "토요일에 오세요" }));
    vi.useRealTimers();

    await waitFor(() => expect(screen.getByTestId("composer-subject").textContent).toBe("덧붙인 말과 함께"));
  });

  it("previews the real email in a sandboxed frame, images pointed at the photo protocol", async () => {
    await showComposer();
    const frame = screen.getByTestId("mail-preview");
    expect(frame.tagName).toBe("IFRAME");
    expect(frame.getAttribute("sandbox")).toBe("");
    expect(frame.getAttribute("title")).toBe("메일 미리보기");
    const doc = frame.getAttribute("srcdoc") ?? "";
    expect(doc).toContain('src="photo://localhost/thumb/ff00">');
    expect(doc).toContain('src="data:image/png;base64,AAA">');
    expect(doc).toContain("<p>안녕하세요</p>");
    expect(doc).not.toContain("cid:");
  });

  it("lets the composed email go when the composer closes (its HTML and diagrams are megabytes)", async () => {
    const { client, unmount } = await showComposer();
    const composedMails = () => client.getQueryCache().findAll({ queryKey: ["compose"] });
    expect(composedMails()).toHaveLength(1);
    unmount();
    await waitFor(() => expect(composedMails()).toHaveLength(0));
  });

  it("saves the .eml draft and shows where", async () => {
    await showComposer();
    const save = vi
      .spyOn(api, "saveEml")
      .mockResolvedValue({ send: { ...queuedSend, output: "eml", state: "saved" }, path: "/Users/kim/Downloads/김민수.eml" });
    fireEvent.click(screen.getByTestId("composer-save-eml"));
    const saved = await screen.findByTestId("composer-saved");
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith(request());
    expect(saved.getAttribute("data-path")).toBe("/Users/kim/Downloads/김민수.eml");
    expect(saved.textContent).toBe("저장했습니다: /Users/kim/Downloads/김민수.eml");
  });

  it("queues the email, sends the outbox and says it went out", async () => {
    await showComposer();
    const queue = vi.spyOn(api, "queueMail").mockResolvedValue(queuedSend);
    const send = vi.spyOn(api, "sendOutbox").mockResolvedValue(report(1));
    fireEvent.click(screen.getByTestId("composer-send"));
    const done = await screen.findByTestId("composer-sent");
    expect(done.getAttribute("data-result")).toBe("sent");
    expect(done.textContent).toBe("보냈습니다.");
    expect(queue).toHaveBeenCalledWith(request());
    expect(send).toHaveBeenCalledTimes(1);
    expect(queue.mock.invocationCallOrder[0]).toBeLessThan(send.mock.invocationCallOrder[0]!);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says the email is queued when nothing went out yet", async () => {
    await showComposer();
    vi.spyOn(api, "queueMail").mockResolvedValue(queuedSend);
    vi.spyOn(api, "sendOutbox").mockResolvedValue(report(0));
    fireEvent.click(screen.getByTestId("composer-send"));
    const done = await screen.findByTestId("composer-sent");
    expect(done.getAttribute("data-result")).toBe("queued");
    expect(done.textContent).toBe("메일함에 넣었습니다. 연결되면 바로 보냅니다.");
  });

  it("treats an offline send as queued: the email waits in the outbox", async () => {
    await showComposer();
    vi.spyOn(api, "queueMail").mockResolvedValue(queuedSend);
    vi.spyOn(api, "sendOutbox").mockRejectedValue(
      new ApiError({ code: "unreachable", message: "connection timed out", field: null, problems: [] }),
    );
    fireEvent.click(screen.getByTestId("composer-send"));
    expect((await screen.findByTestId("composer-sent")).getAttribute("data-result")).toBe("queued");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says why this email was refused for good (another one going out does not count)", async () => {
    await showComposer();
    vi.spyOn(api, "queueMail").mockResolvedValue(queuedSend);
    const refused = report(0, "failed", { error_code: "auth_failed", last_error: "535 bad credentials" });
    vi.spyOn(api, "sendOutbox").mockResolvedValue({ ...refused, sent: 1 });
    fireEvent.click(screen.getByTestId("composer-send"));
    expect((await screen.findByRole("alert")).textContent).toContain("535 bad credentials");
    expect(screen.queryByTestId("composer-sent")).toBeNull();
  });

  it("points to the mail account settings when none is set up", async () => {
    await showComposer();
    const queue = vi.spyOn(api, "queueMail").mockResolvedValue(queuedSend);
    vi.spyOn(api, "sendOutbox").mockRejectedValue(
      new ApiError({ code: "no_smtp", message: "no SMTP account is set up", field: "smtp", problems: [] }),
    );
    fireEvent.click(screen.getByTestId("composer-send"));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "메일 계정이 아직 없습니다. 설정 › 메일 계정에서 넣어 주세요. 메일은 메일함에서 기다립니다.",
    );
    expect(queue).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId("composer-sent")).toBeNull();
  });

  it("explains a mail that cannot fit in the size limit", async () => {
    vi.spyOn(api, "composeMail").mockRejectedValue({
      code: "over_budget",
      message: "the photos do not fit in 10000000 bytes",
      field: null,
      problems: [],
    });
    renderWithProviders(<Composer customerId="c1" vehicles={vehicles} shortlistId="s1" />);
    const error = await screen.findByTestId("error-state");
    expect(error.getAttribute("data-error-code")).toBe("over_budget");
    expect(error.textContent).toContain("사진이 크기 한도에 들어가지 않습니다. 사진을 줄이거나 한도를 늘리세요.");
    expect(screen.queryByTestId("composer-summary")).toBeNull();
    expect(screen.queryByTestId("mail-preview")).toBeNull();
    expect(button("composer-send").disabled).toBe(true);
    expect(button("composer-save-eml").disabled).toBe(true);
  });
});

describe("Composer and a customer's address", () => {
  afterEach(() => vi.restoreAllMocks());

  it("names the customer whose address is not valid (it may have come from another computer)", async () => {
    type Customer = Awaited<ReturnType<typeof api.getCustomer>>;
    vi.spyOn(api, "getCustomer").mockResolvedValue({ id: "c1", name: "이준혁" } as Customer);
    vi.spyOn(api, "composeMail").mockRejectedValue(
      new ApiError({
        code: "invalid_customer_email",
        message: 'the email address of customer 이준혁 is not valid ("kim@naver.com\\r\\nBcc: spy@evil.example"); correct it on the customer\'s page',
        field: "email",
        problems: [],
      }),
    );
    renderWithProviders(<Composer customerId="c1" vehicles={vehicles} shortlistId="s1" />);
    const error = await screen.findByTestId("error-state");
    expect(error.getAttribute("data-error-code")).toBe("invalid_customer_email");
    await waitFor(() =>
      expect(error.textContent).toContain(
        "고객 이준혁의 이메일 주소가 올바르지 않습니다. 고객 정보에서 주소를 고친 뒤 다시 해 주세요.",
      ),
    );
    expect(button("composer-send").disabled).toBe(true);
    expect(button("composer-save-eml").disabled).toBe(true);
  });

  it("still says what is wrong before the customer's name has loaded", async () => {
    vi.spyOn(api, "getCustomer").mockReturnValue(new Promise(() => {}));
    vi.spyOn(api, "composeMail").mockRejectedValue(
      new ApiError({ code: "invalid_customer_email", message: "not valid", field: "email", problems: [] }),
    );
    renderWithProviders(<Composer customerId="c1" vehicles={vehicles} shortlistId="s1" />, { lang: "en" });
    const error = await screen.findByTestId("error-state");
    expect(error.textContent).toContain("The customer's email address is not valid.");
  });
});

describe("Composer progress", () => {
  afterEach(() => vi.restoreAllMocks());

  it("shows each stage the core reports and can be cancelled", async () => {
    let report: ((p: { step: "photos" | "fitting"; done: number; total: number }) => void) | undefined;
    let fail: ((e: unknown) => void) | undefined;
    vi.spyOn(api, "composeMail").mockImplementation((_req, _job, onProgress) => {
      report = onProgress;
      return new Promise((_, reject) => {
        fail = reject;
      });
    });
    const cancel = vi.spyOn(api, "cancelCompose").mockImplementation(async () => {
      fail?.(new ApiError({ code: "cancelled", message: "cancelled", field: null, problems: [] }));
      return null;
    });
    renderWithProviders(<Composer customerId="c1" vehicles={vehicles} shortlistId="s1" />);
    await waitFor(() => expect(report).toBeDefined());
    act(() => report?.({ step: "photos", done: 12, total: 40 }));
    expect(screen.getByTestId("composer-progress").textContent).toBe("사진 준비 중 12/40");
    act(() => report?.({ step: "fitting", done: 3, total: 6 }));
    expect(screen.getByTestId("composer-progress").textContent).toBe("크기 한도에 맞추는 중 (3/6단계)");
    fireEvent.click(screen.getByTestId("composer-cancel"));
    expect(cancel).toHaveBeenCalledTimes(1);
    expect((await screen.findByTestId("composer-cancelled")).textContent).toContain("메일 만들기를 멈췄습니다.");
  });
});

describe("Composer and archived photos", () => {
  afterEach(() => vi.restoreAllMocks());

  it("never sends without a sold car's archived photos: says so and brings them back, then composes", async () => {
    const compose = vi
      .spyOn(api, "composeMail")
      .mockRejectedValueOnce(
        new ApiError({ code: "photos_archived", message: "2 of the chosen photos are archived", field: "photos", problems: [] }),
      )
      .mockResolvedValue(mail());
    const back = vi.spyOn(api, "unarchiveVehicle").mockImplementation(async (_v, _job, onProgress) => {
      onProgress({ done: 1, total: 1 });
      return { restored: 1, problems: [], cancelled: false };
    });
    renderWithProviders(<Composer customerId="c1" vehicles={vehicles} shortlistId="s1" />);
    const banner = await screen.findByTestId("composer-archived");
    expect(banner.textContent).toContain("보관된 사진이 있어 메일에 넣을 수 없습니다");
    expect(button("composer-send").disabled).toBe(true);
    fireEvent.click(screen.getByTestId("composer-bring-back"));
    await waitFor(() => expect(back).toHaveBeenCalledTimes(2));
    expect(back.mock.calls.map((c) => c[0])).toEqual(["v1", "v2"]);
    await screen.findByTestId("composer-summary");
    expect(compose).toHaveBeenCalledTimes(2);
  });
});
