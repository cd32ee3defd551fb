//! Commands of the calendar and after-sale care: visits, sales, follow-ups,
//! campaigns and the Today screen.

use tauri::State;

use crate::state::AppState;
use lotbook::calendar::{
    DealerNow, LateUpdate, Visit, VisitConflict, VisitInput, VisitQuery, VisitStatus,
};
use lotbook::care::{
    Campaign, CampaignFilter, CampaignInput, CampaignOwner, FollowUp, FollowUpState, Sale,
    SaleInput, Today,
};
use lotbook::condition::Lang;
use lotbook::mail::MailSend;
use lotbook::ErrorShape;

type Reply<T> = Result<T, ErrorShape>;

#[tauri::command]
pub async fn list_visits(state: State<'_, AppState>, query: VisitQuery) -> Reply<Vec<Visit>> {
    state.run(move |s| s.list_visits(&query)).await
}

#[tauri::command]
pub async fn save_visit(state: State<'_, AppState>, input: VisitInput) -> Reply<Visit> {
    state.run(move |s| s.save_visit(&input)).await
}

#[tauri::command]
pub async fn overlapping_visits(
    state: State<'_, AppState>,
    user_id: String,
    start_at: String,
    minutes: u32,
    except_id: Option<String>,
) -> Reply<Vec<Visit>> {
    state
        .run(move |s| s.overlapping_visits(&user_id, &start_at, minutes, except_id.as_deref()))
        .await
}

#[tauri::command]
pub async fn set_visit_status(
    state: State<'_, AppState>,
    id: String,
    status: VisitStatus,
) -> Reply<Visit> {
    state.run(move |s| s.set_visit_status(&id, status)).await
}

#[tauri::command]
pub async fn running_late(
    state: State<'_, AppState>,
    id: String,
    eta: String,
) -> Reply<LateUpdate> {
    state.run(move |s| s.running_late(&id, &eta)).await
}

#[tauri::command]
pub async fn delete_visit(state: State<'_, AppState>, id: String) -> Reply<()> {
    state.run(move |s| s.delete_visit(&id)).await
}

#[tauri::command]
pub async fn visit_conflicts(
    state: State<'_, AppState>,
    from: String,
) -> Reply<Vec<VisitConflict>> {
    state.run(move |s| s.visit_conflicts(&from)).await
}

#[tauri::command]
pub async fn dealers_now(state: State<'_, AppState>) -> Reply<Vec<DealerNow>> {
    state.run(|s| s.dealers_now(chrono::Utc::now())).await
}

#[tauri::command]
pub async fn save_visit_ics(state: State<'_, AppState>, id: String) -> Reply<String> {
    state.run(move |s| s.save_visit_ics(&id)).await
}

#[tauri::command]
pub async fn queue_visit_confirmation(
    state: State<'_, AppState>,
    id: String,
    lang: Lang,
) -> Reply<MailSend> {
    state
        .run(move |s| s.queue_visit_confirmation(&id, lang))
        .await
}

#[tauri::command]
pub async fn record_sale(
    state: State<'_, AppState>,
    input: SaleInput,
    recall_told: Option<bool>,
) -> Reply<Sale> {
    // A car with an open recall is refused (`open_recall`) until the dealer
    // confirms the buyer was told.
    state
        .run(move |s| s.record_sale_told(&input, recall_told.unwrap_or(false)))
        .await
}

#[tauri::command]
pub async fn sales_of_vehicle(state: State<'_, AppState>, vehicle_id: String) -> Reply<Vec<Sale>> {
    state.run(move |s| s.sales_of_vehicle(&vehicle_id)).await
}

#[tauri::command]
pub async fn sales_of_customer(
    state: State<'_, AppState>,
    customer_id: String,
) -> Reply<Vec<Sale>> {
    state.run(move |s| s.sales_of_customer(&customer_id)).await
}

#[tauri::command]
pub async fn close_follow_up(
    state: State<'_, AppState>,
    id: String,
    done: bool,
    note: String,
) -> Reply<FollowUp> {
    let st = if done {
        FollowUpState::Done
    } else {
        FollowUpState::Skipped
    };
    state.run(move |s| s.close_follow_up(&id, st, &note)).await
}

#[tauri::command]
pub async fn snooze_follow_up(
    state: State<'_, AppState>,
    id: String,
    until: String,
) -> Reply<FollowUp> {
    state.run(move |s| s.snooze_follow_up(&id, &until)).await
}

/// The notice as the first owner the filter reaches would read it
/// (subject, body); null when it reaches no one. Nothing is saved.
#[tauri::command]
pub async fn preview_campaign_notice(
    state: State<'_, AppState>,
    filter: CampaignFilter,
    code: String,
    subject: String,
    body: String,
) -> Reply<Option<(String, String)>> {
    state
        .run(move |s| s.preview_campaign_notice(&filter, &code, &subject, &body))
        .await
}

#[tauri::command]
pub async fn preview_campaign(
    state: State<'_, AppState>,
    filter: CampaignFilter,
) -> Reply<Vec<CampaignOwner>> {
    state.run(move |s| s.preview_campaign(&filter)).await
}

#[tauri::command]
pub async fn create_campaign(state: State<'_, AppState>, input: CampaignInput) -> Reply<Campaign> {
    state.run(move |s| s.create_campaign(&input)).await
}

#[tauri::command]
pub async fn list_campaigns(state: State<'_, AppState>) -> Reply<Vec<Campaign>> {
    state.run(|s| s.list_campaigns()).await
}

#[tauri::command]
pub async fn send_campaign(state: State<'_, AppState>, id: String) -> Reply<Campaign> {
    state.run(move |s| s.send_campaign(&id)).await
}

/// The home screen, as of now.
#[tauri::command]
pub async fn today(state: State<'_, AppState>) -> Reply<Today> {
    state.run(|s| s.today(chrono::Utc::now())).await
}
