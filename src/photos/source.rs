//! Opening a file the dealer handed us (a camera card, a colleague's shared
//! folder, anything dragged in): only ordinary files are read. A named pipe
//! (FIFO), socket or device, even behind a symlink or a `.jpg` name, is
//! refused by name and never read, so it can neither hang the import
//! (a FIFO waits for a writer forever) nor stream without end (`/dev/zero`).

use std::fs::{File, FileType};
use std::path::Path;

use super::refusal::{Refusal, Refused};

/// Opens `path` for reading if it is an ordinary file (a symlink to one is
/// fine) and returns it with its length. The type is checked before opening
/// and again on the open handle, and the open itself cannot block (on Unix
/// `O_NONBLOCK`), so a file swapped for a FIFO in between is refused too.
pub fn open(path: &Path, name: &str) -> Refused<(File, u64)> {
    let unreadable = |e: std::io::Error| Refusal::new("unreadable", name, reason(&e));
    // stat follows symlinks and never blocks, whatever the file is.
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    ordinary(name, &meta.file_type())?;
    let file = open_nonblocking(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    ordinary(name, &meta.file_type())?;
    Ok((file, meta.len()))
}

/// Refuses anything but an ordinary file, saying what it is instead.
pub fn ordinary(name: &str, kind: &FileType) -> Refused<()> {
    if kind.is_file() {
        return Ok(());
    }
    Err(Refusal::new(
        "unreadable",
        name,
        format!(
            "is {}, not a photo file; only ordinary files are imported",
            describe(kind)
        ),
    ))
}

fn describe(kind: &FileType) -> &'static str {
    if kind.is_dir() {
        return "a folder";
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

fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "cannot be read (the file is not there)".into(),
        std::io::ErrorKind::PermissionDenied => {
            "cannot be read (permission denied; check the file's sharing settings)".into()
        }
        _ => format!("cannot be read ({e})"),
    }
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use rustix::fs::{fcntl_getfl, fcntl_setfl, OFlags};
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a FIFO returns at once instead of waiting for a
    // writer; O_NOCTTY: a terminal device never becomes ours.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags((OFlags::NONBLOCK | OFlags::NOCTTY).bits() as i32)
        .open(path)?;
    if file.metadata()?.is_file() {
        // Back to ordinary reads: a cloud drive's placeholder may need to
        // fetch its bytes, and should be waited for, not fail with EAGAIN.
        fcntl_setfl(&file, fcntl_getfl(&file)? - OFlags::NONBLOCK)?;
    }
    Ok(file)
}

/// Windows has no FIFOs or device nodes inside folders; a plain open.
#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}
