import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "../../api";
import type { UpdateProgress } from "../../bindings/UpdateProgress";
import { renderWithProviders } from "../../test/render";
import { About } from "./About";

const UPDATE = {
  version: "0.1.1",
  current_version: "0.1.0",
  notes: "사진 가져오기가 빨라졌습니다.\n백업 확인 개선",
  date: "2026-12-05T09:30:00Z",
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe("About", () => {
  it("shows the version, finds an update with its notes, and installs it for the next start with progress", async () => {
    vi.spyOn(api, "appVersion").mockResolvedValue("0.1.0");
    vi.spyOn(api, "checkUpdate").mockResolvedValue(UPDATE);
    const install = vi.spyOn(api, "installUpdate").mockImplementation(async (onProgress: (p: UpdateProgress) => void) => {
      onProgress({ stage: "downloading", done: 50, total: 100 });
      onProgress({ stage: "verified" });
      return { stage: "ready" };
    });
    renderWithProviders(<About />);

    expect((await screen.findByTestId("about-version")).textContent).toBe("지금 버전 0.1.0");
    fireEvent.click(screen.getByTestId("update-check"));
    expect((await screen.findByTestId("update-found")).textContent).toContain("새 버전(0.1.1)을 받을 수 있습니다.");
    expect(screen.getByTestId("update-notes").textContent).toBe(UPDATE.notes);

    fireEvent.click(screen.getByTestId("update-install"));
    expect((await screen.findByTestId("update-ready")).textContent).toContain("다시 시작하면 0.1.1 버전이 열립니다");
    expect(install).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId("update-install")).toBeNull();
  });

  it("says when this version is current", async () => {
    vi.spyOn(api, "appVersion").mockResolvedValue("0.1.0");
    vi.spyOn(api, "checkUpdate").mockResolvedValue(null);
    renderWithProviders(<About />, { lang: "en" });
    fireEvent.click(await screen.findByTestId("update-check"));
    expect((await screen.findByTestId("update-current")).textContent).toBe("Lotbook is up to date.");
  });

  it("shows a refused signature or a running backup in words, and lets the dealer try again", async () => {
    vi.spyOn(api, "appVersion").mockResolvedValue("0.1.0");
    vi.spyOn(api, "checkUpdate").mockResolvedValue(UPDATE);
    vi.spyOn(api, "installUpdate")
      .mockRejectedValueOnce(new ApiError({ code: "update_signature", message: "signature mismatch", field: null, problems: [] }))
      .mockRejectedValueOnce(new ApiError({ code: "update_busy", message: "backup", field: null, problems: [] }));
    renderWithProviders(<About />);
    fireEvent.click(await screen.findByTestId("update-check"));
    fireEvent.click(await screen.findByTestId("update-install"));
    expect((await screen.findByTestId("update-error")).textContent).toBe(
      "업데이트 파일의 서명이 맞지 않아 설치하지 않았습니다. 지금 버전은 그대로입니다.",
    );
    fireEvent.click(screen.getByTestId("update-install"));
    expect((await screen.findByText(/지금 보내기·동기화·가져오기·백업 중입니다/)).getAttribute("data-testid")).toBe("update-error");
  });
});
