//! Writing one backup into a location: the database through SQLite's online
//! backup API, the photo originals it names (only those the location lacks),
//! and the manifest, all inside `NAME.partial/`, synced, then renamed to
//! `NAME/` as the very last step. A backup killed at any moment is a
//! `.partial` folder: never listed, never restored, removed by the next one.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use ts_rs::TS;

use super::listing::{self, BackupInfo, AUTO_PREFIX, MANUAL_PREFIX, STAMP};
use super::manifest::{self, Counts, FileEntry, Manifest, DB_COPY};
use super::{photo_files, PARTIAL_SUFFIX, WRITING_LOCK};
use crate::db;
use crate::error::{Error, Result};
use crate::photos::{PhotoFormat, PhotoLibrary};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BackupStage {
    /// Copying the database.
    Database,
    /// Storing photo originals (`done` of `total`).
    Photos,
    /// Writing the manifest and putting the backup in place.
    Finishing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupProgress {
    /// The location being written.
    pub location: String,
    pub stage: BackupStage,
    pub done: u32,
    pub total: u32,
    /// Photo files copied so far (the rest were in the location already).
    pub copied: u32,
}

/// Holds the location's writing lock: one backup (or prune) at a time, so a
/// `.partial` found there is always a dead backup's.
pub(crate) fn lock(location: &Path) -> Result<std::fs::File> {
    std::fs::create_dir_all(location).map_err(|e| Error::io(location, e))?;
    let lock_path = location.join(WRITING_LOCK);
    let lock = db::lock_file(&lock_path)?;
    lock.lock().map_err(|e| Error::io(&lock_path, e))?;
    Ok(lock)
}

/// Writes a backup of `conn`'s database and of the photos of `data_dir`
/// into `location`. `progress` hears every step.
pub(crate) fn write_backup(
    location: &Path,
    conn: &Connection,
    data_dir: &Path,
    automatic: bool,
    taken: DateTime<Utc>,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&BackupProgress),
) -> Result<BackupInfo> {
    let _lock = lock(location)?;
    remove_partials(location);
    // Named by the caller's time, so the once-a-day rule and the name agree
    // on the day even when a backup runs across midnight.
    let now = crate::time::local(taken, crate::time::team_zone_in(conn)?);
    let prefix = if automatic {
        AUTO_PREFIX
    } else {
        MANUAL_PREFIX
    };
    let name = format!("{prefix}{}", now.format(STAMP));
    let done = location.join(&name);
    if done.exists() {
        return Err(Error::Conflict(format!(
            "{} already exists; try again",
            done.display()
        )));
    }
    let partial = location.join(format!("{name}{PARTIAL_SUFFIX}"));
    std::fs::create_dir(&partial).map_err(|e| Error::io(&partial, e))?;
    let mut step = Step {
        location: location.display().to_string(),
        progress,
        copied: 0,
    };
    match fill(
        &partial, conn, data_dir, location, now, automatic, cancel, &mut step,
    ) {
        Ok(m) => {
            step.tell(BackupStage::Finishing, 1, 1);
            crate::fsutil::rename(&partial, &done).map_err(|e| Error::io(&done, e))?;
            crate::fsutil::sync_dir(location).map_err(|e| Error::io(location, e))?;
            Ok(listing::info_of(&done, now, automatic, &m))
        }
        Err(e) => {
            // Not a Drop guard: a kill (or a panic in a test) leaves the
            // folder, as a power cut would, for the next backup to remove.
            let _ = std::fs::remove_dir_all(&partial);
            Err(e)
        }
    }
}

struct Step<'a> {
    location: String,
    progress: &'a mut dyn FnMut(&BackupProgress),
    copied: u32,
}

impl Step<'_> {
    fn tell(&mut self, stage: BackupStage, done: u32, total: u32) {
        (self.progress)(&BackupProgress {
            location: self.location.clone(),
            stage,
            done,
            total,
            copied: self.copied,
        });
    }
}

#[allow(clippy::too_many_arguments)]
fn fill(
    partial: &Path,
    conn: &Connection,
    data_dir: &Path,
    location: &Path,
    now: chrono::NaiveDateTime,
    automatic: bool,
    cancel: &AtomicBool,
    step: &mut Step,
) -> Result<Manifest> {
    step.tell(BackupStage::Database, 0, 1);
    let db_path = partial.join(DB_COPY);
    crate::db::file::backup_to(conn, &db_path)
        .map_err(|e| Error::Other(format!("backup to {} failed: {e}", db_path.display())))?;
    std::fs::File::open(&db_path)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(&db_path, e))?;
    let (db_hash, db_bytes) =
        photo_files::hash_file(&db_path).map_err(|e| Error::io(&db_path, e))?;
    // Counts and photos from the copy itself: one consistent moment.
    let copy = crate::db::file::open_file(&db_path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let (schema_version, counts, originals) = contents(&copy)?;
    drop(copy);
    step.tell(BackupStage::Database, 1, 1);

    let lib = PhotoLibrary::at(data_dir);
    let total = originals.len() as u32;
    let mut photos = Vec::with_capacity(originals.len());
    let mut not_held = Vec::new();
    let mut written_dirs = std::collections::BTreeSet::new();
    for (i, (hash, format)) in originals.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            return Err(Error::Cancelled);
        }
        let src = lib.original_path(hash, *format)?;
        let rel = manifest::photo_rel_path(hash, *format);
        let dest = manifest::in_location(location, &rel)?;
        let held = std::fs::metadata(&src).is_ok_and(|m| m.is_file());
        if !held {
            not_held.push(hash.clone());
        } else {
            if photo_files::store(&src, &dest, hash)? {
                step.copied += 1;
                if let Some(dir) = dest.parent() {
                    written_dirs.insert(dir.to_owned());
                }
            }
            let bytes = std::fs::metadata(&dest)
                .map_err(|e| Error::io(&dest, e))?
                .len();
            photos.push(FileEntry {
                path: rel,
                blake3: hash.clone(),
                bytes,
            });
        }
        step.tell(BackupStage::Photos, i as u32 + 1, total);
    }
    // The copies' renames are durable before any manifest names them.
    for dir in &written_dirs {
        crate::fsutil::sync_dir(dir).map_err(|e| Error::io(dir, e))?;
    }
    let m = Manifest {
        format: manifest::FORMAT,
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        taken_at: listing::shown(&now),
        automatic,
        schema_version,
        counts,
        db: FileEntry {
            path: DB_COPY.into(),
            blake3: db_hash,
            bytes: db_bytes,
        },
        photos,
        photos_not_held: not_held,
    };
    step.tell(BackupStage::Finishing, 0, 1);
    manifest::write(partial, &m)?;
    crate::fsutil::sync_dir(partial).map_err(|e| Error::io(partial, e))?;
    Ok(m)
}

type Contents = (i64, Counts, Vec<(String, PhotoFormat)>);

/// Schema version, counts and the distinct photo originals of a database.
fn contents(conn: &Connection) -> Result<Contents> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let count = |table: &str| -> Result<u32> {
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    let counts = Counts {
        vehicles: count("vehicles")?,
        customers: count("customers")?,
        photos: count("photos")?,
    };
    let mut stmt = conn.prepare("SELECT DISTINCT hash, format FROM photos ORDER BY hash")?;
    let originals = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(String, PhotoFormat)>>>()?;
    Ok((version, counts, originals))
}

/// Removes what backups killed midway left in `location` (under its lock):
/// `.partial` folders and files, including half-copied photos.
pub(crate) fn remove_partials(location: &Path) {
    let Ok(entries) = std::fs::read_dir(location) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.contains(PARTIAL_SUFFIX) {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() => {
                let _ = std::fs::remove_dir_all(entry.path());
            }
            Ok(t) if t.is_file() => {
                let _ = std::fs::remove_file(entry.path());
            }
            _ => {}
        }
    }
}
