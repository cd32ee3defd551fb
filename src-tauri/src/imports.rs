//! Spreadsheet imports (vehicles, customers): preview and import on a
//! connection of their own (`Store::open_beside`), so the window's commands
//! never wait behind a 50,000-row file; progress over a Channel, cancel by
//! the job id (`cancel_import`).

use std::sync::atomic::AtomicBool;

use tauri::ipc::Channel;
use tauri::State;

use crate::jobs::Jobs;
use crate::state::AppState;
use lotbook::customers::import::CustomerImportReport;
use lotbook::inventory::csv::CsvImportReport;
use lotbook::sheets::{ImportControl, ImportProgress, SheetPreview, SheetRequest};
use lotbook::{ErrorShape, Result, Store};

type Reply<T> = std::result::Result<T, ErrorShape>;

/// Runs `f` on a store of its own (see [`AppState::run_beside`]).
pub(crate) async fn beside<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&mut Store) -> Result<T> + Send + 'static,
) -> Reply<T> {
    state.run_beside(f).await
}

pub(crate) fn control<'a>(
    cancel: &'a AtomicBool,
    progress: &'a mut dyn FnMut(ImportProgress),
) -> ImportControl<'a> {
    ImportControl {
        cancel: Some(cancel),
        progress: Some(progress),
        chunk_rows: None,
        now: None,
    }
}

#[tauri::command]
pub async fn preview_vehicle_import(
    state: State<'_, AppState>,
    request: SheetRequest,
) -> Reply<SheetPreview> {
    beside(&state, move |s| s.preview_vehicle_file(&request)).await
}

#[tauri::command]
pub async fn preview_customer_import(
    state: State<'_, AppState>,
    request: SheetRequest,
) -> Reply<SheetPreview> {
    beside(&state, move |s| s.preview_customer_file(&request)).await
}

#[tauri::command]
pub async fn import_vehicle_file(
    state: State<'_, AppState>,
    jobs: State<'_, Jobs>,
    request: SheetRequest,
    job_id: String,
    on_progress: Channel<ImportProgress>,
) -> Reply<CsvImportReport> {
    let cancel = jobs.start(&job_id);
    let result = beside(&state, move |s| {
        // A closed window drops the channel; the import still finishes.
        let mut progress = |p: ImportProgress| drop(on_progress.send(p));
        s.import_vehicle_file(&request, control(&cancel, &mut progress))
    })
    .await;
    jobs.finish(&job_id);
    result
}

#[tauri::command]
pub async fn import_customer_file(
    state: State<'_, AppState>,
    jobs: State<'_, Jobs>,
    request: SheetRequest,
    job_id: String,
    on_progress: Channel<ImportProgress>,
) -> Reply<CustomerImportReport> {
    let cancel = jobs.start(&job_id);
    let result = beside(&state, move |s| {
        let mut progress = |p: ImportProgress| drop(on_progress.send(p));
        s.import_customer_file(&request, control(&cancel, &mut progress))
    })
    .await;
    jobs.finish(&job_id);
    result
}
