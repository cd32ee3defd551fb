import type { Vehicle } from "../../bindings/Vehicle";

/** "르노삼성 SM520 LE" — how a dealer names a car in one line. */
export function vehicleName(v: Pick<Vehicle, "make" | "model" | "trim">): string {
  return [v.make, v.model, v.trim].filter((s) => s.trim() !== "").join(" ");
}
