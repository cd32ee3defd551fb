//! Backups (SQLite online backup API, rotated), restore, and the integrity check.

mod check;
mod rotate;

pub use check::{check, check_store, CheckReport};
pub use rotate::keep_set;

use chrono::{NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags, MAIN_DB};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

use crate::db::{self, migrate, Store, DB_FILE};
use crate::error::{Error, Result};

pub const BACKUP_DIR: &str = "backups";
const AUTO_PREFIX: &str = "auto-";
/// File-name stamp; milliseconds keep two backups of one second apart.
const STAMP: &str = "%Y%m%d-%H%M%S%3f";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupInfo {
    pub path: String,
    /// When the backup was taken, `YYYY-MM-DD HH:MM:SS` in the team's zone.
    pub taken_at: String,
    pub automatic: bool,
    #[ts(type = "number")]
    pub bytes: u64,
}

fn backup_dir(store: &Store) -> PathBuf {
    store.data_dir().join(BACKUP_DIR)
}

fn parse_name(name: &str) -> Option<(bool, NaiveDateTime)> {
    let stem = name.strip_suffix(".sqlite3")?;
    let (automatic, stamp) = match stem.strip_prefix(AUTO_PREFIX) {
        Some(s) => (true, s),
        None => (false, stem.strip_prefix("manual-")?),
    };
    parse_stamp(stamp).map(|t| (automatic, t))
}

/// `YYYYMMDD-HHMMSS` with optional milliseconds `mmm`, as [`STAMP`] writes.
fn parse_stamp(s: &str) -> Option<NaiveDateTime> {
    let (date, time) = s.split_once('-')?;
    if date.len() != 8 || !(time.len() == 6 || time.len() == 9) {
        return None;
    }
    if !date.bytes().chain(time.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |s: &str| s.parse::<u32>().ok();
    let day =
        chrono::NaiveDate::from_ymd_opt(n(&date[..4])? as i32, n(&date[4..6])?, n(&date[6..])?)?;
    let millis = if time.len() == 9 { n(&time[6..])? } else { 0 };
    day.and_hms_milli_opt(n(&time[..2])?, n(&time[2..4])?, n(&time[4..6])?, millis)
}

/// A backup is written under its name plus this, and renamed when whole.
/// Such a file (a backup killed midway) is never listed or restored, and
/// the next backup into the folder removes it.
pub const PARTIAL_SUFFIX: &str = ".partial";
/// Held while a backup is written into `backups/`: one at a time, so the
/// partial files found there are always a dead backup's.
const WRITING_LOCK: &str = ".writing.lock";

/// Backups in the data dir, newest first.
pub fn list(store: &Store) -> Result<Vec<BackupInfo>> {
    let dir = backup_dir(store);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let mut out: Vec<(NaiveDateTime, BackupInfo)> = Vec::new();
    for entry in entries.flatten() {
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some((automatic, at)) = parse_name(&name) {
            let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
            out.push((
                at,
                BackupInfo {
                    path: entry.path().display().to_string(),
                    taken_at: at.format("%Y-%m-%d %H:%M:%S").to_string(),
                    automatic,
                    bytes,
                },
            ));
        }
    }
    out.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    Ok(out.into_iter().map(|(_, b)| b).collect())
}

/// `path` with [`PARTIAL_SUFFIX`] added.
fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(PARTIAL_SUFFIX);
    PathBuf::from(name)
}

/// A name a backup never has when finished: its partial file, or the
/// journal files SQLite keeps beside a database.
fn unfinished_name(name: &str) -> bool {
    name.contains(PARTIAL_SUFFIX)
        || [".sqlite3-journal", ".sqlite3-wal", ".sqlite3-shm"]
            .iter()
            .any(|s| name.ends_with(s))
}

/// Copies the database of `conn` to `dest` with the online backup API (a
/// consistent snapshot even while the app writes): written as a partial
/// file, then renamed into place once whole and on disk.
fn copy_to(conn: &Connection, dest: &Path) -> Result<()> {
    let tmp = partial_path(dest);
    let _ = std::fs::remove_file(&tmp);
    let copied = conn
        .backup(MAIN_DB, &tmp, None::<fn(rusqlite::backup::Progress)>)
        .map_err(|e| Error::Other(format!("backup to {} failed: {e}", dest.display())));
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, dest).map_err(|e| Error::io(dest, e))?;
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::fsutil::sync_dir(dir).map_err(|e| Error::io(dir, e))?;
    }
    Ok(())
}

/// Copies the live database to `dest` (see [`copy_to`]).
pub fn backup_to(store: &Store, dest: &Path) -> Result<()> {
    copy_to(store.conn(), dest)
}

/// A new backup of `conn`'s database in `dir` (the data dir's backups/).
fn new_backup_in(dir: &Path, conn: &Connection, automatic: bool) -> Result<BackupInfo> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let lock_path = dir.join(WRITING_LOCK);
    let lock = db::lock_file(&lock_path)?;
    lock.lock().map_err(|e| Error::io(&lock_path, e))?;
    remove_partials(dir);
    let now = crate::time::local(Utc::now(), crate::time::team_zone_in(conn)?);
    let prefix = if automatic { AUTO_PREFIX } else { "manual-" };
    let path = dir.join(format!("{prefix}{}.sqlite3", now.format(STAMP)));
    if path.exists() {
        return Err(Error::Conflict(format!(
            "{} already exists; try again",
            path.display()
        )));
    }
    copy_to(conn, &path)?;
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    Ok(BackupInfo {
        path: path.display().to_string(),
        taken_at: now.format("%Y-%m-%d %H:%M:%S").to_string(),
        automatic,
        bytes,
    })
}

/// Removes what backups killed midway left in `dir` (under its lock).
fn remove_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.contains(PARTIAL_SUFFIX) && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn new_backup(store: &Store, automatic: bool) -> Result<BackupInfo> {
    new_backup_in(&backup_dir(store), store.conn(), automatic)
}

/// A backup the user asked for; kept until they delete it.
pub fn backup_now(store: &Store) -> Result<BackupInfo> {
    new_backup(store, false)
}

/// At most once a day (called when the app starts): takes an automatic
/// backup unless one exists from today, then prunes to 7 daily + 4 weekly.
pub fn auto_backup(store: &Store) -> Result<Option<BackupInfo>> {
    let today = crate::time::today(Utc::now(), store.team_zone()?);
    let existing = list(store)?;
    let has_today = existing.iter().any(|b| {
        b.automatic
            && Path::new(&b.path)
                .file_name()
                .and_then(|n| parse_name(&n.to_string_lossy()))
                .is_some_and(|(_, at)| at.date() == today)
    });
    let taken = if has_today {
        None
    } else {
        Some(new_backup(store, true)?)
    };
    prune(store)?;
    Ok(taken)
}

/// Deletes automatic backups outside the 7-daily + 4-weekly rotation.
pub fn prune(store: &Store) -> Result<usize> {
    let autos: Vec<(PathBuf, NaiveDateTime)> = list(store)?
        .into_iter()
        .filter(|b| b.automatic)
        .filter_map(|b| {
            let p = PathBuf::from(&b.path);
            let at = parse_name(&p.file_name()?.to_string_lossy())?.1;
            Some((p, at))
        })
        .collect();
    let times: Vec<NaiveDateTime> = autos.iter().map(|(_, t)| *t).collect();
    let keep = keep_set(&times, 7, 4);
    let mut removed = 0;
    for (i, (path, _)) in autos.iter().enumerate() {
        if !keep.contains(&i) {
            std::fs::remove_file(path).map_err(|e| Error::io(path, e))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Replaces the data dir's database with the backup `file`, all or nothing.
///
/// The backup is copied beside the live database (`RESTORE_TEMP`), checked
/// (integrity, foreign keys, a Lotbook database this version can open),
/// brought up to this version's schema and given a new device id (so the
/// copy never reuses the change stamps of the computer it came from). Only
/// then is the current database saved into backups/ and the copy renamed
/// over it. Any failure before the rename leaves the live data as it was
/// and says why; a crash leaves the old database or the new one.
///
/// Refused while any connection has the data folder open: the desktop app
/// must close its store and stop its workers first (README, Backups).
/// Returns the copy of the database it replaced (none in an empty folder).
pub fn restore(data_dir: &Path, file: &Path) -> Result<Option<BackupInfo>> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if unfinished_name(&name) {
        return Err(Error::bad_file(
            file,
            "is an unfinished backup (its backup was interrupted) and cannot be restored; choose another backup",
        ));
    }
    if !std::fs::metadata(file).is_ok_and(|m| m.is_file()) {
        return Err(Error::bad_file(file, "does not exist or is not a file"));
    }
    std::fs::create_dir_all(data_dir).map_err(|e| Error::io(data_dir, e))?;
    let lock_path = data_dir.join(db::FOLDER_LOCK);
    let folder = db::lock_file(&lock_path)?;
    match folder.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            return Err(Error::Busy(format!(
                "Lotbook is using {} (the app or another lotbook command); close it, then restore",
                data_dir.display()
            )))
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&lock_path, e)),
    }
    db::remove_restore_leftovers(data_dir);
    let temp = data_dir.join(db::RESTORE_TEMP);
    let done = prepare(file, &temp)
        .and_then(|()| save_current(data_dir))
        .and_then(|saved| swap(data_dir, &temp).map(|()| saved));
    db::remove_restore_leftovers(data_dir);
    done
}

/// Copies `file` to `temp`, checks it and brings it up to date.
fn prepare(file: &Path, temp: &Path) -> Result<()> {
    let unsound = |why: String| {
        Error::bad_file(
            file,
            format!("is not a sound Lotbook database ({why}); the current data was left as it was"),
        )
    };
    let src = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| unsound(e.to_string()))?;
    // Read before anything else: a newer Lotbook's file is refused untouched.
    match migrate::refuse_newer(&src, file) {
        Err(Error::Sqlite(e)) => return Err(unsound(e.to_string())),
        other => other?,
    };
    src.backup(MAIN_DB, temp, None::<fn(rusqlite::backup::Progress)>)
        .map_err(|e| unsound(e.to_string()))?;
    drop(src);
    let report = check(temp)?;
    if !report.ok {
        return Err(unsound(report.problems.join("; ")));
    }
    let mut conn = Connection::open(temp)?;
    db::set_busy_timeout(&mut conn, db::BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    migrate::migrate(&mut conn).map_err(|e| {
        Error::bad_file(
            file,
            format!(
                "cannot be brought up to this version of Lotbook ({e}); the current data was left as it was"
            ),
        )
    })?;
    db::local_set(&conn, db::DEVICE_ID_KEY, &db::new_id())?;
    // One self-contained file to rename (no -wal beside it).
    let _: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    drop(conn);
    let report = check(temp)?;
    if !report.ok {
        return Err(unsound(format!(
            "after its upgrade: {}",
            report.problems.join("; ")
        )));
    }
    Ok(())
}

/// Saves the live database into backups/ before it is replaced: through
/// SQLite when it can be read, else its files as they are (`damaged-…`,
/// never listed as a backup).
fn save_current(data_dir: &Path) -> Result<Option<BackupInfo>> {
    let live = data_dir.join(DB_FILE);
    if !live.exists() {
        return Ok(None);
    }
    let dir = data_dir.join(BACKUP_DIR);
    let saved = Connection::open(&live)
        .map_err(Error::from)
        .and_then(|conn| new_backup_in(&dir, &conn, false));
    match saved {
        Ok(info) => Ok(Some(info)),
        Err(e) => {
            tracing::warn!(
                "the current database could not be backed up ({e}); its files are kept as they are"
            );
            std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
            let now = crate::time::local(Utc::now(), crate::time::DEFAULT_ZONE);
            let stamp = now.format(STAMP).to_string();
            let copy = dir.join(format!("damaged-{stamp}.sqlite3"));
            for suffix in ["", "-wal"] {
                let from = data_dir.join(format!("{DB_FILE}{suffix}"));
                if from.exists() {
                    let to = PathBuf::from(format!("{}{suffix}", copy.display()));
                    std::fs::copy(&from, &to).map_err(|e| Error::io(&to, e))?;
                }
            }
            let bytes = std::fs::metadata(&copy).map(|m| m.len()).unwrap_or(0);
            Ok(Some(BackupInfo {
                path: copy.display().to_string(),
                taken_at: now.format("%Y-%m-%d %H:%M:%S").to_string(),
                automatic: false,
                bytes,
            }))
        }
    }
}

/// Puts `temp` in the live database's place. The live database's WAL is
/// folded into it and removed first: a -wal left beside the new file would
/// be replayed into it.
fn swap(data_dir: &Path, temp: &Path) -> Result<()> {
    let live = data_dir.join(DB_FILE);
    if live.exists() {
        if let Ok(conn) = Connection::open(&live) {
            // Nothing else is connected (the folder lock): this empties the WAL.
            let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
    }
    for suffix in ["-wal", "-shm", "-journal"] {
        let stale = data_dir.join(format!("{DB_FILE}{suffix}"));
        match std::fs::remove_file(&stale) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&stale, e)),
        }
    }
    std::fs::rename(temp, &live).map_err(|e| Error::io(&live, e))?;
    crate::fsutil::sync_dir(data_dir).map_err(|e| Error::io(data_dir, e))
}

#[cfg(test)]
mod tests;
