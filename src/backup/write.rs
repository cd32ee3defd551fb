//! Writing one backup into a location: the database through SQLite's online
//! backup API, the photo originals it names (only those the location lacks;
//! the shared size of a photo whose original this computer does not hold,
//! as a colleague's computer does), and the manifest, all inside
//! `NAME.partial/`, synced, then renamed to `NAME/` as the very last step. A backup killed at any moment is a
//! `.partial` folder: never listed, never restored, removed by the next one.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use ts_rs::TS;

use super::listing::{self, BackupInfo, AUTO_PREFIX, MANUAL_PREFIX, STAMP};
use super::manifest::{self, Counts, FileEntry, Manifest, SharedEntry, DB_COPY};
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
    let archived = archived_in(&copy)?;
    drop(copy);
    step.tell(BackupStage::Database, 1, 1);

    let lib = PhotoLibrary::at(data_dir);
    let total = originals.len() as u32;
    let mut photos = Vec::with_capacity(originals.len());
    let mut shared_photos = Vec::new();
    let mut not_held = Vec::new();
    let mut written_dirs = std::collections::BTreeSet::new();
    for (i, (hash, format, shared_hashes)) in originals.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            return Err(Error::Cancelled);
        }
        let src = lib.original_path(hash, *format)?;
        let rel = manifest::photo_rel_path(hash, *format);
        let dest = manifest::in_location(location, &rel)?;
        let held = std::fs::metadata(&src).is_ok_and(|m| m.is_file());
        // An archived photo (src/photos/archive.rs): not in the data folder,
        // in the location. Every later backup names it, so rotation never
        // collects the archive's only copy.
        let is_archived = !held && archived.contains(hash);
        let in_location = is_archived && std::fs::metadata(&dest).is_ok_and(|m| m.is_file());
        if in_location {
            photos.push(file_entry(&dest, rel, hash)?);
        } else if !held {
            // A colleague's computer holds the shared size instead.
            match store_shared(&lib, location, hash, shared_hashes, is_archived)? {
                Some((entry, dest, copied)) => {
                    if copied {
                        step.copied += 1;
                        if let Some(dir) = dest.parent() {
                            written_dirs.insert(dir.to_owned());
                        }
                    }
                    shared_photos.push(entry);
                }
                None => not_held.push(hash.clone()),
            }
        } else {
            if photo_files::store(&src, &dest, hash)? {
                step.copied += 1;
                if let Some(dir) = dest.parent() {
                    written_dirs.insert(dir.to_owned());
                }
            }
            photos.push(file_entry(&dest, rel, hash)?);
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
        shared_photos,
    };
    step.tell(BackupStage::Finishing, 0, 1);
    manifest::write(partial, &m)?;
    crate::fsutil::sync_dir(partial).map_err(|e| Error::io(partial, e))?;
    Ok(m)
}

/// An original (hash, kind) and the shared-size hashes its rows name.
type Original = (String, PhotoFormat, Vec<String>);
type Contents = (i64, Counts, Vec<Original>);

/// Stores the shared size of the photo `hash` held in the data folder (its
/// original is not) in `location`, by its content, if it is one of the
/// `shared_hashes` its rows name. Returns its entry, its place in the
/// location and whether bytes were copied; `None` when there is none to
/// store (the photo is then not held).
fn store_shared(
    lib: &PhotoLibrary,
    location: &Path,
    hash: &str,
    shared_hashes: &[String],
    archived: bool,
) -> Result<Option<(SharedEntry, std::path::PathBuf, bool)>> {
    let src = lib.held_shared(hash);
    if src.is_none() && !archived {
        return Ok(None);
    }
    let entry = |shared_hash: &str, dest: &Path| -> Result<SharedEntry> {
        let bytes = std::fs::metadata(dest)
            .map_err(|e| Error::io(dest, e))?
            .len();
        Ok(SharedEntry {
            path: manifest::shared_rel_path(shared_hash),
            blake3: shared_hash.to_owned(),
            original: hash.to_owned(),
            bytes,
        })
    };
    // Already in the location (an earlier backup): files there appear only
    // whole and checked, so it is not read again, as with originals.
    for shared_hash in shared_hashes {
        let dest = manifest::in_location(location, &manifest::shared_rel_path(shared_hash))?;
        if dest.is_file() {
            return Ok(Some((entry(shared_hash, &dest)?, dest, false)));
        }
    }
    let Some(src) = src else {
        return Ok(None);
    };
    let Ok((got, _)) = photo_files::hash_file(&src) else {
        return Ok(None);
    };
    let Some(shared_hash) = shared_hashes.iter().find(|h| **h == got) else {
        // Not the file its row names (damaged since it arrived): the
        // photo is not held, and sync's check says so.
        tracing::warn!(
            "{}: does not match its photo's shared size; not backed up",
            src.display()
        );
        return Ok(None);
    };
    let dest = manifest::in_location(location, &manifest::shared_rel_path(shared_hash))?;
    let copied = photo_files::store(&src, &dest, shared_hash)?;
    Ok(Some((entry(shared_hash, &dest)?, dest, copied)))
}

/// Schema version, counts and the distinct photo originals of a database,
/// each with the shared-size hashes its rows name.
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
    // shared_hash arrived with migration 0014; older copies have none.
    let has_shared: bool = conn.query_row(
        "SELECT count(*) > 0 FROM pragma_table_info('photos') WHERE name = 'shared_hash'",
        [],
        |r| r.get(0),
    )?;
    let sql = if has_shared {
        "SELECT DISTINCT hash, format, shared_hash FROM photos ORDER BY hash, format, shared_hash"
    } else {
        "SELECT DISTINCT hash, format, NULL FROM photos ORDER BY hash, format"
    };
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<(String, PhotoFormat, Option<String>)>>>()?;
    let mut originals: Vec<Original> = Vec::new();
    for (hash, format, shared) in rows {
        let same = originals
            .last()
            .is_some_and(|(h, f, _)| *h == hash && *f == format);
        if !same {
            originals.push((hash, format, Vec::new()));
        }
        // Only a checked hash names a file (it arrived by sync).
        if let (Some(s), Some(last)) = (shared, originals.last_mut()) {
            if crate::validate::is_hash(&s) {
                last.2.push(s);
            }
        }
    }
    Ok((version, counts, originals))
}

/// The photos archived out of the data folder (src/photos/archive.rs) per
/// the database copy: their files are in the backup location only.
fn archived_in(conn: &Connection) -> Result<std::collections::HashSet<String>> {
    let has: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'photo_archive'",
        [],
        |r| r.get(0),
    )?;
    if !has {
        return Ok(Default::default());
    }
    let mut stmt = conn.prepare("SELECT hash FROM photo_archive WHERE brought_back_at IS NULL")?;
    let found = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(found)
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

/// The manifest's entry for a photo file now at `dest` in the location.
fn file_entry(dest: &Path, rel: String, hash: &str) -> Result<FileEntry> {
    let bytes = std::fs::metadata(dest)
        .map_err(|e| Error::io(dest, e))?
        .len();
    Ok(FileEntry {
        path: rel,
        blake3: hash.to_owned(),
        bytes,
    })
}
