//! Condition report commands: the catalogue the editor draws, live preview
//! (summary and diagram), and the reports themselves.

use tauri::State;

use crate::state::AppState;
use lotbook::condition::{
    catalog, preview, ConditionCatalog, ConditionInput, ConditionPreview, ConditionReport, Lang,
};
use lotbook::ErrorShape;

type Reply<T> = Result<T, ErrorShape>;

#[tauri::command]
pub fn condition_catalog() -> ConditionCatalog {
    catalog()
}

/// Pure computation on the input (no store, well under a millisecond).
#[tauri::command]
pub fn preview_condition(
    input: ConditionInput,
    lang: Lang,
    selected: Option<String>,
) -> ConditionPreview {
    preview(&input, lang, selected.as_deref())
}

#[tauri::command]
pub async fn list_conditions(
    state: State<'_, AppState>,
    vehicle_id: String,
) -> Reply<Vec<ConditionReport>> {
    state.run(move |s| s.list_conditions(&vehicle_id)).await
}

#[tauri::command]
pub async fn save_condition(
    state: State<'_, AppState>,
    input: ConditionInput,
) -> Reply<ConditionReport> {
    state.run(move |s| s.save_condition(&input)).await
}

#[tauri::command]
pub async fn delete_condition(state: State<'_, AppState>, id: String) -> Reply<()> {
    state.run(move |s| s.delete_condition(&id)).await
}
