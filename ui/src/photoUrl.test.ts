import { describe, expect, it } from "vitest";
import { photoUrl } from "./photoUrl";

describe("photoUrl", () => {
  it("keeps the slash between size and hash, which the photo protocol splits on", () => {
    // convertFileSrc would turn "thumb/<hash>" into "thumb%2F<hash>".
    expect(photoUrl("ab12", "thumb")).toBe("photo://localhost/thumb/ab12");
    expect(photoUrl("ab12", "screen")).toBe("photo://localhost/screen/ab12");
  });
});
