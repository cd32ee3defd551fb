//! The daily automatic backups, on their own thread and connection so
//! start-up and the window never wait for them: at start, then every ten
//! minutes, so a second location that was unplugged (waiting) gets its
//! backup soon after it is back, and a day change is noticed. Never while
//! a restore has the folder (the gate): then a minute later.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::LocationOutcome;
use crate::db::Store;
use crate::error::Result;
use crate::workers::{working, Clock, DataGate, Job, Turn, Worker};

pub const EVERY: Duration = Duration::from_secs(600);
pub const WHILE_CLOSED: Duration = Duration::from_secs(60);

/// One pass: None while the folder is closed (a restore), else what each
/// location got.
pub type Pass = Box<dyn FnMut() -> Option<Result<Vec<LocationOutcome>>> + Send>;

/// The schedule around a pass (tests give a pass of their own).
pub struct AutoBackup(pub Pass);

impl Job for AutoBackup {
    type Done = Result<Vec<LocationOutcome>>;
    const NAME: &'static str = "auto-backup";

    fn turn(&mut self, _now: Instant, _woken: bool) -> Turn<Self::Done> {
        let Some(result) = (self.0)() else {
            return Turn::idle(WHILE_CLOSED);
        };
        log(&result);
        Turn::ran(result, EVERY)
    }
}

fn log(result: &Result<Vec<LocationOutcome>>) {
    match result {
        Ok(outcomes) => {
            for o in outcomes {
                if let Some(b) = &o.backup {
                    tracing::info!("automatic backup written to {}", b.path);
                }
                if let Some(e) = &o.error {
                    tracing::warn!("automatic backup into {} failed: {e}", o.location);
                }
            }
        }
        Err(e) => tracing::warn!(code = %e.code(), "automatic backup failed: {e}"),
    }
}

/// The pass on the data folder `dir`, on a connection of its own.
pub fn pass_in(dir: PathBuf, gate: Arc<DataGate>) -> Pass {
    Box::new(move || {
        let _pass = gate.enter()?;
        let _busy = working("backup");
        Some(Store::open_beside(&dir).and_then(|mut s| {
            let outcomes = super::auto_backup_everywhere(&s)?;
            if outcomes.iter().any(|o| o.backup.is_some()) {
                super::archive_after_backup(&mut s);
            }
            Ok(outcomes)
        }))
    })
}

/// Starts the automatic backups of `dir`.
pub fn start(
    dir: PathBuf,
    gate: Arc<DataGate>,
    clock: Arc<dyn Clock>,
    on_pass: impl FnMut(&Result<Vec<LocationOutcome>>) + Send + 'static,
) -> std::io::Result<Worker> {
    Worker::start(AutoBackup(pass_in(dir, gate)), clock, on_pass)
}
