//! The backups in one location: folders `auto-STAMP/` and `manual-STAMP/`
//! (database, manifest; photos shared in `photos/`), and the plain
//! `auto-STAMP.sqlite3` files older versions wrote (database only).

use chrono::NaiveDateTime;
use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use ts_rs::TS;

use super::manifest::{self, Manifest};
use super::{photo_files, PARTIAL_SUFFIX};
use crate::error::{Error, Result};

pub(crate) const AUTO_PREFIX: &str = "auto-";
pub(crate) const MANUAL_PREFIX: &str = "manual-";
/// File-name stamp; milliseconds keep two backups of one second apart.
pub(crate) const STAMP: &str = "%Y%m%d-%H%M%S%3f";
pub(crate) const SHOWN: &str = "%Y-%m-%d %H:%M:%S";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupInfo {
    /// The backup folder (or, for one from before photos were included, its
    /// `.sqlite3` file).
    pub path: String,
    /// Its name in its location (`auto-20261205-090000123`).
    pub name: String,
    /// When the backup was taken, `YYYY-MM-DD HH:MM:SS` in the team's zone.
    pub taken_at: String,
    pub automatic: bool,
    /// Database plus the photo originals it holds.
    #[ts(type = "number")]
    pub bytes: u64,
    /// A database-only backup from an older Lotbook (no photos, no manifest).
    pub legacy: bool,
    /// The Lotbook version that took it (unknown for legacy ones).
    pub app_version: Option<String>,
    pub vehicles: Option<u32>,
    pub customers: Option<u32>,
    /// Photos it holds a file of (original, or shared size on a colleague's computer).
    pub photos: Option<u32>,
    /// Why its manifest cannot be read, if so (it is then not restorable).
    pub problem: Option<String>,
}

/// `auto-`/`manual-` plus a stamp: (automatic, when).
pub(crate) fn parse_stem(stem: &str) -> Option<(bool, NaiveDateTime)> {
    let (automatic, stamp) = match stem.strip_prefix(AUTO_PREFIX) {
        Some(s) => (true, s),
        None => (false, stem.strip_prefix(MANUAL_PREFIX)?),
    };
    parse_stamp(stamp).map(|t| (automatic, t))
}

/// A legacy backup file's name.
pub(crate) fn parse_name(name: &str) -> Option<(bool, NaiveDateTime)> {
    parse_stem(name.strip_suffix(".sqlite3")?)
}

/// `YYYYMMDD-HHMMSS` with optional milliseconds `mmm`, as [`STAMP`] writes.
fn parse_stamp(s: &str) -> Option<NaiveDateTime> {
    let (date, time) = s.split_once('-')?;
    if date.len() != 8 || !(time.len() == 6 || time.len() == 9) {
        return None;
    }
    if !date.bytes().chain(time.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |s: &str| s.parse::<u32>().ok();
    let day =
        chrono::NaiveDate::from_ymd_opt(n(&date[..4])? as i32, n(&date[4..6])?, n(&date[6..])?)?;
    let millis = if time.len() == 9 { n(&time[6..])? } else { 0 };
    day.and_hms_milli_opt(n(&time[..2])?, n(&time[2..4])?, n(&time[4..6])?, millis)
}

/// One listed backup, with its manifest when it has a readable one.
pub(crate) struct Entry {
    pub at: NaiveDateTime,
    pub info: BackupInfo,
    pub manifest: Option<Manifest>,
}

impl BackupInfo {
    /// The record of the backup at `path` as its name and files tell it,
    /// before any manifest is read: no version, counts or problem.
    pub(crate) fn bare(
        path: &Path,
        taken_at: Option<NaiveDateTime>,
        automatic: bool,
        bytes: u64,
        legacy: bool,
    ) -> BackupInfo {
        BackupInfo {
            path: path.display().to_string(),
            name: name_of(path),
            taken_at: taken_at.map(|t| shown(&t)).unwrap_or_default(),
            automatic,
            bytes,
            legacy,
            app_version: None,
            vehicles: None,
            customers: None,
            photos: None,
            problem: None,
        }
    }
}

/// A backup time as the record shows it.
pub(crate) fn shown(at: &NaiveDateTime) -> String {
    at.format(SHOWN).to_string()
}

/// The record of a backup folder whose manifest reads `m`.
pub(crate) fn info_of(path: &Path, at: NaiveDateTime, automatic: bool, m: &Manifest) -> BackupInfo {
    BackupInfo {
        app_version: Some(m.app_version.clone()),
        vehicles: Some(m.counts.vehicles),
        customers: Some(m.counts.customers),
        photos: Some(m.photos_held()),
        ..BackupInfo::bare(path, Some(at), automatic, m.total_bytes(), false)
    }
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// What one path in a location is as a backup, if it is one.
pub(crate) fn entry(path: &Path) -> Option<Entry> {
    let name = name_of(path);
    if name.contains(PARTIAL_SUFFIX) {
        return None;
    }
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_dir() {
        let (automatic, at) = parse_stem(&name)?;
        return Some(match manifest::read(path) {
            Ok(m) => Entry {
                at,
                info: info_of(path, at, automatic, &m),
                manifest: Some(m),
            },
            Err(e) => Entry {
                at,
                info: BackupInfo {
                    problem: Some(e.to_string()),
                    ..BackupInfo::bare(path, Some(at), automatic, 0, false)
                },
                manifest: None,
            },
        });
    }
    let (automatic, at) = parse_name(&name)?;
    Some(Entry {
        at,
        info: BackupInfo::bare(path, Some(at), automatic, meta.len(), true),
        manifest: None,
    })
}

/// The backups in `location`, newest first (none when it does not exist).
pub(crate) fn entries(location: &Path) -> Result<Vec<Entry>> {
    let read = match std::fs::read_dir(location) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(location, e)),
    };
    let mut out: Vec<Entry> = read.flatten().filter_map(|e| entry(&e.path())).collect();
    out.sort_by_key(|e| std::cmp::Reverse(e.at));
    Ok(out)
}

/// Is there an automatic backup of `day` in `location`? By names alone
/// (no manifest is parsed): the app asks every few minutes.
pub(crate) fn has_automatic_on(location: &Path, day: chrono::NaiveDate) -> Result<bool> {
    let read = match std::fs::read_dir(location) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(Error::io(location, e)),
    };
    Ok(read.flatten().any(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        let parsed = if e.path().join(manifest::MANIFEST_FILE).is_file() {
            parse_stem(&name)
        } else {
            parse_name(&name)
        };
        !name.contains(PARTIAL_SUFFIX) && parsed.is_some_and(|(auto, at)| auto && at.date() == day)
    }))
}

/// Deletes automatic backups of `location` outside the 7 daily + 4 weekly
/// rotation, then the photo files no remaining backup names. Call under the
/// location's writing lock. Returns how many backups went.
pub(crate) fn prune_locked(location: &Path) -> Result<usize> {
    let all = entries(location)?;
    let autos: Vec<&Entry> = all.iter().filter(|e| e.info.automatic).collect();
    let times: Vec<NaiveDateTime> = autos.iter().map(|e| e.at).collect();
    let keep = super::keep_set(&times, 7, 4);
    let mut removed = 0;
    let mut gone: HashSet<PathBuf> = HashSet::new();
    for (i, e) in autos.iter().enumerate() {
        if keep.contains(&i) {
            continue;
        }
        let path = PathBuf::from(&e.info.path);
        let done = if e.info.legacy {
            crate::fsutil::remove_file(&path)
        } else {
            crate::fsutil::remove_dir_all(&path)
        };
        done.map_err(|err| Error::io(&path, err))?;
        gone.insert(path);
        removed += 1;
    }
    // A backup whose manifest cannot be read may still need its photos:
    // then nothing is collected (a person should look first).
    let kept: Vec<&Entry> = all
        .iter()
        .filter(|e| !gone.contains(Path::new(&e.info.path)))
        .collect();
    if kept.iter().any(|e| !e.info.legacy && e.manifest.is_none()) {
        tracing::warn!(
            "{}: a backup's manifest cannot be read; unused photo files are kept",
            location.display()
        );
        return Ok(removed);
    }
    let names: HashSet<String> = kept
        .iter()
        .filter_map(|e| e.manifest.as_ref())
        .flat_map(|m| {
            let originals = m.photos.iter().map(|p| p.path.clone());
            originals.chain(m.shared_photos.iter().map(|p| p.path.clone()))
        })
        .collect();
    photo_files::collect_garbage(location, &names);
    Ok(removed)
}
