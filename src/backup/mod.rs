//! Backups (SQLite online backup API, rotated), restore, and the integrity check.

mod check;
mod rotate;

pub use check::{check, check_store, CheckReport};
pub use rotate::keep_set;

use chrono::{Local, NaiveDateTime};
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
    /// Local time the backup was taken, `YYYY-MM-DD HH:MM:SS`.
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

/// Copies the live database to `dest` with the online backup API (a
/// consistent snapshot even while the app writes), via a temporary file.
pub fn backup_to(store: &Store, dest: &Path) -> Result<()> {
    let tmp = dest.with_extension("sqlite3.partial");
    let _ = std::fs::remove_file(&tmp);
    store
        .conn()
        .backup(MAIN_DB, &tmp, None::<fn(rusqlite::backup::Progress)>)
        .map_err(|e| Error::Other(format!("backup to {} failed: {e}", dest.display())))?;
    std::fs::rename(&tmp, dest).map_err(|e| Error::io(dest, e))?;
    Ok(())
}

fn new_backup(store: &Store, automatic: bool) -> Result<BackupInfo> {
    let dir = backup_dir(store);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let now = Local::now().naive_local();
    let prefix = if automatic { AUTO_PREFIX } else { "manual-" };
    let path = dir.join(format!("{prefix}{}.sqlite3", now.format(STAMP)));
    if path.exists() {
        return Err(Error::Conflict(format!(
            "{} already exists; try again",
            path.display()
        )));
    }
    backup_to(store, &path)?;
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    Ok(BackupInfo {
        path: path.display().to_string(),
        taken_at: now.format("%Y-%m-%d %H:%M:%S").to_string(),
        automatic,
        bytes,
    })
}

/// A backup the user asked for; kept until they delete it.
pub fn backup_now(store: &Store) -> Result<BackupInfo> {
    new_backup(store, false)
}

/// At most once a day (called when the app starts): takes an automatic
/// backup unless one exists from today, then prunes to 7 daily + 4 weekly.
pub fn auto_backup(store: &Store) -> Result<Option<BackupInfo>> {
    let today = Local::now().date_naive();
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

/// Replaces the data dir's database with `file`, after checking that `file`
/// is a sound Lotbook database this version can open. The current database
/// is backed up first. The restored copy gets a new device id, so it never
/// reuses the change numbers or clock of the device it was copied from.
pub fn restore(data_dir: &Path, file: &Path) -> Result<BackupInfo> {
    if !file.is_file() {
        return Err(Error::bad_file(file, "does not exist or is not a file"));
    }
    let report = check(file)?;
    if !report.ok {
        return Err(Error::bad_file(
            file,
            format!(
                "is not a sound Lotbook database: {}",
                report.problems.join("; ")
            ),
        ));
    }
    let src = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    migrate::refuse_newer(&src, file)?;
    drop(src);

    let safety = {
        let store = Store::open(data_dir)?;
        new_backup(&store, false)?
    };
    let mut dst = Connection::open(data_dir.join(DB_FILE))?;
    dst.busy_timeout(std::time::Duration::from_secs(10))?;
    dst.restore(MAIN_DB, file, None::<fn(rusqlite::backup::Progress)>)
        .map_err(|e| Error::Other(format!("restore from {} failed: {e}", file.display())))?;
    db::local_set(&dst, db::DEVICE_ID_KEY, &db::new_id())?;
    drop(dst);
    // Brings an older backup up to the current schema.
    Store::open(data_dir)?;
    Ok(safety)
}

#[cfg(test)]
mod tests;
