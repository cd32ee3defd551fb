import type { ReactNode } from "react";
import { useNav } from "../navigation";

type Props = {
  /** The screen's title (its one h1). */
  title?: ReactNode;
  /** Shows "← back" first, with this label; it goes back unless `onBack` says otherwise. */
  back?: ReactNode;
  onBack?: () => void;
  /** Beside the title: totals, badges, a hint. */
  meta?: ReactNode;
  /** At the right end: the screen's buttons. */
  actions?: ReactNode;
  /** Extra classes, e.g. "no-print". */
  className?: string;
};

/** The head of every screen: the way back, the title, what it counts, and its actions. */
export function ScreenHeader({ title, back, onBack, meta, actions, className }: Props) {
  return (
    <div className={className ? `screen-head ${className}` : "screen-head"}>
      {back !== undefined && <BackButton label={back} onBack={onBack} />}
      {title !== undefined && <h1>{title}</h1>}
      {meta}
      {actions !== undefined && (
        <>
          <div className="spacer" />
          {actions}
        </>
      )}
    </div>
  );
}

// Its own component: only a screen with a way back needs the navigation.
function BackButton({ label, onBack }: { label: ReactNode; onBack?: () => void }) {
  const nav = useNav();
  return (
    <button type="button" className="btn btn-back" onClick={onBack ?? nav.back} data-testid="back">
      ← {label}
    </button>
  );
}
