import { describe, expect, it } from "vitest";
import { i18n, initI18n } from "../../i18n";

initI18n("ko");
import { noticeText } from "./noticeText";

describe("noticeText", () => {
  it("words a known notice in Korean, with its file", async () => {
    await i18n.changeLanguage("ko");
    const copied = noticeText({ code: "copied", params: {}, message: "This data folder was copied" }, i18n.t);
    expect(copied).toMatch(/복사되었습니다/);
    expect(copied).not.toMatch(/[A-Za-z]/);
    const damaged = noticeText(
      { code: "photo_damaged", params: { file: "blobs/ab.jpg" }, message: "photo file blobs/ab.jpg is damaged" },
      i18n.t,
    );
    expect(damaged).toContain("blobs/ab.jpg");
    expect(damaged).toMatch(/손상/);
  });

  it("falls back to the core's sentence for a code this app does not know", async () => {
    await i18n.changeLanguage("ko");
    expect(noticeText({ code: "from_a_newer_lotbook", params: {}, message: "plain words" }, i18n.t)).toBe("plain words");
    expect(noticeText({ code: null, params: {}, message: "old entry" }, i18n.t)).toBe("old entry");
  });

  it("has an English text for every Korean one", async () => {
    await i18n.changeLanguage("en");
    expect(noticeText({ code: "clone", params: {}, message: "x" }, i18n.t)).toMatch(/carries on as a new computer/);
  });
});
