//! Recall files (a maker's VIN list) and each car's recall record: the
//! import runs beside the window's store like the other spreadsheet imports
//! (progress, cancel by job id); the rest are a line calling the core.

use tauri::ipc::Channel;
use tauri::State;

use crate::imports::{beside, control};
use crate::jobs::Jobs;
use crate::state::AppState;
use lotbook::care::Campaign;
use lotbook::condition::Lang;
use lotbook::recalls::{
    CarRecall, RecallClose, RecallFileRequest, RecallImportReport, RecallSummary, RecallsToday,
};
use lotbook::sheets::{ImportProgress, SheetPreview};
use lotbook::ErrorShape;

type Reply<T> = std::result::Result<T, ErrorShape>;

#[tauri::command]
pub async fn preview_recall_import(
    state: State<'_, AppState>,
    request: RecallFileRequest,
) -> Reply<SheetPreview> {
    beside(&state, move |s| s.preview_recall_file(&request)).await
}

#[tauri::command]
pub async fn import_recall_file(
    state: State<'_, AppState>,
    jobs: State<'_, Jobs>,
    request: RecallFileRequest,
    job_id: String,
    on_progress: Channel<ImportProgress>,
) -> Reply<RecallImportReport> {
    let cancel = jobs.start(&job_id);
    let result = beside(&state, move |s| {
        let mut progress = |p: ImportProgress| drop(on_progress.send(p));
        s.import_recall_file(&request, control(&cancel, &mut progress))
    })
    .await;
    jobs.finish(&job_id);
    result
}

#[tauri::command]
pub async fn list_recalls(state: State<'_, AppState>) -> Reply<Vec<RecallSummary>> {
    state.run(|s| s.list_recalls()).await
}

#[tauri::command]
pub async fn recalls_of_vehicle(
    state: State<'_, AppState>,
    vehicle_id: String,
) -> Reply<Vec<CarRecall>> {
    state.run(move |s| s.recalls_of_vehicle(&vehicle_id)).await
}

#[tauri::command]
pub async fn vehicles_with_open_recall(state: State<'_, AppState>) -> Reply<Vec<String>> {
    state.run(|s| s.vehicles_with_open_recall()).await
}

#[tauri::command]
pub async fn close_car_recall(state: State<'_, AppState>, close: RecallClose) -> Reply<CarRecall> {
    state.run(move |s| s.close_car_recall(&close)).await
}

#[tauri::command]
pub async fn recalls_today(state: State<'_, AppState>) -> Reply<RecallsToday> {
    state.run(|s| s.recalls_today()).await
}

#[tauri::command]
pub async fn recall_campaign(
    state: State<'_, AppState>,
    recall_id: String,
    lang: Lang,
) -> Reply<Campaign> {
    state
        .run(move |s| s.recall_campaign(&recall_id, lang))
        .await
}
