import { useLabels } from "./labels";

/** On a photo tile: the panel or item the photo shows. */
export function PartBadge({ part }: { part: string }) {
  const labels = useLabels();
  return (
    <span className="photo-badge photo-part-badge" data-testid="photo-part-badge">
      {labels ? labels.part(part) : part}
    </span>
  );
}
