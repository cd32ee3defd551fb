//! Sold cars' photos archived out of the daily working set (issue 20), with
//! the dealer's consent: the team setting `photos.archive_sold_after_days`
//! ([`crate::settings::TeamKey::ArchiveSoldAfter`], off by default).
//!
//! "Archived" is per computer: the archive is this computer's backup
//! location. A photo of a car sold more than N days ago (the sale's
//! `delivered_on`) is archived here when a backup of this computer holds
//! its file (the original, or the shared size for a colleague's photo),
//! and that copy is read and hash-checked at that moment
//! ([`crate::backup::copies`]). Archiving removes the original or shared
//! size and the screen and e-mail sizes; the thumbnail stays, so lists and
//! the car's page still show it (marked 보관됨). The record
//! (`photo_archive`, local) says what went where; every later backup names
//! the archived file, so rotation keeps it.
//!
//! The computer that put a photo's file into the shared folder removes it
//! there at its next sync pass and marks the rows (`folder_archived_at`,
//! synced), so a colleague or a new computer without the file stops
//! waiting for it ([`crate::sync`]'s photo fetch).

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use ts_rs::TS;

use super::model::{PhotoFormat, PhotoSize};
use super::PhotoLibrary;
use crate::backup::copies::{self, Copy};
use crate::db::{now_utc, Store};
use crate::error::{Error, ErrorCode, Result};

/// What archiving would do now (Settings › 저장 공간's preview, `--dry-run`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ArchivePlan {
    /// Days after the sale (None: the team setting is off).
    pub after_days: Option<u32>,
    /// Photos a verified backup holds, ready to archive.
    pub photos: u32,
    /// Of how many sold cars.
    pub vehicles: u32,
    /// Bytes it would free in the data folder.
    #[ts(type = "number")]
    pub bytes: u64,
    /// Photos old enough that no backup of this computer holds yet (the
    /// next backup will), or whose copy there is damaged.
    pub waiting: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ArchiveProgress {
    pub done: u32,
    pub total: u32,
    #[ts(type = "number")]
    pub freed: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ArchiveReport {
    pub photos: u32,
    pub vehicles: u32,
    #[ts(type = "number")]
    pub freed: u64,
    /// Photos not archived, each with why (no backup holds it, its copy is
    /// missing or damaged): nothing of them was removed.
    pub refused: Vec<String>,
    pub cancelled: bool,
}

/// The archive of this computer (Settings › 저장 공간, `lotbook space`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ArchiveStatus {
    pub after_days: Option<u32>,
    /// Photos archived here, and the size of their files in the backup.
    pub archived: u32,
    #[ts(type = "number")]
    pub archived_bytes: u64,
    /// Bytes archiving freed in the data folder.
    #[ts(type = "number")]
    pub freed: u64,
    /// What archiving now would do.
    pub plan: ArchivePlan,
}

/// A car's photos that are archived, by id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VehicleArchived {
    /// Archived on this computer: "보관한 사진 되살리기" brings them back.
    pub here: Vec<String>,
    /// Not on this computer, and the computer that put them in the shared
    /// folder archived them: shown from a thumbnail held here, or a
    /// placeholder.
    pub elsewhere: Vec<String>,
}

/// One photo (an original hash) that could be archived now.
#[derive(Debug, Clone)]
struct Candidate {
    hash: String,
    format: PhotoFormat,
    vehicles: BTreeSet<String>,
    /// The file held here: the original, else the shared size.
    file: PathBuf,
    original: bool,
    /// The file and the derived sizes archiving removes.
    bytes: u64,
}

/// The derived sizes archiving removes (the thumbnail stays).
const REMOVED_SIZES: [PhotoSize; 2] = [PhotoSize::Screen, PhotoSize::Email];

impl Store {
    /// What archiving would do now.
    pub fn archive_plan(&self) -> Result<ArchivePlan> {
        let Some(days) = self.archive_sold_after_days()? else {
            return Ok(ArchivePlan::default());
        };
        let found = candidates(self, days, chrono::Utc::now())?;
        let held = copies::copies(self)?;
        let mut plan = ArchivePlan {
            after_days: Some(days as u32),
            ..ArchivePlan::default()
        };
        let mut cars = BTreeSet::new();
        for c in &found {
            // The preview does not read every file: a copy the manifests name
            // counts; archiving itself hashes each one first.
            if usable_copy(c, &held).is_some() {
                plan.photos += 1;
                plan.bytes += c.bytes;
                cars.extend(c.vehicles.iter().cloned());
            } else {
                plan.waiting += 1;
            }
        }
        plan.vehicles = cars.len() as u32;
        Ok(plan)
    }

    /// Archives the photos of cars sold more than the team's set age ago
    /// that a verified backup of this computer holds. Off (nothing done)
    /// unless the team turned it on.
    pub fn archive_photos(
        &mut self,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(&ArchiveProgress),
    ) -> Result<ArchiveReport> {
        let Some(days) = self.archive_sold_after_days()? else {
            return Ok(ArchiveReport::default());
        };
        self.archive_photos_at(days, chrono::Utc::now(), cancel, progress)
    }

    /// [`Store::archive_photos`] for `days` as if it were `now` (tests).
    pub fn archive_photos_at(
        &mut self,
        days: i64,
        now: chrono::DateTime<chrono::Utc>,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(&ArchiveProgress),
    ) -> Result<ArchiveReport> {
        let found = candidates(self, days, now)?;
        let held = copies::copies(self)?;
        let lib = self.photos().clone();
        let mut report = ArchiveReport::default();
        let mut cars = BTreeSet::new();
        let total = found.len() as u32;
        let mut step = ArchiveProgress {
            done: 0,
            total,
            freed: 0,
        };
        progress(&step);
        for c in found {
            if cancel.load(Ordering::Relaxed) {
                report.cancelled = true;
                break;
            }
            match archive_one(self, &lib, &c, &held)? {
                Ok(freed) => {
                    report.photos += 1;
                    report.freed += freed;
                    cars.extend(c.vehicles.iter().cloned());
                }
                Err(why) => report.refused.push(why),
            }
            step.done += 1;
            step.freed = report.freed;
            progress(&step);
        }
        report.vehicles = cars.len() as u32;
        if report.photos > 0 {
            tracing::info!(
                "archived {} photos of {} sold cars, {} bytes freed",
                report.photos,
                report.vehicles,
                report.freed
            );
        }
        Ok(report)
    }

    /// The archive of this computer and what archiving now would do.
    pub fn archive_status(&self) -> Result<ArchiveStatus> {
        let (archived, archived_bytes, freed): (u32, i64, i64) = self.conn().query_row(
            "SELECT count(*), coalesce(sum(bytes), 0), coalesce(sum(freed), 0)
             FROM photo_archive WHERE brought_back_at IS NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let plan = self.archive_plan()?;
        Ok(ArchiveStatus {
            after_days: plan.after_days,
            archived,
            archived_bytes: archived_bytes.max(0) as u64,
            freed: freed.max(0) as u64,
            plan,
        })
    }

    /// The photos of `vehicle_id` archived on this computer, and those
    /// whose file the team's folder no longer carries and this computer
    /// lacks, by id.
    pub fn archived_photos(&self, vehicle_id: &str) -> Result<VehicleArchived> {
        let lib = self.photos();
        let rows: Vec<(String, String, PhotoFormat, bool)> = self
            .conn()
            .prepare_cached(
                "SELECT id, hash, format, folder_archived_at IS NOT NULL FROM photos
                 WHERE vehicle_id = ?1 ORDER BY position, id",
            )?
            .query_map([vehicle_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = VehicleArchived::default();
        for (id, hash, format, folder_archived) in rows {
            if lib.holds(&hash, format) {
                continue;
            }
            if archived_here(self.conn(), &hash)? {
                out.here.push(id);
            } else if folder_archived {
                out.elsewhere.push(id);
            }
        }
        Ok(out)
    }

    /// Refuses work that needs the files of photos archived here (composing
    /// an e-mail): the dealer is told plainly, and brings them back first.
    pub fn refuse_archived(&self, hashes: &[String]) -> Result<()> {
        let lib = self.photos();
        let mut archived = 0;
        for hash in hashes {
            let format: Option<PhotoFormat> = self
                .conn()
                .prepare_cached("SELECT format FROM photos WHERE hash = ?1 LIMIT 1")?
                .query_row([hash], |r| r.get(0))
                .optional()?;
            let Some(format) = format else { continue };
            if lib.holds(hash, format) {
                continue;
            }
            if archived_here(self.conn(), hash)? || folder_archived(self.conn(), hash)? {
                archived += 1;
            }
        }
        if archived == 0 {
            return Ok(());
        }
        Err(Error::invalid(
            "photos",
            ErrorCode::PhotosArchived,
            format!(
                "{archived} of the chosen photos are archived (sold car); bring them back first (\"bring back archived photos\" on the car's page, or `lotbook photos unarchive VEHICLE`)"
            ),
        ))
    }
}

/// Whether the photo `hash` is archived on this computer now.
pub(crate) fn archived_here(conn: &Connection, hash: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM photo_archive WHERE hash = ?1 AND brought_back_at IS NULL")?
        .query_row([hash], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Whether the team's folder no longer carries the photo `hash` because
/// the computer that put it there archived it (the synced marker).
pub(crate) fn folder_archived(conn: &Connection, hash: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM photos WHERE hash = ?1 AND folder_archived_at IS NOT NULL LIMIT 1",
        )?
        .query_row([hash], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The photos old enough to archive that this computer holds a file of:
/// every car using the photo must be sold, its latest sale delivered more
/// than `days` ago (team zone); one brought back is left for `days` more.
fn candidates(
    store: &Store,
    days: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<Candidate>> {
    let today = crate::time::today(now, store.team_zone()?);
    let cutoff = (today - chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string();
    let back_cutoff = (now - chrono::Duration::days(days)).to_rfc3339();
    let conn = store.conn();
    let rows: Vec<(String, PhotoFormat, String, bool)> = conn
        .prepare(
            "SELECT p.hash, p.format, p.vehicle_id,
                    v.status = 'sold'
                    AND coalesce((SELECT max(s.delivered_on) FROM sales s WHERE s.vehicle_id = v.id), '9999') < ?1
             FROM photos p JOIN vehicles v ON v.id = p.vehicle_id
             WHERE NOT EXISTS (SELECT 1 FROM photo_archive a WHERE a.hash = p.hash
                               AND (a.brought_back_at IS NULL OR a.brought_back_at > ?2))
             ORDER BY p.hash",
        )?
        .query_map(params![cutoff, back_cutoff], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut by_hash: HashMap<String, (PhotoFormat, BTreeSet<String>, bool)> = HashMap::new();
    for (hash, format, vehicle, old) in rows {
        let e = by_hash
            .entry(hash)
            .or_insert_with(|| (format, BTreeSet::new(), true));
        e.1.insert(vehicle);
        e.2 &= old;
    }
    let lib = store.photos();
    let mut out = Vec::new();
    let mut hashes: Vec<_> = by_hash.into_iter().filter(|(_, e)| e.2).collect();
    hashes.sort_by(|a, b| a.0.cmp(&b.0));
    for (hash, (format, vehicles, _)) in hashes {
        let Ok(original) = lib.original_path(&hash, format) else {
            continue;
        };
        let (file, is_original) = if original.is_file() {
            (original, true)
        } else if let Some(shared) = lib.held_shared(&hash) {
            (shared, false)
        } else {
            continue; // nothing here to free
        };
        let mut bytes = file_len(&file);
        for size in REMOVED_SIZES {
            if let Ok(p) = lib.derived_path(size, &hash) {
                bytes += file_len(&p);
            }
        }
        out.push(Candidate {
            hash,
            format,
            vehicles,
            file,
            original: is_original,
            bytes,
        });
    }
    Ok(out)
}

fn file_len(path: &std::path::Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// The backup copy that may stand for `c`: the original for an original
/// held here (never a smaller copy in its place), either for a shared size.
fn usable_copy<'a>(c: &Candidate, held: &'a HashMap<String, Copy>) -> Option<&'a Copy> {
    held.get(&c.hash)
        .filter(|copy| copy.original || !c.original)
}

/// Archives one photo: its backup copy read and hash-checked now, the
/// record written, then the files removed. Err(why) when it is not
/// archived (nothing removed).
fn archive_one(
    store: &mut Store,
    lib: &PhotoLibrary,
    c: &Candidate,
    held: &HashMap<String, Copy>,
) -> Result<std::result::Result<u64, String>> {
    let Some(copy) = usable_copy(c, held) else {
        return Ok(Err(format!(
            "{}: no backup of this computer holds it yet; not archived",
            c.file.display()
        )));
    };
    if let Err(why) = copies::check_copy(copy) {
        return Ok(Err(format!("{why}; not archived")));
    }
    // The thumbnail stays: made now if it never was.
    let _ = super::prepare::ensure_derived(lib, PhotoSize::Thumb, &c.hash);
    let ours = put_in_folder_here(store, &c.hash)?;
    let now = now_utc();
    store.transact(|tx| {
        tx.execute(
            "INSERT INTO photo_archive (hash, kind, format, file_hash, location, rel_path,
                                        bytes, freed, folder_todo, archived_at, brought_back_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULL)
             ON CONFLICT (hash) DO UPDATE SET kind = excluded.kind, format = excluded.format,
                file_hash = excluded.file_hash, location = excluded.location,
                rel_path = excluded.rel_path, bytes = excluded.bytes, freed = excluded.freed,
                folder_todo = max(folder_todo, excluded.folder_todo),
                archived_at = excluded.archived_at, brought_back_at = NULL",
            params![
                c.hash,
                if copy.original { "original" } else { "shared" },
                c.format,
                copy.file_hash,
                copy.location.display().to_string(),
                copy.rel_path,
                copy.bytes as i64,
                c.bytes as i64,
                ours as i64,
                now,
            ],
        )?;
        if ours {
            // Synced: colleagues stop waiting for the folder's copy.
            tx.execute(
                "UPDATE photos SET folder_archived_at = ?2, updated_at = ?2
                 WHERE hash = ?1 AND folder_archived_at IS NULL",
                params![c.hash, now],
            )?;
        }
        Ok(())
    })?;
    let mut files = vec![c.file.clone()];
    if let Some(p) = lib.held_shared(&c.hash) {
        files.push(p);
    }
    for size in REMOVED_SIZES {
        files.extend(lib.derived_path(size, &c.hash).ok());
    }
    for f in files {
        match crate::fsutil::remove_file(&f) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&f, e)),
        }
    }
    Ok(Ok(c.bytes))
}

/// Whether this computer put the photo's file into the team's folder: it
/// made the photo row (the first change to its `hash` is this database's,
/// under its current or a former device id).
fn put_in_folder_here(store: &Store, hash: &str) -> Result<bool> {
    let me = store.device_id();
    Ok(store
        .conn()
        .prepare_cached(
            "SELECT 1 FROM changes c JOIN photos p ON c.tbl = 'photos' AND c.row_id = p.id
             WHERE p.hash = ?1 AND c.col = 'hash'
               AND (c.device_id = ?2
                    OR c.device_id IN (SELECT device_id FROM sync_devices WHERE own = 1))
             LIMIT 1",
        )?
        .query_row(params![hash, me], |_| Ok(()))
        .optional()?
        .is_some())
}
