//! The main window opens where it was last closed, at the same size
//! (`window.json` of the data folder, written by the core). Moves and
//! resizes come in bursts while the mouse drags, so the file is written once
//! the window has been still for a moment.

use std::path::PathBuf;
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

use lotbook::window_state::{self, WindowState};
use tauri::{Manager, PhysicalPosition, PhysicalSize, Runtime, WebviewWindow};

const SETTLE: Duration = Duration::from_millis(400);

/// Where the window's changes go (managed state).
pub struct WindowPlace {
    tx: Mutex<Sender<WindowState>>,
    dir: PathBuf,
}

/// Puts the window where it was, if that place is on a screen now (a
/// monitor unplugged since leaves it at its default place), and starts the
/// writer for later moves.
pub fn restore<R: Runtime>(window: &WebviewWindow<R>, dir: PathBuf) -> WindowPlace {
    if let Some(s) = window_state::load(&dir) {
        let _ = window.set_size(PhysicalSize::new(s.width, s.height));
        if on_a_screen(window, s.x, s.y) {
            let _ = window.set_position(PhysicalPosition::new(s.x, s.y));
        }
        if s.maximized {
            let _ = window.maximize();
        }
    }
    let (tx, rx) = channel::<WindowState>();
    let place = WindowPlace {
        tx: Mutex::new(tx),
        dir: dir.clone(),
    };
    std::thread::spawn(move || {
        while let Ok(mut latest) = rx.recv() {
            loop {
                match rx.recv_timeout(SETTLE) {
                    Ok(next) => latest = next,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            }
            if let Err(e) = window_state::save(&dir, &latest) {
                tracing::warn!(code = %e.code(), "window place not saved: {e}");
            }
        }
    });
    place
}

fn on_a_screen<R: Runtime>(window: &WebviewWindow<R>, x: i32, y: i32) -> bool {
    // The title bar's corner must be on some monitor, so the window can be grabbed.
    let (px, py) = (x + 40, y + 20);
    window
        .available_monitors()
        .unwrap_or_default()
        .iter()
        .any(|m| {
            let (p, s) = (m.position(), m.size());
            px >= p.x && py >= p.y && px < p.x + s.width as i32 && py < p.y + s.height as i32
        })
}

/// Notes the main window's new size or place.
pub fn on_window_event(window: &tauri::Window, event: &tauri::WindowEvent) {
    if !matches!(
        event,
        tauri::WindowEvent::Moved(_) | tauri::WindowEvent::Resized(_)
    ) {
        return;
    }
    let Some(place) = window.try_state::<WindowPlace>() else {
        return;
    };
    let maximized = window.is_maximized().unwrap_or(false);
    if window.is_minimized().unwrap_or(false) {
        return;
    }
    let (Ok(pos), Ok(size)) = (window.outer_position(), window.inner_size()) else {
        return;
    };
    let mut state = WindowState {
        x: pos.x,
        y: pos.y,
        width: size.width,
        height: size.height,
        maximized,
    };
    // Maximised: keep the normal size and place for when it is restored.
    if maximized {
        if let Some(before) = window_state::load(&place.dir) {
            state = WindowState {
                maximized: true,
                ..before
            };
        }
    }
    let sent = place.tx.lock().map(|tx| tx.send(state).is_ok());
    if !matches!(sent, Ok(true)) {
        tracing::warn!("window place writer is gone");
    }
}
