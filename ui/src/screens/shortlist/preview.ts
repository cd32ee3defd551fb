// The composed email's real HTML, made viewable in the app: each `cid:`
// image becomes the photo (through the photo protocol) or the diagram's data
// URL. Nothing else in the HTML changes. Photos show at their 400 px size:
// decoded, a 1600 px email-size photo is ~8 MB, and three previews of an
// 18-photo email held 340 MB in the web process (issue 15); the layout is
// the same, the sent email carries the email size.
import type { ComposedMail } from "../../bindings/ComposedMail";
import { photoUrl } from "../../photoUrl";

export function previewHtml(mail: Pick<ComposedMail, "html" | "images">): string {
  let html = mail.html;
  for (const image of mail.images) {
    const src = image.data_url ?? (image.hash ? photoUrl(image.hash, "thumb") : null);
    if (src) html = html.split(`cid:${image.cid}`).join(src);
  }
  // Only the photos scrolled into the frame are decoded (each 1600 px photo
  // is ~8 MB of pixels; a 5-car email has 40). The sent email is unchanged.
  return html.replace(/<img /g, '<img loading="lazy" decoding="async" ');
}

/** "2.4 MB" — sizes as mail services count them (1 MB = 1,000,000 bytes). */
export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
