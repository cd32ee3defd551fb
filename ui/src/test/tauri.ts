// The part of what Tauri injects into its webview that works without the core:
// convertFileSrc, as Tauri 2 writes it (the whole path percent-encoded). Commands
// (invoke) stay missing, so a test that forgets to mock one sees it fail.
type Internals = { convertFileSrc: (path: string, protocol?: string) => string };

export function installTauriInternals(): void {
  const internals: Internals = {
    convertFileSrc: (path, protocol = "asset") => `${protocol}://localhost/${encodeURIComponent(path)}`,
  };
  Object.defineProperty(window, "__TAURI_INTERNALS__", { value: internals, configurable: true });
}
