//! Archived photos of sold cars (Settings › 저장 공간 "지금 보관", a car's
//! "보관한 사진 되살리기"): on a connection of their own, progress over a
//! Channel, cancellable. The work is the core's (src/photos/archive.rs).

use std::time::{Duration, Instant};

use tauri::ipc::Channel;
use tauri::State;

use crate::jobs::Jobs;
use crate::state::{internal, AppState};
use lotbook::photos::archive::{ArchiveProgress, ArchiveReport};
use lotbook::photos::unarchive::{UnarchiveProgress, UnarchiveReport};
use lotbook::{ErrorShape, Store};

type Reply<T> = Result<T, ErrorShape>;

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> lotbook::Result<T> + Send + 'static,
) -> Reply<T> {
    tauri::async_runtime::spawn_blocking(move || f().map_err(|e| crate::state::reply(&e)))
        .await
        .map_err(|e| internal(&format!("background task failed: {e}")))?
}

/// Ten a second is plenty for a progress bar; the last step always goes.
fn throttled<P: Clone + serde::Serialize>(
    channel: Channel<P>,
    last_of: fn(&P) -> bool,
) -> impl FnMut(&P) {
    let mut last: Option<Instant> = None;
    move |p: &P| {
        if last_of(p) || last.is_none_or(|t| t.elapsed() >= Duration::from_millis(100)) {
            last = Some(Instant::now());
            let _ = channel.send(p.clone());
        }
    }
}

#[tauri::command]
pub async fn archive_photos(
    state: State<'_, AppState>,
    jobs: State<'_, Jobs>,
    job_id: String,
    on_progress: Channel<ArchiveProgress>,
) -> Reply<ArchiveReport> {
    let beside = state.beside()?;
    let cancel = jobs.start(&job_id);
    let result = blocking(move || {
        let mut store = Store::open_beside(&beside.dir)?;
        let mut tell = throttled(on_progress, |p: &ArchiveProgress| p.done == p.total);
        store.archive_photos(&cancel, &mut tell)
    })
    .await;
    jobs.finish(&job_id);
    result
}

#[tauri::command]
pub async fn unarchive_vehicle(
    state: State<'_, AppState>,
    jobs: State<'_, Jobs>,
    vehicle_id: String,
    job_id: String,
    on_progress: Channel<UnarchiveProgress>,
) -> Reply<UnarchiveReport> {
    let beside = state.beside()?;
    let cancel = jobs.start(&job_id);
    let result = blocking(move || {
        let mut store = Store::open_beside(&beside.dir)?;
        let mut tell = throttled(on_progress, |p: &UnarchiveProgress| p.done == p.total);
        store.unarchive_vehicle(&vehicle_id, &cancel, &mut tell)
    })
    .await;
    jobs.finish(&job_id);
    result
}

#[tauri::command]
pub fn cancel_archive(jobs: State<'_, Jobs>, job_id: String) {
    jobs.cancel(&job_id);
}

/// The ids of a car's photos that are archived (shown with 보관됨).
#[tauri::command]
pub async fn archived_photos(
    state: State<'_, AppState>,
    vehicle_id: String,
) -> Reply<lotbook::photos::archive::VehicleArchived> {
    state.run(move |s| s.archived_photos(&vehicle_id)).await
}
