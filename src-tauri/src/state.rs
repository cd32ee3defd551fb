//! The open store, shared by every command, and how commands reach it.

use std::sync::{Arc, Mutex};

use lotbook::photos::PhotoLibrary;
use lotbook::{ErrorShape, Store};

/// The store, or why it could not be opened (e.g. a database from a newer
/// Lotbook): the UI then shows that message instead of a blank window.
pub struct AppState {
    store: Result<Arc<Mutex<Store>>, ErrorShape>,
    photos: Option<PhotoLibrary>,
    data_dir: Option<std::path::PathBuf>,
}

impl AppState {
    pub fn new(store: lotbook::Result<Store>) -> Self {
        AppState {
            photos: store.as_ref().ok().map(|s| s.photos().clone()),
            data_dir: store.as_ref().ok().map(|s| s.data_dir().to_owned()),
            store: store
                .map(|s| Arc::new(Mutex::new(s)))
                .map_err(|e| ErrorShape::from(&e)),
        }
    }

    /// The shared store, for work that locks it only briefly at a time.
    pub fn store(&self) -> Result<Arc<Mutex<Store>>, ErrorShape> {
        self.store.clone()
    }

    /// The data folder, for work on a connection of its own (the outbox).
    pub fn data_dir(&self) -> Result<std::path::PathBuf, ErrorShape> {
        match (&self.data_dir, &self.store) {
            (Some(d), _) => Ok(d.clone()),
            (None, Err(e)) => Err(e.clone()),
            (None, Ok(_)) => Err(internal("the data folder is unknown")),
        }
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
            f(&mut guard).map_err(|e| logged(ErrorShape::from(&e)))
        })
        .await
        // A panic was written to the log by its hook; the user gets a calm word.
        .map_err(|e| {
            logged(internal(&format!(
                "this did not finish because of an internal fault ({e}); it is written in the log, and Lotbook keeps running"
            )))
        })?
    }
}

pub fn internal(message: &str) -> ErrorShape {
    ErrorShape {
        code: "internal".into(),
        message: message.into(),
        field: None,
        problems: Vec::new(),
    }
}

/// Commands' errors go to the log with their code, for support.
pub fn logged(e: ErrorShape) -> ErrorShape {
    tracing::warn!(code = %e.code, "command failed: {}", e.message);
    e
}
