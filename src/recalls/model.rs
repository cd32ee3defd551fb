//! Recall records as they cross IPC.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::care::RecipientState;
use crate::sheets::SheetRequest;
use crate::text_enum;

text_enum! {
    /// Where one car stands with one recall.
    pub enum RecallState {
        Open = "open",
        Done = "done",
        NotApplicable = "not_applicable",
    }
}

/// A recall file to preview or import: the file, and the maker it comes
/// from (the column mapping is remembered per maker).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct RecallFileRequest {
    pub file: SheetRequest,
    /// "현대", "기아", "르노코리아" … (may be empty).
    pub maker: String,
}

/// One recall with how many cars it concerns here.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RecallSummary {
    pub id: String,
    pub maker: String,
    pub code: String,
    pub title: String,
    pub remedy: String,
    /// YYYY-MM-DD.
    pub deadline: Option<String>,
    /// The campaign telling the owners of sold cars, once made.
    pub campaign_id: Option<String>,
    pub cars: u32,
    pub open: u32,
    pub open_in_stock: u32,
    pub open_sold: u32,
    pub created_at: String,
}

/// The owner of a sold car a recall concerns, and whether they were told.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RecallOwner {
    pub sale_id: String,
    pub customer_id: String,
    pub customer_name: String,
    pub phone: String,
    pub email: String,
    /// `None`: not told yet (no notice queued or sent).
    pub told: Option<RecipientState>,
}

/// One car's record of one recall.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CarRecall {
    pub id: String,
    pub recall_id: String,
    pub code: String,
    pub title: String,
    pub remedy: String,
    pub deadline: Option<String>,
    pub vehicle_id: String,
    pub vehicle_label: String,
    pub vin: String,
    /// The car's status (in_stock, reserved, sold, withdrawn).
    pub vehicle_status: String,
    pub state: RecallState,
    /// YYYY-MM-DD, when done.
    pub done_on: Option<String>,
    pub done_by: String,
    /// Why it does not apply.
    pub reason: String,
    /// Sold cars: their owner.
    pub owner: Option<RecallOwner>,
}

/// What an import did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RecallImportReport {
    pub recalls: Vec<RecallSummary>,
    /// VINs and ranges the file lists.
    pub vins: u32,
    /// Cars found, new records among them.
    pub matched: u32,
    pub new_records: u32,
    pub in_stock: u32,
    pub sold: u32,
    /// VINs and ranges that match no car here.
    pub unmatched: u32,
}

/// Today's recall section: cars in stock with an open recall, and owners
/// of sold cars not told yet (those without an e-mail address among them).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RecallsToday {
    pub in_stock: Vec<CarRecall>,
    pub owners_not_told: Vec<CarRecall>,
}

/// Closing one car's recall: done (the day, who) or not applicable (why).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecallClose {
    pub id: String,
    pub state: RecallState,
    /// YYYY-MM-DD (done; default today).
    pub done_on: Option<String>,
    pub done_by: String,
    pub reason: String,
}
