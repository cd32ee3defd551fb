import { describe, expect, it } from "vitest";
import { releaseRemovedImages } from "./releaseImages";

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("releasing removed images", () => {
  it("clears the src of an image that left the page, so WebKit can free its pixels", async () => {
    const root = document.createElement("div");
    document.body.append(root);
    const stop = releaseRemovedImages(root);
    root.innerHTML = '<div class="tile"><img src="photo://thumb/a.jpg"></div><img id="b" src="photo://screen/b.jpg">';
    const a = root.querySelector("img")!;
    const b = root.querySelector("#b") as HTMLImageElement;
    root.querySelector(".tile")!.remove();
    b.remove();
    await tick();
    expect(a.getAttribute("src")).toBe("data:,");
    expect(b.getAttribute("src")).toBe("data:,");
    stop();
    root.remove();
  });

  it("leaves an image that was only moved (a reordered gallery)", async () => {
    const root = document.createElement("div");
    document.body.append(root);
    const stop = releaseRemovedImages(root);
    root.innerHTML = '<img id="x" src="photo://thumb/x.jpg"><img id="y" src="photo://thumb/y.jpg">';
    const x = root.querySelector("#x") as HTMLImageElement;
    root.append(x); // a move: removed and inserted in one go
    await tick();
    expect(x.getAttribute("src")).toBe("photo://thumb/x.jpg");
    stop();
    root.remove();
  });
});
