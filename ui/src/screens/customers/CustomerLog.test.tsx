import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import type { Interaction } from "../../bindings/Interaction";
import type { MailSend } from "../../bindings/MailSend";
import type { Lang } from "../../i18n/lang";
import { renderWithProviders } from "../../test/render";
import { CustomerLog } from "./CustomerLog";

function interaction(id: string, over: Partial<Interaction>): Interaction {
  return {
    id,
    customer_id: "c1",
    kind: "inquiry",
    channel: "phone",
    at: "2024-05-01 10:00:00",
    summary: "",
    user_id: null,
    user_name: null,
    send_id: null,
    message_id: null,
    shortlist_id: null,
    ...over,
  };
}

function mailSend(id: string, over: Partial<MailSend>): MailSend {
  return {
    id,
    customer_id: "c1",
    shortlist_id: "s1",
    output: "smtp",
    state: "queued",
    to_addr: "minsu@example.com",
    subject: "김민수 님께 추천 차량",
    lang: "ko",
    contents: [
      { vehicle_id: "v1", photo_ids: ["p1"] },
      { vehicle_id: "v2", photo_ids: [] },
    ],
    bytes: 2_000_000,
    detail: "",
    created_at: "2024-05-01 11:00:00",
    updated_at: "2024-05-01 11:00:00",
    ...over,
  };
}

const log: Interaction[] = [
  interaction("i3", { kind: "reply", channel: "phone", at: "2024-05-02 09:15:00", summary: "토요일 방문 약속", user_name: "박영업" }),
  interaction("i2", { kind: "email", channel: "email", at: "2024-05-01 11:00:00", summary: "추천 차량 2대", send_id: "m1" }),
  interaction("i1", { kind: "inquiry", channel: "walk_in", at: "2024-05-01 10:00:00", summary: "SM520 아직 있나요?" }),
];

const sends: MailSend[] = [
  mailSend("m3", { output: "eml", state: "saved", detail: "/Users/kim/Downloads/김민수.eml", contents: [{ vehicle_id: "v1", photo_ids: [] }] }),
  mailSend("m2", { output: "smtp", state: "failed", detail: "The mail server refused the recipient's address." }),
  mailSend("m1", { output: "smtp", state: "sent" }),
  mailSend("m0", { output: "export", state: "saved" }),
];

function showLog(lang: Lang = "ko", { interactions = log, made = sends }: { interactions?: Interaction[]; made?: MailSend[] } = {}) {
  const list = vi.spyOn(api, "listInteractions").mockResolvedValue(interactions);
  const listSends = vi.spyOn(api, "listSends").mockResolvedValue(made);
  renderWithProviders(<CustomerLog customerId="c1" />, { lang });
  return { list, listSends };
}

const items = () => screen.getAllByTestId("log-item");
const kindText = (el: HTMLElement) => el.querySelector(".log-kind")?.textContent;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("CustomerLog", () => {
  it("opens the e-mail an entry was logged from, and says plainly when it is kept on another computer", async () => {
    const fromMail = interaction("i9", { kind: "inquiry", channel: "email", summary: "SM520 메일 문의", message_id: "<a@b>" });
    showLog("ko", { interactions: [fromMail, ...log] });
    await screen.findAllByTestId("log-item");
    // Only the entry that came from the mailbox has the button.
    expect(screen.getAllByTestId("log-open-message")).toHaveLength(1);
    const open = vi.spyOn(api, "openMailMessage").mockRejectedValue({ code: "not_found", message: "no kept message", field: null, problems: [] });
    fireEvent.click(screen.getByTestId("log-open-message"));
    expect((await screen.findByRole("alert")).textContent).toBe("이 메일은 그것을 받은 컴퓨터에만 있습니다.");
    expect(open).toHaveBeenCalledWith("i9");
  });

  it("lists the log newest first with the kind and channel in Korean", async () => {
    const { list } = showLog();
    await screen.findAllByTestId("log-item");
    expect(list).toHaveBeenCalledWith("c1");
    expect(items().map((i) => i.getAttribute("data-kind"))).toEqual(["reply", "email", "inquiry"]);
    expect(items().map(kindText)).toEqual(["답장 · 전화", "메일 보냄 · 이메일", "문의 · 방문"]);
    const [reply, , inquiry] = items() as [HTMLElement, HTMLElement, HTMLElement];
    expect(reply.className).toBe("log-item log-reply");
    expect(reply.querySelector(".log-when")?.textContent).toBe("2024.05.02 09:15");
    expect(reply.querySelector(".log-summary")?.textContent).toBe("토요일 방문 약속");
    expect(reply.textContent).toContain("박영업");
    expect(inquiry.querySelector(".log-summary")?.textContent).toBe("SM520 아직 있나요?");
  });

  it("reads in English in the English UI", async () => {
    showLog("en");
    await screen.findAllByTestId("log-item");
    expect(items().map(kindText)).toEqual(["Reply · Phone", "Email sent · Email", "Inquiry · Walk-in"]);
    expect(items()[0]?.querySelector(".log-when")?.textContent).toBe("2 May 2024 09:15");
  });

  it("says so when nothing is logged and no email was made", async () => {
    showLog("ko", { interactions: [], made: [] });
    expect(await screen.findByText("아직 기록이 없습니다.")).toBeTruthy();
    expect(await screen.findByText("이 고객에게 만든 메일이 없습니다.")).toBeTruthy();
    expect(screen.queryByTestId("customer-sends")).toBeNull();
  });

  it("logs a reply with its channel and summary, then clears the form and reloads the log", async () => {
    const { list, listSends } = showLog();
    await screen.findAllByTestId("log-item");
    const save = vi
      .spyOn(api, "logInteraction")
      .mockResolvedValue(interaction("i4", { kind: "reply", channel: "sms", summary: "사진 더 보내 드림" }));

    const inquiry = screen.getByTestId("log-kind-inquiry");
    const reply = screen.getByTestId("log-kind-reply");
    expect(inquiry.getAttribute("aria-checked")).toBe("true");
    expect(screen.getByTestId("log-summary").getAttribute("placeholder")).toBe("무엇을 물어봤나요?");
    fireEvent.click(reply);
    expect(reply.getAttribute("aria-checked")).toBe("true");
    expect(inquiry.getAttribute("aria-checked")).toBe("false");
    expect(screen.getByTestId("log-summary").getAttribute("placeholder")).toBe("무엇이라고 답했나요?");

    const channel = screen.getByTestId("log-channel") as HTMLSelectElement;
    expect(channel.value).toBe("phone");
    expect([...channel.options].map((o) => o.textContent)).toEqual(["전화", "이메일", "문자", "메신저", "웹", "방문", "기타"]);
    fireEvent.change(channel, { target: { value: "sms" } });
    fireEvent.change(screen.getByTestId("log-summary"), { target: { value: "사진 더 보내 드림" } });
    fireEvent.click(screen.getByTestId("log-submit"));

    await waitFor(() => expect((screen.getByTestId("log-summary") as HTMLInputElement).value).toBe(""));
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith({ customer_id: "c1", kind: "reply", channel: "sms", at: null, summary: "사진 더 보내 드림" });
    await waitFor(() => expect(list).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(listSends).toHaveBeenCalledTimes(2));
    // The chosen kind and channel stay for the next entry.
    expect(reply.getAttribute("aria-checked")).toBe("true");
    expect(channel.value).toBe("sms");
  });

  it("logs an inquiry by default and shows a refusal in words", async () => {
    showLog();
    await screen.findAllByTestId("log-item");
    const save = vi.spyOn(api, "logInteraction").mockRejectedValue({
      code: "not_found",
      message: "customer c1 was not found",
      field: null,
      problems: [],
    });
    fireEvent.change(screen.getByTestId("log-summary"), { target: { value: "가격 문의" } });
    fireEvent.click(screen.getByTestId("log-submit"));
    const alert = await screen.findByRole("alert");
    expect(save).toHaveBeenCalledWith({ customer_id: "c1", kind: "inquiry", channel: "phone", at: null, summary: "가격 문의" });
    expect(alert.textContent).toBe("찾을 수 없습니다. 다른 곳에서 삭제되었을 수 있습니다.");
    // Nothing typed is lost.
    expect((screen.getByTestId("log-summary") as HTMLInputElement).value).toBe("가격 문의");
  });

  it("lists the emails made with their output and state in Korean", async () => {
    const { listSends } = showLog();
    const made = await screen.findAllByTestId("send-item");
    expect(listSends).toHaveBeenCalledWith("c1");
    expect(made.map((s) => [s.getAttribute("data-output"), s.getAttribute("data-state")])).toEqual([
      ["eml", "saved"],
      ["smtp", "failed"],
      ["smtp", "sent"],
      ["export", "saved"],
    ]);
    const spans = (el: HTMLElement) => [...el.children].map((c) => c.textContent);
    const [eml, failed, sent, exported] = made as [HTMLElement, HTMLElement, HTMLElement, HTMLElement];
    expect(spans(eml)).toEqual([
      "2024.05.01 11:00",
      ".eml 초안",
      "저장됨",
      "김민수 님께 추천 차량 · 1대",
      "/Users/kim/Downloads/김민수.eml",
    ]);
    expect(spans(failed)).toEqual([
      "2024.05.01 11:00",
      "메일 발송",
      "실패",
      "김민수 님께 추천 차량 · 2대",
      "The mail server refused the recipient's address.",
    ]);
    expect(spans(sent)).toEqual(["2024.05.01 11:00", "메일 발송", "보냄", "김민수 님께 추천 차량 · 2대"]);
    expect(spans(exported).slice(1, 3)).toEqual(["메신저용 내보내기", "저장됨"]);
    expect(within(failed).getByText("실패").className).toBe("badge badge-send-failed");
  });

  it("lists the emails made in English in the English UI", async () => {
    showLog("en");
    const made = await screen.findAllByTestId("send-item");
    const labels = made.map((s) => [...s.children].slice(1, 3).map((c) => c.textContent));
    expect(labels).toEqual([
      [".eml draft", "saved"],
      ["Sent by email", "failed"],
      ["Sent by email", "sent"],
      ["Export for messengers", "saved"],
    ]);
    expect(made[1]?.textContent).toContain("김민수 님께 추천 차량 · 2 cars");
  });
});
