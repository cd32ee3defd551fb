//! `lotbook check`: is this database file sound?

use rusqlite::OpenFlags;
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

use crate::error::Result;
use crate::photos::{PhotoFormat, PhotoLibrary};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CheckReport {
    pub path: String,
    pub ok: bool,
    /// Plain-language problems; empty when `ok`.
    pub problems: Vec<String>,
    #[ts(type = "number")]
    pub schema_version: i64,
    pub vehicles: u32,
    pub customers: u32,
    pub photos: u32,
    /// Unfinished writes of an interrupted import; removed at the next start.
    pub temp_files: u32,
}

/// Runs SQLite's integrity and foreign-key checks on `path`, read-only.
/// A file that is not a database at all is a problem report, not an error.
pub fn check(path: &Path) -> Result<CheckReport> {
    let mut report = CheckReport {
        path: path.display().to_string(),
        ok: false,
        problems: Vec::new(),
        schema_version: 0,
        vehicles: 0,
        customers: 0,
        photos: 0,
        temp_files: 0,
    };
    if let Err(problem) = run_checks(path, &mut report) {
        report.problems.push(problem);
    }
    report.ok = report.problems.is_empty();
    Ok(report)
}

fn run_checks(path: &Path, report: &mut CheckReport) -> std::result::Result<(), String> {
    if !path.is_file() {
        return Err("the database file does not exist".into());
    }
    let conn = crate::db::file::open_file(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| format!("cannot be opened: {e}"))?;
    let damaged =
        |e: rusqlite::Error| format!("the file is damaged or not a Lotbook database: {e}");
    report.schema_version = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(damaged)?;
    let mut stmt = conn
        .prepare("PRAGMA integrity_check(50)")
        .map_err(damaged)?;
    let lines: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(damaged)?;
    if lines != ["ok"] {
        report
            .problems
            .extend(lines.into_iter().map(|l| format!("integrity check: {l}")));
        return Ok(());
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check").map_err(damaged)?;
    let broken: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(2)?)))
        .and_then(|rows| rows.collect())
        .map_err(damaged)?;
    for (table, parent) in broken {
        report.problems.push(format!(
            "a row of {table} points to a missing row of {parent}"
        ));
    }
    let count = |table: &str| -> std::result::Result<u32, String> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(|e| format!("the {table} table cannot be read: {e}"))
    };
    report.vehicles = count("vehicles")?;
    report.customers = count("customers")?;
    if report.schema_version >= 2 {
        report.photos = count("photos")?;
    }
    Ok(())
}

/// The database of a data folder, as [`check`], plus its photo files: every
/// photo row's original must be on disk (rows are only written after their
/// files, so a missing one was moved or deleted by hand).
pub fn check_store(data_dir: &Path) -> Result<CheckReport> {
    let mut report = check(&data_dir.join(crate::db::DB_FILE))?;
    if report.ok && report.schema_version >= 2 {
        if let Err(problem) = check_photo_files(data_dir, &mut report) {
            report.problems.push(problem);
        }
        report.ok = report.problems.is_empty();
    }
    Ok(report)
}

fn check_photo_files(data_dir: &Path, report: &mut CheckReport) -> std::result::Result<(), String> {
    const LISTED: usize = 5;
    let lib = PhotoLibrary::at(data_dir);
    let conn = crate::db::file::open_file(
        &data_dir.join(crate::db::DB_FILE),
        OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .map_err(|e| format!("cannot be opened: {e}"))?;
    // Photos synced from a colleague whose file has not arrived yet are
    // expected to be missing (sync fetches them), not damage.
    // Archived photos (src/photos/archive.rs) are in the backup location.
    let sql = if report.schema_version >= 15 {
        "SELECT DISTINCT hash, format FROM photos
         WHERE hash NOT IN (SELECT hash FROM sync_missing_blobs)
           AND hash NOT IN (SELECT hash FROM photo_archive WHERE brought_back_at IS NULL)
           AND hash NOT IN (SELECT hash FROM photos WHERE folder_archived_at IS NOT NULL)"
    } else if report.schema_version >= 5 {
        "SELECT DISTINCT hash, format FROM photos
         WHERE hash NOT IN (SELECT hash FROM sync_missing_blobs)"
    } else {
        "SELECT DISTINCT hash, format FROM photos"
    };
    let mut stmt = conn
        .prepare(sql)
        .map_err(|e| format!("the photos table cannot be read: {e}"))?;
    let originals: Vec<(String, PhotoFormat)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(|rows| rows.collect())
        .map_err(|e| format!("the photos table cannot be read: {e}"))?;
    let missing: Vec<String> = originals
        .into_iter()
        .filter_map(|(hash, format)| match lib.original_path(&hash, format) {
            Ok(file) if file.is_file() => None,
            // A colleague's computer holds the shared size instead.
            Ok(_) if lib.held_shared(&hash).is_some() => None,
            Ok(file) => Some(file.display().to_string()),
            Err(e) => Some(e.to_string()),
        })
        .collect();
    for file in missing.iter().take(LISTED) {
        report.problems.push(format!("photo file missing: {file}"));
    }
    if missing.len() > LISTED {
        report.problems.push(format!(
            "… and {} more photo files missing",
            missing.len() - LISTED
        ));
    }
    report.temp_files = lib.tmp_files().len() as u32;
    Ok(())
}
