//! Crash-safe file writes, and paths that stay inside their folder.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `bytes` to a temporary file beside `path`, syncs it, then renames
/// it over `path`: a reader sees the old file or the new one, never half.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| Error::bad_file(path, "is not a file path"))?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    write_via(&tmp, path, bytes).map_err(|e| Error::io(path, e))
}

/// Writes `bytes` to `tmp`, syncs it, renames it to `path` and syncs the
/// folder, so after a crash `path` is whole or absent; `tmp` is removed on
/// failure. `tmp` must be on the same file system as `path`.
pub fn write_via(tmp: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(tmp, path)?;
        // The rename itself must survive a power cut too.
        match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => sync_dir(dir),
            _ => sync_dir(Path::new(".")),
        }
    };
    write().inspect_err(|_| {
        let _ = std::fs::remove_file(tmp);
    })
}

/// `name` with the characters Windows, macOS or Linux refuse in a file name
/// replaced by `_` (a customer's name becomes part of a file name).
pub fn safe_file_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if r#"/\:*?"<>|"#.contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// `dir/<name><suffix>`, or `dir/<name> (2)<suffix>` … when that exists.
pub fn unique_path(dir: &Path, name: &str, suffix: &str) -> std::path::PathBuf {
    let name = safe_file_name(name);
    let mut path = dir.join(format!("{name}{suffix}"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{name} ({n}){suffix}"));
        n += 1;
    }
    path
}

/// Makes a rename in `dir` durable.
#[cfg(unix)]
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

/// Windows cannot open a folder as a file; NTFS journals the rename itself.
#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

/// `root/rel`, refused unless `rel` is a plain relative path (only normal
/// names: no `..`, no root, no drive, no empty or `.` part), so the result
/// stays inside `root` whatever `rel` came from. Every path built from a
/// synced id (a photo hash, a device id, a segment number) goes through here.
pub fn join_inside(root: &Path, rel: &str) -> Result<PathBuf> {
    let bad = || Error::bad_file(Path::new(rel), "is not a name inside its folder");
    if rel.is_empty() || rel.contains('\\') || rel.contains('\0') {
        return Err(bad());
    }
    let rel_path = Path::new(rel);
    for c in rel_path.components() {
        match c {
            Component::Normal(_) => {}
            _ => return Err(bad()),
        }
    }
    if rel
        .split('/')
        .any(|part| part.is_empty() || part == "." || part == "..")
    {
        return Err(bad());
    }
    let joined = root.join(rel_path);
    if !joined.starts_with(root) {
        return Err(bad());
    }
    Ok(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_inside_refuses_a_way_out() {
        let root = Path::new("/data/photos");
        assert_eq!(
            join_inside(root, "originals/ab/ab.jpg").unwrap(),
            root.join("originals/ab/ab.jpg")
        );
        for bad in [
            "../x",
            "a/../../x",
            "/etc/passwd",
            "",
            "a//b",
            "./a",
            "a\\..\\b",
            "a\0",
        ] {
            assert!(join_inside(root, bad).is_err(), "{bad:?}");
        }
    }
}
