import { useTranslation } from "react-i18next";
import type { Mark } from "../../../bindings/Mark";
import type { PanelMark } from "../../../bindings/PanelMark";
import { MARK_ORDER, panelOf, toggleMark, withPanel } from "./draft";
import type { Labels } from "./labels";
import { PartPhotos } from "./PartPhotos";

type Props = {
  vehicleId: string;
  panels: PanelMark[];
  selected: string;
  onSelect: (key: string) => void;
  onChange: (panels: PanelMark[]) => void;
  labels: Labels;
};

/** The chosen panel: its marks as large toggles (or the letter keys), paint thickness, note and photos. */
export function PanelEditor({ vehicleId, panels, selected, onSelect, onChange, labels }: Props) {
  const { t } = useTranslation();
  const p = panelOf(panels, selected);
  const info = labels.catalog.panels.find((x) => x.key === selected);
  const toggle = (mark: Mark) => onChange(toggleMark(panels, selected, mark));
  return (
    <div className="panel-editor" data-testid="panel-editor" data-panel={selected}>
      <label className="field">
        <span>{t("condition.choosePanel")}</span>
        <select value={selected} onChange={(e) => onSelect(e.target.value)} data-testid="panel-select">
          {(["outer1", "outer2", "frame_a", "frame_b", "frame_c"] as const).map((rank) => (
            <optgroup key={rank} label={t(`condition.rank.${rank}`)}>
              {labels.catalog.panels
                .filter((x) => x.rank === rank)
                .map((x) => (
                  <option key={x.key} value={x.key}>
                    {labels.panel(x.key)}
                    {panelOf(panels, x.key).marks.length ? ` (${panelOf(panels, x.key).marks.join("")})` : ""}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      <h3 className="panel-editor-title">
        {labels.panel(selected)}
        {info && <span className="muted small"> · {t(`condition.rank.${info.rank}`)}</span>}
      </h3>
      <div className="mark-toggles" role="group" aria-label={t("condition.panels")}>
        {MARK_ORDER.map((m) => {
          const on = p.marks.includes(m);
          return (
            <button
              key={m}
              type="button"
              className={`mark-toggle${on ? " is-on" : ""}`}
              style={on ? { background: labels.markColor(m), borderColor: labels.markColor(m) } : { borderColor: labels.markColor(m) }}
              aria-pressed={on}
              aria-keyshortcuts={m}
              onClick={() => toggle(m)}
              data-testid={`mark-${m}`}
            >
              <span className="mark-toggle-letter">{m}</span>
              <span className="mark-toggle-word">{labels.mark(m)}</span>
            </button>
          );
        })}
      </div>
      <div className="panel-editor-fields">
        <label className="field">
          <span>{t("condition.paint_um")}</span>
          <input
            inputMode="numeric"
            value={p.paint_um ?? ""}
            onChange={(e) => {
              const digits = e.target.value.replace(/\D/g, "");
              onChange(withPanel(panels, { ...p, paint_um: digits === "" ? null : Number(digits) }));
            }}
            data-testid="panel-paint"
          />
        </label>
        <label className="field">
          <span>{t("condition.note")}</span>
          <input value={p.note} onChange={(e) => onChange(withPanel(panels, { ...p, note: e.target.value }))} data-testid="panel-note" />
        </label>
      </div>
      {(p.marks.length > 0 || p.note || p.paint_um !== null) && (
        <button type="button" className="btn btn-small" onClick={() => onChange(panels.filter((x) => x.panel !== selected))} data-testid="panel-clear">
          {t("condition.clearPanel")}
        </button>
      )}
      <PartPhotos vehicleId={vehicleId} part={selected} />
    </div>
  );
}

/** The letter keys toggle a mark on the chosen panel, unless the key is typed into a field. */
export function markFromKey(e: { key: string; target: EventTarget | null; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): Mark | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const el = e.target instanceof HTMLElement ? e.target : null;
  if (el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName) || el.closest("[role='dialog']"))) return null;
  const key = e.key.toUpperCase();
  return MARK_ORDER.find((m) => m === key) ?? null;
}
