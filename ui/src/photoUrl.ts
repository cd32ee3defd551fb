// Where the webview loads a photo from: the core's `photo` protocol serves
// derived JPEGs by size and content hash (so they may be cached forever).
import { convertFileSrc } from "@tauri-apps/api/core";
import type { PhotoSize } from "./bindings/PhotoSize";

/** Long edge in pixels of each derived size (an image is never enlarged past its original). */
export const PHOTO_EDGE: Record<PhotoSize, number> = { thumb: 400, screen: 1920, email: 1600 };

/** `photo://localhost/<size>/<hash>` (`http://photo.localhost/...` on Windows). */
export function photoUrl(hash: string, size: PhotoSize): string {
  // convertFileSrc percent-encodes its whole argument, "/" included, and the
  // protocol splits the path on "/": only the first segment goes through it.
  return `${convertFileSrc(size, "photo")}/${hash}`;
}
