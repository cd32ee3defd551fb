//! The shared folder's layout. Everything Lotbook writes lives under
//! `lotbook-sync/` inside the folder the team chose:
//!
//! ```text
//! lotbook-sync/FORMAT.json                          {"format": 1}
//! lotbook-sync/encryption.json                      only for an encrypted team
//! lotbook-sync/devices/<device id>/device.json      name, user (rewritten)
//! lotbook-sync/devices/<device id>/segments/0000000007.seg   immutable
//! lotbook-sync/blobs/ab/<blake3>.<ext>              photo originals
//! ```
//! Each file is written under a dot-name and renamed into place; names are
//! checked when read, and anything else is ignored (with a reason).

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub const ROOT: &str = "lotbook-sync";
/// The folder layout this version reads and writes.
pub const LAYOUT_FORMAT: u32 = 1;

#[derive(Debug, Clone)]
pub struct Folder {
    chosen: PathBuf,
    root: PathBuf,
}

/// A file in the folder that was left alone, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Skipped {
    pub file: String,
    pub reason: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct DeviceInfo {
    pub device: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub user: String,
    /// What the device's clock read when it wrote this file (RFC 3339): the
    /// folder's time of the file tells how far off that clock is (`clocks`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock_at: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct FormatFile {
    format: u32,
}

/// The folder cannot be used right now: not there (an unplugged NAS, an
/// offline share) or not writable. Offline is normal; nothing is lost.
pub fn unreachable(path: &Path, why: impl std::fmt::Display) -> Error {
    Error::Unreachable(format!("{}: {why}", path.display()))
}

impl Folder {
    /// The layout inside `chosen`, which must exist: a missing folder is an
    /// unplugged drive, and creating it would write the team's data locally.
    pub fn open(chosen: &Path) -> Result<Folder> {
        if !chosen.is_dir() {
            return Err(unreachable(chosen, "the shared folder is not reachable"));
        }
        let root = chosen.join(ROOT);
        let folder = Folder {
            chosen: chosen.to_owned(),
            root,
        };
        let format_file = folder.root.join("FORMAT.json");
        match std::fs::read(&format_file) {
            Ok(bytes) => {
                let found: FormatFile = serde_json::from_slice(&bytes)
                    .map_err(|e| Error::bad_file(&format_file, format!("cannot be read: {e}")))?;
                if found.format > LAYOUT_FORMAT {
                    return Err(Error::Other(format!(
                        "{} was set up by a newer Lotbook (sync format {}; this version knows {}). \
                         Update Lotbook on this computer to sync; nothing was written.",
                        chosen.display(),
                        found.format,
                        LAYOUT_FORMAT
                    )));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                folder.create_dir(&folder.root)?;
                let bytes = serde_json::to_vec(&FormatFile {
                    format: LAYOUT_FORMAT,
                })
                .map_err(|e| Error::Other(e.to_string()))?;
                folder.write_new(&format_file, &bytes)?;
            }
            Err(e) => return Err(folder_error(&format_file, e)),
        }
        Ok(folder)
    }

    pub fn chosen(&self) -> &Path {
        &self.chosen
    }

    pub fn encryption_file(&self) -> PathBuf {
        self.root.join("encryption.json")
    }

    fn devices_dir(&self) -> PathBuf {
        self.root.join("devices")
    }

    pub fn device_file(&self, device: &str) -> PathBuf {
        self.devices_dir().join(device).join("device.json")
    }

    pub fn segments_dir(&self, device: &str) -> PathBuf {
        self.devices_dir().join(device).join("segments")
    }

    pub fn segment_path(&self, device: &str, number: u64) -> PathBuf {
        self.segments_dir(device).join(segment_name(number))
    }

    pub fn blob_path(&self, hash: &str, ext: &str) -> PathBuf {
        self.root
            .join("blobs")
            .join(hash.get(..2).unwrap_or("00"))
            .join(format!("{hash}.{ext}"))
    }

    /// Device ids with a folder here; other entries are reported.
    pub fn devices(&self, skipped: &mut Vec<Skipped>) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for (name, path) in visible_entries(&self.devices_dir())? {
            if uuid::Uuid::parse_str(&name).is_ok() && name.len() == 36 {
                out.push(name);
            } else {
                skipped.push(Skipped {
                    file: path.display().to_string(),
                    reason: "not a device folder (ignored)".into(),
                });
            }
        }
        out.sort();
        Ok(out)
    }

    /// The segment numbers of `device`, ascending. Cloud-drive duplicates
    /// ("0000000007 (conflicted copy).seg", "0000000007 (1).seg") and other
    /// files are reported and ignored: segments never change, so a copy is
    /// never newer than the original.
    pub fn segments(&self, device: &str, skipped: &mut Vec<Skipped>) -> Result<Vec<u64>> {
        let mut out = Vec::new();
        for (name, path) in visible_entries(&self.segments_dir(device))? {
            match parse_segment_name(&name) {
                Some(n) => out.push(n),
                None => skipped.push(Skipped {
                    file: path.display().to_string(),
                    reason: if name
                        .get(..10)
                        .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()))
                    {
                        "a duplicate copy made by the cloud drive (ignored; segments never change)"
                            .into()
                    } else {
                        "not a segment file (ignored)".into()
                    },
                }),
            }
        }
        out.sort_unstable();
        Ok(out)
    }

    pub fn read_device(&self, device: &str) -> Option<DeviceInfo> {
        let bytes = std::fs::read(self.device_file(device)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    pub fn create_dir(&self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir).map_err(|e| folder_error(dir, e))
    }

    /// Writes `bytes` to `path` by a synced temporary dot-file and a rename.
    /// Refuses to replace an existing file when `exclusive`.
    fn write_file(&self, path: &Path, bytes: &[u8], exclusive: bool) -> Result<bool> {
        let dir = path
            .parent()
            .ok_or_else(|| Error::bad_file(path, "has no parent folder"))?;
        self.create_dir(dir)?;
        if exclusive && path.exists() {
            return Ok(false);
        }
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let tmp = dir.join(format!(".{name}.{}.tmp", crate::db::new_id()));
        crate::fsutil::write_via(&tmp, path, bytes).map_err(|e| folder_error(path, e))?;
        Ok(true)
    }

    /// A file that never changes once there (segments, blobs, FORMAT).
    /// Returns false when it was already there.
    pub fn write_new(&self, path: &Path, bytes: &[u8]) -> Result<bool> {
        self.write_file(path, bytes, true)
    }

    /// A file that is rewritten (device.json, encryption.json at setup).
    pub fn write_replace(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        self.write_file(path, bytes, false).map(|_| ())
    }
}

/// The entries of `dir` by name, without dot-names (writes in progress); a
/// folder that is not there yet has none.
fn visible_entries(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(folder_error(dir, e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| folder_error(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') {
            out.push((name, entry.path()));
        }
    }
    Ok(out)
}

pub fn segment_name(number: u64) -> String {
    format!("{number:010}.seg")
}

pub fn parse_segment_name(name: &str) -> Option<u64> {
    let digits = name.strip_suffix(".seg")?;
    if digits.len() != 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// An I/O error in the shared folder, in the words a dealer needs.
pub fn folder_error(path: &Path, e: std::io::Error) -> Error {
    if e.raw_os_error() == Some(28) || e.kind() == std::io::ErrorKind::StorageFull {
        return Error::FolderFull(format!(
            "the shared folder is full ({}). Free some space there; your changes are kept \
             on this computer and will be sent then.",
            path.display()
        ));
    }
    match e.kind() {
        std::io::ErrorKind::NotFound => {
            unreachable(path, "the shared folder went away during sync")
        }
        std::io::ErrorKind::PermissionDenied => Error::Other(format!(
            "{}: Lotbook may not write in the shared folder (permission denied)",
            path.display()
        )),
        _ => Error::io(path, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_names_are_strict() {
        assert_eq!(parse_segment_name(&segment_name(7)), Some(7));
        for bad in [
            "0000000007 (conflicted copy).seg",
            "0000000007 (1).seg",
            "../0000000007.seg",
            "000000007.seg",
            "0000000007.seg.tmp",
            "00000000x7.seg",
        ] {
            assert_eq!(parse_segment_name(bad), None, "{bad}");
        }
    }
}
