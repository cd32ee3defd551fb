// WebKit keeps an image's decoded pixels while any <img> still points at it,
// and a removed <img> points at it until the script engine's garbage
// collector happens to run, which an idle app may not do for minutes. A
// photo at screen size is ~11 MB decoded, so after ten cars and a few email
// previews the web process held 700 MB (issue 15). Clearing the `src` of an
// image the moment it leaves the page lets WebKit free its pixels at once.
const BLANK = "data:,";

function release(node: Node): void {
  if (!(node instanceof Element)) return;
  const images = node instanceof HTMLImageElement ? [node] : Array.from(node.querySelectorAll("img"));
  for (const img of images) {
    // Moved, not removed (a reordered gallery): keep it.
    if (img.isConnected || !img.getAttribute("src") || img.getAttribute("src") === BLANK) continue;
    img.removeAttribute("srcset");
    img.src = BLANK;
  }
}

/** Watches `root` for removed images; returns the stop function. */
export function releaseRemovedImages(root: Node = document.body): () => void {
  const observer = new MutationObserver((records) => {
    for (const r of records) r.removedNodes.forEach(release);
  });
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}
