// The editor's draft of a report and the pure edits made to it.
import type { ConditionInput } from "../../../bindings/ConditionInput";
import type { ConditionReport } from "../../../bindings/ConditionReport";
import type { Mark } from "../../../bindings/Mark";
import type { PanelMark } from "../../../bindings/PanelMark";
import type { Vehicle } from "../../../bindings/Vehicle";
import type { DraftCheck } from "../../../forms/useDraftForm";
import { todayDate } from "../../../time";

/** The input with the odometer as typed text. */
export type ConditionDraft = Omit<ConditionInput, "odometer_km"> & { odometer_km: string };

/** The marks in the form's order, as the core stores them. */
export const MARK_ORDER: Mark[] = ["X", "W", "C", "A", "U", "T"];

export function toDraft(input: ConditionInput): ConditionDraft {
  return { ...input, odometer_km: String(input.odometer_km) };
}

/**
 * A new report: the last one's findings carried over (a car seldom changes
 * between inspections), with today's date and the car's odometer; or a
 * clean form when there is none.
 */
export function newDraft(vehicle: Vehicle, previous: ConditionReport | null): ConditionDraft {
  const base: ConditionInput = previous
    ? { ...previous.input }
    : {
        id: null,
        vehicle_id: vehicle.id,
        inspected_on: "",
        inspector: "",
        odometer_km: 0,
        odometer_state: "good",
        vin_check: "good",
        tuning: "none",
        flood: "none",
        fire: false,
        use_history: "none",
        color_changed: false,
        recall: "none",
        panels: [],
        items: [],
        comment: "",
      };
  return toDraft({ ...base, id: null, inspected_on: todayDate(), odometer_km: Math.max(vehicle.odometer_km, base.odometer_km) });
}

export function checkDraft(d: ConditionDraft): DraftCheck<ConditionInput> {
  const text = d.odometer_km.replace(/[\s,]/g, "");
  const km = Number(text);
  if (text === "") return { ok: false, errors: { odometer_km: "required" } };
  if (!Number.isInteger(km)) return { ok: false, errors: { odometer_km: "invalid_number" } };
  return { ok: true, input: { ...d, odometer_km: km } };
}

export function panelOf(panels: PanelMark[], key: string): PanelMark {
  return panels.find((p) => p.panel === key) ?? { panel: key, marks: [], paint_um: null, note: "" };
}

/** Replaces one panel's entry; an entry left with nothing in it is dropped. */
export function withPanel(panels: PanelMark[], next: PanelMark): PanelMark[] {
  const empty = next.marks.length === 0 && next.paint_um === null && next.note === "";
  const rest = panels.filter((p) => p.panel !== next.panel);
  return empty ? rest : [...rest, next];
}

export function toggleMark(panels: PanelMark[], key: string, mark: Mark): PanelMark[] {
  const p = panelOf(panels, key);
  const marks = p.marks.includes(mark) ? p.marks.filter((m) => m !== mark) : MARK_ORDER.filter((m) => m === mark || p.marks.includes(m));
  return withPanel(panels, { ...p, marks });
}

export function itemValue(d: { items: ConditionInput["items"] }, key: string): string {
  return d.items.find((i) => i.key === key)?.value ?? "";
}

/** Sets one item; an empty value removes it (not checked). */
export function withItem(items: ConditionInput["items"], key: string, value: string): ConditionInput["items"] {
  const rest = items.filter((i) => i.key !== key);
  return value === "" ? rest : [...rest, { key, value }];
}
