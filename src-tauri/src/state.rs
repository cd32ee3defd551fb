//! The open store, shared by every command, and how commands reach it.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lotbook::backup::RestoreOutcome;
use lotbook::photos::PhotoLibrary;
use lotbook::{ErrorShape, Store};

use lotbook::workers::{DataGate, Pass};

/// The window's store: taken out and put back by a restore, an error when
/// the folder could not be opened again.
pub type SharedStore = Arc<Mutex<Result<Store, ErrorShape>>>;

/// How long a restore waits for a backup, an export or an import running
/// beside the window to finish before it says the folder is busy.
const RESTORE_WAIT: Duration = Duration::from_secs(60);

/// The store, or why it could not be opened (e.g. a database from a newer
/// Lotbook): the UI then shows that message instead of a blank window.
pub struct AppState {
    store: Result<SharedStore, ErrorShape>,
    photos: Option<PhotoLibrary>,
    data_dir: Option<PathBuf>,
    gate: Arc<DataGate>,
}

/// The data folder, for work on a connection of its own, with the pass that
/// keeps a restore from swapping the data under it.
pub struct Beside {
    pub dir: PathBuf,
    _pass: Pass,
}

impl AppState {
    pub fn new(store: lotbook::Result<Store>) -> Self {
        AppState {
            photos: store.as_ref().ok().map(|s| s.photos().clone()),
            data_dir: store.as_ref().ok().map(|s| s.data_dir().to_owned()),
            store: store
                .map(|s| Arc::new(Mutex::new(Ok(s))))
                .map_err(|e| ErrorShape::from(&e)),
            gate: Arc::new(DataGate::default()),
        }
    }

    /// The shared store, for work that locks it only briefly at a time.
    pub fn store(&self) -> Result<SharedStore, ErrorShape> {
        self.store.clone()
    }

    /// The gate the background workers pass through.
    pub fn gate(&self) -> Arc<DataGate> {
        self.gate.clone()
    }

    /// The data folder's path (for what does not open it: diagnostics, the
    /// sample folder beside it).
    pub fn data_dir(&self) -> Result<PathBuf, ErrorShape> {
        match (&self.data_dir, &self.store) {
            (Some(d), _) => Ok(d.clone()),
            (None, Err(e)) => Err(e.clone()),
            (None, Ok(_)) => Err(internal("the data folder is unknown")),
        }
    }

    /// The data folder and a pass, for work on a connection of its own (the
    /// outbox, exports, imports); refused while a restore runs.
    pub fn beside(&self) -> Result<Beside, ErrorShape> {
        let dir = self.data_dir()?;
        let pass = self.gate.enter().ok_or_else(restoring)?;
        Ok(Beside { dir, _pass: pass })
    }

    /// The photo files, readable without the store's lock.
    pub fn photos(&self) -> Option<PhotoLibrary> {
        self.photos.clone()
    }

    /// Runs `f` on the store on a blocking thread: SQLite never runs on the
    /// async runtime's workers.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ErrorShape>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> lotbook::Result<T> + Send + 'static,
    {
        let store = self.store.clone()?;
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = store.lock().map_err(|_| {
                internal("the store lock was poisoned by an earlier failure; restart Lotbook")
            })?;
            let store = guard.as_mut().map_err(|e| e.clone())?;
            f(store).map_err(|e| reply(&e))
        })
        .await
        // A panic was written to the log by its hook; the user gets a calm word.
        .map_err(|e| {
            internal(&format!(
                "this did not finish because of an internal fault ({e}); it is written in the log, and Lotbook keeps running"
            ))
        })?
    }

    /// Runs long work (composing an email re-encodes photos) on a
    /// connection of its own on a blocking thread, so the window's other
    /// commands never wait for it. The lock granularity of every command is
    /// decided here: brief work takes `run` (the shared store's lock),
    /// long work `run_beside`; a restore waits for its pass.
    pub async fn run_beside<T, F>(&self, f: F) -> Result<T, ErrorShape>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> lotbook::Result<T> + Send + 'static,
    {
        let beside = self.beside()?;
        tauri::async_runtime::spawn_blocking(move || {
            let mut store = Store::open_beside(&beside.dir).map_err(|e| reply(&e))?;
            let out = f(&mut store).map_err(|e| reply(&e));
            drop(store);
            drop(beside);
            out
        })
        .await
        .map_err(|e| {
            internal(&format!(
                "this did not finish because of an internal fault ({e}); it is written in the log, and Lotbook keeps running"
            ))
        })?
    }

    /// Restores `backup` in this process: the workers and the work beside
    /// the window leave the folder (`nudge` wakes a worker that waits), the
    /// window's commands wait on the store's lock, the core closes the store,
    /// restores all or nothing and opens the folder again.
    pub async fn restore(
        &self,
        backup: PathBuf,
        nudge: impl Fn() + Send + 'static,
    ) -> Result<RestoreOutcome, ErrorShape> {
        let store = self.store.clone()?;
        let gate = self.gate.clone();
        tauri::async_runtime::spawn_blocking(move || {
            gate.alone(RESTORE_WAIT, nudge, || {
                let mut guard = store.lock().unwrap_or_else(|p| p.into_inner());
                let open = std::mem::replace(&mut *guard, Err(restoring()));
                let open = match open {
                    Ok(s) => s,
                    Err(e) => {
                        *guard = Err(e.clone());
                        return Err(e);
                    }
                };
                let (reopened, outcome) = lotbook::backup::restore_open(open, &backup);
                *guard = reopened.map_err(|e| ErrorShape::from(&e));
                Ok(outcome)
            })
            .unwrap_or_else(|| Err(busy()))
        })
        .await
        .map_err(|e| internal(&format!("background task failed: {e}")))?
    }
}

/// Lends the shared store to `f` for one short piece of work (a row of a
/// long import), as the core's `run_locked` asks.
pub fn with_store<T>(
    store: &SharedStore,
    f: &mut dyn FnMut(&mut Store) -> lotbook::Result<T>,
) -> lotbook::Result<T> {
    let mut guard = store
        .lock()
        .map_err(|_| lotbook::Error::Other("the store is unavailable; restart Lotbook".into()))?;
    match guard.as_mut() {
        Ok(s) => f(s),
        Err(e) => Err(lotbook::Error::Busy(e.message.clone())),
    }
}

fn restoring() -> ErrorShape {
    ErrorShape::from(&lotbook::Error::Busy(
        "Lotbook is restoring a backup; try again in a moment".into(),
    ))
}

fn busy() -> ErrorShape {
    ErrorShape::from(&lotbook::Error::Busy(
        "a backup, an export, an import or another restore is still using the data folder; \
         the backup was not restored and nothing was changed; try again when it has finished"
            .into(),
    ))
}

/// A fault of the shell itself (a task that did not finish), logged.
pub fn internal(message: &str) -> ErrorShape {
    reply_shape(ErrorShape {
        code: lotbook::error::ErrorCode::Internal,
        message: message.into(),
        field: None,
        problems: Vec::new(),
    })
}

/// Where a core error becomes what a command answers: every command's
/// error passes here (or [`reply_shape`]) and goes to the log with its
/// code, for support.
pub fn reply(e: &lotbook::Error) -> ErrorShape {
    reply_shape(ErrorShape::from(e))
}

/// A shape made in the shell (the updater's), logged like the core's.
pub fn reply_shape(e: ErrorShape) -> ErrorShape {
    tracing::warn!(code = %e.code, "command failed: {}", e.message);
    e
}
