import { act } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, type SyncChanged } from "./api";
import { keys } from "./queries";
import { renderWithProviders } from "./test/render";
import { useSyncEvents } from "./useSyncEvents";

function Listener() {
  useSyncEvents();
  return null;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("useSyncEvents", () => {
  it("makes every query stale after a pass that applied changes, only the sync state otherwise", async () => {
    let play: (e: SyncChanged) => void = () => {};
    vi.spyOn(api, "onSyncChanged").mockImplementation(async (handler) => {
      play = handler;
      return () => {};
    });
    const { client } = renderWithProviders(<Listener />);
    const invalidate = vi.spyOn(client, "invalidateQueries");
    await vi.waitFor(() => expect(api.onSyncChanged).toHaveBeenCalledTimes(1));

    act(() => play({ applied: false }));
    expect(invalidate.mock.calls.map((c) => c[0])).toEqual([
      { queryKey: keys.syncStatus },
      { queryKey: keys.syncSettings },
      { queryKey: keys.spaceReport },
    ]);

    invalidate.mockClear();
    act(() => play({ applied: true }));
    expect(invalidate).toHaveBeenCalledTimes(1);
    expect(invalidate.mock.calls[0]).toEqual([]);
  });

  it("stops listening when the app goes away, even before the listener was ready", async () => {
    const stop = vi.fn();
    let ready: (stop: () => void) => void = () => {};
    vi.spyOn(api, "onSyncChanged").mockImplementation(() => new Promise((resolve) => (ready = resolve)));
    const { unmount } = renderWithProviders(<Listener />);
    unmount();
    await act(async () => ready(stop));
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it("lives without the event bridge (a plain browser)", async () => {
    vi.spyOn(api, "onSyncChanged").mockRejectedValue(new Error("no tauri"));
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const { client, unmount } = renderWithProviders(<Listener />);
    const invalidate = vi.spyOn(client, "invalidateQueries");
    await vi.waitFor(() => expect(api.onSyncChanged).toHaveBeenCalledTimes(1));
    await act(async () => {});
    // The refusal is taken quietly: nothing logged, nothing refreshed, and
    // going away afterwards has nothing to stop.
    expect(errors).not.toHaveBeenCalled();
    expect(invalidate).not.toHaveBeenCalled();
    expect(() => unmount()).not.toThrow();
  });
});
