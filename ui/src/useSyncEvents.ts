import { useQueryClient } from "@tanstack/react-query";
import { invalidateSync } from "./queries";
import { useTauriEvent } from "./useTauriEvent";

/**
 * Listens for the core's sync-changed event while the app is open. Every pass
 * refreshes the sync state; a pass that applied a colleague's changes makes
 * every query stale, so their new car shows in the inventory without a reload.
 * (Outside the desktop app there are no events; the poll still runs.)
 */
export function useSyncEvents(): void {
  const qc = useQueryClient();
  useTauriEvent("sync-changed", ({ applied }) => {
    if (applied) void qc.invalidateQueries();
    else void invalidateSync(qc);
  });
}

/** A mailbox pass that logged or offered something refreshes inquiries, Today and the customer logs. */
export function useMailboxEvents(): void {
  const qc = useQueryClient();
  useTauriEvent(
    "mailbox-changed",
    (changed) => {
      if (changed) void qc.invalidateQueries();
      else void qc.invalidateQueries({ queryKey: ["mailbox"] });
    },
    () => {
      // The worker's first pass starts with the app and may end before
      // this listener was there: read what it logged once now.
      void qc.invalidateQueries({ queryKey: ["today"] });
      void qc.invalidateQueries({ queryKey: ["inquiries"] });
      void qc.invalidateQueries({ queryKey: ["mailbox"] });
    },
  );
}
