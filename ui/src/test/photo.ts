// A Photo record for tests: the n-th photo of vehicle v1, overridable.
import type { Photo } from "../bindings/Photo";

export function photo(n: number, over: Partial<Photo> = {}): Photo {
  return {
    id: `p${n}`,
    vehicle_id: "v1",
    hash: `hash${n}`,
    format: "jpeg",
    width: 4000,
    height: 3000,
    bytes: 2_000_000,
    original_name: `IMG_000${n}.jpg`,
    position: n - 1,
    caption: "",
    created_at: "2024-05-01T00:00:00Z",
    updated_at: "2024-05-01T00:00:00Z",
    part: null,
    shared_hash: null,
    ...over,
  };
}
