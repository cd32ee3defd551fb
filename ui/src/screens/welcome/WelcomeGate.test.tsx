import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import { renderWithProviders } from "../../test/render";
import { WelcomeGate } from "./WelcomeGate";

afterEach(() => vi.restoreAllMocks());

describe("WelcomeGate", () => {
  it("goes straight to the app on a folder that needs no welcome", async () => {
    vi.spyOn(api, "welcomeStatus").mockResolvedValue({ pending: false, sample: false });
    renderWithProviders(<WelcomeGate>{(start) => <p>the app {start?.name ?? "today"}</p>}</WelcomeGate>);
    expect(await screen.findByText("the app today")).toBeTruthy();
    expect(screen.queryByTestId("sample-banner")).toBeNull();
  });

  it("asks for a name, then saves me and the team and opens the inventory", async () => {
    vi.spyOn(api, "welcomeStatus").mockResolvedValue({ pending: true, sample: false });
    const finish = vi.spyOn(api, "finishWelcome").mockResolvedValue({ pending: false, sample: false });
    renderWithProviders(<WelcomeGate>{(start) => <p>the app {start?.name}</p>}</WelcomeGate>);
    fireEvent.click(await screen.findByTestId("welcome-empty"));
    expect(await screen.findByTestId("welcome-error-name")).toBeTruthy();
    expect(finish).not.toHaveBeenCalled();

    fireEvent.change(screen.getByTestId("welcome-name"), { target: { value: "김민수" } });
    fireEvent.change(screen.getByTestId("welcome-team"), { target: { value: "대전모터스" } });
    fireEvent.click(screen.getByTestId("welcome-empty"));
    expect(await screen.findByText("the app inventory")).toBeTruthy();
    expect(finish).toHaveBeenCalledWith({ name: "김민수", phone: "", email: "", team: "대전모터스" });
  });

  it("says so on every screen of the sample folder", async () => {
    vi.spyOn(api, "welcomeStatus").mockResolvedValue({ pending: false, sample: true });
    const leave = vi.spyOn(api, "leaveSample").mockResolvedValue(null);
    renderWithProviders(<WelcomeGate>{() => <p>the app</p>}</WelcomeGate>);
    fireEvent.click(await screen.findByTestId("leave-sample"));
    await waitFor(() => expect(leave).toHaveBeenCalled());
  });
});
