//! Photo originals in a backup location (`<location>/photos/ab/<hash>.<ext>`)
//! and shared sizes (`photos/shared/ab/<hash>.jpg`), stored once by content
//! and shared by every backup there; and the
//! checksummed copy both backup and restore use.

use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::manifest::{PHOTOS_DIR, SHARED_DIR};
use crate::error::{Error, Result};

const CHUNK: usize = 256 * 1024;

/// blake3 (hex) and length of the file at `path`.
pub fn hash_file(path: &Path) -> std::io::Result<(String, u64)> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = blake3::Hasher::new();
    let mut buf = vec![0u8; CHUNK];
    let mut len = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        len += n as u64;
    }
    Ok((hasher.finalize().to_hex().to_string(), len))
}

/// Copies `src` to `tmp` (synced), returning the blake3 and length of the
/// bytes written, so what lands is what was checked.
pub fn copy_hashed(src: &Path, tmp: &Path) -> std::io::Result<(String, u64)> {
    let mut from = std::fs::File::open(src)?;
    let mut to = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)?;
    let mut hasher = blake3::Hasher::new();
    let mut buf = vec![0u8; CHUNK];
    let mut len = 0u64;
    loop {
        let n = from.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        to.write_all(&buf[..n])?;
        len += n as u64;
    }
    to.sync_all()?;
    Ok((hasher.finalize().to_hex().to_string(), len))
}

/// Puts the original `src` (content `hash`) at `dest` in a location unless
/// it is there already. Returns whether bytes were copied. Files appear only
/// by rename after a synced, checked copy, so one that exists is whole. The
/// caller syncs `dest`'s folder before the backup naming it is published
/// (once per folder, not once per photo).
pub fn store(src: &Path, dest: &Path, hash: &str) -> Result<bool> {
    if dest.is_file() {
        return Ok(false);
    }
    let dir = dest
        .parent()
        .ok_or_else(|| Error::bad_file(dest, "has no parent folder"))?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let tmp = partial_name(dest);
    let _ = std::fs::remove_file(&tmp);
    let copied = copy_hashed(src, &tmp).map_err(|e| Error::io(src, e));
    let result = copied.and_then(|(got, _)| {
        if got != hash {
            return Err(Error::bad_file(
                src,
                "does not match its content hash (the photo file in the data folder is damaged); run `lotbook check`",
            ));
        }
        crate::fsutil::rename(&tmp, dest).map_err(|e| Error::io(dest, e))
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map(|()| true)
}

fn partial_name(dest: &Path) -> PathBuf {
    let mut name = dest.as_os_str().to_owned();
    name.push(super::PARTIAL_SUFFIX);
    PathBuf::from(name)
}

/// Removes photo files of `location` that no kept backup names (`keep`
/// holds location-relative paths), and copies a killed backup left half
/// written. Called under the location's writing lock, after a prune.
pub fn collect_garbage(location: &Path, keep: &HashSet<String>) -> usize {
    // Originals in `photos/ab/`, shared sizes in `photos/shared/ab/` (the
    // `shared` folder holds folders only, so the first pass leaves it).
    collect_in(location, PHOTOS_DIR, keep) + collect_in(location, &shared_root(), keep)
}

fn shared_root() -> String {
    format!("{PHOTOS_DIR}/{SHARED_DIR}")
}

/// Removes the unnamed files of the shard folders of `location/root`.
fn collect_in(location: &Path, root: &str, keep: &HashSet<String>) -> usize {
    let Ok(shards) = std::fs::read_dir(location.join(root)) else {
        return 0;
    };
    let mut removed = 0;
    for shard in shards.flatten() {
        if !shard.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let shard_name = shard.file_name().to_string_lossy().into_owned();
        let Ok(files) = std::fs::read_dir(shard.path()) else {
            continue;
        };
        for file in files.flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            let rel = format!("{root}/{shard_name}/{name}");
            if !keep.contains(&rel)
                && file.file_type().is_ok_and(|t| t.is_file())
                && crate::fsutil::remove_file(&file.path()).is_ok()
            {
                removed += 1;
            }
        }
    }
    removed
}
