//! Where backups go: `DATA_DIR/backups/` always, and a second folder the
//! dealer chose (a USB drive, a NAS share). The choice is this computer's
//! own (`local_meta`), never team data: another computer has other drives.

use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

use super::listing::BackupInfo;
use crate::db::Store;
use crate::error::{Error, Result};

pub const BACKUP_DIR: &str = "backups";
pub(crate) const SECOND_KEY: &str = "backup.second_location";
/// The folder Lotbook writes inside the chosen one: a drive's root is never
/// filled with our files, and only this folder's photos are ever deleted.
pub const SECOND_SUBDIR: &str = "Lotbook backups";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupLocation {
    /// The folder the backups are in.
    pub path: String,
    /// The second location (the folder the dealer chose is its parent).
    pub second: bool,
    /// The chosen folder is not there now (a drive unplugged, a share
    /// unmounted): backups wait for it. Not an error.
    pub waiting: bool,
    /// Newest first; empty while waiting.
    pub backups: Vec<BackupInfo>,
}

pub fn primary(data_dir: &Path) -> PathBuf {
    data_dir.join(BACKUP_DIR)
}

/// The folder chosen as the second location, if any.
pub fn second_location(store: &Store) -> Result<Option<PathBuf>> {
    Ok(store
        .local_get(SECOND_KEY)?
        .filter(|s| !s.is_empty())
        .map(PathBuf::from))
}

/// Chooses (or, with `None`, forgets) the second location. It must be an
/// existing folder outside the data folder.
pub fn set_second_location(store: &mut Store, folder: Option<&Path>) -> Result<()> {
    let Some(folder) = folder else {
        return store.local_set(SECOND_KEY, "");
    };
    if !folder.is_absolute() || !folder.is_dir() {
        return Err(Error::bad_file(folder, "is not a folder on this computer"));
    }
    let inside = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a.starts_with(b),
        _ => false,
    };
    if inside(folder, store.data_dir()) {
        return Err(Error::bad_file(
            folder,
            "is inside Lotbook's data folder; choose another drive or folder, so one broken disk cannot take both",
        ));
    }
    store.local_set(SECOND_KEY, &folder.display().to_string())
}

/// Where the second location's backups are written, or `None` while the
/// chosen folder is missing (never created by us: creating the mount point
/// of an unplugged drive would write onto the computer's own disk).
pub fn second_dir(chosen: &Path) -> Option<PathBuf> {
    chosen.is_dir().then(|| chosen.join(SECOND_SUBDIR))
}

/// Both locations with their backups.
pub fn locations(store: &Store) -> Result<Vec<BackupLocation>> {
    let mut out = vec![BackupLocation {
        path: primary(store.data_dir()).display().to_string(),
        second: false,
        waiting: false,
        backups: super::list(store)?,
    }];
    if let Some(chosen) = second_location(store)? {
        out.push(match second_dir(&chosen) {
            Some(dir) => BackupLocation {
                path: dir.display().to_string(),
                second: true,
                waiting: false,
                backups: super::listing::entries(&dir)?
                    .into_iter()
                    .map(|e| e.info)
                    .collect(),
            },
            None => BackupLocation {
                path: chosen.join(SECOND_SUBDIR).display().to_string(),
                second: true,
                waiting: true,
                backups: Vec::new(),
            },
        });
    }
    Ok(out)
}
