import { useState } from "react";
import { useTauriEvent } from "../../../useTauriEvent";

/**
 * Files dragged from the OS anywhere onto the window while this is mounted:
 * `onDrop` gets their paths; the result is true while they hover.
 */
export function useFileDrop(onDrop: (paths: string[]) => void): boolean {
  const [over, setOver] = useState(false);
  useTauriEvent("file-drop", (drop) => {
    setOver(drop.type === "over");
    if (drop.type === "drop" && drop.paths.length > 0) onDrop(drop.paths);
  });
  return over;
}
