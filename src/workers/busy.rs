//! The work the app does by itself, counted while it runs, so an update is
//! never installed in the middle of a backup, a send or a sync.

use std::sync::Mutex;

static BACKGROUND: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());

/// Held while background work runs; dropping it (also by `?` or a panic)
/// ends the entry.
pub struct Working(&'static str);

pub fn working(what: &'static str) -> Working {
    BACKGROUND
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(what);
    Working(what)
}

impl Drop for Working {
    fn drop(&mut self) {
        let mut bg = BACKGROUND.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(at) = bg.iter().position(|w| *w == self.0) {
            bg.remove(at);
        }
    }
}

/// What runs now, by name ("backup", "send", "sync"), one entry per run.
pub fn background() -> Vec<&'static str> {
    BACKGROUND.lock().unwrap_or_else(|p| p.into_inner()).clone()
}
