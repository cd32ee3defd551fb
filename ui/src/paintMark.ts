// When Today was first painted with its data: kept on `window` for the
// e2e (ui/e2e/harness.mjs `startTime`) and sent once to the shell, which
// logs start to painted Today (scripts/start-bench.sh reads that line).
import { useEffect } from "react";
import { api } from "./api";

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
      if (window.__lotbookTodayPainted !== undefined) return;
      const painted = now();
      window.__lotbookTodayPainted = painted;
      // Only a diagnostic: a shell without the command changes nothing.
      api
        .notePainted({
          page_began_ms: performance.timeOrigin,
          script_ms: window.__lotbookScriptStart ?? painted,
          painted_ms: painted,
        })
        .catch(() => undefined);
    });
  }, [ready]);
}
