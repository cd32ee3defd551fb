import { describe, expect, it } from "vitest";
import type { Vehicle } from "../../../bindings/Vehicle";
import { checkDraft, newDraft, toggleMark, withItem, withPanel } from "./draft";

const vehicle = { id: "v1", odometer_km: 91_000 } as Vehicle;

describe("condition draft", () => {
  it("toggles marks in the form's order and drops a panel left empty", () => {
    let panels = toggleMark([], "hood", "A");
    panels = toggleMark(panels, "hood", "X");
    expect(panels).toEqual([{ panel: "hood", marks: ["X", "A"], paint_um: null, note: "" }]);
    panels = toggleMark(panels, "hood", "X");
    panels = toggleMark(panels, "hood", "A");
    expect(panels).toEqual([]);
  });

  it("keeps a panel with only a paint reading or a note", () => {
    const panels = withPanel([], { panel: "roof", marks: [], paint_um: 140, note: "" });
    expect(panels).toHaveLength(1);
    expect(withPanel(panels, { panel: "roof", marks: [], paint_um: null, note: "" })).toEqual([]);
  });

  it("sets and clears items", () => {
    const items = withItem([], "engine.idle", "good");
    expect(withItem(items, "engine.idle", "bad")).toEqual([{ key: "engine.idle", value: "bad" }]);
    expect(withItem(items, "engine.idle", "")).toEqual([]);
  });

  it("starts a new report from the last one, dated today, with the car's odometer", () => {
    const last = newDraft(vehicle, null);
    expect(last.id).toBeNull();
    expect(last.odometer_km).toBe("91000");
    const previous = {
      id: "r1",
      input: { ...checkDraftOk(last), id: "r1", inspected_on: "2025-01-02", panels: [{ panel: "hood", marks: ["A" as const], paint_um: null, note: "" }] },
      summary_ko: "",
      summary_en: "",
      accident: false,
      disclosures: [],
      created_at: "",
      updated_at: "",
    };
    const next = newDraft(vehicle, previous);
    expect(next.id).toBeNull();
    expect(next.inspected_on).not.toBe("2025-01-02");
    expect(next.panels).toEqual(previous.input.panels);
  });

  it("refuses an odometer that is not a whole number", () => {
    const d = newDraft(vehicle, null);
    expect(checkDraft({ ...d, odometer_km: "" })).toEqual({ ok: false, errors: { odometer_km: "required" } });
    expect(checkDraft({ ...d, odometer_km: "12.5" })).toEqual({ ok: false, errors: { odometer_km: "invalid_number" } });
    expect(checkDraft({ ...d, odometer_km: "102,200" })).toMatchObject({ ok: true, input: { odometer_km: 102200 } });
  });
});

function checkDraftOk(d: ReturnType<typeof newDraft>) {
  const r = checkDraft(d);
  if (!r.ok) throw new Error("draft should be valid");
  return r.input;
}
