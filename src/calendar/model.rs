//! The calendar's records as they cross IPC.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text_enum;

text_enum! {
    /// A customer's visit, or time the dealer keeps free.
    pub enum VisitKind {
        Visit = "visit",
        Blocked = "blocked",
    }
}

text_enum! {
    pub enum VisitStatus {
        Booked = "booked",
        Late = "late",
        Arrived = "arrived",
        Done = "done",
        NoShow = "no_show",
        Cancelled = "cancelled",
    }
}

impl VisitStatus {
    /// Still holds the dealer's time (a finished or called-off visit does not).
    pub fn holds_time(self) -> bool {
        matches!(
            self,
            VisitStatus::Booked | VisitStatus::Late | VisitStatus::Arrived
        )
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Visit {
    pub id: String,
    pub kind: VisitKind,
    pub customer_id: Option<String>,
    pub customer_name: Option<String>,
    pub user_id: Option<String>,
    pub user_name: Option<String>,
    /// RFC 3339 UTC.
    pub start_at: String,
    pub end_at: String,
    pub minutes: u32,
    pub lot_ids: Vec<String>,
    pub vehicle_ids: Vec<String>,
    pub status: VisitStatus,
    pub note: String,
    pub overridden: bool,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VisitInput {
    pub id: Option<String>,
    pub kind: VisitKind,
    pub customer_id: Option<String>,
    pub user_id: Option<String>,
    /// RFC 3339 with an offset ("2026-12-05T12:00:00+09:00") or UTC.
    pub start_at: String,
    pub minutes: u32,
    pub lot_ids: Vec<String>,
    pub vehicle_ids: Vec<String>,
    pub note: String,
    /// Book even though it overlaps another booking of the same dealer.
    pub allow_overlap: bool,
}

/// A booking that the one being saved would overlap.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct VisitConflict {
    pub visit: Visit,
    /// The other booking, already in the calendar.
    pub with: Visit,
}

/// A visit moved by "running late, new ETA", and what it now overlaps.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LateUpdate {
    pub visit: Visit,
    pub overlaps: Vec<Visit>,
}

/// Which bookings to list: a time range, optionally one dealer or one lot.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VisitQuery {
    /// RFC 3339; bookings that end after `from` and start before `to`.
    pub from: String,
    pub to: String,
    pub user_id: Option<String>,
    pub lot_id: Option<String>,
}

/// Who of the team is free now (for a walk-in), and who is busy with whom.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DealerNow {
    pub user_id: String,
    pub name: String,
    pub busy_with: Option<Visit>,
}
