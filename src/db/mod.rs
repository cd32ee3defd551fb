//! The local store: one SQLite file per data dir, in WAL mode with foreign
//! keys on, migrated forward on open, and every user-data write captured.

pub mod bulk;
pub mod capture;
pub mod clock;
pub mod file;
pub mod home;
pub(crate) mod many;
pub mod migrate;
pub mod restamp;
pub mod rules;
pub(crate) mod waiting;

use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::photos::library::PhotoLibrary;
pub use capture::CaptureSwitch;
pub use clock::Clock;
pub use migrate::SCHEMA_VERSION;

pub const DB_FILE: &str = "lotbook.sqlite3";
/// Every open store holds a shared OS lock on this file of its data folder;
/// a restore takes it alone, so it never swaps the database under a
/// connection (the app's, a CLI command's).
pub const FOLDER_LOCK: &str = "lotbook.lock";
/// The copy a restore checks and upgrades beside the database before it
/// takes its place; one left by a restore that died is removed at open.
pub const RESTORE_TEMP: &str = "lotbook.sqlite3.restoring";
/// How long a connection waits for the write lock before "database is locked".
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// How often a waiting connection tries again: often enough to take its turn
/// in the pause between a bulk write's chunks (see [`bulk`]).
const BUSY_POLL: Duration = Duration::from_millis(3);
/// How long opening waits while a restore holds the folder.
const FOLDER_WAIT: Duration = Duration::from_secs(10);
/// What the WAL file keeps of its size once SQLite starts it over after a
/// checkpoint. Without a limit a join or an import left a WAL as big as its
/// largest transaction (150 MB beside a 185 MB database) on the dealer's
/// disk for good; 16 MB is four times what the default checkpoint lets it
/// reach in everyday use.
pub const WAL_KEEP_BYTES: i64 = 16 * 1024 * 1024;

pub struct Store {
    conn: Connection,
    data_dir: PathBuf,
    identity: Arc<capture::Identity>,
    capture: CaptureSwitch,
    photos: PhotoLibrary,
    _folder_lock: File,
}

/// A new UUIDv7 as text: time-ordered, so new rows land at the end of indexes.
pub fn new_id() -> String {
    Uuid::now_v7().to_string()
}

/// The current time as RFC 3339 UTC, the format of every `*_at` column.
pub fn now_utc() -> String {
    utc_text(chrono::Utc::now())
}

/// `t` as stored: RFC 3339 UTC with milliseconds and `Z`, so stored times
/// compare correctly as text in SQL.
pub fn utc_text(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A busy handler that polls every few milliseconds for `timeout` (SQLite's
/// own sleeps up to 100 ms between tries and would miss a short pause).
pub(crate) fn set_busy_timeout(conn: &mut Connection, timeout: Duration) -> Result<()> {
    let mut since = Instant::now();
    conn.busy_handler(Some(move |tries: i32| {
        if tries == 0 {
            since = Instant::now();
        }
        if since.elapsed() >= timeout {
            return false;
        }
        waiting::note_poll();
        std::thread::sleep(BUSY_POLL);
        true
    }))?;
    Ok(())
}

/// Opens (creating) a lock file of the data folder for locking; never
/// truncates, as another process may hold it.
pub(crate) fn lock_file(path: &Path) -> Result<File> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| Error::io(path, e))
}

/// The shared lock every open store holds ([`FOLDER_LOCK`]).
fn lock_folder(data_dir: &Path) -> Result<File> {
    let path = data_dir.join(FOLDER_LOCK);
    let file = lock_file(&path)?;
    let since = Instant::now();
    loop {
        match file.try_lock_shared() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if since.elapsed() < FOLDER_WAIT => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Error::Busy(format!(
                    "{} is being restored from a backup; try again in a moment",
                    data_dir.display()
                )))
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
    }
}

pub(crate) fn configure(conn: &mut Connection) -> Result<()> {
    set_busy_timeout(conn, BUSY_TIMEOUT)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Other(format!(
            "the database could not switch to WAL mode (got {mode})"
        )));
    }
    // FULL: a commit survives a power cut, not only an app crash.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "journal_size_limit", WAL_KEEP_BYTES)?;
    Ok(())
}

impl Store {
    /// Opens (creating if needed) the store in `data_dir`, clearing the
    /// temporary files an interrupted write left: the app's or the CLI's start.
    pub fn open(data_dir: &Path) -> Result<Store> {
        Store::open_with(data_dir, true)
    }

    /// A second connection beside the running app, for its background work
    /// (backups, the outbox): it leaves the app's temporary files alone.
    pub fn open_beside(data_dir: &Path) -> Result<Store> {
        Store::open_with(data_dir, false)
    }

    fn open_with(data_dir: &Path, clean: bool) -> Result<Store> {
        std::fs::create_dir_all(data_dir).map_err(|e| Error::io(data_dir, e))?;
        let folder_lock = lock_folder(data_dir)?;
        if clean {
            remove_restore_leftovers(data_dir);
        }
        let path = data_dir.join(DB_FILE);
        let mut conn = file::open_file(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // Checked before any pragma or migration writes to the file.
        migrate::refuse_newer(&conn, &path)?;
        configure(&mut conn)?;
        migrate::migrate(&mut conn)?;

        let device_id = ensure_device_id(&conn)?;
        if clean {
            home::check(&conn, data_dir)?;
        }
        let identity = shared_identity(&path, &device_id);
        let floor = restamp::floor(&conn, &identity.clock, &device_id)?;
        if let Some(floor) = &floor {
            identity.clock.observe(floor);
        }
        let capture = CaptureSwitch::default();
        capture::register_functions(&conn, identity.clone(), capture.clone())?;
        let photos = if clean {
            PhotoLibrary::open(data_dir)?
        } else {
            PhotoLibrary::open_beside(data_dir)?
        };
        let mut store = Store {
            conn,
            data_dir: data_dir.to_owned(),
            identity,
            capture,
            photos,
            _folder_lock: folder_lock,
        };
        if clean {
            // An import a crash or a kill cut off is undone before anything
            // reads or sends it (a running one is left alone).
            if let Err(e) = bulk::recover(&mut store) {
                tracing::warn!("an unfinished import could not be undone yet: {e}");
            }
        }
        Ok(store)
    }

    /// How long this connection waits for another writer (default
    /// [`BUSY_TIMEOUT`]) before failing with "database is locked".
    pub fn set_busy_timeout(&mut self, timeout: Duration) -> Result<()> {
        set_busy_timeout(&mut self.conn, timeout)
    }

    /// The photo files of this store.
    pub fn photos(&self) -> &PhotoLibrary {
        &self.photos
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join(DB_FILE)
    }

    pub fn device_id(&self) -> String {
        self.identity.device_id()
    }

    pub fn clock(&self) -> &Clock {
        &self.identity.clock
    }

    pub fn capture_switch(&self) -> &CaptureSwitch {
        &self.capture
    }

    /// Gives this database a new device id from now on. Sync calls it when
    /// the shared folder holds changes of this device that the database does
    /// not (it was put back from an old copy): carrying on under the old id
    /// would reuse its segment numbers.
    pub fn renew_device_id(&mut self) -> Result<String> {
        let id = new_id();
        local_set(&self.conn, DEVICE_ID_KEY, &id)?;
        self.identity.set_device_id(&id);
        Ok(id)
    }

    /// Read access. Writes go through [`Store::transact`].
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it commits or none of it.
    /// IMMEDIATE takes the write lock up front, so a concurrent writer (the
    /// CLI beside the app) waits on the busy timeout instead of failing late.
    pub fn transact<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    pub fn local_get(&self, key: &str) -> Result<Option<String>> {
        local_get(&self.conn, key)
    }

    pub fn local_set(&mut self, key: &str, value: &str) -> Result<()> {
        local_set(&self.conn, key, value)
    }
}

/// Where a restore stages photos (removed by the next start if left).
pub(crate) const RESTORE_STAGING: &str = "restore-photos.partial";

/// The copy (and its journal files) of a restore that did not finish.
pub(crate) fn remove_restore_leftovers(data_dir: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let _ = std::fs::remove_file(data_dir.join(format!("{RESTORE_TEMP}{suffix}")));
    }
    let _ = std::fs::remove_dir_all(data_dir.join(RESTORE_STAGING));
}

pub(crate) fn local_get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM local_meta WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub(crate) fn local_set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO local_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute([key, value])?;
    Ok(())
}

pub(crate) const DEVICE_ID_KEY: &str = "device_id";

/// The identity of the database at `path` for this process (see
/// [`capture::Identity`]); follows the file's device id when it changed
/// underneath (a restore).
fn shared_identity(path: &Path, device_id: &str) -> Arc<capture::Identity> {
    static IDENTITIES: std::sync::OnceLock<
        std::sync::Mutex<std::collections::HashMap<PathBuf, Arc<capture::Identity>>>,
    > = std::sync::OnceLock::new();
    let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let fresh = || {
        Arc::new(capture::Identity::new(
            device_id.to_owned(),
            Arc::new(Clock::new(None)),
        ))
    };
    let Ok(mut map) = IDENTITIES.get_or_init(Default::default).lock() else {
        return fresh();
    };
    let identity = map.entry(key).or_insert_with(fresh).clone();
    if identity.device_id() != device_id {
        identity.set_device_id(device_id);
    }
    identity
}

fn ensure_device_id(conn: &Connection) -> Result<String> {
    if let Some(id) = local_get(conn, DEVICE_ID_KEY)? {
        return Ok(id);
    }
    let id = new_id();
    local_set(conn, DEVICE_ID_KEY, &id)?;
    Ok(id)
}
