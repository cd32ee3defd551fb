import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import type { SheetPreview } from "../../bindings/SheetPreview";
import type { SheetRequest } from "../../bindings/SheetRequest";
import { NavContext, type Nav } from "../../navigation";
import { renderWithProviders } from "../../test/render";
import { ImportScreen } from "./ImportScreen";

const vehicleFields = ["make", "model", "year", "price_manwon", "lot"].map((key) => ({ key, required: key !== "price_manwon" }));

function preview(over: Partial<SheetPreview> = {}): SheetPreview {
  return {
    sheets: ["안내", "재고"],
    sheet: "재고",
    header_row: 1,
    columns: [
      { index: 0, letter: "A", header: "메이커", field: null },
      { index: 1, letter: "B", header: "모델", field: "model" },
      { index: 2, letter: "C", header: "연식", field: "year" },
    ],
    mapping_source: "auto",
    fields: vehicleFields,
    rows: [
      { number: 2, cells: ["현대", "쏘나타", "2019"] },
      { number: 4, cells: ["기아", "K5", "이천이십"] },
    ],
    total_rows: 2,
    problems: [{ row: 4, column: "연식", code: "not_number", params: { value: "이천이십" }, message: "\"이천이십\" is not a number" }],
    duplicates: [],
    ...over,
  };
}

function nav(): Nav {
  return { route: { name: "import", kind: "vehicles" }, go: vi.fn(), replace: vi.fn(), reset: vi.fn(), back: vi.fn() };
}

function show(kind: "vehicles" | "customers" = "vehicles") {
  renderWithProviders(
    <NavContext.Provider value={nav()}>
      <ImportScreen kind={kind} />
    </NavContext.Provider>,
  );
}

beforeEach(() => {
  // No OS drops outside the desktop app.
  vi.spyOn(api, "onFileDrop").mockResolvedValue(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe("ImportScreen", () => {
  it("previews the chosen file: rows as Excel numbers them, each column's field, problems at their row", async () => {
    vi.spyOn(api, "pickSpreadsheet").mockResolvedValue("/home/d/재고.xlsx");
    const load = vi.spyOn(api, "previewImport").mockResolvedValue(preview());
    show();
    fireEvent.click(screen.getByTestId("import-choose"));
    await screen.findByTestId("import-table");
    expect(load).toHaveBeenCalledWith("vehicles", expect.objectContaining({ path: "/home/d/재고.xlsx", mapping: null }), "");
    const rows = within(screen.getByTestId("import-table")).getAllByRole("row");
    expect(rows[1]?.getAttribute("data-row")).toBe("2");
    expect(rows[2]?.getAttribute("data-row")).toBe("4");
    expect((screen.getByTestId("import-map-A") as HTMLSelectElement).value).toBe("");
    expect((screen.getByTestId("import-map-B") as HTMLSelectElement).value).toBe("model");
    const problem = screen.getByTestId("import-problem");
    expect(problem.getAttribute("data-row")).toBe("4");
    // In the dealer's language from the code, at the row and under the header.
    expect(problem.textContent).toBe("4행 ‘연식’ 열: ‘이천이십’은(는) 숫자가 아닙니다.");
    expect(problem.textContent).not.toMatch(/[A-Za-z]/);
    // A file with problems is not imported.
    expect((screen.getByTestId("import-run") as HTMLButtonElement).disabled).toBe(true);
  });

  it("re-maps a column and previews again with the whole mapping", async () => {
    vi.spyOn(api, "pickSpreadsheet").mockResolvedValue("/d/a.xlsx");
    const load = vi.spyOn(api, "previewImport").mockResolvedValue(preview());
    show();
    fireEvent.click(screen.getByTestId("import-choose"));
    await screen.findByTestId("import-table");
    fireEvent.change(screen.getByTestId("import-map-A"), { target: { value: "make" } });
    await waitFor(() => expect(load).toHaveBeenCalledTimes(2));
    const req = load.mock.calls[1]?.[1] as SheetRequest;
    expect(req.mapping).toEqual(["make", "model", "year"]);
    fireEvent.change(screen.getByTestId("import-map-C"), { target: { value: "" } });
    await waitFor(() => expect(load).toHaveBeenCalledTimes(3));
    expect((load.mock.calls[2]?.[1] as SheetRequest).mapping).toEqual([null, "model", null]);
  });

  it("imports with progress, can cancel, and reports what was written", async () => {
    vi.spyOn(api, "pickSpreadsheet").mockResolvedValue("/d/a.xlsx");
    vi.spyOn(api, "previewImport").mockResolvedValue(preview({ problems: [] }));
    let finish: (v: { inserted: number; updated: number; lots_created: string[] }) => void = () => {};
    const run = vi.spyOn(api, "importSheet").mockImplementation((_k, _r, _id, onProgress) => {
      onProgress({ written: 1200, total: 5000 });
      return new Promise((resolve) => (finish = resolve));
    });
    const cancel = vi.spyOn(api, "cancelImport").mockResolvedValue(null);
    show();
    fireEvent.click(screen.getByTestId("import-choose"));
    fireEvent.click(await screen.findByTestId("import-run"));
    await screen.findByTestId("import-progress");
    expect(screen.getByText("1,200 / 5,000행")).toBeTruthy();
    const jobId = run.mock.calls[0]?.[2];
    fireEvent.click(screen.getByTestId("import-cancel"));
    await waitFor(() => expect(cancel).toHaveBeenCalledWith(jobId));
    finish({ inserted: 2, updated: 0, lots_created: ["월평동"] });
    const done = await screen.findByTestId("import-done");
    expect(done.textContent).toContain("새 차량 2대");
    expect(done.textContent).toContain("월평동");
  });

  it("lets the dealer choose update or skip for customers already there, row by row", async () => {
    vi.spyOn(api, "pickSpreadsheet").mockResolvedValue("/d/고객.xlsx");
    vi.spyOn(api, "previewImport").mockResolvedValue(
      preview({
        problems: [],
        fields: [{ key: "name", required: true }],
        duplicates: [
          { row: 2, name: "박지훈", customer_id: "c1", customer_name: "박지훈", matched_on: "phone", value: "010-1111-2222" },
          { row: 3, name: "Park", customer_id: "c1", customer_name: "박지훈", matched_on: "email", value: "park@daum.net" },
        ],
      }),
    );
    const run = vi.spyOn(api, "importSheet").mockResolvedValue({ inserted: 1, updated: 1, skipped: 1 });
    show("customers");
    fireEvent.click(screen.getByTestId("import-choose"));
    await screen.findByTestId("import-duplicates");
    expect(screen.getAllByTestId("import-duplicate")).toHaveLength(2);
    fireEvent.change(screen.getByTestId("import-dup-2"), { target: { value: "update" } });
    fireEvent.click(screen.getByTestId("import-run"));
    await screen.findByTestId("import-done");
    const req = run.mock.calls[0]?.[1] as SheetRequest;
    expect(req.duplicates).toBe("skip");
    expect(req.row_actions).toEqual([{ row: 2, action: "update" }]);
    expect(screen.getByTestId("import-done").textContent).toContain("건너뜀 1명");
  });

  it("opens a file dropped on the window", async () => {
    let drop: (d: { type: "drop"; paths: string[] }) => void = () => {};
    vi.spyOn(api, "onFileDrop").mockImplementation(async (handler) => {
      drop = handler;
      return () => {};
    });
    const load = vi.spyOn(api, "previewImport").mockResolvedValue(preview());
    show();
    await waitFor(() => expect(api.onFileDrop).toHaveBeenCalled());
    drop({ type: "drop", paths: ["/d/dropped.xlsx"] });
    await screen.findByTestId("import-table");
    expect(load).toHaveBeenCalledWith("vehicles", expect.objectContaining({ path: "/d/dropped.xlsx" }), "");
  });
});
