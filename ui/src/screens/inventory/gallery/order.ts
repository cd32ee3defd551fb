// Pure list changes, applied at once on screen while the core confirms them.
import type { Photo } from "../../../bindings/Photo";

/** `items` with the one at `from` moved to `to` (both clamped to the list). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const out = [...items];
  const [item] = out.splice(from, 1);
  if (item === undefined) return out;
  out.splice(Math.max(0, Math.min(to, out.length)), 0, item);
  return out;
}

/** The photos in the order of `ids`; any not named keep their place at the end. */
export function orderBy(photos: readonly Photo[], ids: readonly string[]): Photo[] {
  const rank = new Map(ids.map((id, i) => [id, i]));
  return [...photos].sort((a, b) => (rank.get(a.id) ?? ids.length) - (rank.get(b.id) ?? ids.length));
}

export function coverFirst(photos: readonly Photo[], id: string): Photo[] {
  const i = photos.findIndex((p) => p.id === id);
  return i < 0 ? [...photos] : moveItem(photos, i, 0);
}

export function without(photos: readonly Photo[], id: string): Photo[] {
  return photos.filter((p) => p.id !== id);
}

/** Puts a deleted photo back where it was (undo). */
export function reinsert(photos: readonly Photo[], photo: Photo): Photo[] {
  const rest = without(photos, photo.id);
  return [...rest.slice(0, photo.position), photo, ...rest.slice(photo.position)];
}

export function replaced(photos: readonly Photo[], photo: Photo): Photo[] {
  return photos.map((p) => (p.id === photo.id ? photo : p));
}

/** "IMG_0005.jpg" from a full path, Windows or Unix. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}
