import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import type { MailLead } from "../../bindings/MailLead";
import type { Lang } from "../../i18n/lang";
import { NavContext, type Nav } from "../../navigation";
import { renderWithProviders } from "../../test/render";
import { MailLeads } from "./MailLeads";

const lead: MailLead = {
  id: "l1",
  message_id: "m1@gmail.com",
  from_addr: "new.buyer@gmail.com",
  from_name: "박새손",
  subject: "아반떼 매물 아직 있나요?",
  preview: "가격 조정 가능한지 궁금합니다.",
  at: "2026-12-05T03:00:00Z",
  state: "new",
  customer_id: null,
};

function render(lang: Lang = "ko") {
  const nav: Nav = { route: { name: "inquiries" }, go: vi.fn(), replace: vi.fn(), reset: vi.fn(), back: vi.fn() };
  renderWithProviders(
    <NavContext.Provider value={nav}>
      <MailLeads />
    </NavContext.Provider>,
    { lang },
  );
  return nav;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("MailLeads", () => {
  it("offers a stranger's inquiry as a new customer and opens the customer made", async () => {
    vi.spyOn(api, "listMailLeads").mockResolvedValue([lead]);
    const accept = vi.spyOn(api, "acceptMailLead").mockResolvedValue("c9");
    const nav = render();
    const card = await screen.findByTestId("mail-leads");
    expect(card.textContent).toContain("새 고객인가요?");
    expect(card.textContent).toContain("박새손");
    expect(card.textContent).toContain("아반떼 매물 아직 있나요?");
    fireEvent.click(screen.getByTestId("mail-lead-accept"));
    await vi.waitFor(() => expect(nav.go).toHaveBeenCalledWith({ name: "customer", id: "c9" }));
    expect(accept).toHaveBeenCalledWith("l1");
  });

  it("hides a dismissed one, in English too", async () => {
    vi.spyOn(api, "listMailLeads").mockResolvedValueOnce([lead]).mockResolvedValue([]);
    const dismiss = vi.spyOn(api, "dismissMailLead").mockResolvedValue(null);
    render("en");
    expect((await screen.findByTestId("mail-leads")).textContent).toContain("New customer?");
    fireEvent.click(screen.getByTestId("mail-lead-dismiss"));
    await vi.waitFor(() => expect(screen.queryByTestId("mail-leads")).toBeNull());
    expect(dismiss).toHaveBeenCalledWith("l1");
  });

  it("shows nothing when no one new wrote", async () => {
    vi.spyOn(api, "listMailLeads").mockResolvedValue([]);
    render();
    await vi.waitFor(() => expect(api.listMailLeads).toHaveBeenCalled());
    expect(screen.queryByTestId("mail-leads")).toBeNull();
  });
});
