//! How long a customer has waited, counted in the team's working hours: an
//! inquiry at 18:50 on a Saturday is not overdue on Sunday morning.

use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc};
use chrono_tz::Tz;

use crate::db::Store;
use crate::error::Result;

pub const REPLY_WITHIN_KEY: &str = crate::settings::TeamKey::ReplyWithin.as_str();
pub const WORK_START_KEY: &str = "work.start";
pub const WORK_END_KEY: &str = "work.end";
/// ISO weekdays worked, as digits: "123456" is Monday to Saturday.
pub const WORK_DAYS_KEY: &str = "work.days";

#[derive(Debug, Clone, PartialEq)]
pub struct WorkingHours {
    pub reply_within_minutes: i64,
    pub start: NaiveTime,
    pub end: NaiveTime,
    /// Index 0 is Monday.
    pub days: [bool; 7],
    /// The team's zone ([`crate::time::ZONE_KEY`]).
    pub zone: Tz,
}

fn time(h: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, 0, 0).unwrap_or(NaiveTime::MIN)
}

impl Default for WorkingHours {
    /// 2 hours, 09:00–19:00 Monday to Saturday, Korean time.
    fn default() -> Self {
        WorkingHours {
            reply_within_minutes: 120,
            start: time(9),
            end: time(19),
            days: [true, true, true, true, true, true, false],
            zone: crate::time::DEFAULT_ZONE,
        }
    }
}

impl WorkingHours {
    /// The team's settings; a missing or unreadable one keeps its default.
    pub fn load(store: &Store) -> Result<WorkingHours> {
        let mut h = WorkingHours::default();
        let get = |key| store.setting(key);
        if let Some(m) = get(REPLY_WITHIN_KEY)?.and_then(|v| v.parse().ok()) {
            h.reply_within_minutes = m;
        }
        let parse_time = |v: String| NaiveTime::parse_from_str(&v, "%H:%M").ok();
        if let Some(t) = get(WORK_START_KEY)?.and_then(parse_time) {
            h.start = t;
        }
        if let Some(t) = get(WORK_END_KEY)?.and_then(parse_time) {
            h.end = t;
        }
        if let Some(d) = get(WORK_DAYS_KEY)? {
            let mut days = [false; 7];
            for c in d.chars().filter_map(|c| c.to_digit(10)) {
                if (1..=7).contains(&c) {
                    days[c as usize - 1] = true;
                }
            }
            if days.contains(&true) {
                h.days = days;
            }
        }
        h.zone = store.team_zone()?;
        Ok(h)
    }
}

/// Minutes between `from` and `to` that fall inside working hours.
pub fn working_minutes(from: DateTime<Utc>, to: DateTime<Utc>, h: &WorkingHours) -> i64 {
    if to <= from || h.end <= h.start {
        return 0;
    }
    let (from, to) = (from.with_timezone(&h.zone), to.with_timezone(&h.zone));
    let mut total = 0;
    let mut day = from.date_naive();
    // Bounded: a year-old unanswered inquiry is simply very overdue.
    for _ in 0..400 {
        if day > to.date_naive() {
            break;
        }
        if h.days[day.weekday().num_days_from_monday() as usize] {
            let open = day.and_time(h.start);
            let close = day.and_time(h.end);
            let a = open.max(from.naive_local());
            let b = close.min(to.naive_local());
            if b > a {
                total += (b - a).num_minutes();
            }
        }
        day += Duration::days(1);
    }
    total
}
