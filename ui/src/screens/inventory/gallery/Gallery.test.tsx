import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, type FileDrop } from "../../../api";
import type { ImportProgress } from "../../../bindings/ImportProgress";
import type { ImportSummary } from "../../../bindings/ImportSummary";
import type { Photo } from "../../../bindings/Photo";
import { photo } from "../../../test/photo";
import { renderWithProviders } from "../../../test/render";
import { Gallery } from "./Gallery";

function deferred<T>() {
  let resolve: (v: T) => void = () => {};
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

const progress = (p: Partial<ImportProgress>): ImportProgress => ({
  done: 0,
  total: 0,
  imported: 0,
  duplicates: 0,
  refused: 0,
  current: "",
  ...p,
});

const order = () => screen.queryAllByTestId("photo-tile").map((el) => el.getAttribute("data-photo-id"));
const tile = (id: string) => {
  const el = screen.getAllByTestId("photo-tile").find((t) => t.getAttribute("data-photo-id") === id);
  if (!el) throw new Error(`no tile ${id}`);
  return within(el);
};

async function showGallery(photos: Photo[]) {
  vi.spyOn(api, "listPhotos").mockResolvedValue(photos);
  const result = renderWithProviders(<Gallery vehicleId="v1" />);
  await waitFor(() => expect(order()).toEqual(photos.map((p) => p.id)));
  return result;
}

beforeEach(() => {
  // No OS drops outside the desktop app; the drop test installs its own.
  vi.spyOn(api, "onFileDrop").mockResolvedValue(() => {});
  vi.spyOn(api, "archivedPhotos").mockResolvedValue({ here: [], elsewhere: [] });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Gallery", () => {
  it("marks archived photos and brings them back with progress", async () => {
    const archived = vi.spyOn(api, "archivedPhotos").mockResolvedValue({ here: ["p2"], elsewhere: ["p3"] });
    const back = vi.spyOn(api, "unarchiveVehicle").mockImplementation(async (_v, _job, onProgress) => {
      onProgress({ done: 1, total: 1 });
      return { restored: 1, problems: [], cancelled: false };
    });
    await showGallery([photo(1), photo(2), photo(3)]);
    expect((await screen.findByTestId("gallery-archived")).textContent).toContain(
      "이 차의 사진 1장은 이 컴퓨터의 백업 위치에 보관되어 있습니다.",
    );
    expect(screen.getByTestId("gallery-archived-elsewhere").textContent).toContain("이 사진을 올린 컴퓨터에서 보관해");
    await waitFor(() => expect(screen.getAllByTestId("photo-archived-badge")).toHaveLength(2));
    expect(tile("p1").queryByTestId("photo-archived-badge")).toBeNull();
    expect(tile("p2").getByTestId("photo-archived-badge").textContent).toBe("보관됨");
    archived.mockResolvedValue({ here: [], elsewhere: [] });
    fireEvent.click(screen.getByTestId("gallery-bring-back"));
    expect((await screen.findByTestId("gallery-brought-back")).textContent).toBe("사진 1장을 되살렸습니다.");
    expect(back).toHaveBeenCalledWith("v1", expect.any(String), expect.any(Function));
    await waitFor(() => expect(screen.queryAllByTestId("photo-archived-badge")).toHaveLength(0));
  });

  it("shows the photos in order, small thumbnails, the first marked as cover", async () => {
    await showGallery([photo(1), photo(2), photo(3)]);
    const badges = screen.getAllByTestId("photo-cover-badge");
    expect(badges).toHaveLength(1);
    expect(badges[0]?.textContent).toBe("대표");
    expect(tile("p1").queryByTestId("photo-cover-badge")).not.toBeNull();
    expect(tile("p1").queryByTestId("photo-set-cover")).toBeNull();

    const tiles = screen.getAllByTestId("photo-tile");
    // Focusable to pick up with the keyboard, yet a list item (it holds buttons of its own).
    expect(tiles[0]!.tagName).toBe("LI");
    expect(tiles[0]!.getAttribute("tabindex")).toBe("0");
    expect(tiles[0]!.getAttribute("role")).toBeNull();
    expect(tiles[0]!.getAttribute("aria-roledescription")).toBe("순서를 바꿀 수 있는 사진");
    expect(tiles.map((t) => t.getAttribute("data-hash"))).toEqual(["hash1", "hash2", "hash3"]);
    const img = tiles[1]!.querySelector("img")!;
    expect(img.getAttribute("src")).toBe("photo://localhost/thumb/hash2");
    expect(img.getAttribute("decoding")).toBe("async");
    expect([img.getAttribute("width"), img.getAttribute("height")]).toEqual(["400", "300"]);
    expect(screen.getByText("3장")).toBeTruthy();
  });

  it("says what to do when there are no photos", async () => {
    vi.spyOn(api, "listPhotos").mockResolvedValue([]);
    renderWithProviders(<Gallery vehicleId="v1" />);
    expect((await screen.findByTestId("gallery-empty")).textContent).toContain("아직 사진이 없습니다");
  });

  it("moves a photo later at once, sends the whole new order, and queues a second move behind the first", async () => {
    await showGallery([photo(1), photo(2), photo(3)]);
    const first = deferred<Photo[]>();
    const second = deferred<Photo[]>();
    const reorder = vi.spyOn(api, "reorderPhotos").mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);

    expect((tile("p1").getByTestId("photo-move-earlier") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(tile("p1").getByTestId("photo-move-later"));
    await waitFor(() => expect(order()).toEqual(["p2", "p1", "p3"]));
    expect(reorder).toHaveBeenCalledWith("v1", ["p2", "p1", "p3"]);
    expect(tile("p2").queryByTestId("photo-cover-badge")).not.toBeNull();

    fireEvent.click(tile("p1").getByTestId("photo-move-later"));
    await waitFor(() => expect(order()).toEqual(["p2", "p3", "p1"]));
    // The core answers in order; the older answer must not undo the newer move on screen.
    expect(reorder).toHaveBeenCalledTimes(1);
    await act(async () => first.resolve([photo(2), photo(1), photo(3)]));
    expect(order()).toEqual(["p2", "p3", "p1"]);
    await waitFor(() => expect(reorder).toHaveBeenCalledTimes(2));
    expect(reorder).toHaveBeenLastCalledWith("v1", ["p2", "p3", "p1"]);
    await act(async () => second.resolve([photo(2), photo(3), photo(1, { caption: "from the core" })]));
    await waitFor(() => expect(tile("p1").getByTestId("photo-caption").textContent).toBe("from the core"));
  });

  it("puts the order back and says why when the core refuses a reorder", async () => {
    await showGallery([photo(1), photo(2)]);
    vi.spyOn(api, "reorderPhotos").mockRejectedValue({
      code: "photo_order",
      message: "the new order must list every photo of this vehicle exactly once",
      field: "ids",
      problems: [],
    });
    fireEvent.click(tile("p2").getByTestId("photo-move-earlier"));
    expect((await screen.findByTestId("gallery-error")).textContent).toBe(
      "사진 목록이 그사이 바뀌었습니다. 다시 불러왔으니 한 번 더 해 주세요.",
    );
    await waitFor(() => expect(order()).toEqual(["p1", "p2"]));
  });

  it("makes a photo the cover", async () => {
    await showGallery([photo(1), photo(2), photo(3)]);
    const setCover = vi.spyOn(api, "setCoverPhoto").mockResolvedValue([photo(3), photo(1), photo(2)]);
    fireEvent.click(tile("p3").getByTestId("photo-set-cover"));
    await waitFor(() => expect(order()).toEqual(["p3", "p1", "p2"]));
    expect(setCover).toHaveBeenCalledWith("p3");
    expect(tile("p3").queryByTestId("photo-cover-badge")).not.toBeNull();
    expect(tile("p1").queryByTestId("photo-cover-badge")).toBeNull();
  });

  it("edits a caption inline: Enter saves, Escape cancels", async () => {
    await showGallery([photo(1), photo(2)]);
    const save = vi.spyOn(api, "setPhotoCaption").mockResolvedValue(photo(1, { caption: "앞범퍼 교체" }));

    fireEvent.click(tile("p2").getByTestId("photo-caption"));
    fireEvent.change(tile("p2").getByTestId("photo-caption-input"), { target: { value: "버려질 글" } });
    fireEvent.keyDown(tile("p2").getByTestId("photo-caption-input"), { key: "Escape" });
    expect(tile("p2").queryByTestId("photo-caption-input")).toBeNull();
    expect(tile("p2").getByTestId("photo-caption").textContent).toBe("설명 추가");

    fireEvent.click(tile("p1").getByTestId("photo-caption"));
    const input = tile("p1").getByTestId("photo-caption-input");
    expect(document.activeElement).toBe(input);
    fireEvent.change(input, { target: { value: " 앞범퍼 교체 " } });
    fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() => expect(tile("p1").getByTestId("photo-caption").textContent).toBe("앞범퍼 교체"));
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith("p1", "앞범퍼 교체");
  });

  it("deletes at once and puts back the deleted record on undo", async () => {
    await showGallery([photo(1), photo(2), photo(3)]);
    const record = photo(2, { updated_at: "2024-06-01T00:00:00Z" });
    const remove = vi.spyOn(api, "deletePhoto").mockResolvedValue(record);
    const restore = vi.spyOn(api, "restorePhoto").mockResolvedValue([photo(1), photo(2), photo(3)]);

    fireEvent.click(tile("p2").getByTestId("photo-delete"));
    await waitFor(() => expect(order()).toEqual(["p1", "p3"]));
    expect(remove).toHaveBeenCalledWith("p2");
    const toast = await screen.findByTestId("photo-deleted-toast");
    expect(toast.textContent).toContain("사진을 삭제했습니다");

    fireEvent.click(screen.getByTestId("photo-undo"));
    await waitFor(() => expect(order()).toEqual(["p1", "p2", "p3"]));
    expect(restore).toHaveBeenCalledWith(record);
    expect(screen.queryByTestId("photo-undo")).toBeNull();
  });

  it("shows import progress from the channel, cancels, then sums up with each refused file", async () => {
    const list = vi.spyOn(api, "listPhotos").mockResolvedValue([photo(1)]);
    renderWithProviders(<Gallery vehicleId="v1" />);
    await waitFor(() => expect(order()).toEqual(["p1"]));

    vi.spyOn(api, "pickPhotoFiles").mockResolvedValue(["/card/IMG_0001.jpg", "/card/IMG_0002.jpg"]);
    const done = deferred<ImportSummary>();
    let hear: (p: ImportProgress) => void = () => {};
    const start = vi.spyOn(api, "importPhotos").mockImplementation((_v, _p, _j, onProgress) => {
      hear = onProgress;
      return done.promise;
    });
    const cancel = vi.spyOn(api, "cancelImport").mockResolvedValue(null);

    fireEvent.click(screen.getByTestId("gallery-add-files"));
    const bar = await screen.findByTestId("import-progress");
    expect(start).toHaveBeenCalledWith("v1", ["/card/IMG_0001.jpg", "/card/IMG_0002.jpg"], expect.any(String), expect.any(Function));
    const jobId = start.mock.calls[0]?.[2];
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(bar.getAttribute("role")).toBe("progressbar");
    expect(bar.textContent).toContain("가져오는 중…");
    expect((screen.getByTestId("gallery-add-files") as HTMLButtonElement).disabled).toBe(true);

    act(() => hear(progress({ done: 5, total: 12, imported: 4, refused: 1, current: "IMG_0005.jpg" })));
    expect(bar.getAttribute("aria-valuenow")).toBe("5");
    expect(bar.getAttribute("aria-valuemax")).toBe("12");
    expect(bar.textContent).toBe("12장 중 5장 · IMG_0005.jpg");

    fireEvent.click(screen.getByTestId("import-cancel"));
    await waitFor(() => expect(cancel).toHaveBeenCalledWith(jobId));
    expect(screen.getByTestId("import-cancel").textContent).toBe("취소하는 중…");

    await act(async () =>
      done.resolve({
        items: [
          { path: "/card/IMG_0001.jpg", result: { kind: "imported", photo: photo(2) } },
          { path: "/card/IMG_0002.jpg", result: { kind: "duplicate", photo_id: "p1" } },
          {
            path: "/card/notes.jpg",
            result: { kind: "refused", code: "not_an_image", message: "notes.jpg: the file looks like a JPEG but cannot be decoded" },
          },
          { path: "/card/odd.jpg", result: { kind: "refused", code: "new_code", message: "odd.jpg: something new" } },
        ],
        progress: progress({ done: 12, total: 12, imported: 10, duplicates: 1, refused: 1, current: "IMG_0012.jpg" }),
        cancelled: false,
      }),
    );
    const summary = await screen.findByTestId("import-summary");
    expect(summary.textContent).toContain("가져옴 10 · 중복 1 · 거부 1");
    const refused = screen.getAllByTestId("import-refused").map((el) => el.textContent);
    expect(refused).toEqual([
      "notes.jpg — 사진 파일이 아니거나 손상된 파일입니다.notes.jpg: the file looks like a JPEG but cannot be decoded",
      "odd.jpg: something new",
    ]);
    expect(screen.queryByTestId("import-progress")).toBeNull();
    await waitFor(() => expect(list).toHaveBeenCalledTimes(2));

    fireEvent.click(screen.getByTestId("import-dismiss"));
    expect(screen.queryByTestId("import-summary")).toBeNull();
  });

  it("imports files dropped on the window, highlighting while they hover, and stops listening on unmount", async () => {
    let drop: (d: FileDrop) => void = () => {};
    const unlisten = vi.fn();
    vi.spyOn(api, "onFileDrop").mockImplementation(async (handler) => {
      drop = handler;
      return unlisten;
    });
    const start = vi.spyOn(api, "importPhotos").mockReturnValue(new Promise(() => {}));
    const { unmount } = await showGallery([photo(1)]);

    const zone = screen.getByTestId("gallery-dropzone");
    expect(zone.getAttribute("data-over")).toBe("false");
    act(() => drop({ type: "over" }));
    expect(zone.getAttribute("data-over")).toBe("true");
    expect(screen.getByText("여기에 놓으면 이 차량의 사진으로 가져옵니다")).toBeTruthy();

    act(() => drop({ type: "drop", paths: ["/media/card/DCIM"] }));
    expect(zone.getAttribute("data-over")).toBe("false");
    expect(start).toHaveBeenCalledWith("v1", ["/media/card/DCIM"], expect.any(String), expect.any(Function));

    unmount();
    expect(unlisten).toHaveBeenCalledTimes(1);
  });
});
