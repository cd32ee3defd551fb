//! After-sale care records as they cross IPC.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::condition::Lang;
use crate::text_enum;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SaleInput {
    pub customer_id: String,
    pub vehicle_id: String,
    #[ts(type = "number")]
    pub price_krw: i64,
    /// YYYY-MM-DD (Korea).
    pub delivered_on: String,
    pub user_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Sale {
    pub id: String,
    pub customer_id: String,
    pub customer_name: String,
    pub vehicle_id: String,
    pub vehicle_label: String,
    #[ts(type = "number")]
    pub price_krw: i64,
    pub delivered_on: String,
    pub user_id: Option<String>,
    pub user_name: Option<String>,
    pub follow_ups: Vec<FollowUp>,
    pub created_at: String,
}

text_enum! {
    pub enum FollowUpState {
        Open = "open",
        Done = "done",
        Skipped = "skipped",
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FollowUp {
    pub id: String,
    pub sale_id: String,
    /// The schedule step: "3d", "1m", "6m", "1y" …
    pub step: String,
    pub due_on: String,
    pub snoozed_until: Option<String>,
    pub state: FollowUpState,
    pub note: String,
    pub closed_at: Option<String>,
}

/// A follow-up with what the dealer needs to act on it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DueFollowUp {
    pub follow_up: FollowUp,
    pub customer_id: String,
    pub customer_name: String,
    pub phone: String,
    pub vehicle_label: String,
    pub delivered_on: String,
    pub user_name: Option<String>,
    /// Days past its date (0 = today).
    #[ts(type = "number")]
    pub days_late: i64,
}

/// Which sold cars a campaign is about. Empty fields do not filter.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CampaignFilter {
    pub make: Option<String>,
    pub model: Option<String>,
    pub year_min: Option<i32>,
    pub year_max: Option<i32>,
    /// VINs from … to (inclusive, as written: same maker, same length).
    pub vin_from: Option<String>,
    pub vin_to: Option<String>,
    /// Sold (delivered) from … to, YYYY-MM-DD inclusive.
    pub sold_from: Option<String>,
    pub sold_to: Option<String>,
    /// The owners of the sold cars an imported recall concerns whose
    /// recall is still open (`recalls`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub recall_id: Option<String>,
}

/// An owner a campaign would tell.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CampaignOwner {
    pub sale_id: String,
    pub customer_id: String,
    pub customer_name: String,
    pub email: String,
    pub vehicle_id: String,
    pub vehicle_label: String,
    pub vin: String,
    pub delivered_on: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CampaignInput {
    pub title: String,
    pub code: String,
    pub filter: CampaignFilter,
    pub lang: Lang,
    /// Templates: {{ customer }}, {{ car }}, {{ vin }}, {{ code }}, {{ team }}, {{ dealer }},
    /// and a recall's {{ deadline }}, {{ recall }} (its title) and {{ remedy }}.
    pub subject: String,
    pub body: String,
}

text_enum! {
    /// Where one owner stands: told (the email was sent), waiting in the
    /// outbox, not reachable (no address, an address that is not valid, or
    /// the server refused it).
    pub enum RecipientState {
        Sent = "sent",
        Queued = "queued",
        NoEmail = "no_email",
        InvalidEmail = "invalid_email",
        Failed = "failed",
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CampaignRecipient {
    pub owner: CampaignOwner,
    pub state: RecipientState,
    pub detail: String,
    pub at: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Campaign {
    pub id: String,
    pub title: String,
    pub code: String,
    pub filter: CampaignFilter,
    pub lang: Lang,
    pub subject: String,
    pub body: String,
    pub recipients: Vec<CampaignRecipient>,
    pub created_at: String,
}
