import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";
import { installTauriInternals } from "./tauri";

installTauriInternals();

afterEach(() => {
  cleanup();
});
