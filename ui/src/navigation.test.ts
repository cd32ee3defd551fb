import { describe, expect, it } from "vitest";
import { pop, push, replaceTop, sectionOf, type Stack } from "./navigation";

describe("navigation stack", () => {
  it("goes back from a detail to the list it came from", () => {
    const s: Stack = push([{ name: "inventory" }], { name: "vehicle", id: "v1" });
    expect(pop(s)).toEqual([{ name: "inventory" }]);
  });

  it("after a create replaced the form, back leads to the list", () => {
    let s: Stack = push([{ name: "inventory" }], { name: "vehicle-new" });
    s = replaceTop(s, { name: "vehicle", id: "v9" });
    expect(pop(s)).toEqual([{ name: "inventory" }]);
  });

  it("without history, back leads to the parent screen", () => {
    expect(pop([{ name: "customer-edit", id: "c1" }])).toEqual([{ name: "customer", id: "c1" }]);
    expect(pop([{ name: "vehicle", id: "v1" }])).toEqual([{ name: "inventory" }]);
    expect(pop([{ name: "today" }])).toEqual([{ name: "today" }]);
    expect(pop([{ name: "sync" }])).toEqual([{ name: "settings" }]);
  });

  it("maps screens to their sidebar section", () => {
    expect(sectionOf({ name: "vehicle-edit", id: "x" })).toBe("inventory");
    expect(sectionOf({ name: "customer-new" })).toBe("customers");
    expect(sectionOf({ name: "sync" })).toBe("settings");
  });
});
