//! The photo files on disk, beside the database:
//!
//! ```text
//! photos/originals/ab/<blake3>.<ext>         byte-exact originals, never changed
//! photos/derived/v1/<size>/ab/<blake3>.jpg    upright, metadata-free JPEGs
//! photos/tmp/<uuid>.part                      writes in progress
//! ```
//!
//! Files are named by content, so the same photo is stored once however often
//! it is imported, and a file that exists is complete: it only ever appears by
//! an atomic rename of a synced temporary file.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::model::{PhotoFormat, PhotoSize};
use crate::error::{Error, Result};

/// Bumped when derived images are made differently, so old ones are remade.
const DERIVED_VERSION: &str = "v1";

#[derive(Debug, Clone)]
pub struct PhotoLibrary {
    root: PathBuf,
}

impl PhotoLibrary {
    /// The library of the store in `data_dir`. Creates its folders and removes
    /// temporary files an interrupted import left behind.
    pub fn open(data_dir: &Path) -> Result<PhotoLibrary> {
        let lib = PhotoLibrary::open_beside(data_dir)?;
        lib.clean_tmp()?;
        Ok(lib)
    }

    /// The library for a connection opened beside a running app (its
    /// background work): the folders, but no clean-up, since the app's own
    /// temporary files may be writes in progress.
    pub fn open_beside(data_dir: &Path) -> Result<PhotoLibrary> {
        let lib = PhotoLibrary::at(data_dir);
        for dir in [
            lib.root.join("originals"),
            lib.root.join("derived"),
            lib.tmp_dir(),
        ] {
            std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        Ok(lib)
    }

    /// The library's paths without touching the disk (for read-only checks).
    pub fn at(data_dir: &Path) -> PhotoLibrary {
        PhotoLibrary {
            root: data_dir.join("photos"),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn tmp_dir(&self) -> PathBuf {
        self.root.join("tmp")
    }

    /// Where the original of `hash` lives. The hash must be 64 lowercase hex
    /// digits (as it may have arrived from another computer) and the path is
    /// joined inside the library, so no row can point outside it.
    pub fn original_path(&self, hash: &str, format: PhotoFormat) -> Result<PathBuf> {
        let ext = match format {
            PhotoFormat::Jpeg => "jpg",
            PhotoFormat::Png => "png",
            PhotoFormat::Heic => "heic",
        };
        let hash = checked_hash(hash)?;
        crate::fsutil::join_inside(
            &self.root,
            &format!("originals/{}/{hash}.{ext}", shard(hash)),
        )
    }

    pub fn derived_path(&self, size: PhotoSize, hash: &str) -> Result<PathBuf> {
        let hash = checked_hash(hash)?;
        crate::fsutil::join_inside(
            &self.root,
            &format!(
                "derived/{DERIVED_VERSION}/{}/{}/{hash}.jpg",
                size.as_str(),
                shard(hash)
            ),
        )
    }

    /// Stores `bytes` at `path` unless a file is already there (same name,
    /// same content). Temp file, fsync, rename, then fsync of the folder, so
    /// after a crash the file is either complete or absent.
    pub fn put(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        if path.exists() {
            return Ok(());
        }
        let dir = path
            .parent()
            .ok_or_else(|| Error::bad_file(path, "has no parent folder"))?;
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let tmp = self
            .tmp_dir()
            .join(format!("{}.part", uuid::Uuid::now_v7()));
        crate::fsutil::write_via(&tmp, path, bytes).map_err(|e| Error::io(path, e))
    }

    /// Writes `bytes` into a temporary file that becomes `path` when the
    /// returned [`PendingFile`] is persisted; nothing (None) when a file is
    /// already at `path` (same name, same content). The write is not synced
    /// here: an import's worker only writes, and the thread that commits the
    /// photo's row syncs and renames its files first ([`PendingFile::persist`]).
    pub fn write_pending(&self, path: &Path, bytes: &[u8]) -> Result<Option<PendingFile>> {
        if path.exists() {
            return Ok(None);
        }
        let tmp = self
            .tmp_dir()
            .join(format!("{}.part", uuid::Uuid::now_v7()));
        let pending = PendingFile {
            tmp,
            to: path.to_owned(),
        };
        // The guard removes a half-written file.
        std::fs::write(&pending.tmp, bytes).map_err(|e| Error::io(&pending.tmp, e))?;
        Ok(Some(pending))
    }

    /// Copies `src` into a temporary file while hashing it (blake3), so what
    /// is decoded and stored is exactly what was hashed, even if the source
    /// changes meanwhile, and a large photo is never held in memory. More
    /// than `limit` bytes is refused before the disk fills.
    pub fn stage(&self, src: &mut dyn Read, limit: u64) -> std::result::Result<Staged, StageError> {
        let path = self
            .tmp_dir()
            .join(format!("{}.part", uuid::Uuid::now_v7()));
        let file = std::fs::File::create(&path).map_err(StageError::Write)?;
        // From here on the guard closes and removes the file on any failure.
        let mut staged = Staged {
            path,
            file: Some(file),
            hash: String::new(),
            len: 0,
        };
        let mut hasher = blake3::Hasher::new();
        let mut buf = vec![0u8; 256 * 1024];
        loop {
            let n = match src.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(StageError::Read(e)),
            };
            staged.len += n as u64;
            if staged.len > limit {
                return Err(StageError::TooLarge);
            }
            hasher.update(&buf[..n]);
            if let Some(file) = staged.file.as_mut() {
                file.write_all(&buf[..n]).map_err(StageError::Write)?;
            }
        }
        staged.hash = hasher.finalize().to_hex().to_string();
        Ok(staged)
    }

    /// Removes `*.part` files: writes that never finished.
    pub fn clean_tmp(&self) -> Result<usize> {
        let dir = self.tmp_dir();
        let entries = std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        let mut removed = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "part") {
                crate::fsutil::remove_file(&path).map_err(|e| Error::io(&path, e))?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// Temporary files present now (a consistency check reports them).
    pub fn tmp_files(&self) -> Vec<PathBuf> {
        match std::fs::read_dir(self.tmp_dir()) {
            Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
            Err(_) => Vec::new(),
        }
    }
}

/// A photo hash fit to name a file, or an error naming the bad value.
pub(super) fn checked_hash(hash: &str) -> Result<&str> {
    if crate::validate::is_hash(hash) {
        Ok(hash)
    } else {
        Err(Error::invalid(
            "hash",
            crate::error::ErrorCode::BadHash,
            format!("a photo's content hash must be 64 lowercase hex digits, got {hash:?}"),
        ))
    }
}

/// Two-character subfolders keep any one folder small on camera-card imports.
fn shard(hash: &str) -> &str {
    hash.get(..2).unwrap_or("00")
}

/// A file copied into `photos/tmp` by [`PhotoLibrary::stage`]: removed when
/// dropped unless [`Staged::commit`] moved it into place.
#[derive(Debug)]
pub struct Staged {
    path: PathBuf,
    file: Option<std::fs::File>,
    pub hash: String,
    pub len: u64,
}

#[derive(Debug)]
pub enum StageError {
    /// Reading the source failed (a card pulled out, a network drive gone).
    Read(std::io::Error),
    /// Writing our copy failed (disk full).
    Write(std::io::Error),
    /// Over the limit given.
    TooLarge,
}

/// A file written into `photos/tmp` by [`PhotoLibrary::write_pending`], not
/// yet synced nor in place: removed when dropped unless persisted.
#[derive(Debug)]
pub struct PendingFile {
    tmp: PathBuf,
    to: PathBuf,
}

impl PendingFile {
    /// Syncs the file, renames it into place and syncs its folder, so after
    /// a crash it is whole at its name or absent (the same steps as
    /// [`PhotoLibrary::put`]). If a file got there meanwhile (the same photo
    /// twice in one import) that one stays: same name, same content.
    /// Returns whether this file is the one now in place.
    pub fn persist(self) -> Result<bool> {
        if self.to.exists() {
            return Ok(false);
        }
        let dir = self
            .to
            .parent()
            .ok_or_else(|| Error::bad_file(&self.to, "has no parent folder"))?;
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        sync_file(&self.tmp)?;
        crate::fsutil::rename(&self.tmp, &self.to).map_err(|e| Error::io(&self.to, e))?;
        crate::fsutil::sync_dir(dir).map_err(|e| Error::io(dir, e))?;
        Ok(true)
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        // After a persist the file has moved and this finds nothing.
        let _ = std::fs::remove_file(&self.tmp);
    }
}

/// Syncs a file written earlier and closed (Windows flushes only through a
/// handle opened for writing).
fn sync_file(path: &Path) -> Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(path, e))
}

impl Staged {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Closes the copy's handle: a copy waiting for its turn to be committed
    /// holds no file descriptor (an import of thousands of photos could run
    /// out of them). [`Staged::commit`] syncs it through a new handle.
    pub fn close(&mut self) {
        self.file.take();
    }

    /// Moves the copy to `to` (synced, then renamed, then the folder synced),
    /// unless a file is already there (same name, same content).
    pub fn commit(mut self, to: &Path) -> Result<()> {
        if to.exists() {
            return Ok(());
        }
        let dir = to
            .parent()
            .ok_or_else(|| Error::bad_file(to, "has no parent folder"))?;
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        match self.file.take() {
            Some(file) => file.sync_all().map_err(|e| Error::io(&self.path, e))?,
            None => sync_file(&self.path)?,
        }
        crate::fsutil::rename(&self.path, to).map_err(|e| Error::io(to, e))?;
        crate::fsutil::sync_dir(dir).map_err(|e| Error::io(dir, e))
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        // After a commit the file has moved and this finds nothing.
        self.file.take();
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pending_file_appears_only_when_persisted_and_is_removed_if_dropped() {
        let dir = tempfile::TempDir::new().unwrap();
        let lib = PhotoLibrary::open(dir.path()).unwrap();
        let hash = "ab".repeat(32);
        let path = lib.derived_path(PhotoSize::Thumb, &hash).unwrap();

        let dropped = lib.write_pending(&path, b"one").unwrap().unwrap();
        assert_eq!(lib.tmp_files().len(), 1);
        drop(dropped);
        assert!(lib.tmp_files().is_empty() && !path.exists());

        let first = lib.write_pending(&path, b"one").unwrap().unwrap();
        let second = lib.write_pending(&path, b"one").unwrap().unwrap();
        assert!(first.persist().unwrap(), "the first is put in place");
        assert!(!second.persist().unwrap(), "the second finds it there");
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        assert!(lib.tmp_files().is_empty());
        assert!(lib.write_pending(&path, b"one").unwrap().is_none());
    }
}
