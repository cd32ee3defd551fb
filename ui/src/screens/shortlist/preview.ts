// The composed email's real HTML, made viewable in the app: each `cid:`
// image becomes the photo's email size (through the photo protocol) or the
// diagram's data URL. Nothing else in the HTML changes.
import type { ComposedMail } from "../../bindings/ComposedMail";
import { photoUrl } from "../../photoUrl";

export function previewHtml(mail: Pick<ComposedMail, "html" | "images">): string {
  let html = mail.html;
  for (const image of mail.images) {
    const src = image.data_url ?? (image.hash ? photoUrl(image.hash, "email") : null);
    if (src) html = html.split(`cid:${image.cid}`).join(src);
  }
  return html;
}

/** "2.4 MB" — sizes as mail services count them (1 MB = 1,000,000 bytes). */
export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
