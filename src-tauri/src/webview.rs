//! Webview tuning per platform, to keep the web process light (issue 15;
//! figures in the README's "Memory and start time").

/// Linux (WebKitGTK), measured with ui/e2e/memory.test.mjs:
/// - No accelerated compositing: with it, every layer, tile and image the
///   page shows is also kept as a GL texture, which without a GPU (and with
///   Mesa's software driver) lives in the web process: 327 → 232 MB right
///   after start, 630 → 352 MB after ten galleries and three email
///   previews. Lotbook's screens are tables, forms and photos, which WebKit
///   paints on the CPU without visible cost; start-up is faster too.
/// - The document-viewer cache model: a web browser's model keeps decoded
///   images of a whole gallery in memory long after they scrolled away;
///   Lotbook shows local pages, and thumbnails are re-read from local disk in
///   a millisecond when they come back.
#[cfg(target_os = "linux")]
pub fn lean_caches(app: &tauri::App) {
    use tauri::Manager;
    use webkit2gtk::{
        CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
    };
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.with_webview(|webview| {
            let webview = webview.inner();
            if let Some(context) = webview.context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
            if let Some(settings) = webview.settings() {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
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
