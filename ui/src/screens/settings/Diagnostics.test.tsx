import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import { renderWithProviders } from "../../test/render";
import { Diagnostics } from "./Diagnostics";

afterEach(() => vi.restoreAllMocks());

describe("Diagnostics", () => {
  it("copies the version, system, folders and last errors in Korean", async () => {
    vi.spyOn(api, "diagnostics").mockResolvedValue({
      version: "0.1.0",
      os: "windows x86_64",
      data_dir: "C:\\Users\\김민수\\AppData\\Roaming\\kr.lotbook.app",
      log_dir: "C:\\Users\\김민수\\AppData\\Local\\kr.lotbook.app\\logs",
      last_errors: ['2026-12-06T01:00:00Z  WARN lotbook: command failed code="io"'],
    });
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    renderWithProviders(<Diagnostics />);
    fireEvent.click(screen.getByTestId("diagnostics-copy"));
    expect(await screen.findByTestId("diagnostics-copied")).toBeTruthy();
    const text = writeText.mock.calls[0]?.[0] as string;
    expect(text.split("\n")).toEqual([
      "Lotbook 0.1.0",
      "운영체제: windows x86_64",
      "자료 폴더: C:\\Users\\김민수\\AppData\\Roaming\\kr.lotbook.app",
      "기록 폴더: C:\\Users\\김민수\\AppData\\Local\\kr.lotbook.app\\logs",
      "최근 오류:",
      '2026-12-06T01:00:00Z  WARN lotbook: command failed code="io"',
    ]);
  });
});
