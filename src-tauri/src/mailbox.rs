//! Commands of the mailbox (IMAP), and starting the core's mailbox worker
//! with the restore gate; after each pass the UI hears `mailbox-changed`.

use std::sync::{Arc, Mutex};

use tauri::{AppHandle, Emitter, State};

use crate::state::AppState;
use lotbook::mailbox::{
    self, account, ImapPreset, ImapSettings, MailLead, MailboxReport, MailboxStatus, MailboxWorker,
    WorkerOptions,
};
use lotbook::workers::DataGate;
use lotbook::ErrorShape;

type Reply<T> = Result<T, ErrorShape>;

/// The UI hears this after every pass; `changed` says whether the log did.
pub const MAILBOX_EVENT: &str = "mailbox-changed";

#[derive(Clone, serde::Serialize)]
struct MailboxEvent {
    changed: bool,
}

/// The running worker (woken when the settings change).
#[derive(Default)]
pub struct MailboxHandle(Mutex<Option<MailboxWorker>>);

impl MailboxHandle {
    fn wake(&self) {
        if let Ok(guard) = self.0.lock() {
            if let Some(w) = guard.as_ref() {
                w.wake();
            }
        }
    }
}

fn emit(app: &AppHandle, report: &MailboxReport) {
    let changed = !report.items.is_empty();
    let _ = app.emit(MAILBOX_EVENT, MailboxEvent { changed });
}

/// Starts the worker on the data folder; a pass waits while a restore has it.
pub fn start(app: AppHandle, dir: std::path::PathBuf, gate: Arc<DataGate>, handle: &MailboxHandle) {
    let options = WorkerOptions {
        enter: Some(Arc::new(move || {
            gate.enter().map(|p| Box::new(p) as Box<dyn Send>)
        })),
        ..WorkerOptions::default()
    };
    let worker = MailboxWorker::start(dir, options, move |report| emit(&app, report));
    if let Ok(mut guard) = handle.0.lock() {
        *guard = Some(worker);
    }
}

#[tauri::command]
pub async fn imap_settings(state: State<'_, AppState>) -> Reply<Option<ImapSettings>> {
    state.run(|s| s.imap_settings()).await
}

#[tauri::command]
pub async fn save_imap_settings(
    state: State<'_, AppState>,
    worker: State<'_, MailboxHandle>,
    settings: ImapSettings,
    password: Option<String>,
) -> Reply<ImapSettings> {
    let saved = state
        .run(move |s| s.save_imap_settings(&settings, password.as_deref()))
        .await?;
    worker.wake();
    Ok(saved)
}

#[tauri::command]
pub async fn clear_imap_settings(state: State<'_, AppState>) -> Reply<()> {
    state.run(|s| s.clear_imap_settings()).await
}

#[tauri::command]
pub fn imap_presets() -> Vec<ImapPreset> {
    account::presets()
}

#[tauri::command]
pub async fn mailbox_status(state: State<'_, AppState>) -> Reply<MailboxStatus> {
    state.run(|s| s.mailbox_status()).await
}

/// A pass now, on a connection of its own (the window stays usable while
/// the server is slow).
#[tauri::command]
pub async fn check_mailbox(app: AppHandle, state: State<'_, AppState>) -> Reply<MailboxReport> {
    let beside = state.beside()?;
    let report = tauri::async_runtime::spawn_blocking(move || {
        let _busy = lotbook::workers::working("mailbox");
        lotbook::Store::open_beside(&beside.dir)
            .and_then(|mut s| mailbox::check_once(&mut s, chrono::Utc::now()))
            .map_err(|e| ErrorShape::from(&e))
    })
    .await
    .map_err(|e| crate::state::internal(&format!("background task failed: {e}")))??;
    emit(&app, &report);
    Ok(report)
}

#[tauri::command]
pub async fn list_mail_leads(state: State<'_, AppState>) -> Reply<Vec<MailLead>> {
    state.run(|s| s.mail_leads()).await
}

/// Makes the sender a customer; returns the new customer's id.
#[tauri::command]
pub async fn accept_mail_lead(state: State<'_, AppState>, id: String) -> Reply<String> {
    state.run(move |s| s.accept_mail_lead(&id)).await
}

#[tauri::command]
pub async fn dismiss_mail_lead(state: State<'_, AppState>, id: String) -> Reply<()> {
    state.run(move |s| s.dismiss_mail_lead(&id)).await
}

/// Opens the kept message of an inquiry from mail in the system's mail program.
#[tauri::command]
pub async fn open_mail_message(state: State<'_, AppState>, interaction_id: String) -> Reply<()> {
    let path = state
        .run(move |s| {
            s.mail_message_file(&interaction_id)?
                .ok_or(lotbook::Error::NotFound {
                    what: "kept message",
                    id: interaction_id,
                })
        })
        .await?;
    crate::file_manager::open(&path).map_err(|e| ErrorShape::from(&lotbook::Error::io(&path, e)))
}
