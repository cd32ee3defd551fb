import { useEffect, useEffectEvent } from "react";
import { api, type FileDrop, type SyncChanged } from "./api";

/**
 * The app's events and what each hands its listener. The subscriptions
 * themselves live in api.ts (the one door to the backend); this only names them.
 */
type Events = {
  "sync-changed": SyncChanged;
  /** True when the pass logged or offered something. */
  "mailbox-changed": boolean;
  /** Files dragged from the OS over or onto the window. */
  "file-drop": FileDrop;
};

export type EventName = keyof Events;

type Subscribe<K extends EventName> = (handler: (payload: Events[K]) => void) => Promise<() => void>;

// Read at subscribe time (not bound once) so tests can stand in for `api`'s methods.
const subscribers: { [K in EventName]: () => Subscribe<K> } = {
  "sync-changed": () => api.onSyncChanged,
  "mailbox-changed": () => api.onMailboxChanged,
  "file-drop": () => api.onFileDrop,
};

/**
 * Listens to `name` while the component is mounted: `handler` always sees
 * the latest props, `onListening` runs once the listener is in place.
 * Unmounting stops it, even when the listener was not ready yet. Outside the
 * desktop app (a plain browser, tests) there are no events: the refusal is
 * taken quietly.
 */
export function useTauriEvent<K extends EventName>(name: K, handler: (payload: Events[K]) => void, onListening?: () => void): void {
  const heard = useEffectEvent(handler);
  const ready = useEffectEvent(() => onListening?.());
  useEffect(() => {
    let unlisten: (() => void) | null = null;
    let gone = false;
    subscribers[name]()((payload) => heard(payload)).then(
      (stop) => {
        if (gone) {
          stop();
          return;
        }
        unlisten = stop;
        ready();
      },
      () => {},
    );
    return () => {
      gone = true;
      unlisten?.();
    };
  }, [name]);
}
