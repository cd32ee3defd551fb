import { describe, expect, it, vi } from "vitest";
import { megabytes, previewHtml } from "./preview";

vi.mock("@tauri-apps/api/core", () => ({ convertFileSrc: (p: string, s: string) => `${s}://localhost/${p}` }));

const image = (cid: string, hash: string | null, data_url: string | null) => ({
  cid,
  vehicle_id: "v",
  photo_id: hash ? "p" : null,
  hash,
  data_url,
  width: 10,
  height: 10,
  bytes: 100,
});

describe("previewHtml", () => {
  it("points every cid at the photo's 400 px size or the diagram's data URL", () => {
    const html = '<img src="cid:p0-0.abc@lotbook"><img src="cid:d0.abc@lotbook"><p>cid: in text stays</p>';
    const out = previewHtml({
      html,
      images: [image("p0-0.abc@lotbook", "ff00", null), image("d0.abc@lotbook", null, "data:image/png;base64,AAA")],
    });
    expect(out).toContain('src="photo://localhost/thumb/ff00"');
    expect(out).toContain('src="data:image/png;base64,AAA"');
    expect(out).toContain("cid: in text stays");
    expect(out).not.toContain("cid:p0");
    // Photos decode only when scrolled into the frame (issue 15: memory).
    expect(out.match(/<img loading="lazy" decoding="async" src=/g)).toHaveLength(2);
  });

  it("writes sizes in decimal megabytes", () => {
    expect(megabytes(2_412_000)).toBe("2.4 MB");
    expect(megabytes(25_000_000)).toBe("25.0 MB");
  });
});
