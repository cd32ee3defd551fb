//! Webview tuning per platform.

/// WebKitGTK defaults to a web browser's cache model, which keeps decoded
/// images of a whole gallery in memory long after they scrolled away. Lotbook
/// shows local pages, so the document-viewer model (no memory cache) keeps
/// memory flat on a car with hundreds of photos; thumbnails are re-read from
/// local disk in a millisecond when they come back.
#[cfg(target_os = "linux")]
pub fn lean_caches(app: &tauri::App) {
    use tauri::Manager;
    use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.with_webview(|webview| {
            if let Some(context) = webview.inner().context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        });
    }
}

#[cfg(not(target_os = "linux"))]
pub fn lean_caches(_app: &tauri::App) {}
