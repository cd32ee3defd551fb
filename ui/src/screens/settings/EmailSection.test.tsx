import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "../../api";
import type { MailTemplate } from "../../bindings/MailTemplate";
import type { SmtpPreset } from "../../bindings/SmtpPreset";
import type { SmtpSettings } from "../../bindings/SmtpSettings";
import { readBox } from "../../components/PlaceholderText";
import { renderWithProviders } from "../../test/render";
import { EmailSection } from "./EmailSection";

const presets: SmtpPreset[] = [
  {
    key: "gmail",
    label: "Gmail",
    host: "smtp.gmail.com",
    port: 587,
    security: "starttls",
    hint_ko: "Google 계정 › 보안에서 '앱 비밀번호'를 만들어 입력하세요.",
    hint_en: "Create an app password in your Google Account › Security.",
  },
  {
    key: "naver",
    label: "네이버 메일",
    host: "smtp.naver.com",
    port: 465,
    security: "tls",
    hint_ko: "네이버 메일 › 환경설정 › POP3/IMAP 설정에서 SMTP 사용을 켜세요.",
    hint_en: "In Naver Mail › Settings › POP3/IMAP, turn SMTP on.",
  },
  {
    key: "daum",
    label: "Daum 메일",
    host: "smtp.daum.net",
    port: 465,
    security: "tls",
    hint_ko: "Daum 메일 › 환경설정 › IMAP/SMTP에서 사용을 켜세요.",
    hint_en: "In Daum Mail › Settings › IMAP/SMTP, turn it on.",
  },
];

const stored: SmtpSettings = {
  host: "smtp.naver.com",
  port: 465,
  security: "tls",
  username: "kimss@naver.com",
  from_name: "김성수",
  from_addr: "kimss@naver.com",
  has_password: true,
};

function templates(): MailTemplate[] {
  const parts = ["subject", "greeting", "closing", "intro_subject", "intro"];
  return (["ko", "en"] as const).flatMap((lang) =>
    parts.map((part) => ({
      part,
      lang,
      source: `${part} ${lang} {{ customer }}`,
      default_source: `${part} ${lang} {{ customer }}`,
    })),
  );
}

function fill(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function value(testId: string): string {
  const el = screen.getByTestId(testId);
  return el.isContentEditable || el.getAttribute("contenteditable") === "true" ? readBox(el) : (el as HTMLInputElement).value;
}

/** Types over a wording box: its whole content becomes `text`. */
function type(testId: string, text: string) {
  const box = screen.getByTestId(testId);
  box.textContent = text;
  fireEvent.input(box);
}

beforeEach(() => {
  vi.spyOn(api, "smtpPresets").mockResolvedValue(presets);
  vi.spyOn(api, "mailTemplates").mockResolvedValue(templates());
  vi.spyOn(api, "teamSetting").mockImplementation(async (key) => (key === "team.name" ? "대전모터스" : null));
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("EmailSection: SMTP account", () => {
  it("fills host, port and security from a preset and shows its hint", async () => {
    vi.spyOn(api, "smtpSettings").mockResolvedValue(null);
    renderWithProviders(<EmailSection />);

    fireEvent.click(await screen.findByTestId("smtp-preset-naver"));
    expect(value("smtp-host")).toBe("smtp.naver.com");
    expect(value("smtp-port")).toBe("465");
    expect(value("smtp-security")).toBe("tls");
    expect(screen.getByTestId("smtp-preset-hint").textContent).toBe(presets[1]!.hint_ko);
    expect(screen.getByTestId("smtp-preset-naver").getAttribute("aria-pressed")).toBe("true");

    fireEvent.click(screen.getByTestId("smtp-preset-gmail"));
    expect(value("smtp-host")).toBe("smtp.gmail.com");
    expect(value("smtp-port")).toBe("587");
    expect(value("smtp-security")).toBe("starttls");
    expect(screen.getByTestId("smtp-none")).toBeTruthy();
  });

  it("shows the English hint in the English UI", async () => {
    vi.spyOn(api, "smtpSettings").mockResolvedValue(null);
    renderWithProviders(<EmailSection />, { lang: "en" });
    fireEvent.click(await screen.findByTestId("smtp-preset-daum"));
    expect(screen.getByTestId("smtp-preset-hint").textContent).toBe(presets[2]!.hint_en);
    // The preset buttons speak English too (issue 15: "네이버 메일" on the English screen).
    expect(screen.getByTestId("smtp-preset-naver").textContent).toBe("Naver Mail");
    expect(screen.getByTestId("smtp-preset-daum").textContent).toBe("Daum Mail");
    expect(screen.getByRole("group", { name: "Mail service" }).textContent).not.toMatch(/[가-힣]/);
  });

  it("sends the password only when one is typed", async () => {
    vi.spyOn(api, "smtpSettings").mockResolvedValue(stored);
    const save = vi.spyOn(api, "saveSmtpSettings").mockImplementation(async (s) => ({ ...s, has_password: true }));
    renderWithProviders(<EmailSection />);

    expect((await screen.findByTestId("smtp-password-state")).textContent).toBe("키체인에 비밀번호가 저장되어 있습니다.");
    const password = screen.getByTestId("smtp-password");
    expect(password.getAttribute("type")).toBe("password");
    expect(value("smtp-password")).toBe("");

    fill("smtp-from-name", "김성수 실장");
    fireEvent.click(screen.getByTestId("smtp-save"));
    await screen.findByTestId("smtp-saved");
    expect(save).toHaveBeenLastCalledWith(
      {
        host: "smtp.naver.com",
        port: 465,
        security: "tls",
        username: "kimss@naver.com",
        from_name: "김성수 실장",
        from_addr: "kimss@naver.com",
        has_password: true,
      },
      null,
    );

    fill("smtp-password", "abcd efgh ijkl");
    fireEvent.click(screen.getByTestId("smtp-save"));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    expect(save.mock.calls[1]?.[1]).toBe("abcd efgh ijkl");
    // The typed password is not kept in the form once stored.
    await waitFor(() => expect(value("smtp-password")).toBe(""));
  });

  it("shows a backend field error at its field and clears it on edit", async () => {
    vi.spyOn(api, "smtpSettings").mockResolvedValue(null);
    const save = vi.spyOn(api, "saveSmtpSettings").mockRejectedValue(
      new ApiError({ code: "invalid_email", message: "from_addr is not an email address", field: "from_addr", problems: [] }),
    );
    renderWithProviders(<EmailSection />);

    fireEvent.click(await screen.findByTestId("smtp-preset-gmail"));
    fill("smtp-username", "me@gmail.com");
    fill("smtp-from-addr", "me@");
    fireEvent.click(screen.getByTestId("smtp-save"));

    const error = await screen.findByTestId("error-from_addr");
    expect(error.textContent).toBe("이메일 주소 형식이 아닙니다.");
    expect(screen.getByTestId("smtp-from-addr").getAttribute("aria-invalid")).toBe("true");
    expect(save.mock.calls[0]?.[1]).toBeNull();

    fill("smtp-from-addr", "me@gmail.com");
    expect(screen.queryByTestId("error-from_addr")).toBeNull();
  });

  it("puts the host and keychain errors in plain words", async () => {
    vi.spyOn(api, "smtpSettings").mockResolvedValue(null);
    const save = vi
      .spyOn(api, "saveSmtpSettings")
      .mockRejectedValueOnce({ code: "invalid_host", message: "host must be a server name", field: "host", problems: [] })
      .mockRejectedValueOnce({ code: "keychain", message: "the system keychain could not be used", field: "password", problems: [] });
    renderWithProviders(<EmailSection />);

    await screen.findByTestId("smtp-host");
    fill("smtp-host", "smtp.gmail.com:587");
    fireEvent.click(screen.getByTestId("smtp-save"));
    expect((await screen.findByTestId("error-host")).textContent).toBe("서버 이름을 smtp.gmail.com처럼 입력하세요.");

    fill("smtp-host", "smtp.gmail.com");
    fill("smtp-password", "secret");
    fireEvent.click(screen.getByTestId("smtp-save"));
    expect((await screen.findByTestId("error-password")).textContent).toBe(
      "운영체제 키체인에 비밀번호를 저장하거나 읽지 못했습니다.",
    );
    expect(save).toHaveBeenCalledTimes(2);
  });

  it("catches a port that is not a number before calling the core", async () => {
    vi.spyOn(api, "smtpSettings").mockResolvedValue(null);
    const save = vi.spyOn(api, "saveSmtpSettings");
    renderWithProviders(<EmailSection />);
    await screen.findByTestId("smtp-port");
    fill("smtp-port", "70000");
    fireEvent.click(screen.getByTestId("smtp-save"));
    expect((await screen.findByTestId("error-port")).textContent).toBe("포트는 1~65535 사이의 숫자입니다.");
    expect(save).not.toHaveBeenCalled();
  });

  it("removes the account after confirming", async () => {
    vi.spyOn(api, "smtpSettings").mockResolvedValue(stored);
    const clear = vi.spyOn(api, "clearSmtpSettings").mockResolvedValue(null);
    renderWithProviders(<EmailSection />);

    fireEvent.click(await screen.findByTestId("smtp-clear"));
    expect(clear).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("smtp-clear-confirm"));
    await screen.findByTestId("smtp-none");
    expect(clear).toHaveBeenCalledTimes(1);
    expect(value("smtp-host")).toBe("");
    expect(screen.queryByTestId("smtp-clear")).toBeNull();
  });
});

describe("EmailSection: team settings", () => {
  it("saves the team name and the reply deadline, showing the deadline error at its field", async () => {
    vi.spyOn(api, "smtpSettings").mockResolvedValue(null);
    const set = vi
      .spyOn(api, "setTeamSetting")
      .mockResolvedValueOnce(null)
      .mockRejectedValueOnce({ code: "out_of_range", message: "reply.within_minutes must be 10 to 1440", field: "reply.within_minutes", problems: [] });
    renderWithProviders(<EmailSection />);

    await waitFor(() => expect(value("team-name")).toBe("대전모터스"));
    expect(value("reply-minutes")).toBe("120");
    fill("team-name", "월평모터스");
    fill("reply-minutes", "5");
    fireEvent.click(screen.getByTestId("team-name-save"));

    expect((await screen.findByTestId("error-reply.within_minutes")).textContent).toBe("10분에서 1440분(24시간) 사이로 입력하세요.");
    expect(set).toHaveBeenNthCalledWith(1, "team.name", "월평모터스");
    expect(set).toHaveBeenNthCalledWith(2, "reply.within_minutes", "5");
  });
});

describe("EmailSection: mail templates", () => {
  it("shows a template error under its textarea", async () => {
    vi.spyOn(api, "smtpSettings").mockResolvedValue(null);
    const set = vi.spyOn(api, "setMailTemplate").mockRejectedValue(
      new ApiError({
        code: "invalid_template",
        message: "the template mail.greeting.ko cannot be used: syntax error: unexpected end of input",
        field: "mail.greeting.ko",
        problems: [],
      }),
    );
    renderWithProviders(<EmailSection />);

    await screen.findByTestId("template-greeting");
    type("template-greeting", "{{ customer 님");
    fireEvent.click(screen.getByTestId("template-save-greeting"));

    const error = await screen.findByTestId("template-error-greeting");
    expect(error.textContent).toContain("문구에 오류가 있어 저장하지 않았습니다.");
    expect(error.textContent).toContain("syntax error: unexpected end of input");
    expect(screen.getByTestId("template-greeting").getAttribute("aria-invalid")).toBe("true");
    expect(screen.queryByTestId("template-error-subject")).toBeNull();
    expect(set).toHaveBeenCalledWith("greeting", "ko", "{{ customer 님");
  });

  it("switches language, saves a template and restores a default", async () => {
    vi.spyOn(api, "smtpSettings").mockResolvedValue(null);
    const set = vi.spyOn(api, "setMailTemplate").mockResolvedValue(null);
    renderWithProviders(<EmailSection />);

    await screen.findByTestId("template-subject");
    expect(value("template-subject")).toBe("subject ko {{ customer }}");
    // The dealer sees the chip's name, never the tag.
    expect(screen.getByTestId("template-subject").textContent).toBe("subject ko 고객 이름");

    fill("template-lang", "en");
    expect(value("template-closing")).toBe("closing en {{ customer }}");
    type("template-closing", "Kind regards, {{ dealer }}");
    fireEvent.click(screen.getByTestId("template-save-closing"));
    await waitFor(() => expect(set).toHaveBeenCalledWith("closing", "en", "Kind regards, {{ dealer }}"));

    // Already the default: nothing to restore.
    expect((screen.getByTestId("template-reset-intro") as HTMLButtonElement).disabled).toBe(true);
    type("template-intro", "changed");
    fireEvent.click(screen.getByTestId("template-reset-intro"));
    await waitFor(() => expect(set).toHaveBeenCalledWith("intro", "en", ""));
    expect(value("template-intro")).toBe("intro en {{ customer }}");
  });
});

describe("EmailSection: wording preview", () => {
  it("shows the wording as the core renders it for a real customer, following the edits", async () => {
    vi.spyOn(api, "smtpSettings").mockResolvedValue(null);
    vi.spyOn(api, "listCustomers").mockResolvedValue([
      { id: "c1", name: "이준혁" },
      { id: "c2", name: "홍길동" },
    ] as Awaited<ReturnType<typeof api.listCustomers>>);
    const preview = vi
      .spyOn(api, "previewWording")
      .mockImplementation(async (part, _lang, source, customerId) => `${part}:${customerId}:${source.replace("{{ customer }}", customerId === "c1" ? "이준혁" : "홍길동")}`);
    renderWithProviders(<EmailSection />);

    const subject = await screen.findByTestId("template-preview-subject");
    await waitFor(() => expect(subject.textContent).toContain("subject:c1:subject ko 이준혁"));
    type("template-subject", "새 제목 {{ customer }}");
    await waitFor(() => expect(subject.textContent).toContain("subject:c1:새 제목 이준혁"));
    fill("template-preview-customer", "c2");
    await waitFor(() => expect(subject.textContent).toContain("subject:c2:새 제목 홍길동"));
    expect(preview).toHaveBeenCalledWith("subject", "ko", "새 제목 {{ customer }}", "c2");
  });
});
