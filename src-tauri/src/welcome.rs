//! The first run's welcome and the diagnostics for support: thin commands
//! over `lotbook::first_run` and `lotbook::diagnostics`.

use std::path::PathBuf;

use lotbook::diagnostics::Diagnostics;
use lotbook::first_run::{Welcome, WelcomeInput};
use lotbook::ErrorShape;
use tauri::{AppHandle, State};

use crate::state::{internal, AppState};

type Reply<T> = Result<T, ErrorShape>;

/// Set in the sample app: the dealer's own folder, to go back to.
const RETURN_ENV: &str = "LOTBOOK_RETURN_DIR";

/// The log folder this app writes to (managed state).
pub struct LogDir(pub PathBuf);

/// What the last run left when it crashed, told once (managed state).
pub struct CrashNote(pub std::sync::Mutex<Option<String>>);

/// The last run's crash, if it crashed; the UI says so once, calmly.
#[tauri::command]
pub fn last_crash(note: State<'_, CrashNote>) -> Option<String> {
    note.0.lock().ok().and_then(|mut n| n.take())
}

#[tauri::command]
pub async fn welcome_status(state: State<'_, AppState>) -> Reply<Welcome> {
    state.run(|s| s.welcome()).await
}

#[tauri::command]
pub async fn finish_welcome(state: State<'_, AppState>, input: WelcomeInput) -> Reply<Welcome> {
    state.run(move |s| s.finish_welcome(&input)).await
}

/// Fills the sample folder beside the data folder (once) and starts the app
/// again on it; the dealer's folder is left as it is, welcome and all.
#[tauri::command]
pub async fn open_sample(app: AppHandle, state: State<'_, AppState>) -> Reply<()> {
    let real = state.data_dir()?;
    let back = real.clone();
    let sample =
        tauri::async_runtime::spawn_blocking(move || lotbook::first_run::prepare_sample(&back))
            .await
            .map_err(|e| internal(&format!("background task failed: {e}")))?
            .map_err(|e| crate::state::reply(&e))?;
    relaunch(&app, &sample, Some(&real))
}

/// From the sample app back to the dealer's own folder.
#[tauri::command]
pub async fn leave_sample(app: AppHandle) -> Reply<()> {
    let real = std::env::var_os(RETURN_ENV)
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .ok_or_else(|| internal("this is not the sample app"))?;
    relaunch(&app, &real, None)
}

/// Starts this program again on `dir`, then quits this one.
fn relaunch(
    app: &AppHandle,
    dir: &std::path::Path,
    return_to: Option<&std::path::Path>,
) -> Reply<()> {
    let exe = std::env::current_exe()
        .map_err(|e| internal(&format!("the program file is unknown: {e}")))?;
    let mut cmd = std::process::Command::new(exe);
    cmd.env(lotbook::DATA_DIR_ENV, dir);
    match return_to {
        Some(r) => cmd.env(RETURN_ENV, r),
        None => cmd.env_remove(RETURN_ENV),
    };
    cmd.spawn()
        .map_err(|e| internal(&format!("Lotbook could not be started again: {e}")))?;
    tracing::info!("restarting on {}", dir.display());
    app.exit(0);
    Ok(())
}

#[tauri::command]
pub async fn diagnostics(
    state: State<'_, AppState>,
    log_dir: State<'_, LogDir>,
) -> Reply<Diagnostics> {
    let data_dir = state
        .data_dir()
        .unwrap_or_else(|_| lotbook::default_data_dir().unwrap_or_default());
    let log_dir = log_dir.0.clone();
    tauri::async_runtime::spawn_blocking(move || lotbook::diagnostics::collect(&data_dir, &log_dir))
        .await
        .map_err(|e| internal(&format!("background task failed: {e}")))
}
