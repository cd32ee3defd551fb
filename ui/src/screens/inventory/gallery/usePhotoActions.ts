import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useRef, useState } from "react";
import { api } from "../../../api";
import type { Photo } from "../../../bindings/Photo";
import { invalidateCovers, keys } from "../../../queries";
import { coverFirst, moveItem, orderBy, reinsert, replaced, without } from "./order";

type Seq = number;

/**
 * Reorder, cover, caption, delete and undo for one vehicle's photos. Each
 * shows at once; the core's answer then replaces the guess, unless a newer
 * change is already on screen (its own answer will come).
 */
export function usePhotoActions(vehicleId: string) {
  const qc = useQueryClient();
  const key = keys.photos(vehicleId);
  // One queue per vehicle: the core gets the changes in the order they were made.
  const scope = { id: `photos:${vehicleId}` };
  const latest = useRef<Seq>(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [deleted, setDeleted] = useState<Photo | null>(null);

  const guess = (next: (photos: Photo[]) => Photo[]): Seq => {
    // A list fetch still in flight would overwrite the guess with older data.
    void qc.cancelQueries({ queryKey: key });
    qc.setQueryData<Photo[]>(key, (old) => (old ? next(old) : old));
    setFailure(null);
    latest.current += 1;
    return latest.current;
  };
  const settle = (photos: Photo[], seq: Seq | undefined) => {
    if (seq === latest.current) qc.setQueryData(key, photos);
  };
  const failed = (e: unknown) => {
    setFailure(e);
    void qc.invalidateQueries({ queryKey: key });
  };
  const coverMayMove = () => void invalidateCovers(qc, vehicleId);

  const reorder = useMutation({
    scope,
    mutationFn: (ids: string[]) => api.reorderPhotos(vehicleId, ids),
    onMutate: (ids) => guess((photos) => orderBy(photos, ids)),
    onSuccess: (photos, _ids, seq) => settle(photos, seq),
    onError: failed,
    onSettled: coverMayMove,
  });
  const setCover = useMutation({
    scope,
    mutationFn: (id: string) => api.setCoverPhoto(id),
    onMutate: (id) => guess((photos) => coverFirst(photos, id)),
    onSuccess: (photos, _id, seq) => settle(photos, seq),
    onError: failed,
    onSettled: coverMayMove,
  });
  const caption = useMutation({
    scope,
    mutationFn: ({ id, text }: { id: string; text: string }) => api.setPhotoCaption(id, text),
    onMutate: ({ id, text }) => guess((photos) => photos.map((p) => (p.id === id ? { ...p, caption: text } : p))),
    onSuccess: (photo) => qc.setQueryData<Photo[]>(key, (old) => old && replaced(old, photo)),
    onError: failed,
  });
  const part = useMutation({
    scope,
    mutationFn: ({ id, key }: { id: string; key: string | null }) => api.setPhotoPart(id, key),
    onMutate: ({ id, key }) => guess((photos) => photos.map((p) => (p.id === id ? { ...p, part: key } : p))),
    onSuccess: (photo) => qc.setQueryData<Photo[]>(key, (old) => old && replaced(old, photo)),
    onError: failed,
  });
  const remove = useMutation({
    scope,
    mutationFn: (photo: Photo) => api.deletePhoto(photo.id),
    onMutate: (photo) => guess((photos) => without(photos, photo.id)),
    onSuccess: (record) => setDeleted(record),
    onError: failed,
    onSettled: coverMayMove,
  });
  const restore = useMutation({
    scope,
    mutationFn: (photo: Photo) => api.restorePhoto(photo),
    onMutate: (photo) => {
      setDeleted(null);
      return guess((photos) => reinsert(photos, photo));
    },
    onSuccess: (photos, _photo, seq) => settle(photos, seq),
    onError: failed,
    onSettled: coverMayMove,
  });

  const reorderNow = reorder.mutate;
  const setCoverNow = setCover.mutate;
  const captionNow = caption.mutate;
  const removeNow = remove.mutate;
  // Stable, so the grid (up to a few hundred tiles) need not re-render on every progress tick.
  const tile = useMemo(
    () => ({
      /** One step earlier (-1) or later (+1) than it is on screen now (pending changes included). */
      move: (id: string, by: -1 | 1) => {
        const order = (qc.getQueryData<Photo[]>(keys.photos(vehicleId)) ?? []).map((p) => p.id);
        const from = order.indexOf(id);
        const to = from + by;
        if (from < 0 || to < 0 || to >= order.length) return;
        reorderNow(moveItem(order, from, to));
      },
      setCover: (id: string) => setCoverNow(id),
      setCaption: (id: string, text: string) => captionNow({ id, text }),
      remove: (photo: Photo) => removeNow(photo),
    }),
    [qc, vehicleId, reorderNow, setCoverNow, captionNow, removeNow],
  );

  return {
    tile,
    /** The whole new order (a drag). */
    reorder: reorderNow,
    /** The last deleted photo while it can still be put back. */
    /** Links a photo to a condition panel or item (null unlinks). */
    setPart: (id: string, key: string | null) => part.mutate({ id, key }),
    deleted,
    undo: restore.mutate,
    forgetDeleted: () => setDeleted(null),
    failure,
  };
}
