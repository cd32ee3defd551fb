import { useEffect, useEffectEvent, useRef } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import type { Photo } from "../../../bindings/Photo";
import { PHOTO_EDGE, photoUrl } from "../../../photoUrl";
import { PartSelect } from "../condition/PartSelect";

type Props = {
  photos: Photo[];
  index: number;
  onIndex: (i: number) => void;
  onClose: () => void;
  /** Lets the dealer link the photo to a condition panel or item; without it the link only shows. */
  onSetPart?: (photoId: string, part: string | null) => void;
  /** Archived photos (issue 20): only their thumbnail is on this computer. */
  archived?: ReadonlySet<string>;
};

const FOCUSABLE = "button:not(:disabled), [href], input, select, textarea, [tabindex]:not([tabindex='-1'])";

/** The "screen" size of one photo over the whole window; ← → move, Escape closes, Tab stays inside. */
export function PhotoViewer({ photos, index, onIndex, onClose, onSetPart, archived }: Props) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const photo = photos[index];
  const hasPrev = index > 0;
  const hasNext = index < photos.length - 1;

  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      onClose();
    } else if (e.key === "ArrowLeft" && !e.altKey) {
      e.preventDefault();
      if (hasPrev) onIndex(index - 1);
    } else if (e.key === "ArrowRight" && !e.altKey) {
      e.preventDefault();
      if (hasNext) onIndex(index + 1);
    } else if (e.key === "Tab") {
      trapTab(e, dialog.current);
    }
  });

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeButton.current?.focus();
    // Capture: the viewer's keys come before the rest of the app's (Alt+← for back, the tiles' own).
    const listener = (e: KeyboardEvent) => onKey(e);
    document.addEventListener("keydown", listener, true);
    return () => {
      document.removeEventListener("keydown", listener, true);
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  // Only the neighbours are fetched ahead, not every photo of the vehicle;
  // moving on lets them go at once (see releaseImages.ts).
  useEffect(() => {
    const ahead: HTMLImageElement[] = [];
    for (const p of [photos[index - 1], photos[index + 1]]) {
      if (!p) continue;
      const img = new Image();
      img.decoding = "async";
      img.src = photoUrl(p.hash, archived?.has(p.id) ? "thumb" : "screen");
      ahead.push(img);
    }
    return () => {
      for (const img of ahead) img.src = "data:,";
    };
  }, [photos, index, archived]);

  if (!photo) return null;
  const scale = Math.min(1, PHOTO_EDGE.screen / Math.max(photo.width, photo.height, 1));
  return createPortal(
    <div
      ref={dialog}
      className="viewer"
      role="dialog"
      aria-modal="true"
      aria-label={t("viewer.title")}
      tabIndex={-1}
      data-testid="photo-viewer"
      data-photo-id={photo.id}
    >
      <div className="viewer-bar">
        <span className="viewer-counter" data-testid="photo-viewer-counter">
          {t("viewer.counter", { n: index + 1, total: photos.length })}
        </span>
        <span className="viewer-name">{photo.original_name}</span>
        {archived?.has(photo.id) && (
          <span className="viewer-counter" data-testid="photo-viewer-archived">
            {t("gallery.archived")}
          </span>
        )}
        <button
          ref={closeButton}
          type="button"
          className="btn viewer-btn"
          onClick={onClose}
          aria-label={t("viewer.close")}
          data-testid="photo-viewer-close"
        >
          ✕
        </button>
      </div>
      <div className="viewer-stage">
        <button
          type="button"
          className="btn viewer-btn viewer-nav"
          onClick={() => onIndex(index - 1)}
          disabled={!hasPrev}
          aria-label={t("viewer.prev")}
          data-testid="photo-viewer-prev"
        >
          ‹
        </button>
        <img
          key={photo.id}
          className="viewer-img"
          src={photoUrl(photo.hash, archived?.has(photo.id) ? "thumb" : "screen")}
          alt={photo.caption || photo.original_name}
          width={Math.round(photo.width * scale)}
          height={Math.round(photo.height * scale)}
          decoding="async"
          data-testid="photo-viewer-image"
        />
        <button
          type="button"
          className="btn viewer-btn viewer-nav"
          onClick={() => onIndex(index + 1)}
          disabled={!hasNext}
          aria-label={t("viewer.next")}
          data-testid="photo-viewer-next"
        >
          ›
        </button>
      </div>
      <div className="viewer-foot">
        <p className="viewer-caption" data-testid="photo-viewer-caption">
          {photo.caption}
        </p>
        <PartSelect part={photo.part} onChange={onSetPart ? (part) => onSetPart(photo.id, part) : undefined} />
      </div>
    </div>,
    document.body,
  );
}

/** Keeps Tab and Shift+Tab cycling through the dialog's own controls. */
function trapTab(e: KeyboardEvent, root: HTMLElement | null) {
  if (!root) return;
  const items = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  const active = document.activeElement;
  const inside = active instanceof Node && root.contains(active);
  if (e.shiftKey && (!inside || active === first || active === root)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (!inside || active === last)) {
    e.preventDefault();
    first.focus();
  }
}
