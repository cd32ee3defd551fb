//! Which photo files this computer's backups hold, for archiving
//! ([`crate::photos::archive`]): the newest finished backup's manifest in
//! each location (`backups/`, then the second location when it is there)
//! names originals and shared sizes by their blake3. A copy counts only once it
//! has been read and hashed again ([`check_copy`]), at the moment it is
//! relied on: a manifest says what was written, not what is there now.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::listing;
use super::manifest;
use super::photo_files::hash_file;
use crate::db::Store;
use crate::error::Result;
use crate::photos::PhotoFormat;

/// One photo's file in a backup location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    /// The backup location (a folder holding backup folders and `photos/`).
    pub location: PathBuf,
    /// The file, relative to the location (as the manifest names it).
    pub rel_path: String,
    /// blake3 of the file: the original's hash, or the shared size's.
    pub file_hash: String,
    pub bytes: u64,
    /// The camera original (else the team's shared size).
    pub original: bool,
    pub format: PhotoFormat,
}

impl Copy {
    pub fn path(&self) -> Result<PathBuf> {
        manifest::in_location(&self.location, &self.rel_path)
    }
}

/// The copies the finished backups of this computer's locations name, by
/// the photo's original hash: an original before a shared size, the data
/// folder's `backups/` before the second location.
pub fn copies(store: &Store) -> Result<HashMap<String, Copy>> {
    let mut places = vec![super::primary(store.data_dir())];
    if let Some(dir) = super::second_location(store)?.and_then(|c| super::second_dir(&c)) {
        places.push(dir);
    }
    let mut out: HashMap<String, Copy> = HashMap::new();
    for location in places {
        // The newest finished backup there names every photo file the
        // location holds for this database (archived ones included), so
        // older manifests are not read.
        let newest = listing::entries(&location)?
            .into_iter()
            .find_map(|e| e.manifest);
        if let Some(m) = newest {
            for p in &m.photos {
                let Some(format) = manifest::format_of(&p.path) else {
                    continue;
                };
                let better = out.get(&p.blake3).is_none_or(|c| !c.original);
                if better {
                    out.insert(
                        p.blake3.clone(),
                        Copy {
                            location: location.clone(),
                            rel_path: p.path.clone(),
                            file_hash: p.blake3.clone(),
                            bytes: p.bytes,
                            original: true,
                            format,
                        },
                    );
                }
            }
            for p in &m.shared_photos {
                out.entry(p.original.clone()).or_insert_with(|| Copy {
                    location: location.clone(),
                    rel_path: p.path.clone(),
                    file_hash: p.blake3.clone(),
                    bytes: p.bytes,
                    original: false,
                    format: PhotoFormat::Jpeg,
                });
            }
        }
    }
    Ok(out)
}

/// Reads `copy` and checks its content against its hash and size now.
/// The problem in plain words when it is missing, unreadable or damaged.
pub fn check_copy(copy: &Copy) -> std::result::Result<(), String> {
    let path = copy.path().map_err(|e| e.to_string())?;
    check_file(&path, &copy.file_hash, copy.bytes)
}

fn check_file(path: &Path, hash: &str, bytes: u64) -> std::result::Result<(), String> {
    match hash_file(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(format!("{}: missing", path.display()))
        }
        Err(e) => Err(format!("{}: cannot be read ({e})", path.display())),
        Ok((got, len)) if got != hash || len != bytes => Err(format!(
            "{}: damaged (its content does not match its checksum)",
            path.display()
        )),
        Ok(_) => Ok(()),
    }
}

/// Copies the backup file `src` to `tmp` (synced) and checks on the way
/// that it hashes to `hash`; the staged copy is removed otherwise.
pub fn copy_checked(src: &Path, tmp: &Path, hash: &str) -> std::result::Result<(), String> {
    let _ = std::fs::remove_file(tmp);
    match super::photo_files::copy_hashed(src, tmp) {
        Ok((got, _)) if got == hash => Ok(()),
        Ok(_) => {
            let _ = std::fs::remove_file(tmp);
            Err(format!(
                "{}: damaged (its content does not match its checksum)",
                src.display()
            ))
        }
        Err(e) => {
            let _ = std::fs::remove_file(tmp);
            if e.kind() == std::io::ErrorKind::NotFound {
                Err(format!("{}: missing", src.display()))
            } else {
                Err(format!("{}: cannot be read ({e})", src.display()))
            }
        }
    }
}
