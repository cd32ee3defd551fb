//! `manifest.json`, the list of what one backup holds, with checksums.
//!
//! It names the database copy beside it and every photo original the
//! database refers to, each by its path in the backup location, blake3 and
//! size. A manifest is read as untrusted input (a backup may come from a USB
//! stick anyone handled): every path must be exactly the one its hash and
//! kind give, so no entry can point outside the location.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::photos::PhotoFormat;

pub const MANIFEST_FILE: &str = "manifest.json";
/// The database copy inside a backup folder.
pub const DB_COPY: &str = "lotbook.sqlite3";
/// Bumped when a backup is laid out differently; a newer one is refused.
pub const FORMAT: u32 = 1;
/// Photo originals of a location, shared by all its backups.
pub const PHOTOS_DIR: &str = "photos";
/// Far more than any manifest (10,000 photos are about 1.5 MB).
const MANIFEST_CAP: u64 = 256 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub app_version: String,
    /// `YYYY-MM-DD HH:MM:SS` in the team's zone.
    pub taken_at: String,
    pub automatic: bool,
    pub schema_version: i64,
    pub counts: Counts,
    pub db: FileEntry,
    pub photos: Vec<FileEntry>,
    /// Originals the database names that were not in the data folder when
    /// the backup was taken (a colleague's photo sync had not fetched yet).
    #[serde(default)]
    pub photos_not_held: Vec<String>,
    /// Photos held only at the team's shared size when the backup was taken
    /// (a colleague's computer, see [`crate::photos::shared`]). Absent from
    /// manifests written before; an older Lotbook ignores them.
    #[serde(default)]
    pub shared_photos: Vec<SharedEntry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub vehicles: u32,
    pub customers: u32,
    pub photos: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Relative to the backup folder (the db) or the location (photos).
    pub path: String,
    pub blake3: String,
    pub bytes: u64,
}

/// A photo's shared-size file in a location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedEntry {
    /// `photos/shared/ab/<blake3>.jpg`, relative to the location.
    pub path: String,
    /// Of the file's content (the photo row's `shared_hash`).
    pub blake3: String,
    /// The photo's original hash: where a restore puts it back.
    pub original: String,
    pub bytes: u64,
}

impl Manifest {
    /// Database plus photo bytes.
    pub fn total_bytes(&self) -> u64 {
        self.db.bytes
            + self.photos.iter().map(|p| p.bytes).sum::<u64>()
            + self.shared_photos.iter().map(|p| p.bytes).sum::<u64>()
    }

    /// Photos the backup holds a file of: originals and shared sizes.
    pub fn photos_held(&self) -> u32 {
        (self.photos.len() + self.shared_photos.len()) as u32
    }
}

/// `photos/shared/ab/<shared_hash>.jpg`: where a location keeps a shared
/// size, by its own content (shards of originals are two hex digits, so
/// `shared` is never one of them).
pub fn shared_rel_path(shared_hash: &str) -> String {
    format!(
        "{PHOTOS_DIR}/{SHARED_DIR}/{}/{shared_hash}.jpg",
        shared_hash.get(..2).unwrap_or("00")
    )
}

/// The folder under [`PHOTOS_DIR`] holding shared sizes.
pub const SHARED_DIR: &str = "shared";

/// `photos/ab/<hash>.<ext>`: where a location keeps the original `hash`.
pub fn photo_rel_path(hash: &str, format: PhotoFormat) -> String {
    format!(
        "{PHOTOS_DIR}/{}/{hash}.{}",
        hash.get(..2).unwrap_or("00"),
        ext(format)
    )
}

pub fn ext(format: PhotoFormat) -> &'static str {
    match format {
        PhotoFormat::Jpeg => "jpg",
        PhotoFormat::Png => "png",
        PhotoFormat::Heic => "heic",
    }
}

/// The photo kind a location path's extension stands for.
pub fn format_of(rel: &str) -> Option<PhotoFormat> {
    match rel.rsplit('.').next()? {
        "jpg" => Some(PhotoFormat::Jpeg),
        "png" => Some(PhotoFormat::Png),
        "heic" => Some(PhotoFormat::Heic),
        _ => None,
    }
}

/// Reads and checks the manifest of the backup folder `dir`; refusals name
/// the manifest and the entry.
pub fn read(dir: &Path) -> Result<Manifest> {
    let path = dir.join(MANIFEST_FILE);
    let meta = std::fs::metadata(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            Error::bad_file(&path, "is missing: this folder is not a whole backup")
        }
        _ => Error::io(&path, e),
    })?;
    if !meta.is_file() || meta.len() > MANIFEST_CAP {
        return Err(Error::bad_file(&path, "is not a backup manifest"));
    }
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|e| {
        Error::bad_file(&path, format!("cannot be read as a backup manifest ({e})"))
    })?;
    validate(&path, &manifest)?;
    Ok(manifest)
}

fn validate(path: &Path, m: &Manifest) -> Result<()> {
    let bad = |what: String| Error::bad_file(path, what);
    if m.format == 0 || m.format > FORMAT {
        return Err(bad(format!(
            "is backup format {}, which this version of Lotbook cannot read (it knows up to {FORMAT}); update Lotbook",
            m.format
        )));
    }
    if m.db.path != DB_COPY {
        return Err(bad(format!(
            "names the database as {:?}; a backup's database is always {DB_COPY:?}",
            m.db.path
        )));
    }
    if !crate::validate::is_hash(&m.db.blake3) {
        return Err(bad("has no valid checksum for the database".into()));
    }
    for p in &m.photos {
        let expected = crate::validate::is_hash(&p.blake3)
            .then(|| format_of(&p.path))
            .flatten()
            .map(|f| photo_rel_path(&p.blake3, f));
        if expected.as_deref() != Some(p.path.as_str()) {
            return Err(bad(format!(
                "names a photo at {:?}, which is not a photo path of a backup location; refused",
                p.path
            )));
        }
    }
    for p in &m.shared_photos {
        let sound = crate::validate::is_hash(&p.blake3)
            && crate::validate::is_hash(&p.original)
            && p.path == shared_rel_path(&p.blake3);
        if !sound {
            return Err(bad(format!(
                "names a photo at {:?}, which is not a photo path of a backup location; refused",
                p.path
            )));
        }
    }
    Ok(())
}

/// `location/rel` for a checked manifest path.
pub fn in_location(location: &Path, rel: &str) -> Result<PathBuf> {
    crate::fsutil::join_inside(location, rel)
}

/// Writes the manifest into `dir`, synced.
pub fn write(dir: &Path, m: &Manifest) -> Result<()> {
    let bytes = serde_json::to_vec(m).map_err(|e| Error::Other(e.to_string()))?;
    let path = dir.join(MANIFEST_FILE);
    let tmp = dir.join(format!("{MANIFEST_FILE}.tmp"));
    crate::fsutil::write_via(&tmp, &path, &bytes).map_err(|e| Error::io(&path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Manifest {
        let h = "ab".repeat(32);
        Manifest {
            format: FORMAT,
            app_version: "0.1.0".into(),
            taken_at: "2026-12-05 09:00:00".into(),
            automatic: true,
            schema_version: 10,
            counts: Counts {
                vehicles: 1,
                customers: 0,
                photos: 1,
            },
            db: FileEntry {
                path: DB_COPY.into(),
                blake3: h.clone(),
                bytes: 1,
            },
            photos: vec![FileEntry {
                path: photo_rel_path(&h, PhotoFormat::Jpeg),
                blake3: h,
                bytes: 1,
            }],
            photos_not_held: Vec::new(),
            shared_photos: vec![SharedEntry {
                path: shared_rel_path(&"cd".repeat(32)),
                blake3: "cd".repeat(32),
                original: "ab".repeat(32),
                bytes: 1,
            }],
        }
    }

    #[test]
    fn a_path_out_of_the_location_is_refused() {
        let p = Path::new("manifest.json");
        assert!(validate(p, &sample()).is_ok());
        for bad in [
            "../photos/ab/x.jpg",
            "photos/../../etc/passwd",
            "/etc/passwd",
        ] {
            let mut m = sample();
            m.photos[0].path = bad.into();
            let err = validate(p, &m).unwrap_err().to_string();
            assert!(err.contains(bad) && err.contains("manifest.json"), "{err}");
        }
        let mut m = sample();
        m.db.path = "../lotbook.sqlite3".into();
        assert!(validate(p, &m).is_err());
    }

    #[test]
    fn a_shared_size_out_of_the_location_is_refused() {
        let p = Path::new("manifest.json");
        for bad in [
            "../photos/shared/cd/x.jpg",
            "photos/shared/../../../etc/passwd",
            "/etc/passwd",
            "photos/cd/cdcd.jpg",
        ] {
            let mut m = sample();
            m.shared_photos[0].path = bad.into();
            let err = validate(p, &m).unwrap_err().to_string();
            assert!(err.contains(bad) && err.contains("manifest.json"), "{err}");
        }
        let mut m = sample();
        m.shared_photos[0].original = "../x".into();
        assert!(validate(p, &m).is_err());
    }

    #[test]
    fn a_manifest_from_before_shared_sizes_reads() {
        let mut v = serde_json::to_value(sample()).unwrap();
        v.as_object_mut().unwrap().remove("shared_photos");
        let m: Manifest = serde_json::from_value(v).unwrap();
        assert!(m.shared_photos.is_empty());
    }
}
