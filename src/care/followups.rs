//! Follow-ups: what is due (snoozed ones from their new day), done with a
//! note, snoozed, or skipped.

use chrono::NaiveDate;
use rusqlite::params;

use super::model::{DueFollowUp, FollowUp, FollowUpState};
use super::sales::{follow_up_from_row, parse_day, FOLLOW_UP_COLUMNS, VEHICLE_LABEL};
use crate::db::{now_utc, Store};
use crate::error::{Error, Result};

impl Store {
    /// Open follow-ups due on or before `today`, oldest first.
    pub fn due_follow_ups(&self, today: NaiveDate) -> Result<Vec<DueFollowUp>> {
        let cols: String = FOLLOW_UP_COLUMNS
            .split(", ")
            .map(|c| format!("f.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT {cols}, s.customer_id, c.name, c.phone, {VEHICLE_LABEL}, s.delivered_on, u.name
             FROM follow_ups f JOIN sales s ON s.id = f.sale_id
             JOIN customers c ON c.id = s.customer_id JOIN vehicles v ON v.id = s.vehicle_id
             LEFT JOIN users u ON u.id = s.user_id
             WHERE f.state = 'open' AND coalesce(f.snoozed_until, f.due_on) <= ?1
             ORDER BY coalesce(f.snoozed_until, f.due_on), f.id"
        );
        let rows = self
            .conn()
            .prepare_cached(&sql)?
            .query_map([today.to_string()], |r| {
                let follow_up = follow_up_from_row(r)?;
                Ok((
                    follow_up,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                    r.get(12)?,
                    r.get(13)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .map(
                |(f, customer_id, customer_name, phone, vehicle_label, delivered_on, user_name)| {
                    let day = f.snoozed_until.as_deref().unwrap_or(&f.due_on);
                    let days_late = NaiveDate::parse_from_str(day, "%Y-%m-%d")
                        .map_or(0, |d| (today - d).num_days());
                    DueFollowUp {
                        follow_up: f,
                        customer_id,
                        customer_name,
                        phone,
                        vehicle_label,
                        delivered_on,
                        user_name,
                        days_late,
                    }
                },
            )
            .collect())
    }

    pub fn get_follow_up(&self, id: &str) -> Result<FollowUp> {
        self.conn()
            .prepare_cached(&format!(
                "SELECT {FOLLOW_UP_COLUMNS} FROM follow_ups WHERE id = ?1"
            ))?
            .query_row([id], follow_up_from_row)
            .map_err(|_| Error::NotFound {
                what: "follow-up",
                id: id.to_owned(),
            })
    }

    /// Done (the call was made) or skipped, with a note; closed ones stay closed.
    pub fn close_follow_up(
        &mut self,
        id: &str,
        state: FollowUpState,
        note: &str,
    ) -> Result<FollowUp> {
        if state == FollowUpState::Open {
            return Err(Error::invalid(
                "state",
                crate::error::ErrorCode::InvalidState,
                "a follow-up is closed as done or skipped",
            ));
        }
        let note = crate::validate::long("note", note)?;
        self.get_follow_up(id)?;
        self.transact(|tx| {
            let now = now_utc();
            tx.execute(
                "UPDATE follow_ups SET state = ?2, note = ?3, closed_at = ?4, updated_at = ?4 WHERE id = ?1",
                params![id, state, note, now],
            )?;
            Ok(())
        })?;
        self.get_follow_up(id)
    }

    /// Not today: it comes back on `until`.
    pub fn snooze_follow_up(&mut self, id: &str, until: &str) -> Result<FollowUp> {
        let until = parse_day("until", until)?;
        self.get_follow_up(id)?;
        self.transact(|tx| {
            tx.execute(
                "UPDATE follow_ups SET snoozed_until = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, until.to_string(), now_utc()],
            )?;
            Ok(())
        })?;
        self.get_follow_up(id)
    }
}
