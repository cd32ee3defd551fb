//! The value of the follow-up schedule setting: "3d,1m,6m,1y" by default
//! (team setting `care.schedule`), steps after a sale. Months are calendar
//! months that keep to the month's end: Jan 31 + 1 month is Feb 28 (29 in
//! a leap year). Care reads it; settings checks it before it is saved.

use chrono::{Days, Months, NaiveDate};

use crate::error::{Error, Result};

pub const SCHEDULE_KEY: &str = super::TeamKey::CareSchedule.as_str();
pub const DEFAULT_SCHEDULE: &str = super::TeamKey::CareSchedule.default_value();

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Days(u32),
    Weeks(u32),
    Months(u32),
    Years(u32),
}

impl Step {
    pub fn parse(s: &str) -> Option<Step> {
        let s = s.trim();
        let unit = s.chars().last()?;
        let n: u32 = s[..s.len() - unit.len_utf8()]
            .parse()
            .ok()
            .filter(|n| *n > 0 && *n <= 3650)?;
        Some(match unit {
            'd' => Step::Days(n),
            'w' => Step::Weeks(n),
            'm' => Step::Months(n),
            'y' => Step::Years(n),
            _ => return None,
        })
    }

    pub fn label(self) -> String {
        match self {
            Step::Days(n) => format!("{n}d"),
            Step::Weeks(n) => format!("{n}w"),
            Step::Months(n) => format!("{n}m"),
            Step::Years(n) => format!("{n}y"),
        }
    }

    pub fn after(self, day: NaiveDate) -> Option<NaiveDate> {
        match self {
            Step::Days(n) => day.checked_add_days(Days::new(n as u64)),
            Step::Weeks(n) => day.checked_add_days(Days::new(7 * n as u64)),
            Step::Months(n) => day.checked_add_months(Months::new(n)),
            Step::Years(n) => day.checked_add_months(Months::new(12 * n)),
        }
    }
}

/// "3d,1m,6m,1y" → steps; a bad step names itself.
pub fn parse(schedule: &str) -> Result<Vec<Step>> {
    schedule
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            Step::parse(s).ok_or_else(|| {
                Error::invalid(
                    SCHEDULE_KEY,
                    crate::error::ErrorCode::InvalidSchedule,
                    format!(
                        "{SCHEDULE_KEY}: {s:?} is not a step; write steps like 3d, 2w, 1m, 1y separated by commas"
                    ),
                )
            })
        })
        .collect()
}
