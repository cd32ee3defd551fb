//! Starts the core's background workers (sync, the outbox, the daily
//! backup) on the window's data folder and turns their passes into events.
//! Their schedules live in the core.

use std::path::PathBuf;
use std::sync::Arc;

use lotbook::workers::{DataGate, RealClock, Worker};
use tauri::{AppHandle, Emitter};

use crate::sync::{FolderWatcher, SyncEvent, SYNC_EVENT};

/// The running workers; dropping this stops them.
#[derive(Default)]
pub struct Workers {
    sync: Option<Worker>,
    _backup: Option<Worker>,
    _outbox: Option<Worker>,
}

impl Workers {
    pub fn start(app: &AppHandle, dir: PathBuf, gate: Arc<DataGate>) -> Workers {
        let clock = Arc::new(RealClock);
        let handle = app.clone();
        let sync = lotbook::sync::worker::start(
            dir.clone(),
            gate.clone(),
            FolderWatcher::default(),
            clock.clone(),
            move |p| {
                let _ = handle.emit(SYNC_EVENT, SyncEvent { applied: p.applied });
            },
        );
        let backup =
            lotbook::backup::worker::start(dir.clone(), gate.clone(), clock.clone(), |_| {});
        let outbox = lotbook::mail::outbox_worker::start(dir, gate, clock, |_| {});
        Workers {
            sync: started("sync", sync),
            _backup: started("automatic backup", backup),
            _outbox: started("outbox", outbox),
        }
    }

    /// Wakes the sync worker (settings saved: a pass now).
    pub fn wake_sync(&self) {
        if let Some(w) = &self.sync {
            w.wake();
        }
    }

    /// Wakes the sync worker from a restore, so it lets go of the folder.
    pub fn sync_waker(&self) -> impl Fn() + Send + 'static {
        let waker = self.sync.as_ref().map(Worker::waker);
        move || {
            if let Some(w) = &waker {
                w.wake();
            }
        }
    }
}

fn started(what: &str, worker: std::io::Result<Worker>) -> Option<Worker> {
    worker
        .inspect_err(|e| tracing::error!(code = "internal", "the {what} worker did not start: {e}"))
        .ok()
}
