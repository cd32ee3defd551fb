import type { MouseEvent } from "react";

type Props = {
  /** The core's SVG (its text is escaped there; nothing here comes from a user). */
  svg: string;
  label: string;
  /** Makes panels clickable; called with the panel's key. */
  onPick?: (panel: string) => void;
  testId: string;
};

/** The panel diagram drawn by the core; panels are `<g data-panel>` groups. */
export function Diagram({ svg, label, onPick, testId }: Props) {
  const click = (e: MouseEvent<HTMLDivElement>) => {
    const key = e.target instanceof Element ? e.target.closest("[data-panel]")?.getAttribute("data-panel") : null;
    if (key && onPick) onPick(key);
  };
  return (
    <div
      className={`diagram${onPick ? " is-interactive" : ""}`}
      role="img"
      aria-label={label}
      onClick={onPick ? click : undefined}
      data-testid={testId}
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}

/**
 * The core draws the outer view above the frame view (600 × 640 each, the
 * legend below from y = 1280; src/condition/diagram.rs), readable on a
 * screen and in an email. On an A4 sheet the views go side by side, each a
 * crop of the same drawing, so the sheet keeps to one page.
 */
const CROPS = ["0 0 600 640", "0 640 600 640", "0 1280 600 160"];

export function SheetDiagram({ svg, label, testId }: { svg: string; label: string; testId?: string }) {
  const crop = (box: string) => svg.replace(/viewBox="[^"]*"/, `viewBox="${box}"`).replace(/ width="\d+" height="\d+"/, "");
  return (
    <div className="diagram sheet-diagram" role="img" aria-label={label} data-testid={testId}>
      <div className="sheet-diagram-views">
        <div dangerouslySetInnerHTML={{ __html: crop(CROPS[0] ?? "") }} />
        <div dangerouslySetInnerHTML={{ __html: crop(CROPS[1] ?? "") }} />
      </div>
      <div className="sheet-diagram-legend" dangerouslySetInnerHTML={{ __html: crop(CROPS[2] ?? "") }} />
    </div>
  );
}
