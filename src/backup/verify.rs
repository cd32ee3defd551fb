//! Is a backup whole? Its manifest is read, the database copy and every
//! photo file it names (originals and shared sizes) are hashed again;
//! problems name the file.

use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

use super::manifest::{self, Manifest, DB_COPY};
use super::photo_files::hash_file;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VerifyReport {
    pub path: String,
    pub ok: bool,
    /// One line per missing or damaged file, naming it.
    pub problems: Vec<String>,
    /// Photo files checked (originals and shared sizes).
    pub photos: u32,
}

/// Verifies the backup at `path` (a backup folder, or a legacy `.sqlite3`
/// file, which gets SQLite's integrity check).
pub fn verify(path: &Path) -> Result<VerifyReport> {
    let mut report = VerifyReport {
        path: path.display().to_string(),
        ok: false,
        problems: Vec::new(),
        photos: 0,
    };
    if path.is_file() {
        let check = super::check(path)?;
        report.problems = check.problems;
    } else {
        match manifest::read(path) {
            Ok(m) => {
                report.photos = m.photos_held();
                report.problems = file_problems(path, &m, usize::MAX);
            }
            Err(e) => report.problems.push(e.to_string()),
        }
    }
    report.ok = report.problems.is_empty();
    Ok(report)
}

/// The missing or damaged files of the backup folder `dir`, at most `max`.
pub(crate) fn file_problems(dir: &Path, m: &Manifest, max: usize) -> Vec<String> {
    let mut problems = Vec::new();
    let location = dir.parent().unwrap_or(dir);
    let db = dir.join(DB_COPY);
    if let Some(p) = mismatch(&db, &m.db.blake3, m.db.bytes) {
        problems.push(p);
    }
    // Originals, then the shared sizes a colleague's computer held.
    let files = m
        .photos
        .iter()
        .map(|p| (&p.path, &p.blake3, p.bytes))
        .chain(
            m.shared_photos
                .iter()
                .map(|p| (&p.path, &p.blake3, p.bytes)),
        );
    for (path, hash, bytes) in files {
        if problems.len() >= max {
            break;
        }
        let file = match manifest::in_location(location, path) {
            Ok(f) => f,
            Err(e) => {
                problems.push(e.to_string());
                continue;
            }
        };
        if let Some(p) = mismatch(&file, hash, bytes) {
            problems.push(p);
        }
    }
    problems
}

/// Why `file` is not the one the manifest names, if it is not.
fn mismatch(file: &Path, hash: &str, bytes: u64) -> Option<String> {
    match hash_file(file) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Some(format!("{}: missing", file.display()))
        }
        Err(e) => Some(format!("{}: cannot be read ({e})", file.display())),
        Ok((got, len)) if got != hash || len != bytes => Some(format!(
            "{}: damaged (its content does not match the manifest's checksum)",
            file.display()
        )),
        Ok(_) => None,
    }
}
