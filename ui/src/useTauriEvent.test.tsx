import { act, render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, type FileDrop } from "./api";
import { useTauriEvent } from "./useTauriEvent";

afterEach(() => {
  vi.restoreAllMocks();
});

function Drops({ seen, label, onListening }: { seen: string[]; label: string; onListening?: () => void }) {
  useTauriEvent("file-drop", (d) => seen.push(`${label}:${d.type}`), onListening);
  return null;
}

describe("useTauriEvent", () => {
  it("hands each event to the latest handler and stops listening on unmount", async () => {
    const stop = vi.fn();
    let play: (d: FileDrop) => void = () => {};
    vi.spyOn(api, "onFileDrop").mockImplementation(async (handler) => {
      play = handler;
      return stop;
    });
    const ready = vi.fn();
    const seen: string[] = [];
    const { rerender, unmount } = render(<Drops seen={seen} label="a" onListening={ready} />);
    await vi.waitFor(() => expect(ready).toHaveBeenCalledTimes(1));

    act(() => play({ type: "over" }));
    rerender(<Drops seen={seen} label="b" onListening={ready} />);
    act(() => play({ type: "drop", paths: ["/tmp/x.jpg"] }));
    // A new handler is used without subscribing again.
    expect(seen).toEqual(["a:over", "b:drop"]);
    expect(api.onFileDrop).toHaveBeenCalledTimes(1);
    expect(ready).toHaveBeenCalledTimes(1);

    expect(stop).not.toHaveBeenCalled();
    unmount();
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it("stops a listener that becomes ready after the component went away", async () => {
    const stop = vi.fn();
    let ready: (stop: () => void) => void = () => {};
    vi.spyOn(api, "onFileDrop").mockImplementation(() => new Promise((resolve) => (ready = resolve)));
    const listening = vi.fn();
    const { unmount } = render(<Drops seen={[]} label="a" onListening={listening} />);
    unmount();
    await act(async () => ready(stop));
    expect(stop).toHaveBeenCalledTimes(1);
    expect(listening).not.toHaveBeenCalled();
  });

  it("takes a refusal (no event bridge) quietly", async () => {
    vi.spyOn(api, "onFileDrop").mockRejectedValue(new Error("no tauri"));
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const listening = vi.fn();
    const { unmount } = render(<Drops seen={[]} label="a" onListening={listening} />);
    await vi.waitFor(() => expect(api.onFileDrop).toHaveBeenCalledTimes(1));
    await act(async () => {});
    expect(errors).not.toHaveBeenCalled();
    expect(listening).not.toHaveBeenCalled();
    expect(() => unmount()).not.toThrow();
  });
});
