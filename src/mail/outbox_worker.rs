//! Sends what waits in the outbox every two minutes (offline is normal: a
//! failed try waits for its back-off), on its own thread and connection; a
//! pass is skipped while a restore has the folder (the gate) or no SMTP
//! account is set up.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::outbox::send_pass;
use super::OutboxReport;
use crate::db::Store;
use crate::error::Result;
use crate::workers::{working, Clock, DataGate, Job, Turn, Worker};

pub const EVERY: Duration = Duration::from_secs(120);

/// One pass: None when nothing was tried (the gate closed, no account).
pub type Pass = Box<dyn FnMut() -> Option<Result<OutboxReport>> + Send>;

/// The schedule around a pass; the first pass is two minutes after start.
pub struct OutboxSender(pub Pass);

impl Job for OutboxSender {
    type Done = Result<OutboxReport>;
    const NAME: &'static str = "outbox";

    fn first_wait(&self) -> Duration {
        EVERY
    }

    fn turn(&mut self, _now: Instant, _woken: bool) -> Turn<Self::Done> {
        match (self.0)() {
            None => Turn::idle(EVERY),
            Some(result) => {
                if let Err(e) = &result {
                    tracing::warn!(code = %e.code(), "outbox: {e}");
                }
                Turn::ran(result, EVERY)
            }
        }
    }
}

/// Sends what is due now, counted as background work ("send").
pub fn send_now(dir: &Path) -> Result<OutboxReport> {
    let _busy = working("send");
    send_pass(dir)
}

/// The pass on the data folder `dir`.
pub fn pass_in(dir: PathBuf, gate: Arc<DataGate>) -> Pass {
    Box::new(move || {
        let _pass = gate.enter()?;
        let configured = Store::open_beside(&dir)
            .and_then(|s| s.smtp_account())
            .is_ok_and(|s| s.is_some());
        configured.then(|| send_now(&dir))
    })
}

/// Starts the outbox worker of `dir`.
pub fn start(
    dir: PathBuf,
    gate: Arc<DataGate>,
    clock: Arc<dyn Clock>,
    on_pass: impl FnMut(&Result<OutboxReport>) + Send + 'static,
) -> std::io::Result<Worker> {
    Worker::start(OutboxSender(pass_in(dir, gate)), clock, on_pass)
}
