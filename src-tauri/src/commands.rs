//! Tauri commands: each one a thin adapter over the core.

use tauri::State;

use crate::state::AppState;
use lotbook::customers::{Customer, CustomerInput, CustomerQuery, User, UserInput};
use lotbook::info::AppInfo;
use lotbook::inventory::{Lot, LotInput, Vehicle, VehicleInput, VehiclePage, VehicleQuery};
use lotbook::ErrorShape;

type Reply<T> = Result<T, ErrorShape>;

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Reply<AppInfo> {
    state.run(|s| s.app_info()).await
}

/// The page's start-up marks, logged once a start (see `lotbook::startup`).
/// Taken as any JSON so a wrong shape gets the one error shape, not the
/// shell's own string (a missing `marks` too).
#[tauri::command]
pub async fn note_painted(marks: Option<serde_json::Value>) -> Reply<()> {
    let marks = marks.unwrap_or_default();
    let marks = lotbook::startup::marks_from(marks).map_err(|e| ErrorShape::from(&e))?;
    lotbook::startup::note_painted(&marks);
    Ok(())
}

#[tauri::command]
pub async fn list_vehicles(state: State<'_, AppState>, query: VehicleQuery) -> Reply<VehiclePage> {
    state.run(move |s| s.list_vehicles(&query)).await
}

#[tauri::command]
pub async fn get_vehicle(state: State<'_, AppState>, id: String) -> Reply<Vehicle> {
    state.run(move |s| s.get_vehicle(&id)).await
}

#[tauri::command]
pub async fn save_vehicle(state: State<'_, AppState>, input: VehicleInput) -> Reply<Vehicle> {
    state.run(move |s| s.save_vehicle(&input)).await
}

#[tauri::command]
pub async fn delete_vehicle(state: State<'_, AppState>, id: String) -> Reply<()> {
    state.run(move |s| s.delete_vehicle(&id)).await
}

#[tauri::command]
pub async fn list_lots(state: State<'_, AppState>) -> Reply<Vec<Lot>> {
    state.run(|s| s.list_lots()).await
}

#[tauri::command]
pub async fn save_lot(state: State<'_, AppState>, input: LotInput) -> Reply<Lot> {
    state.run(move |s| s.save_lot(&input)).await
}

#[tauri::command]
pub async fn list_models(state: State<'_, AppState>) -> Reply<Vec<String>> {
    state.run(|s| s.list_models()).await
}

#[tauri::command]
pub async fn list_customers(
    state: State<'_, AppState>,
    query: CustomerQuery,
) -> Reply<Vec<Customer>> {
    state.run(move |s| s.list_customers(&query)).await
}

#[tauri::command]
pub async fn get_customer(state: State<'_, AppState>, id: String) -> Reply<Customer> {
    state.run(move |s| s.get_customer(&id)).await
}

#[tauri::command]
pub async fn save_customer(state: State<'_, AppState>, input: CustomerInput) -> Reply<Customer> {
    state.run(move |s| s.save_customer(&input)).await
}

#[tauri::command]
pub async fn delete_customer(state: State<'_, AppState>, id: String) -> Reply<()> {
    state.run(move |s| s.delete_customer(&id)).await
}

#[tauri::command]
pub async fn list_users(state: State<'_, AppState>) -> Reply<Vec<User>> {
    state.run(|s| s.list_users()).await
}

#[tauri::command]
pub async fn save_user(state: State<'_, AppState>, input: UserInput, make_me: bool) -> Reply<User> {
    state.run(move |s| s.save_user(&input, make_me)).await
}
