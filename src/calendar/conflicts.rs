//! Double-booking: a booking may not overlap another of the same dealer,
//! with a buffer between them (team setting, default 30 minutes). Checked
//! here in the core, so the app, the CLI and sync obey the same rule.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use super::model::Visit;
use super::visits::{list_where, parse_utc};
use crate::error::Result;

pub const BUFFER_KEY: &str = crate::settings::TeamKey::VisitBuffer.as_str();
pub const DEFAULT_BUFFER_MINUTES: i64 = 30;

pub fn buffer(conn: &Connection) -> Result<Duration> {
    let minutes = crate::settings::get_in(conn, BUFFER_KEY)?
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(DEFAULT_BUFFER_MINUTES);
    Ok(Duration::minutes(minutes.clamp(0, 240)))
}

/// Do [a, a_end) and [b, b_end) come closer than `buffer`? Touching at the
/// buffer's edge is fine.
pub fn too_close(
    a: DateTime<Utc>,
    a_end: DateTime<Utc>,
    b: DateTime<Utc>,
    b_end: DateTime<Utc>,
    buffer: Duration,
) -> bool {
    a < b_end + buffer && b < a_end + buffer
}

/// The bookings of `user_id` that still hold time and come too close to
/// [start, start + minutes), other than `except`.
pub fn overlapping(
    conn: &Connection,
    user_id: &str,
    start: DateTime<Utc>,
    minutes: u32,
    except: Option<&str>,
) -> Result<Vec<Visit>> {
    let buffer = buffer(conn)?;
    let end = start + Duration::minutes(minutes as i64);
    Ok(holding_time(conn, user_id, start - buffer, end + buffer)?
        .into_iter()
        .filter(|v| Some(v.id.as_str()) != except)
        .filter(|v| {
            let (s, e) = (parse_utc(&v.start_at), parse_utc(&v.end_at));
            too_close(start, end, s, e, buffer)
        })
        .collect())
}

/// `user_id`'s bookings that still hold time and start before `to`, no more
/// than a day (the longest booking) before `from`.
fn holding_time(
    conn: &Connection,
    user_id: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Visit>> {
    let from = crate::db::utc_text(from - Duration::days(1));
    let to = crate::db::utc_text(to);
    let visits = list_where(
        conn,
        "v.user_id = ?1 AND v.start_at >= ?2 AND v.start_at < ?3",
        &[&user_id, &from, &to],
    )?;
    Ok(visits
        .into_iter()
        .filter(|v| v.status.holds_time())
        .collect())
}

/// Overlaps in the calendar that nobody chose: made on two computers before
/// they synced (each was free where it was booked). Shown to resolve, never
/// dropped. Each pair once, earliest first.
pub fn unresolved(conn: &Connection, from: &str) -> Result<Vec<(Visit, Visit)>> {
    let visits = list_where(conn, "v.start_at >= ?1 AND v.user_id IS NOT NULL", &[&from])?;
    let buffer = buffer(conn)?;
    let live: Vec<&Visit> = visits.iter().filter(|v| v.status.holds_time()).collect();
    let mut out = Vec::new();
    for (i, a) in live.iter().enumerate() {
        for b in &live[i + 1..] {
            if a.user_id != b.user_id || (a.overridden || b.overridden) {
                continue;
            }
            if too_close(
                parse_utc(&a.start_at),
                parse_utc(&a.end_at),
                parse_utc(&b.start_at),
                parse_utc(&b.end_at),
                buffer,
            ) {
                out.push(((*a).clone(), (*b).clone()));
            }
        }
    }
    Ok(out)
}

/// The booking holding `user_id` at `now` (no buffer: are they busy now?).
pub fn overlapping_at(
    conn: &Connection,
    user_id: &str,
    now: DateTime<Utc>,
) -> Result<Option<Visit>> {
    Ok(
        holding_time(conn, user_id, now, now + Duration::seconds(1))?
            .into_iter()
            .find(|v| parse_utc(&v.start_at) <= now && now < parse_utc(&v.end_at)),
    )
}
