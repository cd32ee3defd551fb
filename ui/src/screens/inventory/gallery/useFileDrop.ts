import { useEffect, useEffectEvent, useState } from "react";
import { api } from "../../../api";

/**
 * Files dragged from the OS anywhere onto the window while this is mounted:
 * `onDrop` gets their paths; the result is true while they hover.
 */
export function useFileDrop(onDrop: (paths: string[]) => void): boolean {
  const [over, setOver] = useState(false);
  const dropped = useEffectEvent(onDrop);

  useEffect(() => {
    let unlisten: (() => void) | null = null;
    let gone = false;
    api
      .onFileDrop((drop) => {
        setOver(drop.type === "over");
        if (drop.type === "drop" && drop.paths.length > 0) dropped(drop.paths);
      })
      .then(
        (stop) => {
          if (gone) stop();
          else unlisten = stop;
        },
        () => {
          // Outside the desktop app (a plain browser, tests) there are no OS drops.
        },
      );
    return () => {
      gone = true;
      unlisten?.();
    };
  }, []);

  return over;
}
