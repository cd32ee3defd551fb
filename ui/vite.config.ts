import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Unit tests run on a computer in New York (the workers inherit TZ), so a
// date or time that follows the computer's zone instead of the team's fails.
process.env.TZ = "America/New_York";

export default defineConfig({
  // Relative asset paths: Tauri serves dist/ from its own custom protocol.
  base: "./",
  plugins: [react()],
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
    // The wording editor's test reads the core's default templates from here.
    fs: { allow: [".", "../src/mail"] },
  },
  build: { outDir: "dist", emptyOutDir: true },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
  },
});
