import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api } from "../../../api";
import { photo as fixture } from "../../../test/photo";
import { renderWithProviders } from "../../../test/render";
import { Gallery } from "./Gallery";
import { UndoToast, UNDO_MS } from "./UndoToast";

// The viewer's captions: photo 2 has one.
const photo = (n: number) => fixture(n, { caption: n === 2 ? "운전석 시트" : "" });

const key = (k: string, extra: Partial<KeyboardEventInit> = {}) => fireEvent.keyDown(document.activeElement ?? document.body, { key: k, ...extra });
const counter = () => screen.getByTestId("photo-viewer-counter").textContent;

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("PhotoViewer", () => {
  it("opens on the chosen photo, moves with the arrow keys and buttons, closes on Escape", async () => {
    vi.spyOn(api, "onFileDrop").mockResolvedValue(() => {});
    vi.spyOn(api, "listPhotos").mockResolvedValue([photo(1), photo(2), photo(3)]);
    renderWithProviders(<Gallery vehicleId="v1" />);
    await waitFor(() => expect(screen.getAllByTestId("photo-open")).toHaveLength(3));

    const opener = screen.getAllByTestId("photo-open")[1]!;
    opener.focus();
    fireEvent.click(opener);
    const viewer = await screen.findByTestId("photo-viewer");
    expect(viewer.getAttribute("role")).toBe("dialog");
    expect(viewer.getAttribute("aria-modal")).toBe("true");
    expect(counter()).toBe("2 / 3");
    expect(screen.getByTestId("photo-viewer-caption").textContent).toBe("운전석 시트");
    const img = screen.getByTestId("photo-viewer-image");
    expect(img.getAttribute("src")).toBe("photo://localhost/screen/hash2");
    expect([img.getAttribute("width"), img.getAttribute("height")]).toEqual(["1920", "1440"]);
    expect(document.activeElement).toBe(screen.getByTestId("photo-viewer-close"));

    key("ArrowRight");
    expect(counter()).toBe("3 / 3");
    expect((screen.getByTestId("photo-viewer-next") as HTMLButtonElement).disabled).toBe(true);
    key("ArrowRight");
    expect(counter()).toBe("3 / 3");
    key("ArrowLeft");
    key("ArrowLeft");
    expect(counter()).toBe("1 / 3");
    fireEvent.click(screen.getByTestId("photo-viewer-next"));
    expect(counter()).toBe("2 / 3");

    key("Escape");
    expect(screen.queryByTestId("photo-viewer")).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it("keeps Tab inside the viewer and preloads only the neighbours", async () => {
    vi.spyOn(api, "onFileDrop").mockResolvedValue(() => {});
    const photos = Array.from({ length: 200 }, (_, i) => photo(i + 1));
    vi.spyOn(api, "listPhotos").mockResolvedValue(photos);
    const loaded: string[] = [];
    const RealImage = window.Image;
    vi.spyOn(window, "Image").mockImplementation(function (this: unknown) {
      const img = new RealImage();
      Object.defineProperty(img, "src", { set: (v: string) => void loaded.push(v) });
      return img;
    });
    renderWithProviders(<Gallery vehicleId="v1" />);
    await waitFor(() => expect(screen.getAllByTestId("photo-open")).toHaveLength(200));
    fireEvent.click(screen.getAllByTestId("photo-open")[49]!);
    await screen.findByTestId("photo-viewer");
    expect(loaded.sort()).toEqual(["photo://localhost/screen/hash49", "photo://localhost/screen/hash51"]);

    const close = screen.getByTestId("photo-viewer-close");
    const next = screen.getByTestId("photo-viewer-next");
    expect(document.activeElement).toBe(close);
    key("Tab", { shiftKey: true });
    expect(document.activeElement).toBe(next);
    key("Tab");
    expect(document.activeElement).toBe(close);
  });
});

describe("UndoToast", () => {
  it("offers undo for a while, then goes", () => {
    vi.useFakeTimers();
    const onExpire = vi.fn();
    const onUndo = vi.fn();
    renderWithProviders(<UndoToast photo={photo(1)} onUndo={onUndo} onExpire={onExpire} />);
    expect(screen.getByTestId("photo-deleted-toast").textContent).toBe("사진을 삭제했습니다되돌리기");
    act(() => vi.advanceTimersByTime(UNDO_MS - 1));
    expect(onExpire).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("photo-undo"));
    expect(onUndo).toHaveBeenCalledWith(photo(1));
    act(() => vi.advanceTimersByTime(1));
    expect(onExpire).toHaveBeenCalledTimes(1);
  });
});
