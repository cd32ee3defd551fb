//! Crash-safe file writes, bounded opens, and paths that stay inside their folder.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};

pub mod os_error;
pub mod retry;

pub use retry::{remove_dir_all, remove_file, rename};

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
        rename(tmp, path)?;
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

/// Makes a rename in `dir` durable. File systems that cannot sync a folder
/// (some network shares and FUSE cloud mounts say EINVAL or ENOTSUP) journal
/// the rename themselves or not at all; there is nothing more to do there.
#[cfg(unix)]
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    match std::fs::File::open(dir)?.sync_all() {
        Err(e) if cannot_sync_folder(&e) => Ok(()),
        other => other,
    }
}

#[cfg(unix)]
fn cannot_sync_folder(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::Unsupported
        || matches!(e.raw_os_error(), Some(c) if c == rustix::io::Errno::INVAL.raw_os_error()
            || c == rustix::io::Errno::NOTSUP.raw_os_error())
}

/// Windows cannot open a folder as a file; NTFS journals the rename itself.
#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Writes `bytes` to `tmp`, syncs it, then makes it appear as `path` only if
/// no file of that name exists (a hard link, which fails when the name is
/// taken, as object_store's LocalFileSystem publishes). Where hard links are
/// not supported (FAT drives, some network shares) the bytes are copied into
/// a file created with `create_new` (`O_EXCL`) instead. Returns false, with
/// nothing written, when `path` was already there: two writers of one name
/// never overwrite each other. `tmp` is always removed.
pub fn write_new_via(tmp: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    let staged = || -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    };
    let result = staged().and_then(|()| match std::fs::hard_link(tmp, path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) if e.kind() == std::io::ErrorKind::StorageFull => Err(e),
        Err(_) => copy_new(path, bytes),
    });
    let _ = std::fs::remove_file(tmp);
    let published = result?;
    if published {
        match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => sync_dir(dir)?,
            _ => sync_dir(Path::new("."))?,
        }
    }
    Ok(published)
}

/// The fallback of [`write_new_via`]: `O_EXCL` create, write, sync. A reader
/// may see the file while it grows; segments and blobs carry their own
/// checksum, so a partial one is recognised and waited for.
fn copy_new(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    let mut f = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
        Err(e) => return Err(e),
    };
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .inspect_err(|_| {
            // Ours, created a moment ago and incomplete.
            let _ = std::fs::remove_file(path);
        })?;
    Ok(true)
}

/// Opens `path` for reading in a way that cannot block: on Unix with
/// `O_NONBLOCK` (a FIFO opens at once instead of waiting for a writer) and
/// `O_NOCTTY`, and with `follow_links` false also `O_NOFOLLOW` (a symlink
/// as the last part of the path fails with `ELOOP`). An ordinary file is
/// switched back to blocking reads: a cloud drive's placeholder may need to
/// fetch its bytes, and should be waited for, not fail with `EAGAIN`.
/// Callers check the type on the returned handle (see [`kind_name`]).
#[cfg(unix)]
pub fn open_nonblocking(path: &Path, follow_links: bool) -> std::io::Result<std::fs::File> {
    use rustix::fs::{fcntl_getfl, fcntl_setfl, OFlags};
    use std::os::unix::fs::OpenOptionsExt;
    let mut flags = OFlags::NONBLOCK | OFlags::NOCTTY;
    if !follow_links {
        flags |= OFlags::NOFOLLOW;
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)?;
    if file.metadata()?.is_file() {
        fcntl_setfl(&file, fcntl_getfl(&file)? - OFlags::NONBLOCK)?;
    }
    Ok(file)
}

/// Windows has no FIFOs or device nodes inside folders; without
/// `follow_links` a symlink is refused before the open.
#[cfg(not(unix))]
pub fn open_nonblocking(path: &Path, follow_links: bool) -> std::io::Result<std::fs::File> {
    if !follow_links && std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(std::io::Error::other("is a symbolic link"));
    }
    std::fs::File::open(path)
}

/// What a file that is not an ordinary file is, in a dealer's words.
pub fn kind_name(kind: &std::fs::FileType) -> &'static str {
    if kind.is_file() {
        return "an ordinary file";
    }
    if kind.is_dir() {
        return "a folder";
    }
    if kind.is_symlink() {
        return "a symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    "a special file"
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

    #[test]
    fn a_new_file_never_replaces_one_of_the_same_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("0000000001.seg");
        let tmp = |n: u8| dir.path().join(format!(".0000000001.seg.{n}.tmp"));
        assert!(write_new_via(&tmp(1), &path, b"first").unwrap());
        assert!(!write_new_via(&tmp(2), &path, b"second").unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        // The O_EXCL fallback (no hard links) keeps the first too.
        assert!(!copy_new(&path, b"third").unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        let other = dir.path().join("0000000002.seg");
        assert!(copy_new(&other, b"fourth").unwrap());
        assert_eq!(std::fs::read(&other).unwrap(), b"fourth");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "temporary files are removed: {left:?}");
    }
}
