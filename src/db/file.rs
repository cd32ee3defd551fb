//! Opening a database file wherever the dealer keeps it. On Windows, paths
//! past the old 260-character limit (a Korean user name and a deep OneDrive
//! folder) need SQLite's "win32-longpath" VFS. On macOS and Linux SQLite takes
//! paths of at most 512 bytes (fixed in its Unix VFS; a Korean letter is 3
//! bytes): a longer one is refused with a message that names the folder and
//! says what to do, instead of "unable to open database file". Every
//! connection of the core is opened here.

use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// The VFS that takes long paths on this system (None: the default one).
const LONG_PATH_VFS: Option<&str> = if cfg!(windows) {
    Some("win32-longpath")
} else {
    None
};

/// The longest path SQLite's Unix VFS opens (`MAX_PATHNAME`).
const UNIX_MAX_PATH_BYTES: usize = 512;

/// `Connection::open_with_flags`, with long paths.
pub fn open_file(path: &Path, flags: OpenFlags) -> rusqlite::Result<Connection> {
    if cfg!(unix) {
        refuse_too_long(path, UNIX_MAX_PATH_BYTES)?;
    }
    match LONG_PATH_VFS {
        Some(vfs) => Connection::open_with_flags_and_vfs(path, flags, vfs),
        None => Connection::open_with_flags(path, flags),
    }
}

/// `Connection::open`, with long paths.
pub fn open_rw(path: &Path) -> rusqlite::Result<Connection> {
    open_file(path, OpenFlags::default())
}

fn refuse_too_long(path: &Path, max: usize) -> rusqlite::Result<()> {
    let len = path.as_os_str().len();
    if len < max {
        return Ok(());
    }
    Err(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
        Some(format!(
            "the folder path {} is {len} bytes long; a database file's path may be at most \
             {} bytes on this system. Choose a folder nearer the top of the drive.",
            path.display(),
            max - 1
        )),
    ))
}

/// Copies the main database of `conn` into a new file at `dest` with
/// SQLite's online backup (consistent while others write), long paths
/// included.
pub fn backup_to(conn: &Connection, dest: &Path) -> rusqlite::Result<()> {
    let mut dst = open_rw(dest)?;
    let backup = rusqlite::backup::Backup::new(conn, &mut dst)?;
    backup.run_to_completion(256, std::time::Duration::ZERO, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Past 260 characters (Windows' old limit) with a Korean user name,
    /// within SQLite's 512 bytes on Unix.
    #[test]
    fn a_path_past_260_characters_opens_and_takes_a_backup() {
        let tmp = tempfile::tempdir().unwrap();
        let mut dir = tmp.path().join("Users").join("김민수");
        while dir.to_string_lossy().chars().count() < 270 {
            dir = dir.join("Dealer backups");
        }
        assert!(dir.as_os_str().len() < 480);
        std::fs::create_dir_all(&dir).unwrap();
        let conn = open_rw(&dir.join("원본.sqlite3")).unwrap();
        conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES ('차량');")
            .unwrap();
        let copy = dir.join("백업.sqlite3");
        backup_to(&conn, &copy).unwrap();
        let back = open_file(&copy, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let x: String = back.query_row("SELECT x FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(x, "차량");
    }

    #[test]
    fn a_path_too_long_for_sqlite_is_named_with_what_to_do() {
        let long = Path::new("/").join("대전 중고차 매장 백업 보관함/".repeat(20));
        let e = refuse_too_long(&long.join("백업.sqlite3"), 512)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("대전 중고차") && e.contains("nearer the top"),
            "{e}"
        );
        assert!(refuse_too_long(Path::new("/data/lotbook.sqlite3"), 512).is_ok());
    }
}
