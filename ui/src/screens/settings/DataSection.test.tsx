import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "../../api";
import type { ExportAllProgress } from "../../bindings/ExportAllProgress";
import type { ExportAllReport } from "../../bindings/ExportAllReport";
import { ExportButtons } from "../../components/ExportButtons";
import { renderWithProviders } from "../../test/render";
import { DataSection } from "./DataSection";

const REPORT: ExportAllReport = {
  path: "/home/dealer/Lotbook 내보내기 2026-12-05",
  vehicles: 40,
  customers: 17,
  photos: 5645,
  photos_missing: 0,
  condition_reports: 12,
  emails: 9,
  emails_not_kept: 0,
  emails_missing: 0,
  visits: 3,
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe("ExportButtons", () => {
  it("asks where to save with a dated Korean name, then writes that kind to the chosen file", async () => {
    const pick = vi.spyOn(api, "pickSavePath").mockResolvedValue("/tmp/차량.xlsx");
    const write = vi.spyOn(api, "exportSheet").mockResolvedValue(40);
    renderWithProviders(<ExportButtons kind="vehicles" today="2026-12-05" />);

    fireEvent.click(screen.getByTestId("export-vehicles-xlsx"));
    expect((await screen.findByTestId("export-vehicles-saved")).textContent).toBe("40줄을 저장했습니다: /tmp/차량.xlsx");
    expect(pick).toHaveBeenCalledWith("차량 2026-12-05.xlsx", "xlsx", "엑셀 통합 문서");
    expect(write).toHaveBeenCalledWith("vehicles", "/tmp/차량.xlsx");
  });

  it("writes nothing when the dialog is closed, and shows a refusal in words", async () => {
    const pick = vi.spyOn(api, "pickSavePath").mockResolvedValueOnce(null).mockResolvedValueOnce("/ro/sales.csv");
    const write = vi
      .spyOn(api, "exportSheet")
      .mockRejectedValue(new ApiError({ code: "io", message: "/ro/sales.csv: permission denied", field: null, problems: [] }));
    renderWithProviders(<ExportButtons kind="sales" today="2026-12-05" />, { lang: "en" });

    fireEvent.click(screen.getByTestId("export-sales-csv"));
    await waitFor(() => expect(pick).toHaveBeenCalledTimes(1));
    await waitFor(() => expect((screen.getByTestId("export-sales-csv") as HTMLButtonElement).disabled).toBe(false));
    expect(write).not.toHaveBeenCalled();
    expect(screen.queryByTestId("export-sales-saved")).toBeNull();

    fireEvent.click(screen.getByTestId("export-sales-csv"));
    expect(await screen.findByTestId("export-sales-error")).toBeTruthy();
    expect(write).toHaveBeenCalledWith("sales", "/ro/sales.csv");
  });
});

describe("Settings › Data", () => {
  it("offers every kind, and takes everything into the chosen folder with progress, then opens it", async () => {
    vi.spyOn(api, "pickExportFolder").mockResolvedValue("/home/dealer");
    let report: (r: ExportAllReport) => void = () => {};
    let progress: (p: ExportAllProgress) => void = () => {};
    const run = vi.spyOn(api, "exportAll").mockImplementation((_parent, _lang, _job, onProgress) => {
      progress = onProgress;
      return new Promise((resolve) => (report = resolve));
    });
    const open = vi.spyOn(api, "openExportFolder").mockResolvedValue(null);
    renderWithProviders(<DataSection />);

    for (const kind of ["vehicles", "customers", "sales", "visits", "inquiries"]) {
      expect(screen.getByTestId(`export-${kind}-xlsx`)).toBeTruthy();
    }
    fireEvent.click(screen.getByTestId("take-everything-start"));
    await screen.findByTestId("take-everything-progress");
    expect(run.mock.calls[0]?.[0]).toBe("/home/dealer");
    expect(run.mock.calls[0]?.[1]).toBe("ko");
    expect((screen.getByTestId("take-everything-start") as HTMLButtonElement).disabled).toBe(true);
    act(() => progress({ step: "photos", done: 1200, total: 5645 }));
    expect(screen.getByTestId("take-everything-step").textContent).toBe("사진 복사하는 중 1,200/5,645");

    await act(async () => report(REPORT));
    const done = await screen.findByTestId("take-everything-done");
    expect(done.textContent).toContain("사진 5,645장");
    expect(screen.getByTestId("take-everything-path").textContent).toBe(REPORT.path);
    expect(screen.queryByTestId("take-everything-missing")).toBeNull();
    expect(screen.queryByTestId("take-everything-not-kept")).toBeNull();
    fireEvent.click(screen.getByTestId("take-everything-open"));
    await waitFor(() => expect(open).toHaveBeenCalledWith(REPORT.path));
  });

  it("cancels through the core and says nothing was left behind", async () => {
    vi.spyOn(api, "pickExportFolder").mockResolvedValue("/home/dealer");
    let fail: (e: unknown) => void = () => {};
    vi.spyOn(api, "exportAll").mockImplementation(() => new Promise((_, reject) => (fail = reject)));
    const cancel = vi.spyOn(api, "cancelExportAll").mockImplementation(async () => {
      fail(new ApiError({ code: "cancelled", message: "cancelled", field: null, problems: [] }));
      return null;
    });
    renderWithProviders(<DataSection />, { lang: "en" });

    fireEvent.click(screen.getByTestId("take-everything-start"));
    fireEvent.click(await screen.findByTestId("take-everything-cancel"));
    expect((await screen.findByTestId("take-everything-cancelled")).textContent).toBe("Cancelled. The half-written folder was removed.");
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId("take-everything-progress")).toBeNull();
  });

  it("says which emails had no file here and that README.txt lists them, in the page's language", async () => {
    vi.spyOn(api, "pickExportFolder").mockResolvedValue("/home/dealer");
    const run = vi.spyOn(api, "exportAll").mockResolvedValue({ ...REPORT, emails_not_kept: 2, emails_missing: 1 });
    renderWithProviders(<DataSection />, { lang: "en" });
    fireEvent.click(screen.getByTestId("take-everything-start"));
    expect((await screen.findByTestId("take-everything-not-kept")).textContent).toBe(
      "3 emails have no email file here and were left out; README.txt lists them and says why.",
    );
    expect(run.mock.calls[0]?.[1]).toBe("en");
    expect(screen.queryByTestId("take-everything-missing")).toBeNull();
  });

  it("does nothing when the folder picker is closed", async () => {
    vi.spyOn(api, "pickExportFolder").mockResolvedValue(null);
    const run = vi.spyOn(api, "exportAll");
    renderWithProviders(<DataSection />);
    fireEvent.click(screen.getByTestId("take-everything-start"));
    await waitFor(() => expect(api.pickExportFolder).toHaveBeenCalled());
    expect(run).not.toHaveBeenCalled();
    expect(screen.queryByTestId("take-everything-progress")).toBeNull();
  });
});
