// Its own file: the tiles share one IntersectionObserver per module, and this
// test installs a fake one before the first tile is drawn.
import { act, screen } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { photo as fixture } from "../../../test/photo";
import { renderWithProviders } from "../../../test/render";
import { PhotoTile, type TileActions } from "./PhotoTile";

type Callback = (entries: { target: Element; isIntersecting: boolean }[]) => void;
let report: Callback = () => {};

class FakeObserver {
  constructor(cb: Callback) {
    report = cb;
  }
  observe() {}
  unobserve() {}
  disconnect() {}
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const photo = fixture(1);

const actions: TileActions = { move: vi.fn(), setCover: vi.fn(), setCaption: vi.fn(), remove: vi.fn(), open: vi.fn() };

it("loads a thumbnail only near the screen and lets it go when scrolled far away", () => {
  vi.stubGlobal("IntersectionObserver", FakeObserver);
  renderWithProviders(
    <ul>
      <PhotoTile photo={photo} index={0} count={1} actions={actions} />
    </ul>,
  );
  const tile = screen.getByTestId("photo-tile");
  expect(tile.querySelector("img")).toBeNull();
  act(() => report([{ target: tile, isIntersecting: true }]));
  expect(tile.querySelector("img")?.getAttribute("src")).toBe("photo://localhost/thumb/hash1");
  act(() => report([{ target: tile, isIntersecting: false }]));
  expect(tile.querySelector("img")).toBeNull();
});
