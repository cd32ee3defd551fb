import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "../api";
import { renderWithProviders } from "../test/render";
import { StoreGate } from "./StoreGate";

afterEach(() => vi.restoreAllMocks());

describe("StoreGate", () => {
  it("shows one full-page message when the store cannot open, and not the app", async () => {
    const message = "/data/lotbook.sqlite3 was written by a newer Lotbook (schema version 99; this version knows up to 1).";
    vi.spyOn(api, "appInfo").mockRejectedValue(new ApiError({ code: "schema_too_new", message, field: null, problems: [] }));
    renderWithProviders(
      <StoreGate>
        <p>the app</p>
      </StoreGate>,
    );
    const gate = await screen.findByTestId("store-gate");
    expect(gate.getAttribute("data-error-code")).toBe("schema_too_new");
    expect(gate.textContent).toContain("Lotbook이 데이터를 열 수 없습니다");
    expect(gate.textContent).toContain("더 새 버전의 Lotbook이 만든 데이터입니다");
    // The core's English detail is folded away for support, not shown first.
    const detail = screen.getByTestId("gate-detail");
    expect(detail.textContent).toContain(message);
    expect(detail.hasAttribute("open")).toBe(false);
    expect(detail.textContent).toContain("기술 정보");
    expect(screen.queryByText("the app")).toBeNull();
  });

  it("shows the app when the store is open", async () => {
    vi.spyOn(api, "appInfo").mockResolvedValue({
      version: "0.1.0",
      data_dir: "/tmp",
      device_id: "d",
      schema_version: 1,
      me: null,
      last_backup: null,
    });
    renderWithProviders(
      <StoreGate>
        <p>the app</p>
      </StoreGate>,
    );
    expect(await screen.findByText("the app")).toBeTruthy();
    expect(screen.queryByTestId("store-gate")).toBeNull();
  });
});
