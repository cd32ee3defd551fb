//! The Today screen, the app's home: overdue inquiries first, then today's
//! visits, due follow-ups, bookings that clash, outbox problems, sync.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::model::DueFollowUp;
use crate::calendar::{Visit, VisitConflict, VisitQuery};
use crate::customers::Inquiry;
use crate::db::{utc_text, Store};
use crate::error::Result;
use crate::mail::{OutboxEntry, OutboxState};
use crate::sync::SyncStatus;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Today {
    /// YYYY-MM-DD in the team's zone.
    pub date: String,
    /// Unanswered inquiries, overdue first.
    pub inquiries: Vec<Inquiry>,
    pub visits: Vec<Visit>,
    pub follow_ups: Vec<DueFollowUp>,
    pub visit_conflicts: Vec<VisitConflict>,
    pub outbox_problems: Vec<OutboxEntry>,
    pub sync: SyncStatus,
}

impl Store {
    pub fn today(&self, now: DateTime<Utc>) -> Result<Today> {
        let tz = self.team_zone()?;
        let day = crate::time::today(now, tz);
        let start = crate::time::day_start(day, tz);
        let visits = self.list_visits(&VisitQuery {
            from: utc_text(start),
            to: utc_text(crate::time::day_start(day + Duration::days(1), tz)),
            user_id: None,
            lot_id: None,
        })?;
        let inquiries = self
            .recent_inquiries_at(now)?
            .into_iter()
            .filter(|i| i.replied_at.is_none())
            .collect();
        let outbox_problems = self
            .outbox()?
            .into_iter()
            .filter(|o| {
                o.state == OutboxState::Failed || (o.state == OutboxState::Queued && o.attempts > 0)
            })
            .collect();
        Ok(Today {
            date: day.to_string(),
            inquiries,
            visits,
            follow_ups: self.due_follow_ups(day)?,
            visit_conflicts: self.visit_conflicts(&utc_text(start))?,
            outbox_problems,
            sync: crate::sync::state::status(self)?,
        })
    }
}
