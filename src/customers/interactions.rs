//! The customer log: inquiries in; replies, calls and emails out; visits,
//! handovers and notes. An inquiry is answered by the first thing that went
//! out to that customer after it; one left unanswered longer than the
//! team's reply time (counted in working hours) is overdue.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::reply_time::{working_minutes, WorkingHours};
use crate::db::{new_id, now_utc, utc_text, Store};
use crate::error::{Error, Result};
use crate::{text_enum, validate};

/// How far back the inquiry lists (Today, Inquiries, the CLI) look.
pub const INQUIRY_WINDOW_DAYS: i64 = 30;

text_enum! {
    pub enum InteractionKind {
        Inquiry = "inquiry",
        Reply = "reply",
        Call = "call",
        Email = "email",
        Visit = "visit",
        Handover = "handover",
        Note = "note",
    }
}

impl InteractionKind {
    /// Something the dealer sent or said to the customer: answers an inquiry.
    pub fn is_outgoing(self) -> bool {
        matches!(
            self,
            InteractionKind::Reply | InteractionKind::Call | InteractionKind::Email
        )
    }
}

/// The outgoing kinds as an SQL list (`'reply', 'call', 'email'`), from
/// [`InteractionKind::is_outgoing`] so the query and the rule never differ.
fn outgoing_kinds_sql() -> String {
    InteractionKind::ALL
        .iter()
        .filter(|k| k.is_outgoing())
        .map(|k| format!("'{k}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

text_enum! {
    pub enum Channel {
        Phone = "phone",
        Email = "email",
        Sms = "sms",
        Messenger = "messenger",
        Web = "web",
        WalkIn = "walk_in",
        Other = "other",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Interaction {
    pub id: String,
    pub customer_id: String,
    pub kind: InteractionKind,
    pub channel: Channel,
    /// When it happened (RFC 3339 UTC).
    pub at: String,
    pub summary: String,
    pub user_id: Option<String>,
    pub user_name: Option<String>,
    /// The email's history row, for kind `email`.
    pub send_id: Option<String>,
    /// The e-mail it was logged from by the mailbox (its Message-ID).
    pub message_id: Option<String>,
    /// The shortlist a reply to Lotbook's photo e-mail answered.
    pub shortlist_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InteractionInput {
    pub customer_id: String,
    pub kind: InteractionKind,
    pub channel: Channel,
    /// RFC 3339; None means now.
    pub at: Option<String>,
    pub summary: String,
}

/// An inquiry with how (and whether) it was answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Inquiry {
    pub interaction: Interaction,
    pub customer_name: String,
    /// When the first reply went out, if one did.
    pub replied_at: Option<String>,
    /// Working minutes from the inquiry to its reply, or to now if unanswered.
    #[ts(type = "number")]
    pub response_minutes: i64,
    pub overdue: bool,
}

const SELECT: &str =
    "SELECT i.id, i.customer_id, i.kind, i.channel, i.at, i.summary, i.user_id, u.name, i.send_id,
    i.message_id, i.shortlist_id
    FROM interactions i LEFT JOIN users u ON u.id = i.user_id";

fn from_row(r: &Row) -> rusqlite::Result<Interaction> {
    Ok(Interaction {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        kind: r.get(2)?,
        channel: r.get(3)?,
        at: r.get(4)?,
        summary: r.get(5)?,
        user_id: r.get(6)?,
        user_name: r.get(7)?,
        send_id: r.get(8)?,
        message_id: r.get(9)?,
        shortlist_id: r.get(10)?,
    })
}

pub(crate) fn parse_time(field: &str, value: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            Error::invalid(
                field,
                crate::error::ErrorCode::InvalidTime,
                format!("{field} must be a time like 2026-12-01T09:30:00+09:00, got {value:?}"),
            )
        })
}

/// Writes one log entry inside an open transaction; returns its id.
pub(crate) fn log_in(
    conn: &Connection,
    input: &InteractionInput,
    user_id: Option<&str>,
    send_id: Option<&str>,
) -> Result<String> {
    let at = match input.at.as_deref() {
        Some(a) => utc_text(parse_time("at", a)?),
        None => now_utc(),
    };
    let summary = validate::long("summary", &input.summary)?;
    let id = new_id();
    let now = now_utc();
    let n = conn
        .prepare_cached(
            "INSERT INTO interactions (id, customer_id, kind, channel, at, summary, user_id, send_id, created_at, updated_at)
             SELECT ?1, c.id, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9 FROM customers c WHERE c.id = ?2",
        )?
        .execute(params![
            id,
            input.customer_id,
            input.kind,
            input.channel,
            at,
            summary,
            user_id,
            send_id,
            now
        ])?;
    if n == 0 {
        return Err(Error::NotFound {
            what: "customer",
            id: input.customer_id.clone(),
        });
    }
    Ok(id)
}

impl Store {
    /// Logs an inquiry, reply, call, visit or note for a customer, as "me".
    pub fn log_interaction(&mut self, input: &InteractionInput) -> Result<Interaction> {
        let me = self.me()?.map(|u| u.id);
        let id = self.transact(|tx| log_in(tx, input, me.as_deref(), None))?;
        let mut list = self.query_interactions("WHERE i.id = ?1", &id)?;
        list.pop().ok_or_else(|| Error::NotFound {
            what: "interaction",
            id,
        })
    }

    /// A customer's log, newest first.
    pub fn list_interactions(&self, customer_id: &str) -> Result<Vec<Interaction>> {
        self.query_interactions(
            "WHERE i.customer_id = ?1 ORDER BY i.at DESC, i.id DESC",
            customer_id,
        )
    }

    fn query_interactions(&self, tail: &str, arg: &str) -> Result<Vec<Interaction>> {
        let mut stmt = self.conn().prepare_cached(&format!("{SELECT} {tail}"))?;
        let rows = stmt
            .query_map([arg], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Inquiries since `since` (RFC 3339), unanswered overdue ones first,
    /// then unanswered, then answered; newest first within each.
    pub fn inquiries(&self, since: &str, now: DateTime<Utc>) -> Result<Vec<Inquiry>> {
        let hours = WorkingHours::load(self)?;
        let since = utc_text(parse_time("since", since)?);
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT i.id, i.customer_id, i.kind, i.channel, i.at, i.summary, i.user_id, u.name, i.send_id,
                    i.message_id, i.shortlist_id, c.name,
                    (SELECT min(o.at) FROM interactions o
                      WHERE o.customer_id = i.customer_id AND o.kind IN ({outgoing})
                        AND o.at >= i.at)
             FROM interactions i
             JOIN customers c ON c.id = i.customer_id
             LEFT JOIN users u ON u.id = i.user_id
             WHERE i.kind = 'inquiry' AND i.at >= ?1",
            outgoing = outgoing_kinds_sql()
        ))?;
        let rows = stmt
            .query_map([&since], |r| {
                Ok((
                    from_row(r)?,
                    r.get::<_, String>(11)?,
                    r.get::<_, Option<String>>(12)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (interaction, customer_name, replied_at) in rows {
            let asked = parse_time("at", &interaction.at)?;
            let until = match replied_at.as_deref() {
                Some(r) => parse_time("at", r)?,
                None => now,
            };
            let response_minutes = working_minutes(asked, until, &hours);
            out.push(Inquiry {
                overdue: replied_at.is_none() && response_minutes > hours.reply_within_minutes,
                interaction,
                customer_name,
                replied_at,
                response_minutes,
            });
        }
        out.sort_by(|a, b| {
            let rank = |q: &Inquiry| (!q.overdue, q.replied_at.is_some());
            rank(a)
                .cmp(&rank(b))
                .then(b.interaction.at.cmp(&a.interaction.at))
        });
        Ok(out)
    }

    /// Inquiries of the last [`INQUIRY_WINDOW_DAYS`], as the Today screen lists them.
    pub fn recent_inquiries(&self) -> Result<Vec<Inquiry>> {
        self.recent_inquiries_at(Utc::now())
    }

    /// [`Store::recent_inquiries`] as of `now`.
    pub fn recent_inquiries_at(&self, now: DateTime<Utc>) -> Result<Vec<Inquiry>> {
        self.inquiries(
            &utc_text(now - chrono::Duration::days(INQUIRY_WINDOW_DAYS)),
            now,
        )
    }
}
