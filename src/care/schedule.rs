//! The follow-up schedule after a sale: "3d,1m,6m,1y" by default (team
//! setting `care.schedule`). Months are calendar months that keep to the
//! month's end: Jan 31 + 1 month is Feb 28 (29 in a leap year).

use chrono::{Days, Months, NaiveDate};

use crate::error::{Error, Result};

pub const SCHEDULE_KEY: &str = "care.schedule";
pub const DEFAULT_SCHEDULE: &str = "3d,1m,6m,1y";

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
                    "invalid_schedule",
                    format!(
                        "{SCHEDULE_KEY}: {s:?} is not a step; write steps like 3d, 2w, 1m, 1y separated by commas"
                    ),
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn follow_up_dates_keep_to_month_ends_and_leap_years() {
        let cases = [
            ("2026-01-31", "1m", "2026-02-03", "2026-02-28"),
            ("2028-01-31", "1m", "2028-02-03", "2028-02-29"),
            ("2026-03-31", "1m", "2026-04-03", "2026-04-30"),
            ("2026-08-31", "6m", "2026-09-03", "2027-02-28"),
            ("2028-02-29", "1y", "2028-03-03", "2029-02-28"),
            ("2026-12-30", "3d", "2027-01-02", "2027-01-02"),
            ("2026-12-05", "1m", "2026-12-08", "2027-01-05"),
            ("2026-05-15", "2w", "2026-05-18", "2026-05-29"),
        ];
        for (sold, step, three_days, due) in cases {
            let s = Step::parse(step).unwrap();
            assert_eq!(s.after(d(sold)), Some(d(due)), "{sold} + {step}");
            assert_eq!(
                Step::Days(3).after(d(sold)),
                Some(d(three_days)),
                "{sold} + 3d"
            );
        }
    }

    #[test]
    fn schedules_parse_and_refuse_nonsense() {
        assert_eq!(
            parse(DEFAULT_SCHEDULE).unwrap(),
            vec![
                Step::Days(3),
                Step::Months(1),
                Step::Months(6),
                Step::Years(1)
            ]
        );
        for bad in ["3x", "d", "0d", "-1m", "1.5m", "월1", "1월", "1m,,x"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
