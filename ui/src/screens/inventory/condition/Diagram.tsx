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
