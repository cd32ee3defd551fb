//! How long the app took to show Today, written to the log once a start:
//! a dealer who says "it starts slowly" sends the log, and the start-up
//! bench (`scripts/start-bench.sh`) reads the same line without a WebDriver
//! session in the way.

use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Deserialize;
use ts_rs::TS;

/// What the page measured, in epoch milliseconds of its own clock (the
/// computer's, like ours): when its load began, when its script ran, when
/// the first frame with Today's data was on screen.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct PaintMarks {
    pub page_began_ms: f64,
    pub script_ms: f64,
    pub painted_ms: f64,
}

static STARTED: OnceLock<SystemTime> = OnceLock::new();

/// Remembers when this process started: called first thing in `main`. On
/// Linux the kernel's record is used instead, which also counts loading the
/// libraries before `main`.
pub fn mark_process_start() {
    STARTED.get_or_init(|| kernel_start().unwrap_or_else(SystemTime::now));
}

fn process_start() -> SystemTime {
    *STARTED.get_or_init(|| kernel_start().unwrap_or_else(SystemTime::now))
}

/// The process's start from `/proc`: its start in ticks since boot, added
/// to the boot time taken as now minus the uptime. (`btime` in /proc/stat
/// is whole seconds, truncated: up to a second early.)
#[cfg(target_os = "linux")]
fn kernel_start() -> Option<SystemTime> {
    start_of("self")
}

#[cfg(target_os = "linux")]
fn start_of(pid: &str) -> Option<SystemTime> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let now = SystemTime::now();
    let uptime = std::fs::read_to_string("/proc/uptime").ok()?;
    // Fields after the command name, which may hold spaces: the start time
    // is field 22 of the whole line, 20 after "pid (comm) ".
    let ticks: u64 = stat.rsplit_once(") ")?.1.split(' ').nth(19)?.parse().ok()?;
    let up: f64 = uptime.split(' ').next()?.parse().ok()?;
    let boot = now.checked_sub(Duration::try_from_secs_f64(up).ok()?)?;
    // The kernel counts in USER_HZ, 100 on every Linux Lotbook runs on.
    Some(boot + Duration::from_millis(ticks * 10))
}

#[cfg(not(target_os = "linux"))]
fn kernel_start() -> Option<SystemTime> {
    None
}

/// Logs start to painted Today and where the time went; returns the line.
/// Marks from a page's clock that make no sense (before the start, out of
/// order, more than a minute) are logged as they are, never trusted to
/// compute anything else.
pub fn note_painted(marks: &PaintMarks) -> String {
    let line = describe(process_start(), marks);
    tracing::info!(target: "lotbook::startup", "{line}");
    line
}

fn describe(started: SystemTime, m: &PaintMarks) -> String {
    let start_ms = started
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0);
    let s = |at: f64| (at - start_ms) / 1000.0;
    let (page, script, painted) = (s(m.page_began_ms), s(m.script_ms), s(m.painted_ms));
    let sane = (0.0..=60.0).contains(&painted) && page <= script && script <= painted;
    if !sane {
        return format!(
            "start to painted Today: marks out of order (page {page:.2} s, script {script:.2} s, painted {painted:.2} s)"
        );
    }
    format!(
        "start to painted Today: {painted:.2} s (page load began {page:.2} s, script ran {script:.2} s)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: u64) -> f64 {
        (1_800_000_000_000u64 + ms) as f64
    }

    #[test]
    fn says_where_the_time_went() {
        let started = UNIX_EPOCH + Duration::from_millis(1_800_000_000_000);
        let line = describe(
            started,
            &PaintMarks {
                page_began_ms: at(1100),
                script_ms: at(1180),
                painted_ms: at(1420),
            },
        );
        assert_eq!(
            line,
            "start to painted Today: 1.42 s (page load began 1.10 s, script ran 1.18 s)"
        );
    }

    #[test]
    fn marks_that_make_no_sense_are_named_not_computed() {
        let started = UNIX_EPOCH + Duration::from_millis(1_800_000_000_000);
        let line = describe(
            started,
            &PaintMarks {
                page_began_ms: at(900),
                script_ms: at(800),
                painted_ms: at(1000),
            },
        );
        assert!(line.contains("out of order"), "{line}");
        let line = describe(
            started,
            &PaintMarks {
                page_began_ms: 0.0,
                script_ms: 0.0,
                painted_ms: f64::NAN,
            },
        );
        assert!(line.contains("out of order"), "{line}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_process_start_is_read_to_the_tick() {
        let before = SystemTime::now();
        let mut child = std::process::Command::new("sleep")
            .arg("2")
            .spawn()
            .expect("sleep runs");
        let after = SystemTime::now();
        let started = start_of(&child.id().to_string()).expect("/proc names its start");
        let _ = child.kill();
        let _ = child.wait();
        // One tick (10 ms) and the uptime's rounding either side.
        let slack = Duration::from_millis(30);
        assert!(
            started + slack >= before && started <= after + slack,
            "{started:?} not within {before:?}..{after:?}"
        );
        assert!(kernel_start().is_some_and(|s| s <= SystemTime::now()));
    }
}
