//! Commands of team sync (the worker that syncs on its own is the core's,
//! started in `workers`).

use tauri::{AppHandle, Emitter, State};

use crate::state::AppState;
use crate::workers::{SyncEvent, Workers, SYNC_EVENT};
use lotbook::sync::history::FieldChange;
use lotbook::sync::state::SyncSettings;
use lotbook::sync::{SyncReport, SyncStatus};
use lotbook::ErrorShape;

type Reply<T> = Result<T, ErrorShape>;

#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>) -> Reply<SyncStatus> {
    state.run(|s| lotbook::sync::state::status(s)).await
}

/// How much space the team uses where (Settings: 저장 공간).
#[tauri::command]
pub async fn space_report(state: State<'_, AppState>) -> Reply<lotbook::space::SpaceReport> {
    state.run(|s| lotbook::space::report(s, None)).await
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
