//! Which automatic backups to keep: the newest of each of the last `days`
//! distinct days, and the newest of each of the last `weeks` ISO weeks.

use chrono::{Datelike, NaiveDateTime};
use std::collections::BTreeSet;

/// Indexes into `times` of the backups to keep.
pub fn keep_set(times: &[NaiveDateTime], days: usize, weeks: usize) -> BTreeSet<usize> {
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by(|&a, &b| times[b].cmp(&times[a]));
    let mut keep = BTreeSet::new();
    let mut seen_days = Vec::new();
    let mut seen_weeks = Vec::new();
    for i in order {
        let day = times[i].date();
        if seen_days.len() < days && !seen_days.contains(&day) {
            seen_days.push(day);
            keep.insert(i);
        }
        let week = (day.iso_week().year(), day.iso_week().week());
        if seen_weeks.len() < weeks && !seen_weeks.contains(&week) {
            seen_weeks.push(week);
            keep.insert(i);
        }
    }
    keep
}

#[cfg(test)]
mod tests;
