//! Commands of the exports: one kind to a spreadsheet file, everything to a
//! folder (with progress and cancel), and opening that folder afterwards.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tauri::ipc::Channel;
use tauri::State;

use crate::jobs::Jobs;
use crate::state::{internal, AppState};
use lotbook::condition::Lang;
use lotbook::export::all::{ExportAllControl, ExportAllProgress, ExportAllReport};
use lotbook::export::Export;
use lotbook::{ErrorShape, Store};

type Reply<T> = Result<T, ErrorShape>;

/// The folders export_all wrote in this session: the only ones
/// `open_export_folder` opens (the UI never names an arbitrary path to run).
#[derive(Default)]
pub struct Exported(Mutex<HashSet<PathBuf>>);

/// Writes one kind to `path` (.xlsx or .csv by its extension); returns the rows.
#[tauri::command]
pub async fn export_sheet(state: State<'_, AppState>, kind: Export, path: String) -> Reply<u32> {
    state.run(move |s| s.export(kind, Path::new(&path))).await
}

/// Writes everything into a new folder inside `parent`, on a connection of
/// its own (the app stays usable), the condition reports in the page's
/// `lang`; `cancel_export_all(job_id)` stops it.
#[tauri::command]
pub async fn export_all(
    state: State<'_, AppState>,
    jobs: State<'_, Jobs>,
    exported: State<'_, Exported>,
    parent: String,
    lang: Lang,
    job_id: String,
    on_progress: Channel<ExportAllProgress>,
) -> Reply<ExportAllReport> {
    let beside = state.beside()?;
    let cancel = jobs.start(&job_id);
    let result = tauri::async_runtime::spawn_blocking(move || {
        let store = Store::open_beside(&beside.dir)?;
        store.export_all_into(
            Path::new(&parent),
            ExportAllControl {
                cancel: Some(&cancel),
                progress: Some(&mut |p: &ExportAllProgress| {
                    // A closed window drops the channel; the export still ends.
                    let _ = on_progress.send(p.clone());
                }),
                lang,
            },
        )
    })
    .await;
    jobs.finish(&job_id);
    let report = result
        .map_err(|e| internal(&format!("the export stopped unexpectedly: {e}")))?
        .map_err(|e| crate::state::reply(&e))?;
    if let Ok(mut set) = exported.0.lock() {
        set.insert(PathBuf::from(&report.path));
    }
    Ok(report)
}

#[tauri::command]
pub fn cancel_export_all(jobs: State<'_, Jobs>, job_id: String) {
    jobs.cancel(&job_id);
}

/// `$LOTBOOK_SAVE_DIR` when set (the end-to-end tests, which cannot drive
/// the OS dialogs): exports then go there without asking.
#[tauri::command]
pub fn save_dir_override() -> Option<String> {
    std::env::var(lotbook::mail::outbox::SAVE_DIR_ENV)
        .ok()
        .filter(|d| !d.is_empty())
}

/// Opens a folder export_all wrote in the system's file manager.
#[tauri::command]
pub fn open_export_folder(exported: State<'_, Exported>, path: String) -> Reply<()> {
    let path = PathBuf::from(path);
    let known = exported
        .0
        .lock()
        .map(|s| s.contains(&path))
        .unwrap_or(false);
    if !known || !path.is_dir() {
        return Err(crate::state::reply(&lotbook::Error::NotFound {
            what: "exported folder",
            id: path.display().to_string(),
        }));
    }
    crate::file_manager::open(&path).map_err(|e| crate::state::reply(&lotbook::Error::io(&path, e)))
}
