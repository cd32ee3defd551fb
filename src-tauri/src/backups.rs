//! Settings › Backups: list, back up now (progress, cancel), verify, preview,
//! restore (in this process: the store closed, the data swapped, the store
//! opened again), the second location, and opening a location's folder.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tauri::ipc::Channel;
use tauri::State;

use crate::jobs::Jobs;
use crate::state::{internal, AppState};
use crate::workers::Workers;
use lotbook::backup::{
    self, BackupInfo, BackupLocation, BackupProgress, BackupStage, LocationOutcome, RestoreOutcome,
    VerifyReport,
};
use lotbook::{ErrorShape, Store};

type Reply<T> = Result<T, ErrorShape>;

fn shape(e: lotbook::Error) -> ErrorShape {
    crate::state::reply(&e)
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> lotbook::Result<T> + Send + 'static,
) -> Reply<T> {
    tauri::async_runtime::spawn_blocking(move || f().map_err(shape))
        .await
        .map_err(|e| internal(&format!("background task failed: {e}")))?
}

#[tauri::command]
pub async fn backup_locations(state: State<'_, AppState>) -> Reply<Vec<BackupLocation>> {
    state.run(|s| backup::locations(s)).await
}

/// On a connection of its own: the app stays usable while photos copy.
#[tauri::command]
pub async fn backup_now(
    state: State<'_, AppState>,
    jobs: State<'_, Jobs>,
    job_id: String,
    on_progress: Channel<BackupProgress>,
) -> Reply<Vec<LocationOutcome>> {
    let beside = state.beside()?;
    let cancel = jobs.start(&job_id);
    let result = blocking(move || {
        let store = Store::open_beside(&beside.dir)?;
        let mut last: Option<Instant> = None;
        backup::backup_everywhere(&store, &cancel, &mut |p| {
            // Ten a second is plenty for a progress bar.
            let step_end = p.stage != BackupStage::Photos || p.done == p.total;
            if step_end || last.is_none_or(|t| t.elapsed() >= Duration::from_millis(100)) {
                last = Some(Instant::now());
                let _ = on_progress.send(p.clone());
            }
        })
    })
    .await;
    jobs.finish(&job_id);
    result
}

#[tauri::command]
pub fn cancel_backup(jobs: State<'_, Jobs>, job_id: String) {
    jobs.cancel(&job_id);
}

#[tauri::command]
pub async fn verify_backup(path: String) -> Reply<VerifyReport> {
    blocking(move || backup::verify(Path::new(&path))).await
}

#[tauri::command]
pub async fn preview_backup(path: String) -> Reply<BackupInfo> {
    blocking(move || backup::preview(Path::new(&path))).await
}

/// Restores in this process, all or nothing (the current data saved
/// first); the page then reloads its data. A refused restore leaves the
/// data as it was and says why (`ok: false`).
#[tauri::command]
pub async fn restore_backup(
    state: State<'_, AppState>,
    workers: State<'_, Workers>,
    path: String,
) -> Reply<RestoreOutcome> {
    let nudge = workers.sync_waker();
    state.restore(PathBuf::from(path), nudge).await
}

#[tauri::command]
pub async fn set_second_backup_location(
    state: State<'_, AppState>,
    folder: Option<String>,
) -> Reply<Vec<BackupLocation>> {
    state
        .run(move |s| {
            backup::set_second_location(s, folder.as_deref().map(Path::new))?;
            backup::locations(s)
        })
        .await
}

/// Opens one of the two locations in the file manager (only those: the
/// page never names a path to open).
#[tauri::command]
pub async fn open_backup_folder(state: State<'_, AppState>, second: bool) -> Reply<()> {
    let locations = state.run(|s| backup::locations(s)).await?;
    let loc = locations
        .into_iter()
        .find(|l| l.second == second)
        .ok_or_else(|| internal("there is no second backup location"))?;
    let path = PathBuf::from(&loc.path);
    if loc.waiting {
        return Err(shape(lotbook::Error::bad_file(
            &path,
            "is not there now (the drive is not connected)",
        )));
    }
    std::fs::create_dir_all(&path).map_err(|e| shape(lotbook::Error::io(&path, e)))?;
    crate::file_manager::open(&path).map_err(|e| shape(lotbook::Error::io(&path, e)))
}
