import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Photo } from "../../../bindings/Photo";
import { PHOTO_EDGE, photoUrl } from "../../../photoUrl";
import { PartBadge } from "../condition/PartBadge";
import { CaptionEditor } from "./CaptionEditor";
import { useNearViewport } from "./useNearViewport";

export type TileActions = {
  move: (id: string, by: -1 | 1) => void;
  setCover: (id: string) => void;
  setCaption: (id: string, text: string) => void;
  remove: (photo: Photo) => void;
  open: (id: string) => void;
};

type Props = { photo: Photo; index: number; count: number; actions: TileActions; archived?: boolean };

// The grid's cells are 4:3; width/height reserve that box before the image loads.
const THUMB_W = PHOTO_EDGE.thumb;
const THUMB_H = (PHOTO_EDGE.thumb * 3) / 4;

/** One photo in the grid: the tile itself is the drag handle (pointer, or Space and arrows). */
export function PhotoTile({ photo, index, count, actions, archived = false }: Props) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: photo.id,
    attributes: { roleDescription: t("gallery.sortable") },
  });
  const [tile, setTile] = useState<HTMLLIElement | null>(null);
  const near = useNearViewport(tile);
  const label = t("gallery.photo", { n: index + 1, name: photo.original_name });
  const cover = index === 0;

  return (
    <li
      ref={(el) => {
        setNodeRef(el);
        setTile(el);
        // Only keys pressed on the tile itself pick it up, not those typed into its buttons or caption.
        setActivatorNodeRef(el);
      }}
      className={`photo-tile${isDragging ? " is-dragging" : ""}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      {...attributes}
      {...listeners}
      // A list item that can be picked up, not a button: it holds buttons of its own.
      role={undefined}
      aria-pressed={undefined}
      aria-label={label}
      data-testid="photo-tile"
      data-photo-id={photo.id}
      data-hash={photo.hash}
    >
      <div className="photo-frame">
        <button
          type="button"
          className="photo-thumb"
          onClick={() => actions.open(photo.id)}
          aria-label={`${t("gallery.open")}: ${label}`}
          data-testid="photo-open"
        >
          {near ? (
            <img
              src={photoUrl(photo.hash, "thumb")}
              alt=""
              width={THUMB_W}
              height={THUMB_H}
              decoding="async"
              draggable={false}
              // An archived photo without a thumbnail here shows the plain placeholder.
              onError={archived ? (e) => (e.currentTarget.style.visibility = "hidden") : undefined}
            />
          ) : (
            <span className="photo-placeholder" aria-hidden="true" />
          )}
        </button>
        {cover && (
          <span className="photo-badge" data-testid="photo-cover-badge">
            {t("gallery.cover")}
          </span>
        )}
        {archived && (
          <span className="photo-badge photo-badge-archived" data-testid="photo-archived-badge">
            {t("gallery.archived")}
          </span>
        )}
        {photo.part && <PartBadge part={photo.part} />}
        <div className="photo-tools">
          <button
            type="button"
            className="photo-tool"
            onClick={() => actions.move(photo.id, -1)}
            disabled={index === 0}
            aria-label={`${t("gallery.moveEarlier")}: ${label}`}
            title={t("gallery.moveEarlier")}
            data-testid="photo-move-earlier"
          >
            <span aria-hidden="true">←</span>
          </button>
          <button
            type="button"
            className="photo-tool"
            onClick={() => actions.move(photo.id, 1)}
            disabled={index === count - 1}
            aria-label={`${t("gallery.moveLater")}: ${label}`}
            title={t("gallery.moveLater")}
            data-testid="photo-move-later"
          >
            <span aria-hidden="true">→</span>
          </button>
          <span className="spacer" />
          {!cover && (
            <button
              type="button"
              className="photo-tool photo-tool-text"
              onClick={() => actions.setCover(photo.id)}
              aria-label={`${t("gallery.setCover")}: ${label}`}
              data-testid="photo-set-cover"
            >
              {t("gallery.setCover")}
            </button>
          )}
          <button
            type="button"
            className="photo-tool photo-tool-text photo-tool-danger"
            onClick={() => actions.remove(photo)}
            aria-label={`${t("common.delete")}: ${label}`}
            data-testid="photo-delete"
          >
            {t("common.delete")}
          </button>
        </div>
      </div>
      <CaptionEditor caption={photo.caption} label={label} onSave={(text) => actions.setCaption(photo.id, text)} />
    </li>
  );
}
