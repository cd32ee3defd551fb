import { afterEach, describe, expect, it, vi } from "vitest";
import { en } from "./en";
import { ko } from "./ko";
import { initI18n } from "./index";
import { initialLang, saveLang } from "./lang";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(path, v);
    else for (const [p, s] of leaves(v, path)) out.set(p, s);
  }
  return out;
}

function placeholders(s: string): string[] {
  return [...s.matchAll(/\{\{\s*(\w+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1] ?? "").sort();
}

describe("translations", () => {
  const koLeaves = leaves(ko);
  const enLeaves = leaves(en);

  it("have exactly the same keys in Korean and English", () => {
    expect([...enLeaves.keys()].sort()).toEqual([...koLeaves.keys()].sort());
  });

  it("have no empty strings", () => {
    for (const [key, text] of [...koLeaves, ...enLeaves]) {
      expect(text.trim(), key).not.toBe("");
    }
  });

  it("use the same placeholders in both languages", () => {
    for (const [key, text] of koLeaves) {
      expect(placeholders(enLeaves.get(key) ?? ""), key).toEqual(placeholders(text));
    }
  });

  it("use dealer Korean for the core words", () => {
    expect(ko.nav.inventory).toBe("재고");
    expect(ko.nav.customers).toBe("고객");
    expect(ko.status).toEqual({ in_stock: "판매중", reserved: "계약중", sold: "판매완료", withdrawn: "판매중지" });
    expect(ko.vehicle.lot).toBe("전시장");
  });
});

describe("numbers in sentences", () => {
  it("group thousands in every count (issue 15: 5645건)", () => {
    for (const lang of ["ko", "en"] as const) {
      const i18n = initI18n(lang);
      const dict = leaves(lang === "ko" ? ko : en);
      const counted = [...dict].filter(([, text]) => /\{\{\s*count\b/.test(text));
      expect(counted.length).toBeGreaterThan(20);
      for (const [key] of counted) {
        const text = i18n.t(key.replace(/_one$/, "") as never, { count: 5645, total: 12000 }) as string;
        expect(text, key).toContain("5,645");
        expect(text, key).not.toContain("5645");
      }
    }
  });
});

describe("plurals in English", () => {
  // "1 photos", "1 messages": a count before a plural noun needs its
  // singular (`key_one`), and the count must be passed as `count`.
  it("give every counted plural noun its singular", () => {
    const enLeaves = leaves(en);
    const missing = [...enLeaves]
      .filter(([key, text]) => !key.endsWith("_one") && /\{\{\s*(count|n)\b[^}]*\}\}\s+[a-z]+s\b/.test(text))
      .filter(([key]) => !enLeaves.has(`${key}_one`))
      .map(([key]) => key);
    expect(missing).toEqual([]);
  });

  it("say one photo, one message and one inquiry", () => {
    const i18n = initI18n("en");
    expect(i18n.t("gallery.count", { count: 1 })).toBe("1 photo");
    expect(i18n.t("gallery.count", { count: 2 })).toBe("2 photos");
    expect(i18n.t("outbox.total", { count: 1 })).toBe("1 message");
    expect(i18n.t("inquiries.total", { count: 1 })).toBe("1 inquiry");
    expect(i18n.t("inventory.total", { count: 1 })).toBe("1 vehicle in total");
  });
});

describe("language choice", () => {
  afterEach(() => {
    localStorage.clear();
    vi.restoreAllMocks();
  });

  it("follows the system language until the user picks one", () => {
    vi.spyOn(navigator, "language", "get").mockReturnValue("ko-KR");
    expect(initialLang()).toBe("ko");
    vi.spyOn(navigator, "language", "get").mockReturnValue("en-US");
    expect(initialLang()).toBe("en");
    saveLang("ko");
    expect(initialLang()).toBe("ko");
  });

  it("starts the demo in Korean on an English system, until the user picks a language", () => {
    // What the desktop shell hands the page when started with LOTBOOK_LANG=ko (scripts/run-demo.sh).
    const w = window as { __LOTBOOK_LANG__?: string };
    w.__LOTBOOK_LANG__ = "ko";
    try {
      vi.spyOn(navigator, "language", "get").mockReturnValue("en-US");
      expect(initialLang()).toBe("ko");
      saveLang("en");
      expect(initialLang()).toBe("en");
    } finally {
      delete w.__LOTBOOK_LANG__;
    }
  });
});
