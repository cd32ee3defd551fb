//! How much space the team's work takes, and where: the shared folder
//! (journals, photo files, snapshots) and this computer's data folder
//! (database, photo originals, shared-size copies, derived sizes, backups).
//! Sizes are the files' lengths, walked without following links; a folder
//! that is not there counts as empty (a cloud drive not mounted is not an
//! error here: the sync status tells that).

use serde::Serialize;
use std::path::{Component, Path};
use ts_rs::TS;

use crate::db::Store;
use crate::error::Result;

/// The shared folder's bytes by kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FolderSpace {
    pub path: String,
    /// Every computer's journal segments.
    #[ts(type = "number")]
    pub journals: u64,
    /// Photo files (the shared size of each photo, or originals).
    #[ts(type = "number")]
    pub photos: u64,
    #[ts(type = "number")]
    pub photo_files: u64,
    /// Compacted snapshots, where the team writes them.
    #[ts(type = "number")]
    pub snapshots: u64,
    /// Device cards, the format and encryption files, files being written.
    #[ts(type = "number")]
    pub other: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// This computer's data folder's bytes by kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DataSpace {
    pub path: String,
    /// The database with its write-ahead log.
    #[ts(type = "number")]
    pub database: u64,
    /// Camera originals imported on this computer (or fetched from a team
    /// that shares originals).
    #[ts(type = "number")]
    pub originals: u64,
    /// Photos from colleagues, at the shared size.
    #[ts(type = "number")]
    pub shared_photos: u64,
    /// Screen, e-mail and thumbnail sizes (remade when missing).
    #[ts(type = "number")]
    pub derived: u64,
    /// The backups in the data folder (`backups/`).
    #[ts(type = "number")]
    pub backups: u64,
    /// Logs, drafts, files being written.
    #[ts(type = "number")]
    pub other: u64,
    #[ts(type = "number")]
    pub total: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SpaceReport {
    /// None when this computer does not sync.
    pub folder: Option<FolderSpace>,
    pub data: DataSpace,
    /// The second backup location's backups, when one is chosen and there.
    #[ts(type = "number | null")]
    pub second_backups: Option<u64>,
    /// Sold cars' photos archived on this computer, and what archiving now
    /// would free ([`crate::photos::archive`]).
    pub archive: crate::photos::archive::ArchiveStatus,
}

/// Every length under `dir` with its path relative to `dir`.
fn walk(dir: &Path, mut each: impl FnMut(&Path, u64)) {
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .flatten()
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let len = entry.metadata().map_or(0, |m| m.len());
        if let Ok(rel) = entry.path().strip_prefix(dir) {
            each(rel, len);
        }
    }
}

fn first(rel: &Path) -> &str {
    match rel.components().next() {
        Some(Component::Normal(s)) => s.to_str().unwrap_or(""),
        _ => "",
    }
}

fn hidden(rel: &Path) -> bool {
    rel.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// The shared folder `chosen` (the folder the team picked; Lotbook's files
/// are inside its `lotbook-sync`).
pub fn folder_space(chosen: &Path) -> FolderSpace {
    let mut s = FolderSpace {
        path: chosen.display().to_string(),
        ..FolderSpace::default()
    };
    walk(&chosen.join(crate::sync::layout::ROOT), |rel, len| {
        s.total += len;
        let in_segments = rel
            .components()
            .any(|c| c.as_os_str() == std::ffi::OsStr::new("segments"));
        match first(rel) {
            _ if hidden(rel) => s.other += len,
            "devices" if in_segments => s.journals += len,
            "blobs" => {
                s.photos += len;
                s.photo_files += 1;
            }
            "snapshots" => s.snapshots += len,
            _ => s.other += len,
        }
    });
    s
}

/// The data folder `data_dir`.
pub fn data_space(data_dir: &Path) -> DataSpace {
    let mut s = DataSpace {
        path: data_dir.display().to_string(),
        ..DataSpace::default()
    };
    let db = crate::db::DB_FILE;
    walk(data_dir, |rel, len| {
        s.total += len;
        let name = rel.to_str().unwrap_or("");
        let photos_part = rel
            .strip_prefix("photos")
            .ok()
            .map(first)
            .unwrap_or_default();
        match first(rel) {
            _ if name == db || name == format!("{db}-wal") || name == format!("{db}-shm") => {
                s.database += len
            }
            "photos" if photos_part == "originals" => s.originals += len,
            "photos" if photos_part == "shared" => s.shared_photos += len,
            "photos" if photos_part == "derived" => s.derived += len,
            crate::backup::BACKUP_DIR => s.backups += len,
            _ => s.other += len,
        }
    });
    s
}

/// Where the team's work takes space, as this computer sees it: in
/// `folder`, else the shared folder chosen in the Sync settings.
pub fn report(store: &Store, folder: Option<&Path>) -> Result<SpaceReport> {
    let folder = match folder {
        Some(f) => Some(folder_space(f)),
        None => crate::sync::state::folder(store)?.map(|f| folder_space(Path::new(&f))),
    };
    let second_backups = crate::backup::second_location(store)?
        .and_then(|chosen| crate::backup::second_dir(&chosen))
        .filter(|dir| dir.is_dir())
        .map(|dir| {
            let mut total = 0;
            walk(&dir, |_, len| total += len);
            total
        });
    Ok(SpaceReport {
        folder,
        data: data_space(store.data_dir()),
        second_backups,
        archive: store.archive_status()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_counted_by_kind() {
        let dir = tempfile::TempDir::new().unwrap();
        let put = |rel: &str, len: usize| {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, vec![0u8; len]).unwrap();
        };
        put("share/lotbook-sync/devices/d1/segments/00000001.seg", 100);
        put("share/lotbook-sync/devices/d1/device.json", 10);
        put("share/lotbook-sync/blobs/ab/ab12.jpeg", 1000);
        put("share/lotbook-sync/blobs/cd/cd34.jpeg", 2000);
        put("share/lotbook-sync/snapshots/s1.snap", 50);
        put("share/lotbook-sync/blobs/ab/.ab56.jpeg.d1.x.tmp", 7);
        let f = folder_space(&dir.path().join("share"));
        assert_eq!(
            (
                f.journals,
                f.photos,
                f.photo_files,
                f.snapshots,
                f.other,
                f.total
            ),
            (100, 3000, 2, 50, 17, 3167)
        );
        put("data/lotbook.sqlite3", 4096);
        put("data/lotbook.sqlite3-wal", 100);
        put("data/photos/originals/ab/x.jpg", 5000);
        put("data/photos/shared/ab/y.jpg", 500);
        put("data/photos/derived/v1/thumb/ab/x.jpg", 30);
        put("data/backups/2026-01-01/lotbook.sqlite3", 4096);
        put("data/logs/lotbook.log", 3);
        let d = data_space(&dir.path().join("data"));
        assert_eq!(
            (
                d.database,
                d.originals,
                d.shared_photos,
                d.derived,
                d.backups,
                d.other
            ),
            (4196, 5000, 500, 30, 4096, 3)
        );
        assert_eq!(d.total, 4196 + 5000 + 500 + 30 + 4096 + 3);
        // A folder that is not there is empty, not an error.
        assert_eq!(folder_space(&dir.path().join("nowhere")).total, 0);
    }
}
