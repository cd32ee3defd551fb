//! Restore, all or nothing: a backup folder (database and photos) or a
//! legacy `.sqlite3` file (database only) replaces the data folder's data.
//!
//! Everything is checked and staged beside the live data first: the
//! manifest read as untrusted input, the database copy's checksum, each
//! photo copied into a staging folder and hashed on the way. The database
//! copy is checked, upgraded and given a new device id (so it never reuses
//! the change stamps of the computer it came from). Only then is the
//! current data saved as a backup, the staged photos moved into the library
//! (extra originals are harmless: files are named by content; shared sizes
//! go where a colleague's computer keeps them) and the
//! database renamed over the live one, last. A refusal names the file and
//! leaves everything as it was; a crash leaves the old database or the new
//! one, and the next start removes the leftovers.

use chrono::Utc;
use rusqlite::OpenFlags;
use std::path::{Path, PathBuf};

use super::listing::{BackupInfo, STAMP};
use super::manifest::{self, Manifest, DB_COPY};
use super::{check, photo_files, unfinished_name, write, BACKUP_DIR};
use crate::db::{self, migrate, DB_FILE};
use crate::error::{Error, Result};
use crate::photos::PhotoLibrary;

/// Photos of a restore in progress, moved into the library at its end.
pub(crate) const STAGING: &str = crate::db::RESTORE_STAGING;

/// Replaces the data of `data_dir` with the backup at `path` (a backup
/// folder, its manifest.json, or a legacy .sqlite3 file).
///
/// Refused while any connection has the data folder open: the desktop app
/// closes its own first ([`super::restore_open`]).
/// Returns the backup of the data it replaced (none in an empty folder).
pub fn restore(data_dir: &Path, path: &Path) -> Result<Option<BackupInfo>> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let path = if name == manifest::MANIFEST_FILE {
        path.parent().unwrap_or(path)
    } else {
        path
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if unfinished_name(&name) {
        return Err(Error::bad_file(
            path,
            "is an unfinished backup (its backup was interrupted) and cannot be restored; choose another backup",
        ));
    }
    let meta = std::fs::metadata(path)
        .map_err(|_| Error::bad_file(path, "does not exist or is not a backup"))?;
    // Read before the folder is locked: an unreadable manifest is refused
    // without touching anything.
    let manifest = if meta.is_dir() {
        Some(manifest::read(path)?)
    } else {
        None
    };
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
    remove_leftovers(data_dir);
    let temp = data_dir.join(db::RESTORE_TEMP);
    let done = match &manifest {
        Some(m) => restore_folder(data_dir, path, m, &temp),
        None => prepare(path, &temp)
            .and_then(|()| save_current(data_dir))
            .and_then(|saved| swap(data_dir, &temp).map(|()| saved)),
    };
    remove_leftovers(data_dir);
    done
}

/// Leftovers of an interrupted restore (the next start removes them too).
fn remove_leftovers(data_dir: &Path) {
    db::remove_restore_leftovers(data_dir);
}

fn restore_folder(
    data_dir: &Path,
    dir: &Path,
    m: &Manifest,
    temp: &Path,
) -> Result<Option<BackupInfo>> {
    let db_copy = dir.join(DB_COPY);
    match photo_files::hash_file(&db_copy) {
        Ok((hash, len)) if hash == m.db.blake3 && len == m.db.bytes => {}
        Ok(_) => {
            return Err(refused(
                &db_copy,
                "is damaged: it does not match its checksum in manifest.json",
            ))
        }
        Err(e) => return Err(refused(&db_copy, &format!("cannot be read ({e})"))),
    }
    let staged = stage_photos(data_dir, dir, m)?;
    prepare(&db_copy, temp)?;
    let saved = save_current(data_dir)?;
    place_photos(&staged)?;
    swap(data_dir, temp)?;
    Ok(saved)
}

fn refused(file: &Path, why: &str) -> Error {
    Error::bad_file(
        file,
        format!("{why}; the backup was not restored and nothing was changed"),
    )
}

/// Copies the originals (and shared sizes) the data folder lacks into the
/// staging folder, checking each against the manifest. Returns (staged file, its place).
fn stage_photos(data_dir: &Path, dir: &Path, m: &Manifest) -> Result<Vec<(PathBuf, PathBuf)>> {
    let location = dir.parent().unwrap_or(dir);
    let lib = PhotoLibrary::at(data_dir);
    let staging = data_dir.join(STAGING);
    std::fs::create_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
    let mut staged = Vec::new();
    for photo in &m.photos {
        let format = manifest::format_of(&photo.path).ok_or_else(|| {
            refused(
                &dir.join(manifest::MANIFEST_FILE),
                "names a photo of no known kind",
            )
        })?;
        let src = manifest::in_location(location, &photo.path)?;
        let dest = lib.original_path(&photo.blake3, format)?;
        if dest.is_file() {
            continue;
        }
        let tmp = staging.join(format!("{}.{}", photo.blake3, manifest::ext(format)));
        stage_checked(&src, &tmp, &photo.blake3, photo.bytes)?;
        staged.push((tmp, dest));
    }
    // Shared sizes (the backup of a colleague's computer): back to where
    // that computer keeps them, so the photo is held again and sync does
    // not wait for it. One the data folder holds already is kept.
    let mut placed = std::collections::HashSet::new();
    for photo in &m.shared_photos {
        let src = manifest::in_location(location, &photo.path)?;
        let dest = lib.shared_path(&photo.original)?;
        if dest.is_file() || !placed.insert(dest.clone()) {
            continue;
        }
        let tmp = staging.join(format!("shared-{}.jpg", photo.original));
        stage_checked(&src, &tmp, &photo.blake3, photo.bytes)?;
        staged.push((tmp, dest));
    }
    // Originals the data folder lacked when this backup was taken (a
    // colleague's photo sync had not fetched them yet) are often in the
    // location all the same, from another backup there: taken when they
    // hash to their name. The rest stay awaited by sync, as they were.
    for hash in &m.photos_not_held {
        let Some((src, format)) = in_location_any(location, hash) else {
            continue;
        };
        let Ok(dest) = lib.original_path(hash, format) else {
            continue;
        };
        if dest.is_file() {
            continue;
        }
        let tmp = staging.join(format!("{hash}.{}", manifest::ext(format)));
        match photo_files::copy_hashed(&src, &tmp) {
            Ok((got, _)) if got == *hash => staged.push((tmp, dest)),
            _ => {
                let _ = std::fs::remove_file(&tmp);
            }
        }
    }
    Ok(staged)
}

/// Copies the location's `src` to the staging file `tmp`, refusing the
/// restore unless the copy is `hash` and `bytes` long.
fn stage_checked(src: &Path, tmp: &Path, hash: &str, bytes: u64) -> Result<()> {
    match photo_files::copy_hashed(src, tmp) {
        Ok((got, len)) if got == hash && len == bytes => Ok(()),
        Ok(_) => Err(refused(
            src,
            "is damaged: it does not match its checksum in manifest.json",
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(refused(src, "is missing from the backup location"))
        }
        Err(e) => Err(refused(src, &format!("cannot be read ({e})"))),
    }
}

/// The location's file of the original `hash`, whatever its kind.
fn in_location_any(location: &Path, hash: &str) -> Option<(PathBuf, crate::photos::PhotoFormat)> {
    use crate::photos::PhotoFormat;
    [PhotoFormat::Jpeg, PhotoFormat::Png, PhotoFormat::Heic]
        .into_iter()
        .find_map(|format| {
            let rel = manifest::photo_rel_path(hash, format);
            let path = manifest::in_location(location, &rel).ok()?;
            path.is_file().then_some((path, format))
        })
}

/// Moves staged originals into the photo library (same disk: renames).
fn place_photos(staged: &[(PathBuf, PathBuf)]) -> Result<()> {
    let mut dirs = std::collections::BTreeSet::new();
    for (tmp, dest) in staged {
        let dir = dest
            .parent()
            .ok_or_else(|| Error::bad_file(dest, "has no parent folder"))?;
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        crate::fsutil::rename(tmp, dest).map_err(|e| Error::io(dest, e))?;
        dirs.insert(dir.to_owned());
    }
    for dir in dirs {
        crate::fsutil::sync_dir(&dir).map_err(|e| Error::io(&dir, e))?;
    }
    Ok(())
}

/// Copies `file` to `temp`, checks it and brings it up to date.
fn prepare(file: &Path, temp: &Path) -> Result<()> {
    let unsound = |why: String| {
        Error::bad_file(
            file,
            format!("is not a sound Lotbook database ({why}); the current data was left as it was"),
        )
    };
    let src = db::file::open_file(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| unsound(e.to_string()))?;
    // Read before anything else: a newer Lotbook's file is refused untouched.
    match migrate::refuse_newer(&src, file) {
        Err(Error::Sqlite(e)) => return Err(unsound(e.to_string())),
        other => other?,
    };
    db::file::backup_to(&src, temp).map_err(|e| unsound(e.to_string()))?;
    drop(src);
    let report = check(temp)?;
    if !report.ok {
        return Err(unsound(report.problems.join("; ")));
    }
    let mut conn = db::file::open_rw(temp)?;
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

/// Saves the live data into backups/ before it is replaced, photos
/// included: through SQLite when it can be read, else its files as they are
/// (`damaged-…`, never listed as a backup).
fn save_current(data_dir: &Path) -> Result<Option<BackupInfo>> {
    let live = data_dir.join(DB_FILE);
    if !live.exists() {
        return Ok(None);
    }
    let dir = data_dir.join(BACKUP_DIR);
    let never = std::sync::atomic::AtomicBool::new(false);
    let saved = db::file::open_rw(&live)
        .map_err(Error::from)
        .and_then(|conn| {
            write::write_backup(
                &dir,
                &conn,
                data_dir,
                false,
                Utc::now(),
                &never,
                &mut |_| {},
            )
        });
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
            Ok(Some(BackupInfo::bare(&copy, Some(now), false, bytes, true)))
        }
    }
}

/// Puts `temp` in the live database's place. The live database's WAL is
/// folded into it and removed first: a -wal left beside the new file would
/// be replayed into it.
fn swap(data_dir: &Path, temp: &Path) -> Result<()> {
    let live = data_dir.join(DB_FILE);
    if live.exists() {
        if let Ok(conn) = db::file::open_rw(&live) {
            // Nothing else is connected (the folder lock): this empties the WAL.
            let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
    }
    for suffix in ["-wal", "-shm", "-journal"] {
        let stale = data_dir.join(format!("{DB_FILE}{suffix}"));
        // A file already gone is fine (fsutil::remove_file says so).
        crate::fsutil::remove_file(&stale).map_err(|e| Error::io(&stale, e))?;
    }
    crate::fsutil::rename(temp, &live).map_err(|e| Error::io(&live, e))?;
    crate::fsutil::sync_dir(data_dir).map_err(|e| Error::io(data_dir, e))
}
