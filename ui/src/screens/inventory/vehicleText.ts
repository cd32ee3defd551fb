import type { Vehicle } from "../../bindings/Vehicle";

/** "르노삼성 SM520 LE" — how a dealer names a car in one line. */
export function vehicleName(v: Pick<Vehicle, "make" | "model" | "trim">): string {
  return joinName([v.make, v.model, v.trim]);
}

/** "2004년식 · 85라5572 · 대전오토월드": the given parts, trimmed, empty ones left out, in one text. */
export function joinParts(parts: ReadonlyArray<string | null | undefined>): string {
  return parts
    .map((p) => (p ?? "").replace(/\s+/g, " ").trim())
    .filter((p) => p !== "")
    .join(" · ");
}

function joinName(parts: string[]): string {
  return parts
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p !== "")
    .join(" ");
}
