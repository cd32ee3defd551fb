//! Commands of team sync, and the worker that syncs on its own: at start,
//! a few seconds after local changes, every two minutes, and on demand.

use std::path::PathBuf;
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tauri::{AppHandle, Emitter, State};

use crate::gate::{DataGate, Pass};
use crate::state::AppState;
use lotbook::sync::history::FieldChange;
use lotbook::sync::state::SyncSettings;
use lotbook::sync::{SyncReport, SyncStatus};
use lotbook::{ErrorShape, Store};

type Reply<T> = Result<T, ErrorShape>;

/// The UI hears this after every pass; `applied` says whether data changed.
pub const SYNC_EVENT: &str = "sync-changed";

#[derive(Clone, serde::Serialize)]
struct SyncEvent {
    applied: bool,
}

/// Wakes the worker for a pass now.
#[derive(Default)]
pub struct SyncWorker(Mutex<Option<Sender<()>>>);

impl SyncWorker {
    /// Wakes the worker from anywhere (a restore, so it lets go of the folder).
    pub fn waker(&self) -> impl Fn() + Send + 'static {
        let tx = self.0.lock().ok().and_then(|g| g.clone());
        move || {
            if let Some(tx) = &tx {
                let _ = tx.send(());
            }
        }
    }

    pub fn wake(&self) {
        if let Ok(guard) = self.0.lock() {
            if let Some(tx) = guard.as_ref() {
                let _ = tx.send(());
            }
        }
    }
}

const CHECK_EVERY: Duration = Duration::from_secs(5);
const FULL_EVERY: Duration = Duration::from_secs(120);
const SETTLE: Duration = Duration::from_secs(2);

/// Watches the chosen folder's journals, re-pointed when the folder changes.
#[derive(Default)]
struct FolderWatch {
    folder: Option<String>,
    watcher: Option<notify::RecommendedWatcher>,
}

impl FolderWatch {
    fn follow(&mut self, folder: Option<String>, wake: &Sender<()>) {
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
                let _ = wake.send(());
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

/// Starts the worker on its own thread and connection: a slow NAS never
/// holds up the window. It holds a pass of `gate` while its connection is
/// open and lets both go when a restore closes the gate (a restore wakes
/// it); it opens the folder again afterwards.
pub fn spawn_worker(app: AppHandle, dir: PathBuf, gate: Arc<DataGate>, worker: &SyncWorker) {
    let (tx, rx) = channel();
    let wake_tx = tx.clone();
    if let Ok(mut guard) = worker.0.lock() {
        *guard = Some(tx);
    }
    std::thread::spawn(move || {
        let mut open: Option<(Store, Pass)> = None;
        // Start with a pass; then every 5 s look for local changes to send
        // (debounced by that wait), and do a full pass every 2 minutes or
        // when the folder watcher saw a file arrive.
        let mut last_full: Option<Instant> = None;
        let mut watch = FolderWatch::default();
        loop {
            let woken = match last_full {
                None => true,
                Some(_) => match rx.recv_timeout(CHECK_EVERY) {
                    Ok(()) => {
                        // A cloud drive writes a file in bursts; let it settle.
                        std::thread::sleep(SETTLE);
                        while rx.try_recv().is_ok() {}
                        true
                    }
                    Err(RecvTimeoutError::Timeout) => false,
                    Err(RecvTimeoutError::Disconnected) => return,
                },
            };
            if gate.closed() {
                open = None;
                last_full = Some(Instant::now());
                continue;
            }
            if open.is_none() {
                let Some(pass) = gate.enter() else {
                    last_full = Some(Instant::now());
                    continue;
                };
                match Store::open_beside(&dir) {
                    Ok(s) => open = Some((s, pass)),
                    Err(e) => {
                        tracing::warn!("sync: the database could not be opened: {e}");
                        last_full = Some(Instant::now());
                        continue;
                    }
                }
            }
            let Some((store, _)) = open.as_mut() else {
                continue;
            };
            let folder = lotbook::sync::state::folder(store).ok().flatten();
            let Some(folder) = folder else {
                watch.follow(None, &wake_tx);
                last_full = Some(Instant::now());
                continue; // sync is off; "save" on the Sync page wakes us
            };
            watch.follow(Some(folder), &wake_tx);
            let due = last_full.is_none_or(|t| t.elapsed() >= FULL_EVERY);
            let pending = lotbook::sync::state::pending_changes(store).unwrap_or(0) > 0;
            if !(woken || due || pending) {
                continue;
            }
            last_full = Some(Instant::now());
            let busy = crate::jobs::working("sync");
            let applied = match lotbook::sync::sync_saved(store) {
                Ok(Some(report)) => !report.idle(),
                Ok(None) => false,
                Err(e) => {
                    tracing::info!("sync: {e}");
                    false
                }
            };
            drop(busy);
            let _ = app.emit(SYNC_EVENT, SyncEvent { applied });
        }
    });
}

#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>) -> Reply<SyncStatus> {
    state.run(|s| lotbook::sync::state::status(s)).await
}

#[tauri::command]
pub async fn sync_settings(state: State<'_, AppState>) -> Reply<SyncSettings> {
    state.run(|s| lotbook::sync::state::settings(s)).await
}

#[tauri::command]
pub async fn save_sync_settings(
    state: State<'_, AppState>,
    worker: State<'_, SyncWorker>,
    folder: Option<String>,
    device_name: String,
    passphrase: Option<String>,
) -> Reply<SyncSettings> {
    let saved = state
        .run(move |s| {
            lotbook::sync::state::save_settings(
                s,
                folder.as_deref(),
                &device_name,
                passphrase.as_deref(),
            )
        })
        .await?;
    worker.wake();
    Ok(saved)
}

/// A pass now, on a connection of its own; the worker's next pass waits
/// for it (one pass at a time per data folder).
#[tauri::command]
pub async fn sync_now(app: AppHandle, state: State<'_, AppState>) -> Reply<Option<SyncReport>> {
    let beside = state.beside()?;
    let report = tauri::async_runtime::spawn_blocking(move || {
        let _busy = crate::jobs::working("sync");
        Store::open_beside(&beside.dir)
            .and_then(|mut s| lotbook::sync::sync_saved(&mut s))
            .map_err(|e| ErrorShape::from(&e))
    })
    .await
    .map_err(|e| crate::state::internal(&format!("background task failed: {e}")))?;
    let applied = matches!(&report, Ok(Some(r)) if !r.idle());
    let _ = app.emit(SYNC_EVENT, SyncEvent { applied });
    report
}

/// Who changed which field of a record when, and what it replaced.
#[tauri::command]
pub async fn record_history(
    state: State<'_, AppState>,
    table: String,
    row_id: String,
) -> Reply<Vec<FieldChange>> {
    state
        .run(move |s| lotbook::sync::history::row_history(s, &table, &row_id, 50))
        .await
}
