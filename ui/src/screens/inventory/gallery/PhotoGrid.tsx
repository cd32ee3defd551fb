import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { rectSortingStrategy, SortableContext, sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import type { Photo } from "../../../bindings/Photo";
import { moveItem } from "./order";
import { PhotoTile, type TileActions } from "./PhotoTile";

type Props = {
  photos: Photo[];
  actions: TileActions;
  onReorder: (ids: string[]) => void;
  /** Ids of photos archived in the backup location (thumbnail only). */
  archived?: ReadonlySet<string>;
};

/** The thumbnails in gallery order, sortable by pointer and by keyboard. */
export const PhotoGrid = memo(function PhotoGrid({ photos, actions, onReorder, archived }: Props) {
  const { t } = useTranslation();
  const sensors = useSensors(
    // A few pixels of movement before a drag, so clicks on a tile's buttons stay clicks.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const ids = photos.map((p) => p.id);
  const place = (id: UniqueIdentifier | undefined) => ids.indexOf(String(id)) + 1;

  const announcements: Announcements = {
    onDragStart: ({ active }) => t("gallery.pickedUp", { n: place(active.id) }),
    onDragOver: ({ over }) => (over ? t("gallery.movedTo", { n: place(over.id) }) : undefined),
    onDragEnd: ({ active, over }) => t("gallery.droppedAt", { n: place(over?.id ?? active.id) }),
    onDragCancel: () => t("gallery.dragCancelled"),
  };

  const dropped = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = ids.indexOf(String(active.id));
    const to = ids.indexOf(String(over.id));
    if (from >= 0 && to >= 0) onReorder(moveItem(ids, from, to));
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={dropped}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t("gallery.sortInstructions") } }}
    >
      <SortableContext items={ids} strategy={rectSortingStrategy}>
        <ul className="photo-grid" aria-label={t("gallery.title")}>
          {photos.map((photo, i) => (
            <PhotoTile
              key={photo.id}
              photo={photo}
              index={i}
              count={photos.length}
              actions={actions}
              archived={archived?.has(photo.id) ?? false}
            />
          ))}
        </ul>
      </SortableContext>
    </DndContext>
  );
});
