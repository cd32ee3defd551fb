//! The shared folder's layout. Everything Lotbook writes lives under
//! `lotbook-sync/` inside the folder the team chose:
//!
//! ```text
//! lotbook-sync/FORMAT.json                          {"format": 1}
//! lotbook-sync/encryption.json                      only for an encrypted team
//! lotbook-sync/devices/<device id>/device.json      name, user (rewritten)
//! lotbook-sync/devices/<device id>/segments/0000000007.seg   immutable
//! lotbook-sync/devices/<device id>/applied.json     what it has applied (rewritten)
//! lotbook-sync/devices/<device id>/retired.json     its segments removed (rewritten)
//! lotbook-sync/snapshots/<hlc>-<device id>.snap     merged state, immutable
//! lotbook-sync/blobs/ab/<blake3>.<ext>              photo originals
//! ```
//! Each file is written under a dot-name carrying the writer's device id
//! and then put in place; names are checked when read, and anything else is
//! ignored (with a reason).
//!
//! The folder is a door: anything can appear in it. Files are read only
//! through [`read_bounded`]: ordinary files only (a FIFO, device, socket or
//! symlink is never opened in a way that can block, nor read), each kind
//! under a size cap, so one bad file is skipped and the rest of the pass
//! goes on. Files that never change (segments, blobs) appear only if their
//! name is free ([`Folder::write_new`]), so two writers of one name never
//! overwrite each other.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub const ROOT: &str = "lotbook-sync";
/// The folder layout this version reads and writes.
pub const LAYOUT_FORMAT: u32 = 1;

/// Size caps of what is read from the folder. A segment is written at most
/// `SEND_CAP` (see send), so this leaves room for older or other writers.
pub const SEGMENT_CAP: u64 = 64 << 20;
/// A snapshot holds a team's whole merged state (a year: some tens of MB).
pub const SNAPSHOT_CAP: u64 = 1 << 30;
/// device.json, FORMAT.json, encryption.json: a few hundred bytes each.
pub const SMALL_FILE_CAP: u64 = 1 << 20;
/// A photo original (the import refuses bigger ones).
pub const BLOB_CAP: u64 = 512 << 20;
/// A temporary file of this device older than this is from a killed send.
pub const STALE_TMP: std::time::Duration = std::time::Duration::from_secs(15 * 60);

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
    /// Stable code: `special_file`, `symlink`, `too_large`, `unreadable`,
    /// `incomplete`, `newer_format`, `locked`, `not_a_segment`,
    /// `duplicate_copy`, `not_a_device`, `not_a_snapshot`.
    pub code: String,
    pub reason: String,
}

impl Skipped {
    pub fn new(path: &Path, code: &str, reason: impl Into<String>) -> Skipped {
        Skipped {
            file: path.display().to_string(),
            code: code.into(),
            reason: reason.into(),
        }
    }
}

/// What reading a file of the folder gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    Bytes(Vec<u8>),
    /// Not there (yet, or any more): normal in a synced folder.
    Missing,
    /// Not read, and why: `code` as in [`Skipped`].
    Refused {
        code: &'static str,
        reason: String,
    },
}

/// Reads `path` whole if it is an ordinary file (not a symlink) of at most
/// `cap` bytes. The open cannot block (FIFO, device), the type and size are
/// checked on the open handle, and at most `cap` bytes are ever read, so a
/// file that grows while read, or lies about its size, is refused too.
pub fn read_bounded(path: &Path, cap: u64) -> std::io::Result<Read> {
    read_upto(path, cap, false)
}

/// The first `len` bytes of `path` (all of it when shorter), with the same
/// checks as [`read_bounded`] but no size cap: a segment's header.
pub fn read_prefix(path: &Path, len: u64) -> std::io::Result<Read> {
    read_upto(path, len, true)
}

fn read_upto(path: &Path, cap: u64, prefix: bool) -> std::io::Result<Read> {
    use std::io::Read as _;
    let file = match crate::fsutil::open_nonblocking(path, false) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound || not_yet(&e) => {
            return Ok(Read::Missing)
        }
        Err(e) => {
            // O_NOFOLLOW refuses a symlink with ELOOP: say what it is.
            if let Ok(meta) = std::fs::symlink_metadata(path) {
                if meta.file_type().is_symlink() {
                    return Ok(Read::Refused {
                        code: "symlink",
                        reason: SYMLINK_REASON.into(),
                    });
                }
            }
            return Err(e);
        }
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Ok(Read::Refused {
            code: "special_file",
            reason: format!(
                "is {}, not an ordinary file; Lotbook reads only ordinary files in the \
                 shared folder (ignored)",
                crate::fsutil::kind_name(&meta.file_type())
            ),
        });
    }
    let too_large = |size: u64| Read::Refused {
        code: "too_large",
        reason: format!(
            "is {} MB, more than the {} MB Lotbook reads from such a file (ignored)",
            size.div_ceil(1 << 20),
            cap >> 20
        ),
    };
    if !prefix && meta.len() > cap {
        return Ok(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(cap) as usize);
    // One byte past the cap tells a file that grew from one that fits.
    let limit = if prefix { cap } else { cap + 1 };
    match file.take(limit).read_to_end(&mut bytes) {
        Ok(_) => {}
        Err(e) if not_yet(&e) => return Ok(Read::Missing),
        Err(e) => return Err(e),
    }
    if !prefix && bytes.len() as u64 > cap {
        return Ok(too_large(bytes.len() as u64));
    }
    Ok(Read::Bytes(bytes))
}

/// A cloud-drive placeholder whose bytes cannot be fetched now (its
/// provider not running, offline): read at a later pass, never damage.
fn not_yet(e: &std::io::Error) -> bool {
    crate::fsutil::os_error::meaning(e) == crate::fsutil::os_error::Meaning::NotYet
}

const SYMLINK_REASON: &str =
    "is a symbolic link; Lotbook reads only ordinary files and folders in the shared folder \
     (ignored)";

/// Whether `name` (a file name in the folder) is a temporary file written
/// by `device`; see [`Folder::tmp_path`].
pub fn is_tmp_of(name: &str, device: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp") && name.contains(&format!(".{device}."))
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
    /// `device`: this computer's device id, which names its temporary files.
    pub fn open(chosen: &Path, device: &str) -> Result<Folder> {
        if !chosen.is_dir() {
            return Err(unreachable(chosen, "the shared folder is not reachable"));
        }
        let root = chosen.join(ROOT);
        let folder = Folder {
            chosen: chosen.to_owned(),
            root,
        };
        let format_file = folder.root.join("FORMAT.json");
        match read_bounded(&format_file, SMALL_FILE_CAP) {
            Ok(Read::Bytes(bytes)) => {
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
            Ok(Read::Missing) => {
                folder.create_dir(&folder.root)?;
                let bytes = serde_json::to_vec(&FormatFile {
                    format: LAYOUT_FORMAT,
                })
                .map_err(|e| Error::Other(e.to_string()))?;
                folder.write_new(&format_file, &bytes, device)?;
            }
            // The format decides whether this version may write here at all.
            Ok(Read::Refused { reason, .. }) => {
                return Err(Error::bad_file(
                    &format_file,
                    format!("{reason}; remove it from the shared folder so Lotbook can sync"),
                ))
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

    pub fn applied_file(&self, device: &str) -> PathBuf {
        self.devices_dir().join(device).join("applied.json")
    }

    pub fn retired_file(&self, device: &str) -> PathBuf {
        self.devices_dir().join(device).join("retired.json")
    }

    pub fn snapshots_dir(&self) -> PathBuf {
        self.root.join("snapshots")
    }

    pub fn snapshot_path(&self, name: &str) -> PathBuf {
        self.snapshots_dir().join(name)
    }

    /// The snapshot file names in the folder, oldest first; other files
    /// (a cloud drive's duplicate copies among them) are reported.
    pub fn snapshots(&self, skipped: &mut Vec<Skipped>) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for (name, path) in visible_entries(&self.snapshots_dir(), skipped)? {
            if parse_snapshot_name(&name).is_some() {
                out.push(name);
            } else {
                skipped.push(Skipped::new(
                    &path,
                    "not_a_snapshot",
                    "not a snapshot file (ignored)",
                ));
            }
        }
        out.sort();
        Ok(out)
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
        for (name, path) in visible_entries(&self.devices_dir(), skipped)? {
            if uuid::Uuid::parse_str(&name).is_ok() && name.len() == 36 {
                out.push(name);
            } else {
                skipped.push(Skipped::new(
                    &path,
                    "not_a_device",
                    "not a device folder (ignored)",
                ));
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
        for (name, path) in visible_entries(&self.segments_dir(device), skipped)? {
            match parse_segment_name(&name) {
                Some(n) => out.push(n),
                None if name
                    .get(..10)
                    .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit())) =>
                {
                    skipped.push(Skipped::new(
                        &path,
                        "duplicate_copy",
                        "a duplicate copy made by the cloud drive (ignored; segments never change)",
                    ))
                }
                None => skipped.push(Skipped::new(
                    &path,
                    "not_a_segment",
                    "not a segment file (ignored)",
                )),
            }
        }
        out.sort_unstable();
        Ok(out)
    }

    /// The device.json of `device`; one that cannot be read (a FIFO, a
    /// huge file, bad JSON) is reported and taken as empty.
    pub fn read_device(&self, device: &str, skipped: &mut Vec<Skipped>) -> Option<DeviceInfo> {
        let path = self.device_file(device);
        match read_bounded(&path, SMALL_FILE_CAP) {
            Ok(Read::Bytes(bytes)) => serde_json::from_slice(&bytes).ok(),
            Ok(Read::Missing) => None,
            Ok(Read::Refused { code, reason }) => {
                skipped.push(Skipped::new(&path, code, reason));
                None
            }
            Err(e) => {
                skipped.push(Skipped::new(
                    &path,
                    "unreadable",
                    format!("cannot be read ({e})"),
                ));
                None
            }
        }
    }

    /// A temporary name beside `path` that names the writing device, so a
    /// pass can tell its own leftovers (a killed send) from another's.
    fn tmp_path(dir: &Path, path: &Path, device: &str) -> PathBuf {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        dir.join(format!(".{name}.{device}.{}.tmp", crate::db::new_id()))
    }

    /// Removes this device's temporary files older than `older_than` (left
    /// by a send that was killed) where it writes; never another device's,
    /// which may be writing right now. Returns how many were removed.
    pub fn clean_own_tmp(&self, device: &str, older_than: std::time::Duration) -> usize {
        let mut dirs = vec![
            self.root.clone(),
            self.snapshots_dir(),
            self.devices_dir().join(device),
            self.segments_dir(device),
        ];
        if let Ok(entries) = std::fs::read_dir(self.root.join("blobs")) {
            dirs.extend(entries.flatten().map(|e| e.path()));
        }
        let mut removed = 0;
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !is_tmp_of(&name, device) {
                    continue;
                }
                let old = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age >= older_than);
                if old && std::fs::remove_file(entry.path()).is_ok() {
                    removed += 1;
                }
            }
        }
        removed
    }

    pub fn create_dir(&self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir).map_err(|e| folder_error(dir, e))
    }

    fn parent_of<'p>(&self, path: &'p Path) -> Result<&'p Path> {
        let dir = path
            .parent()
            .ok_or_else(|| Error::bad_file(path, "has no parent folder"))?;
        self.create_dir(dir)?;
        Ok(dir)
    }

    /// A file that never changes once there (segments, blobs, FORMAT,
    /// encryption.json): written to a temporary file of `device`, then put
    /// in place only if the name is free, atomically (a hard link, or an
    /// `O_EXCL` create where links are not supported). Returns false, with
    /// nothing changed, when the name was taken: even two computers writing
    /// the same name at the same moment never overwrite each other.
    pub fn write_new(&self, path: &Path, bytes: &[u8], device: &str) -> Result<bool> {
        let dir = self.parent_of(path)?;
        if path.exists() {
            return Ok(false);
        }
        let tmp = Self::tmp_path(dir, path, device);
        crate::fsutil::write_new_via(&tmp, path, bytes).map_err(|e| folder_error(path, e))
    }

    /// A file that is rewritten (device.json): a synced temporary file of
    /// `device` renamed over it.
    pub fn write_replace(&self, path: &Path, bytes: &[u8], device: &str) -> Result<()> {
        let dir = self.parent_of(path)?;
        let tmp = Self::tmp_path(dir, path, device);
        crate::fsutil::write_via(&tmp, path, bytes).map_err(|e| folder_error(path, e))
    }
}

/// The entries of `dir` by name, without dot-names (writes in progress); a
/// folder that is not there yet has none.
fn visible_entries(dir: &Path, skipped: &mut Vec<Skipped>) -> Result<Vec<(String, PathBuf)>> {
    // A folder of ours that is a link may lead anywhere on this computer.
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        skipped.push(Skipped::new(dir, "symlink", SYMLINK_REASON));
        return Ok(Vec::new());
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(folder_error(dir, e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| folder_error(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // Our own temporary files, and cloud stand-ins for files not yet
        // downloaded (iCloud Drive's `.<name>.icloud`): not there yet.
        if name.starts_with('.') {
            continue;
        }
        // The entry's own type: a symlink is not followed.
        if entry.file_type().is_ok_and(|t| t.is_symlink()) {
            skipped.push(Skipped::new(&entry.path(), "symlink", SYMLINK_REASON));
            continue;
        }
        out.push((name, entry.path()));
    }
    Ok(out)
}

pub fn segment_name(number: u64) -> String {
    format!("{number:010}.seg")
}

/// A snapshot's name: the writer's clock stamp, then its device id, so
/// names sort by time and two computers writing at once never clash.
pub fn snapshot_name(hlc: &str, device: &str) -> String {
    format!("{hlc}-{device}.snap")
}

/// The stamp and device of a snapshot's name.
pub fn parse_snapshot_name(name: &str) -> Option<(&str, &str)> {
    let stem = name.strip_suffix(".snap")?;
    let (hlc, device) = stem.split_once('-')?;
    let hex = |s: &str| s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit());
    (hex(hlc) && device.len() == 36 && uuid::Uuid::parse_str(device).is_ok())
        .then_some((hlc, device))
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

    #[test]
    fn snapshot_names_are_strict() {
        let device = "01900000-0000-7000-8000-000000000001";
        let name = snapshot_name("0000018c2f5e1a00", device);
        assert_eq!(
            parse_snapshot_name(&name),
            Some(("0000018c2f5e1a00", device))
        );
        for bad in [
            format!("0000018c2f5e1a00-{device} (1).snap"),
            format!("0000018c2f5e1a0-{device}.snap"),
            format!("0000018c2f5e1a00-{device}.snap.tmp"),
            "0000018c2f5e1a00-nobody.snap".into(),
        ] {
            assert_eq!(parse_snapshot_name(&bad), None, "{bad}");
        }
    }

    #[test]
    fn temporary_files_are_told_apart_by_device() {
        let me = "01900000-0000-7000-8000-000000000001";
        let other = "01900000-0000-7000-8000-000000000002";
        let tmp = Folder::tmp_path(Path::new("d"), Path::new("d/0000000007.seg"), me);
        let name = tmp.file_name().unwrap().to_string_lossy().into_owned();
        assert!(is_tmp_of(&name, me), "{name}");
        assert!(!is_tmp_of(&name, other), "{name}");
        assert!(!is_tmp_of("0000000007.seg", me));
    }

    #[test]
    fn a_cloud_stand_in_is_a_file_not_yet_there_not_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let device = "01900000-0000-7000-8000-000000000001";
        let segs = dir
            .path()
            .join(ROOT)
            .join("devices")
            .join(device)
            .join("segments");
        std::fs::create_dir_all(&segs).unwrap();
        std::fs::write(segs.join(segment_name(1)), b"x").unwrap();
        // iCloud Drive's stand-in for segment 2, whose bytes are in the cloud.
        std::fs::write(segs.join(format!(".{}.icloud", segment_name(2))), b"").unwrap();
        let folder = Folder {
            chosen: dir.path().to_owned(),
            root: dir.path().join(ROOT),
        };
        let mut skipped = Vec::new();
        assert_eq!(folder.segments(device, &mut skipped).unwrap(), vec![1]);
        assert!(skipped.is_empty(), "{skipped:?}");
    }
}
