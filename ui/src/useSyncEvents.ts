import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { api } from "./api";
import { invalidateSync } from "./queries";

/**
 * Listens for the core's sync-changed event while the app is open. Every pass
 * refreshes the sync state; a pass that applied a colleague's changes makes
 * every query stale, so their new car shows in the inventory without a reload.
 */
export function useSyncEvents(): void {
  const qc = useQueryClient();
  useEffect(() => {
    let unlisten: (() => void) | null = null;
    let gone = false;
    api
      .onSyncChanged(({ applied }) => {
        if (applied) void qc.invalidateQueries();
        else void invalidateSync(qc);
      })
      .then(
        (stop) => {
          if (gone) stop();
          else unlisten = stop;
        },
        () => {
          // Outside the desktop app (a plain browser, tests) there are no events; the poll still runs.
        },
      );
    return () => {
      gone = true;
      unlisten?.();
    };
  }, [qc]);
}

/** A mailbox pass that logged or offered something refreshes inquiries, Today and the customer logs. */
export function useMailboxEvents(): void {
  const qc = useQueryClient();
  useEffect(() => {
    let unlisten: (() => void) | null = null;
    let gone = false;
    api
      .onMailboxChanged((changed) => {
        if (changed) void qc.invalidateQueries();
        else void qc.invalidateQueries({ queryKey: ["mailbox"] });
      })
      .then(
        (stop) => {
          if (gone) {
            stop();
            return;
          }
          unlisten = stop;
          // The worker's first pass starts with the app and may end before
          // this listener was there: read what it logged once now.
          void qc.invalidateQueries({ queryKey: ["today"] });
          void qc.invalidateQueries({ queryKey: ["inquiries"] });
          void qc.invalidateQueries({ queryKey: ["mailbox"] });
        },
        () => {
          // Outside the desktop app there are no events.
        },
      );
    return () => {
      gone = true;
      unlisten?.();
    };
  }, [qc]);
}
