import type { Mark } from "../../../bindings/Mark";
import type { Labels } from "./labels";

/** A panel's marks as the form's coloured letters with their words. */
export function MarkChips({ marks, labels }: { marks: Mark[]; labels: Labels }) {
  return (
    <span className="mark-chips">
      {marks.map((m) => (
        <span key={m} className="mark-chip">
          <span className="mark-letter" style={{ background: labels.markColor(m) }} aria-hidden="true">
            {m}
          </span>
          {labels.mark(m)}
        </span>
      ))}
    </span>
  );
}
