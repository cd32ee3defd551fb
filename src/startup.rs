//! How long the app took to show Today, written to the log once a start:
//! a dealer who says "it starts slowly" sends the log, and the start-up
//! bench (`scripts/start-bench.sh`) reads the same line without a WebDriver
//! session in the way.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Deserialize;
use ts_rs::TS;

use crate::error::{Error, ErrorCode, Result};

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
/// Set by the first marks noted: anything in the page can call the command,
/// as often as it likes, and the log gets one line a start.
static NOTED: AtomicBool = AtomicBool::new(false);

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

/// Reads the marks as the page sent them: three numbers, or an input error
/// that names what was expected without repeating what came (which may be
/// anything, of any size).
pub fn marks_from(value: serde_json::Value) -> Result<PaintMarks> {
    // serde would also read a struct from a list ([1, 2, 3]): only an object
    // names its numbers.
    let parsed = match value {
        serde_json::Value::Object(_) => serde_json::from_value(value).ok(),
        _ => None,
    };
    parsed.ok_or_else(|| {
        Error::invalid(
            "marks",
            ErrorCode::InvalidNumber,
            "start-up marks must be {page_began_ms, script_ms, painted_ms}, three numbers of epoch milliseconds",
        )
    })
}

/// Logs start to painted Today and where the time went, the first time it
/// is called in this process; returns the line logged, None when a line was
/// already written this start.
pub fn note_painted(marks: &PaintMarks) -> Option<String> {
    if NOTED.swap(true, Ordering::SeqCst) {
        return None;
    }
    let line = describe(process_start(), marks);
    tracing::info!(target: "lotbook::startup", "{line}");
    Some(line)
}

/// Marks that make no sense (before the start, out of order, more than a
/// minute, not numbers) are named as such, without their values: a log
/// line of "-1800000000.00 s" or "1e305 s" would read as a measurement.
fn describe(started: SystemTime, m: &PaintMarks) -> String {
    let start_ms = started
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0);
    let s = |at: f64| (at - start_ms) / 1000.0;
    let (page, script, painted) = (s(m.page_began_ms), s(m.script_ms), s(m.painted_ms));
    // NaN fails every comparison, so it is never sane.
    let sane = 0.0 <= page && page <= script && script <= painted && painted <= 60.0;
    if !sane {
        return "start to painted Today: not measured (the page's marks were out of order, before the start or over a minute)".to_owned();
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
    fn marks_that_make_no_sense_are_named_without_their_values() {
        let started = UNIX_EPOCH + Duration::from_millis(1_800_000_000_000);
        let cases = [
            // Out of order.
            (at(900), at(800), at(1000)),
            // Not numbers, infinite.
            (0.0, 0.0, f64::NAN),
            (f64::NAN, f64::NAN, f64::NAN),
            (at(100), at(200), f64::INFINITY),
            (f64::NEG_INFINITY, at(200), at(300)),
            // Zero, negative, huge: before the start, or ages after it.
            (0.0, 0.0, 0.0),
            (-5.0, -4.0, -3.0),
            (at(100), at(200), f64::MAX),
            (f64::MIN, at(200), at(300)),
            (1e300, 1e301, 1e302),
            // Page load before the process started; painted after a minute.
            (at(0) - 5.0, at(200), at(300)),
            (at(100), at(200), at(60_001)),
        ];
        for (page_began_ms, script_ms, painted_ms) in cases {
            let line = describe(
                started,
                &PaintMarks {
                    page_began_ms,
                    script_ms,
                    painted_ms,
                },
            );
            assert!(line.contains("not measured"), "{line}");
            assert!(
                !line.chars().any(|c| c.is_ascii_digit())
                    && !line.contains("NaN")
                    && !line.contains("inf"),
                "no figure from {page_began_ms}, {script_ms}, {painted_ms}: {line}"
            );
        }
    }

    #[test]
    fn marks_of_the_wrong_shape_are_an_input_error_that_does_not_echo_them() {
        use serde_json::json;
        let ok = marks_from(
            json!({"page_began_ms": 1.5, "script_ms": 2, "painted_ms": 3, "extra": [1]}),
        );
        assert!(ok.is_ok_and(|m| m.page_began_ms == 1.5 && m.painted_ms == 3.0));
        let huge = "x".repeat(5_000_000);
        for bad in [
            json!(null),
            json!("marks"),
            json!(42),
            json!([1, 2, 3]),
            json!({}),
            json!({"page_began_ms": 1, "script_ms": 2}),
            json!({"page_began_ms": "1", "script_ms": 2, "painted_ms": 3}),
            json!({"page_began_ms": null, "script_ms": 2, "painted_ms": 3}),
            json!({"page_began_ms": huge, "script_ms": 2, "painted_ms": 3}),
            json!({"page_began_ms": {"a": [huge]}, "script_ms": 2, "painted_ms": 3}),
        ] {
            let shape = match marks_from(bad) {
                Err(e) => crate::ErrorShape::from(&e),
                Ok(m) => panic!("{m:?} accepted"),
            };
            assert_eq!(shape.code, ErrorCode::InvalidNumber);
            assert_eq!(shape.field.as_deref(), Some("marks"));
            assert!(shape.message.len() < 200, "{}", shape.message.len());
        }
    }

    /// The only test that calls `note_painted` (its flag is the process's).
    #[test]
    fn a_start_logs_its_marks_once_however_often_the_page_calls() {
        let marks = PaintMarks {
            page_began_ms: 1.0,
            script_ms: 2.0,
            painted_ms: 3.0,
        };
        let lines: Vec<_> = (0..10_000).filter_map(|_| note_painted(&marks)).collect();
        assert_eq!(lines.len(), 1, "{lines:?}");
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
