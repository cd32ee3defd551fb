import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "../../api";
import type { OutboxEntry } from "../../bindings/OutboxEntry";
import type { Lang } from "../../i18n/lang";
import { NavContext, type Nav } from "../../navigation";
import { renderWithProviders } from "../../test/render";
import { Outbox, serverWords } from "./Outbox";

function entry(id: string, over: Partial<OutboxEntry>): OutboxEntry {
  return {
    id,
    to_addr: `${id}@example.com`,
    subject: `추천 차량 ${id}`,
    state: "queued",
    attempts: 0,
    next_attempt_at: "2024-05-01 10:05:00",
    error_code: null,
    last_error: "",
    queued_at: "2024-05-01 10:00:00",
    sent_at: null,
    ...over,
  };
}

const failed = entry("f1", {
  state: "failed",
  attempts: 1,
  error_code: "auth_failed",
  last_error:
    "The mail server refused the username or password. For Gmail, Naver and Daum use an app password: 535 5.7.8 Username and Password not accepted",
});
const waiting = entry("q1", {
  attempts: 2,
  next_attempt_at: "2024-05-01 10:09:00",
  error_code: "unreachable",
  last_error: "The mail server could not be reached; the message waits and is sent when it can be: connection timed out",
});
const sent = entry("s1", { state: "sent", attempts: 1, sent_at: "2024-05-01 09:30:00" });

function nav(): Nav {
  return { route: { name: "outbox" }, go: vi.fn(), replace: vi.fn(), reset: vi.fn(), back: vi.fn() };
}

function renderOutbox(lang: Lang = "ko", n: Nav = nav()) {
  renderWithProviders(
    <NavContext.Provider value={n}>
      <Outbox />
    </NavContext.Provider>,
    { lang },
  );
  return n;
}

function rows() {
  return screen.getAllByTestId("outbox-row");
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Outbox", () => {
  it("shows each message's state, times and the failure in plain words", async () => {
    vi.spyOn(api, "listOutbox").mockResolvedValue([failed, waiting, sent]);
    renderOutbox();

    await screen.findAllByTestId("outbox-row");
    expect(rows().map((r) => r.getAttribute("data-state"))).toEqual(["failed", "queued", "sent"]);
    expect(rows().map((r) => within(r).getByTestId("outbox-state").textContent)).toEqual(["실패", "대기 중", "보냄"]);

    const [f, q, s] = rows() as [HTMLElement, HTMLElement, HTMLElement];
    expect(f.textContent).toContain("f1@example.com");
    expect(f.textContent).toContain("추천 차량 f1");
    expect(within(f).getByTestId("outbox-error").textContent).toContain(
      "메일 서버가 아이디나 비밀번호를 받아들이지 않았습니다. Gmail·네이버·Daum은 앱 비밀번호를 입력해야 합니다.",
    );
    expect(within(f).getByTestId("outbox-server-words").textContent).toBe(
      "서버 응답: 535 5.7.8 Username and Password not accepted",
    );
    expect(within(f).getByTestId("outbox-retry")).toBeTruthy();

    expect(q.textContent).toContain("시도 2회");
    expect(q.textContent).toContain("다음 시도 2024.05.01 10:09");
    expect(within(q).getByTestId("outbox-error").textContent).toContain("메일 서버에 연결하지 못했습니다.");
    expect(within(q).getByTestId("outbox-server-words").textContent).toBe("서버 응답: connection timed out");
    expect(within(q).queryByTestId("outbox-retry")).toBeNull();

    expect(s.textContent).toContain("보낸 시각 2024.05.01 09:30");
    expect(within(s).queryByTestId("outbox-error")).toBeNull();
  });

  it("says a server that offers no way to log in is a setting to fix, in both languages", async () => {
    const noLogin = entry("a1", {
      state: "failed",
      attempts: 1,
      error_code: "auth_unsupported",
      last_error:
        "The server offered no way to log in: check the port and security setting; Naver and Gmail need 587 with STARTTLS or 465 with SSL/TLS: internal client error: No compatible authentication mechanism was found",
    });
    for (const [lang, words] of [
      ["ko", "메일 서버가 로그인할 방법을 제공하지 않았습니다. 포트와 보안 연결 설정을 확인하세요."],
      ["en", "The mail server offered no way to log in. Check the port and the secure connection setting"],
    ] as const) {
      vi.spyOn(api, "listOutbox").mockResolvedValue([noLogin]);
      const { unmount } = renderWithProviders(
        <NavContext.Provider value={nav()}>
          <Outbox />
        </NavContext.Provider>,
        { lang },
      );
      const row = await screen.findByTestId("outbox-row");
      expect(within(row).getByTestId("outbox-error").textContent).toContain(words);
      expect(within(row).getByTestId("outbox-error").textContent).toContain("587");
      unmount();
    }
  });

  it("reads in English in the English UI", async () => {
    vi.spyOn(api, "listOutbox").mockResolvedValue([entry("x", { state: "failed", error_code: "recipient_refused", last_error: "refused: 550 no such user" })]);
    renderOutbox("en");
    const row = await screen.findByTestId("outbox-row");
    expect(within(row).getByTestId("outbox-state").textContent).toBe("Failed");
    expect(row.textContent).toContain("The mail server refused the recipient's address.");
    expect(row.textContent).toContain("Server said: 550 no such user");
  });

  it("retries a failed message, then sends and shows the report", async () => {
    const list = vi.spyOn(api, "listOutbox").mockResolvedValueOnce([failed, sent]).mockResolvedValue([{ ...failed, state: "sent", sent_at: "2024-05-01 10:10:00" }, sent]);
    const retry = vi.spyOn(api, "retryOutbox").mockResolvedValue(null);
    const send = vi.spyOn(api, "sendOutbox").mockResolvedValue({
      sent: 1,
      retrying: 0,
      failed: 0,
      entries: [{ ...failed, state: "sent", sent_at: "2024-05-01 10:10:00" }, sent],
    });
    renderOutbox();

    fireEvent.click(await screen.findByTestId("outbox-retry"));
    expect((await screen.findByTestId("outbox-report")).textContent).toBe("보냄 1 · 다시 시도 예정 0 · 실패 0");
    expect(retry).toHaveBeenCalledWith("f1");
    expect(send).toHaveBeenCalledTimes(1);
    expect(retry.mock.invocationCallOrder[0]).toBeLessThan(send.mock.invocationCallOrder[0]!);
    await waitFor(() => expect(rows().map((r) => r.getAttribute("data-state"))).toEqual(["sent", "sent"]));
    await waitFor(() => expect(list).toHaveBeenCalledTimes(2));
  });

  it("sends now and shows what the pass did", async () => {
    vi.spyOn(api, "listOutbox").mockResolvedValue([waiting]);
    const send = vi.spyOn(api, "sendOutbox").mockResolvedValue({ sent: 2, retrying: 1, failed: 3, entries: [waiting] });
    renderOutbox();

    fireEvent.click(await screen.findByTestId("outbox-send-now"));
    expect((await screen.findByTestId("outbox-report")).textContent).toBe("보냄 2 · 다시 시도 예정 1 · 실패 3");
    expect(send).toHaveBeenCalledTimes(1);
  });

  it("points to Settings › Email calmly when no account is set up", async () => {
    vi.spyOn(api, "listOutbox").mockResolvedValue([waiting]);
    vi.spyOn(api, "sendOutbox").mockRejectedValue(
      new ApiError({ code: "no_smtp", message: "no SMTP account is set up", field: "smtp", problems: [] }),
    );
    const n = renderOutbox();

    fireEvent.click(await screen.findByTestId("outbox-send-now"));
    const note = await screen.findByTestId("outbox-no-smtp");
    expect(note.textContent).toContain("아직 메일 계정이 없습니다");
    expect(note.textContent).toContain("설정 › 이메일");
    expect(screen.queryByTestId("outbox-send-error")).toBeNull();
    expect(screen.queryByTestId("outbox-report")).toBeNull();

    fireEvent.click(screen.getByTestId("outbox-open-settings"));
    expect(n.go).toHaveBeenCalledWith({ name: "settings" });
  });

  it("shows other send failures as an error", async () => {
    vi.spyOn(api, "listOutbox").mockResolvedValue([waiting]);
    vi.spyOn(api, "sendOutbox").mockRejectedValue({ code: "tls", message: "The secure connection failed: bad certificate", field: "security", problems: [] });
    renderOutbox();
    fireEvent.click(await screen.findByTestId("outbox-send-now"));
    expect((await screen.findByTestId("outbox-send-error")).textContent).toContain("bad certificate");
  });

  it("says so when there is nothing to send", async () => {
    vi.spyOn(api, "listOutbox").mockResolvedValue([]);
    renderOutbox();
    expect((await screen.findByTestId("outbox-empty")).textContent).toContain("보낼 메일이 없습니다");
  });
});

describe("serverWords", () => {
  it("drops the core's English explanation of a coded failure", () => {
    expect(serverWords({ error_code: "rejected", last_error: "The mail server refused the message: 554 spam" })).toBe("554 spam");
    expect(serverWords({ error_code: null, last_error: "as is: kept" })).toBe("as is: kept");
  });
});
