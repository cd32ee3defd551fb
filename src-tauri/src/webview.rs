//! Webview tuning per platform, to keep the web process light (issue 15;
//! figures in the README's "Memory and start time").

/// Linux (WebKitGTK): no accelerated compositing, decided before WebKit
/// starts. With it, every layer, tile and image the page shows is also kept
/// as a GL texture, which without a GPU (Mesa's software driver) lives in the
/// web process: ui/e2e/memory.test.mjs measured 300 → 205 MB after start,
/// 590 → 303 MB at the peak, 571 → 273 MB idle (README, "Memory and start
/// time"). Lotbook's screens are tables, forms and photos, which WebKit
/// paints on the CPU without visible cost.
///
/// It has to be the environment, read when WebKit starts: switching the
/// `HardwareAccelerationPolicy` setting on a live view left wheel events
/// routed to a scrolling tree that no longer scrolled the content pane (the
/// mouse wheel did nothing on Today). A value the user set is left as it is.
#[cfg(target_os = "linux")]
pub fn before_start() {
    const VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if std::env::var_os(VAR).is_none() {
        // Set first thing in `run`, before GTK, WebKit or any thread starts.
        std::env::set_var(VAR, "1");
    }
}

#[cfg(not(target_os = "linux"))]
pub fn before_start() {}

/// Linux: the document-viewer cache model. A web browser's model keeps decoded
/// images of a whole gallery in memory long after they scrolled away;
/// Lotbook shows local pages, and thumbnails are re-read from local disk in
/// a millisecond when they come back.
#[cfg(target_os = "linux")]
pub fn lean_caches(app: &tauri::App) {
    use tauri::Manager;
    use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.with_webview(|webview| {
            let webview = webview.inner();
            if let Some(context) = webview.context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        });
    }
}

#[cfg(not(target_os = "linux"))]
pub fn lean_caches(_app: &tauri::App) {}

/// Windows (WebView2 ≥ 114): while the window is minimised, ask WebView2 to
/// trim what it holds (it drops caches and lets the OS page out the rest);
/// back to normal when the window comes back. Older runtimes lack the
/// interface and keep their memory as before.
#[cfg(windows)]
pub fn on_window_event(window: &tauri::Window, event: &tauri::WindowEvent) {
    use std::sync::atomic::{AtomicBool, Ordering};
    use tauri::Manager;
    use webview2_com::Microsoft::Web::WebView2::Win32::{
        ICoreWebView2_19, COREWEBVIEW2_MEMORY_USAGE_TARGET_LEVEL_LOW,
        COREWEBVIEW2_MEMORY_USAGE_TARGET_LEVEL_NORMAL,
    };
    use windows_core::Interface;
    static MINIMIZED: AtomicBool = AtomicBool::new(false);
    if !matches!(event, tauri::WindowEvent::Resized(_)) {
        return;
    }
    let minimized = window.is_minimized().unwrap_or(false);
    // Resizes come by the hundred while a window is dragged: act on changes only.
    if MINIMIZED.swap(minimized, Ordering::Relaxed) == minimized {
        return;
    }
    let level = if minimized {
        COREWEBVIEW2_MEMORY_USAGE_TARGET_LEVEL_LOW
    } else {
        COREWEBVIEW2_MEMORY_USAGE_TARGET_LEVEL_NORMAL
    };
    if let Some(webview) = window.get_webview_window(window.label()) {
        let _ = webview.with_webview(move |webview| {
            // SAFETY: COM calls on the controller Tauri owns, on its UI thread (with_webview).
            let _ = unsafe {
                webview
                    .controller()
                    .CoreWebView2()
                    .and_then(|core| core.cast::<ICoreWebView2_19>())
                    .and_then(|core| core.SetMemoryUsageTargetLevel(level))
            };
        });
    }
}

#[cfg(not(windows))]
pub fn on_window_event(_window: &tauri::Window, _event: &tauri::WindowEvent) {}
