import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "../../api";
import type { ImapSettings } from "../../bindings/ImapSettings";
import { renderWithProviders } from "../../test/render";
import { MailboxSection } from "./MailboxSection";

afterEach(() => {
  vi.restoreAllMocks();
});

function setUp(stored: ImapSettings | null) {
  vi.spyOn(api, "imapSettings").mockResolvedValue(stored);
  vi.spyOn(api, "imapPresets").mockResolvedValue([]);
  vi.spyOn(api, "mailboxStatus").mockRejectedValue(new Error("not asked here"));
  vi.spyOn(console, "error").mockImplementation(() => {});
  return vi.spyOn(api, "saveImapSettings");
}

const change = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe("the incoming-mail account form", () => {
  it("catches a bad port before asking the core, then saves what was typed", async () => {
    const save = setUp(null);
    save.mockImplementation(async (s) => ({ ...s, has_password: true }));
    renderWithProviders(<MailboxSection />);
    await screen.findByTestId("imap-form");
    change("imap-host", " imap.naver.com ");
    change("imap-port", "70000");
    change("imap-username", "kimss");
    change("imap-password", "secret");
    fireEvent.click(screen.getByTestId("imap-save"));
    expect((await screen.findByTestId("imap-error")).textContent).not.toBe("");
    expect(save).not.toHaveBeenCalled();

    change("imap-port", "993");
    expect(screen.queryByTestId("imap-error")).toBeNull();
    fireEvent.click(screen.getByTestId("imap-save"));
    await screen.findByTestId("imap-saved");
    expect(save).toHaveBeenCalledWith({ host: "imap.naver.com", port: 993, security: "tls", username: "kimss", has_password: false }, "secret");
    // The typed password is not kept in the form once saved.
    expect((screen.getByTestId("imap-password") as HTMLInputElement).value).toBe("");
  });

  it("shows the core's refusal above the form in Korean", async () => {
    const save = setUp({ host: "imap.naver.com", port: 993, security: "tls", username: "kimss", has_password: true });
    save.mockRejectedValue(new ApiError({ code: "invalid_host", message: "host is not valid", field: "host", problems: [] }));
    renderWithProviders(<MailboxSection />);
    await screen.findByTestId("imap-form");
    fireEvent.click(screen.getByTestId("imap-save"));
    const error = await screen.findByTestId("imap-error");
    await waitFor(() => expect(error.textContent).toMatch(/[가-힣]/));
    expect(save).toHaveBeenCalledWith({ host: "imap.naver.com", port: 993, security: "tls", username: "kimss", has_password: false }, null);
  });
});

