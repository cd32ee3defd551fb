//! Starts the core's background workers (sync, the outbox, the daily
//! backup) on the window's data folder and turns their passes into events.
//! Their schedules live in the core.

use std::path::PathBuf;
use std::sync::Arc;

use lotbook::workers::{DataGate, RealClock, Worker};
use tauri::{AppHandle, Emitter};

use lotbook::sync::worker::FolderWatch;
use lotbook::workers::Waker;

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

/// The UI hears this after every pass; `applied` says whether data changed.
pub const SYNC_EVENT: &str = "sync-changed";

#[derive(Clone, serde::Serialize)]
pub struct SyncEvent {
    pub applied: bool,
}

/// Watches the chosen folder's journals, re-pointed when the folder changes.
#[derive(Default)]
pub struct FolderWatcher {
    folder: Option<String>,
    watcher: Option<notify::RecommendedWatcher>,
}

impl FolderWatch for FolderWatcher {
    fn follow(&mut self, folder: Option<&str>, wake: &Waker) {
        let folder = folder.map(str::to_owned);
        if folder == self.folder && (self.watcher.is_some() || folder.is_none()) {
            return;
        }
        self.watcher = None;
        self.folder = folder.clone();
        let Some(folder) = folder else { return };
        let dir = std::path::Path::new(&folder).join(lotbook::sync::layout::ROOT);
        if !dir.is_dir() {
            return; // not set up yet, or unreachable: tried again next loop
        }
        let wake = wake.clone();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if event.is_ok_and(|e| e.kind.is_create() || e.kind.is_modify()) {
                wake.wake();
            }
        });
        match watcher {
            Ok(mut w) => {
                use notify::Watcher;
                if w.watch(&dir, notify::RecursiveMode::Recursive).is_ok() {
                    self.watcher = Some(w);
                }
            }
            Err(e) => tracing::info!("sync: the folder cannot be watched ({e}); polling"),
        }
    }
}
