//! The worker that syncs on its own: a pass at start, a look for local
//! changes to send every 5 s (debounced by that wait), a full pass every
//! two minutes, and one when woken (the Sync page saved, the folder watcher
//! saw a file arrive: after 2 s for the file to settle). It keeps its own
//! connection while the folder is open, lets it go while a restore has the
//! folder (the gate), and opens it again afterwards.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::SyncReport;
use crate::db::Store;
use crate::error::Result;
use crate::workers::{working, Clock, DataGate, Job, Pass, Turn, Waker, Worker};

pub const CHECK_EVERY: Duration = Duration::from_secs(5);
pub const FULL_EVERY: Duration = Duration::from_secs(120);
pub const SETTLE: Duration = Duration::from_secs(2);

/// What the worker needs of the data (tests give a fake).
pub trait SyncPlace: Send + 'static {
    /// The team folder; None when sync is off or the data folder is not
    /// open to us (a restore has it, it could not be opened).
    fn folder(&mut self) -> Option<String>;
    /// Local changes wait to be sent.
    fn pending(&mut self) -> bool;
    /// A pass; true when it changed data here or there.
    fn sync(&mut self) -> Result<bool>;
}

/// Follows the team folder to wake the worker when a file arrives (the
/// shell watches the disk; `()` watches nothing).
pub trait FolderWatch: Send + 'static {
    fn follow(&mut self, folder: Option<&str>, wake: &Waker);
}

impl FolderWatch for () {
    fn follow(&mut self, _: Option<&str>, _: &Waker) {}
}

/// What a pass tells the callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncPassed {
    /// Data changed: the UI reloads.
    pub applied: bool,
}

pub struct SyncJob<P, W> {
    place: P,
    watch: W,
    waker: Option<Waker>,
    last_full: Option<Instant>,
}

impl<P: SyncPlace, W: FolderWatch> SyncJob<P, W> {
    pub fn new(place: P, watch: W) -> Self {
        SyncJob {
            place,
            watch,
            waker: None,
            last_full: None,
        }
    }

    fn follow(&mut self, folder: Option<&str>) {
        if let Some(w) = &self.waker {
            self.watch.follow(folder, w);
        }
    }
}

impl<P: SyncPlace, W: FolderWatch> Job for SyncJob<P, W> {
    type Done = SyncPassed;
    const NAME: &'static str = "sync";

    fn started(&mut self, waker: Waker) {
        self.waker = Some(waker);
    }

    fn settle(&self) -> Duration {
        SETTLE
    }

    fn turn(&mut self, now: Instant, woken: bool) -> Turn<SyncPassed> {
        let Some(folder) = self.place.folder() else {
            // Sync is off (saving on the Sync page wakes us) or the folder
            // is closed: the next full pass counts from here.
            self.follow(None);
            self.last_full = Some(now);
            return Turn::idle(CHECK_EVERY);
        };
        self.follow(Some(&folder));
        let due = self
            .last_full
            .is_none_or(|t| now.saturating_duration_since(t) >= FULL_EVERY);
        if !(woken || due || self.place.pending()) {
            return Turn::idle(CHECK_EVERY);
        }
        self.last_full = Some(now);
        let _busy = working("sync");
        let applied = self.place.sync().unwrap_or_else(|e| {
            tracing::info!(code = %e.code(), "sync: {e}");
            false
        });
        Turn::ran(SyncPassed { applied }, CHECK_EVERY)
    }
}

/// The data folder beside the window, opened by the worker while the gate
/// lets it.
pub struct Beside {
    dir: PathBuf,
    gate: Arc<DataGate>,
    open: Option<(Store, Pass)>,
}

impl Beside {
    pub fn new(dir: PathBuf, gate: Arc<DataGate>) -> Self {
        Beside {
            dir,
            gate,
            open: None,
        }
    }
}

impl SyncPlace for Beside {
    fn folder(&mut self) -> Option<String> {
        if self.gate.closed() {
            self.open = None;
            return None;
        }
        if self.open.is_none() {
            let pass = self.gate.enter()?;
            match Store::open_beside(&self.dir) {
                Ok(s) => self.open = Some((s, pass)),
                Err(e) => {
                    tracing::warn!(code = %e.code(), "sync: the database could not be opened: {e}");
                    return None;
                }
            }
        }
        let (store, _) = self.open.as_ref()?;
        super::state::folder(store).ok().flatten()
    }

    fn pending(&mut self) -> bool {
        self.open
            .as_ref()
            .is_some_and(|(s, _)| super::state::pending_changes(s).unwrap_or(0) > 0)
    }

    fn sync(&mut self) -> Result<bool> {
        match self.open.as_mut() {
            Some((store, _)) => Ok(super::sync_saved(store)?.is_some_and(|r| !r.idle())),
            None => Ok(false),
        }
    }
}

/// A pass now on a connection of its own (the Sync page's button); the
/// worker's next pass waits for it (one pass at a time per data folder).
pub fn sync_now(dir: &Path) -> Result<Option<SyncReport>> {
    let _busy = working("sync");
    let mut store = Store::open_beside(dir)?;
    super::sync_saved(&mut store)
}

/// Starts the sync worker of `dir`.
pub fn start(
    dir: PathBuf,
    gate: Arc<DataGate>,
    watch: impl FolderWatch,
    clock: Arc<dyn Clock>,
    on_pass: impl FnMut(&SyncPassed) + Send + 'static,
) -> std::io::Result<Worker> {
    Worker::start(SyncJob::new(Beside::new(dir, gate), watch), clock, on_pass)
}
