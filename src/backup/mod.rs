//! Backups that hold everything: the database (SQLite online backup) and
//! every photo original, verifiable by a manifest of checksums, in the data
//! folder's `backups/` and an optional second location; 7 daily + 4 weekly
//! automatic ones; verify; an all-or-nothing restore; the integrity check.
//!
//! A location holds backup folders (`auto-STAMP/`, `manual-STAMP/`, each a
//! `lotbook.sqlite3` and a `manifest.json`) and one `photos/` folder of
//! originals named by content, shared by all of them: a second backup when
//! nothing changed copies no photo. Older Lotbooks' `*.sqlite3` backups
//! there are still listed and restorable (database only).

mod check;
pub mod copies;
mod in_place;
mod listing;
mod location;
mod manifest;
mod photo_files;
mod restore;
mod rotate;
mod verify;
pub mod worker;
mod write;

pub use check::{check, check_store, CheckReport};
pub use in_place::{restore_open, RestoreOutcome};
pub use listing::BackupInfo;
pub use location::{
    locations, primary, second_dir, second_location, set_second_location, BackupLocation,
    BACKUP_DIR, SECOND_SUBDIR,
};
pub use manifest::{Manifest, DB_COPY, MANIFEST_FILE, PHOTOS_DIR};
pub use restore::restore;
pub use rotate::keep_set;
pub use verify::{verify, VerifyReport};
pub use write::{BackupProgress, BackupStage};

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use ts_rs::TS;

use crate::db::Store;
use crate::error::{Error, Result};

/// A backup is written under its name plus this, and renamed when whole.
/// Such a folder or file (a backup killed midway) is never listed or
/// restored, and the next backup into the location removes it.
pub const PARTIAL_SUFFIX: &str = ".partial";
/// Held while a backup is written into a location or it is pruned.
const WRITING_LOCK: &str = ".writing.lock";

/// A name a backup never has when finished: its partial file, or the
/// journal files SQLite keeps beside a database.
fn unfinished_name(name: &str) -> bool {
    name.contains(PARTIAL_SUFFIX)
        || [".sqlite3-journal", ".sqlite3-wal", ".sqlite3-shm"]
            .iter()
            .any(|s| name.ends_with(s))
}

/// Backups in the data folder's `backups/`, newest first.
pub fn list(store: &Store) -> Result<Vec<BackupInfo>> {
    Ok(listing::entries(&primary(store.data_dir()))?
        .into_iter()
        .map(|e| e.info)
        .collect())
}

/// Copies the live database alone to `dest` (a consistent snapshot even
/// while the app writes), as a partial file renamed when whole. For tests
/// and tools; a backup is [`backup_now`].
pub fn backup_to(store: &Store, dest: &Path) -> Result<()> {
    copy_db(store.conn(), dest)
}

fn copy_db(conn: &Connection, dest: &Path) -> Result<()> {
    let mut tmp = dest.as_os_str().to_owned();
    tmp.push(PARTIAL_SUFFIX);
    let tmp = PathBuf::from(tmp);
    let _ = std::fs::remove_file(&tmp);
    let copied = crate::db::file::backup_to(conn, &tmp)
        .map_err(|e| Error::Other(format!("backup to {} failed: {e}", dest.display())));
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    crate::fsutil::rename(&tmp, dest).map_err(|e| Error::io(dest, e))?;
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::fsutil::sync_dir(dir).map_err(|e| Error::io(dir, e))?;
    }
    Ok(())
}

/// A backup of `store` (database and photos) into `location`.
pub fn backup_into(
    store: &Store,
    location: &Path,
    automatic: bool,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&BackupProgress),
) -> Result<BackupInfo> {
    write::write_backup(
        location,
        store.conn(),
        store.data_dir(),
        automatic,
        Utc::now(),
        cancel,
        progress,
    )
}

/// A backup the user asked for, into the data folder's `backups/`; kept
/// until they delete it.
pub fn backup_now(store: &Store) -> Result<BackupInfo> {
    let never = AtomicBool::new(false);
    backup_into(
        store,
        &primary(store.data_dir()),
        false,
        &never,
        &mut |_| {},
    )
}

/// What became of one location in a backup run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LocationOutcome {
    pub location: String,
    pub second: bool,
    /// The backup written there, if one was.
    pub backup: Option<BackupInfo>,
    /// The chosen folder is not there now; written when it is back.
    pub waiting: bool,
    /// Why writing there failed (the other location is still written).
    pub error: Option<String>,
}

/// Backs up now into `backups/` and, when it is there, the second location
/// (its failure does not undo the first). Fails only when `backups/` does.
pub fn backup_everywhere(
    store: &Store,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&BackupProgress),
) -> Result<Vec<LocationOutcome>> {
    let first = primary(store.data_dir());
    let info = backup_into(store, &first, false, cancel, progress)?;
    let mut out = vec![LocationOutcome {
        location: first.display().to_string(),
        second: false,
        backup: Some(info),
        waiting: false,
        error: None,
    }];
    if let Some(chosen) = second_location(store)? {
        out.push(into_second(&chosen, |dir| {
            backup_into(store, dir, false, cancel, progress).map(Some)
        }));
    }
    Ok(out)
}

fn into_second(
    chosen: &Path,
    write: impl FnOnce(&Path) -> Result<Option<BackupInfo>>,
) -> LocationOutcome {
    let Some(dir) = second_dir(chosen) else {
        return LocationOutcome {
            location: chosen.join(SECOND_SUBDIR).display().to_string(),
            second: true,
            backup: None,
            waiting: true,
            error: None,
        };
    };
    let (backup, error) = match write(&dir) {
        Ok(b) => (b, None),
        Err(e) => (None, Some(e.to_string())),
    };
    LocationOutcome {
        location: dir.display().to_string(),
        second: true,
        backup,
        waiting: false,
        error,
    }
}

/// At most once a day per location (called when the app starts and every
/// few minutes after): takes an automatic backup in each location that has
/// none from today, then prunes it to 7 daily + 4 weekly and removes the
/// photo files no kept backup names. A second location that is not there
/// is "waiting" and gets its backup when it is back.
pub fn auto_backup_everywhere(store: &Store) -> Result<Vec<LocationOutcome>> {
    auto_backup_everywhere_at(store, Utc::now())
}

/// [`auto_backup_everywhere`] as if it were `now`: the day is `now`'s in
/// the team's zone, and a backup taken is named by `now` (tests pass a
/// fixed time, so no run straddles midnight).
pub fn auto_backup_everywhere_at(
    store: &Store,
    now: DateTime<Utc>,
) -> Result<Vec<LocationOutcome>> {
    let first = primary(store.data_dir());
    let info = auto_backup_in(store, &first, now)?;
    let mut out = vec![LocationOutcome {
        location: first.display().to_string(),
        second: false,
        backup: info,
        waiting: false,
        error: None,
    }];
    if let Some(chosen) = second_location(store)? {
        out.push(into_second(&chosen, |dir| auto_backup_in(store, dir, now)));
    }
    Ok(out)
}

/// [`auto_backup_everywhere`], answering what was taken in `backups/`.
pub fn auto_backup(store: &Store) -> Result<Option<BackupInfo>> {
    auto_backup_at(store, Utc::now())
}

/// [`auto_backup`] as if it were `now` (see [`auto_backup_everywhere_at`]).
pub fn auto_backup_at(store: &Store, now: DateTime<Utc>) -> Result<Option<BackupInfo>> {
    let mut outcomes = auto_backup_everywhere_at(store, now)?;
    for o in &outcomes[1..] {
        if let Some(e) = &o.error {
            tracing::warn!("automatic backup into {} failed: {e}", o.location);
        }
    }
    Ok(outcomes.swap_remove(0).backup)
}

/// The once-a-day rule: a backup unless `location` has an automatic one
/// from `now`'s day (team zone); the one taken is named by `now`.
fn auto_backup_in(
    store: &Store,
    location: &Path,
    now: DateTime<Utc>,
) -> Result<Option<BackupInfo>> {
    let today = crate::time::today(now, store.team_zone()?);
    if listing::has_automatic_on(location, today)? {
        return Ok(None);
    }
    let never = AtomicBool::new(false);
    let taken = write::write_backup(
        location,
        store.conn(),
        store.data_dir(),
        true,
        now,
        &never,
        &mut |_| {},
    )?;
    let _lock = write::lock(location)?;
    listing::prune_locked(location)?;
    Ok(Some(taken))
}

/// Right after a backup: archives sold cars' photos when the team turned
/// it on ([`crate::photos::archive`]; each copy is hash-checked first).
/// Its failure is logged and never fails the backup.
pub fn archive_after_backup(store: &mut Store) {
    let never = AtomicBool::new(false);
    match store.archive_photos(&never, &mut |_| {}) {
        Ok(r) if !r.refused.is_empty() => tracing::info!(
            "{} photos not archived: {}",
            r.refused.len(),
            r.refused.first().map(String::as_str).unwrap_or("")
        ),
        Ok(_) => {}
        Err(e) => tracing::warn!(code = %e.code(), "archiving photos failed: {e}"),
    }
}

/// Deletes automatic backups of `backups/` outside the 7-daily + 4-weekly
/// rotation and the photo files no kept backup names.
pub fn prune(store: &Store) -> Result<usize> {
    let location = primary(store.data_dir());
    let _lock = write::lock(&location)?;
    listing::prune_locked(&location)
}

/// What a backup holds, for a preview before restoring it: a backup folder
/// reads its manifest; a legacy file is opened read-only and counted.
pub fn preview(path: &Path) -> Result<BackupInfo> {
    let path = if path.file_name().is_some_and(|n| n == MANIFEST_FILE) {
        path.parent().unwrap_or(path)
    } else {
        path
    };
    let meta = std::fs::metadata(path)
        .map_err(|_| Error::bad_file(path, "does not exist or is not a backup"))?;
    if meta.is_dir() {
        let m = manifest::read(path)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (automatic, at) = listing::parse_stem(&name).unwrap_or((
            m.automatic,
            chrono::NaiveDateTime::parse_from_str(&m.taken_at, listing::SHOWN).unwrap_or_default(),
        ));
        let mut info = listing::info_of(path, at, automatic, &m);
        info.taken_at = m.taken_at.clone();
        return Ok(info);
    }
    let report = check(path)?;
    if !report.ok {
        return Err(Error::bad_file(
            path,
            format!(
                "is not a sound Lotbook database ({})",
                report.problems.join("; ")
            ),
        ));
    }
    let parsed = path
        .file_name()
        .and_then(|n| listing::parse_name(&n.to_string_lossy()));
    let modified = meta
        .modified()
        .ok()
        .map(|t| chrono::DateTime::<Utc>::from(t).naive_utc());
    Ok(BackupInfo {
        vehicles: Some(report.vehicles),
        customers: Some(report.customers),
        photos: Some(0),
        ..BackupInfo::bare(
            path,
            parsed.map(|(_, at)| at).or(modified),
            parsed.is_some_and(|(a, _)| a),
            meta.len(),
            true,
        )
    })
}

/// A backup given by name (in `backups/` or the second location) or path.
pub fn find(store: &Store, name_or_path: &str) -> Result<PathBuf> {
    let as_path = Path::new(name_or_path);
    if as_path.exists() {
        return Ok(as_path.to_owned());
    }
    for loc in locations(store)? {
        if let Some(b) = loc.backups.iter().find(|b| b.name == name_or_path) {
            return Ok(PathBuf::from(&b.path));
        }
    }
    Err(Error::NotFound {
        what: "backup",
        id: name_or_path.to_owned(),
    })
}

#[cfg(test)]
mod tests;
