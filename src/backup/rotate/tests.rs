use super::*;
use chrono::{Duration, NaiveDate};

#[test]
fn keeps_seven_daily_and_four_weekly() {
    let start = NaiveDate::from_ymd_opt(2026, 1, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    // One backup a day for 60 days, plus a second one on the last day.
    let mut times: Vec<NaiveDateTime> = (0..60).map(|d| start + Duration::days(d)).collect();
    times.push(start + Duration::days(59) + Duration::hours(3));
    let keep = keep_set(&times, 7, 4);
    let kept: Vec<NaiveDateTime> = keep.iter().map(|&i| times[i]).collect();
    let days: BTreeSet<_> = kept.iter().map(|t| t.date()).collect();
    // 7 daily (days 53..=59) + weeks: the 4 newest weeks are all covered by
    // days 53..59 except the older ones, so at most 7 + 4 distinct days.
    assert!(days.len() <= 11 && days.len() >= 9, "kept {days:?}");
    assert!(
        kept.contains(&times[60]),
        "the newest backup of the last day is kept"
    );
    assert!(
        !kept.contains(&times[59]),
        "only one backup of a day is kept"
    );
    assert!(!kept.contains(&times[0]), "two-month-old backups go");
    let weeks: BTreeSet<_> = kept.iter().map(|t| t.date().iso_week()).collect();
    assert!(weeks.len() >= 4);
}

#[test]
fn few_backups_are_all_kept() {
    let t = NaiveDate::from_ymd_opt(2026, 3, 2)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap();
    let times = [t, t + Duration::days(1)];
    assert_eq!(keep_set(&times, 7, 4).len(), 2);
}
