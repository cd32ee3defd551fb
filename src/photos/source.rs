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
    let file = crate::fsutil::open_nonblocking(path, true).map_err(unreadable)?;
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
            crate::fsutil::kind_name(kind)
        ),
    ))
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
