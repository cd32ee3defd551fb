//! Commands of team sync, and the watch on the team folder that wakes the
//! core's sync worker when a file arrives.

use tauri::{AppHandle, Emitter, State};

use crate::state::AppState;
use crate::workers::Workers;
use lotbook::sync::history::FieldChange;
use lotbook::sync::state::SyncSettings;
use lotbook::sync::worker::FolderWatch;
use lotbook::sync::{SyncReport, SyncStatus};
use lotbook::workers::Waker;
use lotbook::ErrorShape;

type Reply<T> = Result<T, ErrorShape>;

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
    workers: State<'_, Workers>,
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
    workers.wake_sync();
    Ok(saved)
}

/// A pass now, on a connection of its own; the worker's next pass waits
/// for it (one pass at a time per data folder).
#[tauri::command]
pub async fn sync_now(app: AppHandle, state: State<'_, AppState>) -> Reply<Option<SyncReport>> {
    let beside = state.beside()?;
    let report = tauri::async_runtime::spawn_blocking(move || {
        lotbook::sync::worker::sync_now(&beside.dir).map_err(|e| crate::state::reply(&e))
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
