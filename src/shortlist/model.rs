use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::inventory::Vehicle;
use crate::mail::MailSend;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ShortlistItem {
    pub vehicle: Vehicle,
    /// The photos that go into the email, in order.
    pub photo_ids: Vec<String>,
    /// False while the choice is the default one (it then follows the gallery).
    pub custom_photos: bool,
    pub note: String,
    /// The current condition report's summary, if the car has one.
    pub condition_ko: Option<String>,
    pub condition_en: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Shortlist {
    pub id: String,
    pub customer_id: String,
    pub customer_name: String,
    pub title: String,
    pub items: Vec<ShortlistItem>,
    /// Every email made from this shortlist, newest first.
    pub sends: Vec<MailSend>,
    pub created_at: String,
    pub updated_at: String,
}
