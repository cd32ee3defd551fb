//! Bookings: save (refusing a double booking unless told otherwise), list,
//! "running late, new ETA", status changes, and who is free right now.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection, ToSql};

use super::conflicts;
use super::model::{DealerNow, LateUpdate, Visit, VisitInput, VisitKind, VisitQuery, VisitStatus};
use crate::customers::interactions::parse_time;
use crate::db::{new_id, now_utc, utc_text, Store};
use crate::error::{Error, Result};

const SELECT: &str = "SELECT v.id, v.kind, v.customer_id, c.name, v.user_id, u.name, v.start_at,
        v.minutes, v.lot_ids, v.vehicle_ids, v.status, v.note, v.overridden, v.created_at,
        v.updated_at
    FROM visits v LEFT JOIN customers c ON c.id = v.customer_id
    LEFT JOIN users u ON u.id = v.user_id";

/// A stored time; stored times are always valid RFC 3339 (written by us).
pub fn parse_utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

fn json_list(s: String) -> Vec<String> {
    serde_json::from_str(&s).unwrap_or_default()
}

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Visit> {
    let start: String = r.get(6)?;
    let minutes: u32 = r.get(7)?;
    let end = utc_text(parse_utc(&start) + Duration::minutes(minutes as i64));
    Ok(Visit {
        id: r.get(0)?,
        kind: r.get(1)?,
        customer_id: r.get(2)?,
        customer_name: r.get(3)?,
        user_id: r.get(4)?,
        user_name: r.get(5)?,
        start_at: start,
        end_at: end,
        minutes,
        lot_ids: json_list(r.get(8)?),
        vehicle_ids: json_list(r.get(9)?),
        status: r.get(10)?,
        note: r.get(11)?,
        overridden: r.get(12)?,
        created_at: r.get(13)?,
        updated_at: r.get(14)?,
    })
}

pub(crate) fn list_where(conn: &Connection, cond: &str, args: &[&dyn ToSql]) -> Result<Vec<Visit>> {
    let sql = format!("{SELECT} WHERE {cond} ORDER BY v.start_at, v.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(args, from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// "이준혁 2026-12-05 12:00–13:30 (Asia/Seoul)", for messages, in the team's zone.
pub fn describe(v: &Visit, tz: chrono_tz::Tz) -> String {
    let s = crate::time::local(parse_utc(&v.start_at), tz);
    let e = crate::time::local(parse_utc(&v.end_at), tz);
    let who = match v.kind {
        VisitKind::Visit => v.customer_name.clone().unwrap_or_default(),
        VisitKind::Blocked => "blocked time".into(),
    };
    format!(
        "{who} {}–{} ({})",
        s.format("%Y-%m-%d %H:%M"),
        e.format("%H:%M"),
        tz.name()
    )
}

impl Store {
    pub fn get_visit(&self, id: &str) -> Result<Visit> {
        list_where(self.conn(), "v.id = ?1", &[&id])?
            .pop()
            .ok_or_else(|| Error::NotFound {
                what: "visit",
                id: id.to_owned(),
            })
    }

    pub fn list_visits(&self, q: &VisitQuery) -> Result<Vec<Visit>> {
        let from = utc_text(parse_time("from", &q.from)?);
        let to = utc_text(parse_time("to", &q.to)?);
        // Bookings last at most a day: start from a day before `from`.
        let early = utc_text(parse_utc(&from) - Duration::days(1));
        let mut visits = list_where(
            self.conn(),
            "v.start_at >= ?1 AND v.start_at < ?2",
            &[&early, &to],
        )?;
        visits.retain(|v| v.end_at > from);
        if let Some(u) = &q.user_id {
            visits.retain(|v| v.user_id.as_deref() == Some(u));
        }
        if let Some(l) = &q.lot_id {
            visits.retain(|v| v.lot_ids.contains(l));
        }
        Ok(visits)
    }

    /// Saves a booking. One that comes within the buffer of another booking
    /// of the same dealer is refused, naming it, unless `allow_overlap`.
    pub fn save_visit(&mut self, input: &VisitInput) -> Result<Visit> {
        let start = parse_time("start_at", &input.start_at)?;
        crate::validate::range("minutes", input.minutes as i64, 5, 24 * 60)?;
        let note = crate::validate::long("note", &input.note)?;
        if input.kind == VisitKind::Visit && input.customer_id.is_none() {
            return Err(Error::invalid(
                "customer_id",
                crate::error::ErrorCode::Required,
                "a visit needs a customer",
            ));
        }
        let customer = match input.kind {
            VisitKind::Visit => input.customer_id.clone(),
            VisitKind::Blocked => None,
        };
        if let Some(c) = &customer {
            self.get_customer(c)?;
        }
        if let Some(u) = &input.user_id {
            self.get_user(u)?;
        }
        let previous = match &input.id {
            Some(id) => Some(self.get_visit(id)?),
            None => None,
        };
        let mut overridden = false;
        if let Some(user) = &input.user_id {
            let clashes = conflicts::overlapping(
                self.conn(),
                user,
                start,
                input.minutes,
                input.id.as_deref(),
            )?;
            if let Some(first) = clashes.first() {
                if !input.allow_overlap {
                    return Err(Error::invalid(
                        "start_at",
                        crate::error::ErrorCode::VisitConflict,
                        format!(
                            "this overlaps {} of the same dealer (with {} minutes between bookings); \
                             choose another time or book it anyway",
                            describe(first, self.team_zone()?),
                            conflicts::buffer(self.conn())?.num_minutes()
                        ),
                    ));
                }
                overridden = true;
            }
        }
        let id = input.id.clone().unwrap_or_else(new_id);
        let lots =
            serde_json::to_string(&input.lot_ids).map_err(|e| Error::Other(e.to_string()))?;
        let cars =
            serde_json::to_string(&input.vehicle_ids).map_err(|e| Error::Other(e.to_string()))?;
        let now = now_utc();
        let status = previous.as_ref().map_or(VisitStatus::Booked, |p| p.status);
        self.transact(|tx| {
            tx.execute(
                "INSERT INTO visits (id, kind, customer_id, user_id, start_at, minutes, lot_ids,
                     vehicle_ids, status, note, overridden, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)
                 ON CONFLICT (id) DO UPDATE SET kind = excluded.kind,
                     customer_id = excluded.customer_id, user_id = excluded.user_id,
                     start_at = excluded.start_at, minutes = excluded.minutes,
                     lot_ids = excluded.lot_ids, vehicle_ids = excluded.vehicle_ids,
                     note = excluded.note, overridden = excluded.overridden,
                     updated_at = excluded.updated_at",
                params![
                    id,
                    input.kind,
                    customer,
                    input.user_id,
                    utc_text(start),
                    input.minutes,
                    lots,
                    cars,
                    status,
                    note,
                    overridden,
                    now
                ],
            )?;
            Ok(())
        })?;
        self.get_visit(&id)
    }

    /// The bookings a booking of `user_id` at `start_at` would come too
    /// close to: what a refused save is about, for the UI to name in words.
    pub fn overlapping_visits(
        &self,
        user_id: &str,
        start_at: &str,
        minutes: u32,
        except: Option<&str>,
    ) -> Result<Vec<Visit>> {
        let start = parse_time("start_at", start_at)?;
        conflicts::overlapping(self.conn(), user_id, start, minutes, except)
    }

    pub fn set_visit_status(&mut self, id: &str, status: VisitStatus) -> Result<Visit> {
        self.get_visit(id)?;
        self.transact(|tx| {
            tx.execute(
                "UPDATE visits SET status = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, status, now_utc()],
            )?;
            Ok(())
        })?;
        self.get_visit(id)
    }

    /// The customer called: running late, arriving at `eta`. The visit moves
    /// (same length) and is marked late; what it now overlaps is returned as
    /// a warning, not refused: the customer is coming either way.
    pub fn running_late(&mut self, id: &str, eta: &str) -> Result<LateUpdate> {
        let v = self.get_visit(id)?;
        let eta = parse_time("eta", eta)?;
        self.transact(|tx| {
            tx.execute(
                "UPDATE visits SET start_at = ?2, status = 'late', updated_at = ?3 WHERE id = ?1",
                params![id, utc_text(eta), now_utc()],
            )?;
            Ok(())
        })?;
        let overlaps = match &v.user_id {
            Some(u) => conflicts::overlapping(self.conn(), u, eta, v.minutes, Some(id))?,
            None => Vec::new(),
        };
        Ok(LateUpdate {
            visit: self.get_visit(id)?,
            overlaps,
        })
    }

    pub fn delete_visit(&mut self, id: &str) -> Result<()> {
        self.transact(|tx| {
            tx.execute("DELETE FROM visits WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    /// Overlapping bookings nobody chose (they met through sync), from `from`.
    pub fn visit_conflicts(&self, from: &str) -> Result<Vec<super::model::VisitConflict>> {
        let from = utc_text(parse_time("from", from)?);
        Ok(conflicts::unresolved(self.conn(), &from)?
            .into_iter()
            .map(|(a, b)| super::model::VisitConflict { visit: b, with: a })
            .collect())
    }

    /// Each dealer and the booking holding them at `now`, if any: for a
    /// walk-in, who is free to take them.
    pub fn dealers_now(&self, now: DateTime<Utc>) -> Result<Vec<DealerNow>> {
        let users = self.list_users()?;
        let mut out = Vec::new();
        for u in users {
            let busy = conflicts::overlapping_at(self.conn(), &u.id, now)?;
            out.push(DealerNow {
                user_id: u.id,
                name: u.name,
                busy_with: busy,
            });
        }
        Ok(out)
    }
}
