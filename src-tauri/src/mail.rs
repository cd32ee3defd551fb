//! Commands of the core job: the customer log and inquiries, matching,
//! shortlists, composing, drafts, exports, the outbox and the SMTP account.

use std::path::Path;

use tauri::ipc::Channel;
use tauri::State;

use crate::jobs::Jobs;

use crate::state::AppState;
use lotbook::condition::Lang;
use lotbook::customers::{
    Customer, CustomerMatch, Inquiry, Interaction, InteractionInput, VehicleMatch,
};
use lotbook::mail::{
    account, ComposeProgress, ComposeRequest, ComposedMail, MailSend, MailTemplate, OutboxEntry,
    OutboxReport, SavedMail, SmtpPreset, SmtpSettings,
};
use lotbook::shortlist::Shortlist;
use lotbook::ErrorShape;

type Reply<T> = Result<T, ErrorShape>;

#[tauri::command]
pub async fn match_vehicles(
    state: State<'_, AppState>,
    customer_id: String,
    limit: u32,
) -> Reply<Vec<VehicleMatch>> {
    state
        .run(move |s| s.match_vehicles(&customer_id, limit as usize))
        .await
}

#[tauri::command]
pub async fn match_customers(
    state: State<'_, AppState>,
    vehicle_id: String,
) -> Reply<Vec<CustomerMatch>> {
    state.run(move |s| s.match_customers(&vehicle_id)).await
}

#[tauri::command]
pub async fn list_interactions(
    state: State<'_, AppState>,
    customer_id: String,
) -> Reply<Vec<Interaction>> {
    state.run(move |s| s.list_interactions(&customer_id)).await
}

#[tauri::command]
pub async fn log_interaction(
    state: State<'_, AppState>,
    input: InteractionInput,
) -> Reply<Interaction> {
    state.run(move |s| s.log_interaction(&input)).await
}

/// Inquiries of the last 30 days, overdue first.
#[tauri::command]
pub async fn list_inquiries(state: State<'_, AppState>) -> Reply<Vec<Inquiry>> {
    state.run(|s| s.recent_inquiries()).await
}

#[tauri::command]
pub async fn hand_over(
    state: State<'_, AppState>,
    customer_id: String,
    to_user_id: String,
    note: String,
) -> Reply<Customer> {
    state
        .run(move |s| s.hand_over(&customer_id, &to_user_id, &note))
        .await
}

#[tauri::command]
pub async fn list_sends(state: State<'_, AppState>, customer_id: String) -> Reply<Vec<MailSend>> {
    state.run(move |s| s.list_sends(&customer_id)).await
}

#[tauri::command]
pub async fn create_shortlist(
    state: State<'_, AppState>,
    customer_id: String,
    title: String,
    vehicle_ids: Vec<String>,
) -> Reply<Shortlist> {
    state
        .run(move |s| s.create_shortlist(&customer_id, &title, &vehicle_ids))
        .await
}

#[tauri::command]
pub async fn get_shortlist(state: State<'_, AppState>, id: String) -> Reply<Shortlist> {
    state.run(move |s| s.get_shortlist(&id)).await
}

#[tauri::command]
pub async fn list_shortlists(
    state: State<'_, AppState>,
    customer_id: String,
) -> Reply<Vec<Shortlist>> {
    state.run(move |s| s.list_shortlists(&customer_id)).await
}

#[tauri::command]
pub async fn set_shortlist_vehicles(
    state: State<'_, AppState>,
    id: String,
    vehicle_ids: Vec<String>,
) -> Reply<Shortlist> {
    state
        .run(move |s| s.set_shortlist_vehicles(&id, &vehicle_ids))
        .await
}

#[tauri::command]
pub async fn set_shortlist_photos(
    state: State<'_, AppState>,
    id: String,
    vehicle_id: String,
    photo_ids: Option<Vec<String>>,
) -> Reply<Shortlist> {
    state
        .run(move |s| s.set_shortlist_photos(&id, &vehicle_id, photo_ids.as_deref()))
        .await
}

#[tauri::command]
pub async fn delete_shortlist(state: State<'_, AppState>, id: String) -> Reply<()> {
    state.run(move |s| s.delete_shortlist(&id)).await
}

/// The email as it would go out (for the preview); nothing is saved.
/// Reports its stages on `on_progress`; `cancel_compose(job_id)` stops it.
#[tauri::command]
pub async fn compose_mail(
    state: State<'_, AppState>,
    jobs: State<'_, Jobs>,
    request: ComposeRequest,
    job_id: String,
    on_progress: Channel<ComposeProgress>,
) -> Reply<ComposedMail> {
    let cancel = jobs.start(&job_id);
    let result = state
        .run_beside(move |s| {
            s.compose_with(&request, &cancel, &mut |p| {
                // A closed window drops the channel; composing still ends.
                let _ = on_progress.send(p.clone());
            })
            .map(|d| d.mail)
        })
        .await;
    jobs.finish(&job_id);
    result
}

#[tauri::command]
pub fn cancel_compose(jobs: State<'_, Jobs>, job_id: String) {
    jobs.cancel(&job_id);
}

/// Saves the .eml draft to `path`, or to the Downloads folder.
#[tauri::command]
pub async fn save_eml(
    state: State<'_, AppState>,
    request: ComposeRequest,
    path: Option<String>,
) -> Reply<SavedMail> {
    state
        .run_beside(move |s| s.save_eml_to(&request, path.as_deref().map(Path::new)))
        .await
}

/// Writes the folder for messengers and print into `parent` (or Downloads).
#[tauri::command]
pub async fn export_shortlist(
    state: State<'_, AppState>,
    request: ComposeRequest,
    parent: Option<String>,
) -> Reply<SavedMail> {
    state
        .run_beside(move |s| s.export_shortlist_to(&request, parent.as_deref().map(Path::new)))
        .await
}

#[tauri::command]
pub async fn queue_mail(state: State<'_, AppState>, request: ComposeRequest) -> Reply<MailSend> {
    state
        .run_beside(move |s| s.queue_mail(&request).map(|(send, _)| send))
        .await
}

#[tauri::command]
pub async fn list_outbox(state: State<'_, AppState>) -> Reply<Vec<OutboxEntry>> {
    state.run(|s| s.outbox()).await
}

#[tauri::command]
pub async fn retry_outbox(state: State<'_, AppState>, id: String) -> Reply<()> {
    state.run(move |s| s.retry_outbox(&id)).await
}

/// Sends what is due, on a connection of its own: the app stays usable
/// while a mail server is slow.
#[tauri::command]
pub async fn send_outbox(state: State<'_, AppState>) -> Reply<OutboxReport> {
    let beside = state.beside()?;
    tauri::async_runtime::spawn_blocking(move || {
        lotbook::mail::outbox_worker::send_now(&beside.dir).map_err(|e| crate::state::reply(&e))
    })
    .await
    .map_err(|e| crate::state::internal(&format!("background task failed: {e}")))?
}

#[tauri::command]
pub async fn smtp_settings(state: State<'_, AppState>) -> Reply<Option<SmtpSettings>> {
    state.run(|s| s.smtp_settings()).await
}

#[tauri::command]
pub async fn save_smtp_settings(
    state: State<'_, AppState>,
    settings: SmtpSettings,
    password: Option<String>,
) -> Reply<SmtpSettings> {
    state
        .run(move |s| s.save_smtp_settings(&settings, password.as_deref()))
        .await
}

#[tauri::command]
pub async fn clear_smtp_settings(state: State<'_, AppState>) -> Reply<()> {
    state.run(|s| s.clear_smtp_settings()).await
}

#[tauri::command]
pub fn smtp_presets() -> Vec<SmtpPreset> {
    account::presets()
}

#[tauri::command]
pub async fn mail_templates(state: State<'_, AppState>) -> Reply<Vec<MailTemplate>> {
    state.run(|s| s.mail_templates()).await
}

/// Saves one template after checking it renders; empty restores the default.
#[tauri::command]
pub async fn set_mail_template(
    state: State<'_, AppState>,
    part: String,
    lang: Lang,
    source: String,
) -> Reply<()> {
    state
        .run(move |s| s.set_mail_template(&part, lang, &source))
        .await
}

/// A wording (saved or not) as it reads for a real customer; nothing is saved.
#[tauri::command]
pub async fn preview_wording(
    state: State<'_, AppState>,
    part: String,
    lang: Lang,
    source: String,
    customer_id: String,
) -> Reply<String> {
    state
        .run(move |s| s.preview_wording(&part, lang, &source, &customer_id))
        .await
}

#[tauri::command]
pub async fn team_setting(state: State<'_, AppState>, key: String) -> Reply<Option<String>> {
    state.run(move |s| s.team_setting(&key)).await
}

#[tauri::command]
pub async fn set_team_setting(state: State<'_, AppState>, key: String, value: String) -> Reply<()> {
    state.run(move |s| s.set_team_setting(&key, &value)).await
}
