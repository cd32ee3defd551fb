//! The team's clock: every day and time a person reads (Today, visits,
//! follow-ups, the email, file names) is in the team's time zone, a synced
//! team setting (Korea by default), never the computer's own zone. Functions
//! that compute days take `now` and the zone, so nothing depends on the wall
//! clock or the machine. Dates read one way per language:
//! `2026.12.05` / `5 Dec 2026`.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use crate::condition::Lang;
use crate::db::Store;
use crate::error::Result;

/// Team setting: the IANA name of the team's time zone ("Asia/Seoul").
pub const ZONE_KEY: &str = crate::settings::TeamKey::TimeZone.as_str();
pub const DEFAULT_ZONE: Tz = chrono_tz::Asia::Seoul;

/// The zones Settings offers (any IANA name is accepted from the CLI or sync).
pub const ZONES: &[&str] = &[
    "Asia/Seoul",
    "Asia/Tokyo",
    "Asia/Shanghai",
    "Asia/Singapore",
    "Asia/Ho_Chi_Minh",
    "Australia/Sydney",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "UTC",
];

/// An IANA zone name, checked (the form of a setting value: trimmed).
pub fn parse_zone(name: &str) -> Option<Tz> {
    name.trim().parse::<Tz>().ok()
}

/// Checks a value for [`ZONE_KEY`]; empty means the default.
pub fn check_zone(value: &str) -> Result<String> {
    crate::settings::TeamKey::TimeZone.check(value)
}

impl Store {
    /// The team's zone; a missing or unreadable setting (e.g. synced from a
    /// newer version) keeps Korea time.
    pub fn team_zone(&self) -> Result<Tz> {
        team_zone_in(self.conn())
    }
}

/// [`Store::team_zone`] on any connection (a backup's, a transaction).
pub fn team_zone_in(conn: &rusqlite::Connection) -> Result<Tz> {
    Ok(crate::settings::get_in(conn, ZONE_KEY)?
        .and_then(|v| parse_zone(&v))
        .unwrap_or(DEFAULT_ZONE))
}

/// The calendar date in the team's zone at `now`.
pub fn today(now: DateTime<Utc>, tz: Tz) -> NaiveDate {
    now.with_timezone(&tz).date_naive()
}

/// Wall-clock date and time in the team's zone.
pub fn local(t: DateTime<Utc>, tz: Tz) -> NaiveDateTime {
    t.with_timezone(&tz).naive_local()
}

/// The instant a wall-clock time in the team's zone means. In an overlap
/// the earlier of the two; in a daylight-saving gap (02:30 that never
/// happens) it is read with the offset in force before the jump, so it lands
/// as far past the gap (03:30), as the UI's `zonedRfc3339` does.
pub fn instant(t: NaiveDateTime, tz: Tz) -> DateTime<Utc> {
    if let Some(x) = tz.from_local_datetime(&t).earliest() {
        return x.with_timezone(&Utc);
    }
    let before = tz
        .offset_from_utc_datetime(&(t - chrono::Duration::days(1)))
        .fix();
    Utc.from_utc_datetime(&(t - chrono::Duration::seconds(before.local_minus_utc() as i64)))
}

/// The first instant of `day` in the team's zone.
pub fn day_start(day: NaiveDate, tz: Tz) -> DateTime<Utc> {
    instant(day.and_time(chrono::NaiveTime::MIN), tz)
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `2026.12.05` (ko) / `5 Dec 2026` (en): the one date format of each language.
pub fn format_date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Ko => format!("{}.{:02}.{:02}", d.year(), d.month(), d.day()),
        Lang::En => format!(
            "{} {} {}",
            d.day(),
            MONTHS_EN[d.month0() as usize],
            d.year()
        ),
    }
}

/// A stored `YYYY-MM-DD` date as [`format_date`]; other text as it is.
pub fn format_date_text(s: &str, lang: Lang) -> String {
    match NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
        Ok(d) => format_date(d, lang),
        Err(_) => s.to_owned(),
    }
}

/// `2026.12.05 14:00` (ko) / `5 Dec 2026 14:00` (en), in the team's zone.
pub fn format_date_time(t: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    let l = local(t, tz);
    format!("{} {}", format_date(l.date(), lang), l.format("%H:%M"))
}

/// `14:00` in the team's zone.
pub fn format_clock(t: DateTime<Utc>, tz: Tz) -> String {
    local(t, tz).format("%H:%M").to_string()
}

/// `2026-12-05`: the date in file names (sorts by name), in the team's zone.
pub fn file_date(now: DateTime<Utc>, tz: Tz) -> String {
    today(now, tz).format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests;
