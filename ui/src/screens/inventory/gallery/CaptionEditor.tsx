import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";

type Props = { caption: string; label: string; onSave: (text: string) => void };

/** The caption under a tile: click to edit inline; Enter (or leaving the field) saves, Escape cancels. */
export function CaptionEditor({ caption, label, onSave }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  // Escape removes the field, and a blur may follow: it must not save after all.
  const finished = useRef(false);

  if (draft === null) {
    return (
      <button
        type="button"
        className={`photo-caption${caption ? "" : " muted"}`}
        onClick={() => {
          finished.current = false;
          setDraft(caption);
        }}
        title={caption || undefined}
        aria-label={`${label} ${t("gallery.caption")}: ${caption || t("gallery.addCaption")}`}
        data-testid="photo-caption"
      >
        {caption || t("gallery.addCaption")}
      </button>
    );
  }

  const finish = (save: boolean) => {
    if (finished.current) return;
    finished.current = true;
    const text = draft.trim();
    setDraft(null);
    if (save && text !== caption) onSave(text);
  };
  return (
    <input
      type="text"
      className="photo-caption-input"
      value={draft}
      autoFocus
      aria-label={`${label} ${t("gallery.caption")}`}
      title={t("gallery.captionHint")}
      placeholder={t("gallery.addCaption")}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => {
        // Enter that ends a Hangul composition only commits the syllable (WebKit marks it with keyCode 229).
        if (e.key === "Enter" && !e.nativeEvent.isComposing && e.keyCode !== 229) {
          e.preventDefault();
          finish(true);
        } else if (e.key === "Escape") {
          e.preventDefault();
          finish(false);
        }
      }}
      onBlur={() => finish(true)}
      // Selecting text with the mouse must not start dragging the tile.
      onPointerDown={(e) => e.stopPropagation()}
      data-testid="photo-caption-input"
    />
  );
}
