import { useEffect, useEffectEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Photo } from "../../../bindings/Photo";

/** How long a deleted photo can be put back with one click. */
export const UNDO_MS = 8_000;

type Props = { photo: Photo; onUndo: (photo: Photo) => void; onExpire: () => void };

/** "Photo deleted · Undo", gone after UNDO_MS. Keyed by photo, so a second delete starts afresh. */
export function UndoToast({ photo, onUndo, onExpire }: Props) {
  const { t } = useTranslation();
  const expire = useEffectEvent(onExpire);
  useEffect(() => {
    const timer = setTimeout(() => expire(), UNDO_MS);
    return () => clearTimeout(timer);
  }, [photo]);

  return (
    <div className="toast" role="status" data-testid="photo-deleted-toast">
      <span>{t("gallery.deleted")}</span>
      <button type="button" className="btn btn-small toast-action" onClick={() => onUndo(photo)} data-testid="photo-undo">
        {t("gallery.undo")}
      </button>
    </div>
  );
}
