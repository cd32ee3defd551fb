// When Today was first painted with its data, for the start-up benchmark
// (ui/e2e/memory.test.mjs reads these and the app process's start time, and
// prints where the time went: the webview coming up, the script, the data).
import { useEffect } from "react";

declare global {
  interface Window {
    /** Epoch ms of the first frame that showed Today's data. */
    __lotbookTodayPainted?: number;
    /** Epoch ms the app's script began to run (after it was loaded and parsed). */
    __lotbookScriptStart?: number;
  }
}

const now = () => performance.timeOrigin + performance.now();

/** Called first thing in main.tsx. */
export function markScriptStart(): void {
  window.__lotbookScriptStart ??= now();
}

export function useMarkFirstPaint(ready: boolean): void {
  useEffect(() => {
    if (!ready || window.__lotbookTodayPainted !== undefined) return;
    // The frame after this render is the one on screen.
    requestAnimationFrame(() => {
      window.__lotbookTodayPainted ??= now();
    });
  }, [ready]);
}
