// When Today was first painted with its data, for the start-up benchmark
// (ui/e2e/memory.test.mjs reads it and the app process's start time).
import { useEffect } from "react";

declare global {
  interface Window {
    /** Epoch ms of the first frame that showed Today's data. */
    __lotbookTodayPainted?: number;
  }
}

export function useMarkFirstPaint(ready: boolean): void {
  useEffect(() => {
    if (!ready || window.__lotbookTodayPainted !== undefined) return;
    // The frame after this render is the one on screen.
    requestAnimationFrame(() => {
      window.__lotbookTodayPainted ??= performance.timeOrigin + performance.now();
    });
  }, [ready]);
}
