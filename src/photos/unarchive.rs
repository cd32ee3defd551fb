//! Bringing back a car's archived photos ("보관한 사진 되살리기",
//! `lotbook photos unarchive VEHICLE`): each file is copied from the backup
//! location its record names (else any location of this computer that holds
//! it), hash-checked on the way, and put back where it was; the display
//! sizes are made again on first view. A missing or damaged copy is named
//! plainly and the rest goes on.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use ts_rs::TS;

use super::model::PhotoFormat;
use crate::backup::copies;
use crate::db::{now_utc, Store};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnarchiveProgress {
    pub done: u32,
    pub total: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnarchiveReport {
    /// Photos whose file is back in the data folder.
    pub restored: u32,
    /// Each photo not brought back, naming the file and why.
    pub problems: Vec<String>,
    pub cancelled: bool,
}

/// One archived photo of the car: its record.
struct Archived {
    hash: String,
    format: PhotoFormat,
    original: bool,
    file_hash: String,
    location: PathBuf,
    rel_path: String,
}

impl Store {
    /// Brings back the archived photos of `vehicle_id` from the backup
    /// location, byte for byte as they were archived.
    pub fn unarchive_vehicle(
        &mut self,
        vehicle_id: &str,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(&UnarchiveProgress),
    ) -> Result<UnarchiveReport> {
        self.get_vehicle(vehicle_id)?;
        let records: Vec<Archived> = self
            .conn()
            .prepare(
                "SELECT DISTINCT a.hash, a.format, a.kind = 'original', a.file_hash, a.location, a.rel_path
                 FROM photo_archive a JOIN photos p ON p.hash = a.hash
                 WHERE p.vehicle_id = ?1 AND a.brought_back_at IS NULL ORDER BY a.hash",
            )?
            .query_map([vehicle_id], |r| {
                Ok(Archived {
                    hash: r.get(0)?,
                    format: r.get(1)?,
                    original: r.get(2)?,
                    file_hash: r.get(3)?,
                    location: PathBuf::from(r.get::<_, String>(4)?),
                    rel_path: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut report = UnarchiveReport::default();
        let mut step = UnarchiveProgress {
            done: 0,
            total: records.len() as u32,
        };
        progress(&step);
        let mut others = None;
        for a in records {
            if cancel.load(Ordering::Relaxed) {
                report.cancelled = true;
                break;
            }
            match bring_back(self, &a, &mut others)? {
                Ok(()) => {
                    report.restored += 1;
                    self.transact(|tx| {
                        tx.execute(
                            "UPDATE photo_archive SET brought_back_at = ?2 WHERE hash = ?1",
                            params![a.hash, now_utc()],
                        )?;
                        Ok(())
                    })?;
                }
                Err(why) => report.problems.push(why),
            }
            step.done += 1;
            progress(&step);
        }
        Ok(report)
    }
}

/// Puts one archived file back; Err(why) names the copy and the problem.
fn bring_back(
    store: &Store,
    a: &Archived,
    others: &mut Option<std::collections::HashMap<String, copies::Copy>>,
) -> Result<std::result::Result<(), String>> {
    let lib = store.photos().clone();
    let target = if a.original {
        lib.original_path(&a.hash, a.format)?
    } else {
        lib.shared_path(&a.hash)?
    };
    if target.is_file() {
        return Ok(Ok(())); // back already (a restore, an import)
    }
    // The recorded place first, then any location holding the same file
    // (the second location when the first was lost, or the other way).
    let mut sources = Vec::new();
    if let Ok(p) = crate::fsutil::join_inside(&a.location, &a.rel_path) {
        sources.push(p);
    }
    if others.is_none() {
        *others = Some(copies::copies(store)?);
    }
    if let Some(c) = others.as_ref().and_then(|m| m.get(&a.hash)) {
        if c.file_hash == a.file_hash {
            if let Ok(p) = c.path() {
                if !sources.contains(&p) {
                    sources.push(p);
                }
            }
        }
    }
    let dir = target
        .parent()
        .ok_or_else(|| Error::bad_file(&target, "has no parent folder"))?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let tmp = lib
        .root()
        .join("tmp")
        .join(format!("{}.part", uuid::Uuid::now_v7()));
    let mut why = Vec::new();
    for src in sources {
        match copies::copy_checked(&src, &tmp, &a.file_hash) {
            Ok(()) => {
                crate::fsutil::rename(&tmp, &target).map_err(|e| Error::io(&target, e))?;
                crate::fsutil::sync_dir(dir).map_err(|e| Error::io(dir, e))?;
                return Ok(Ok(()));
            }
            Err(e) => why.push(e),
        }
    }
    if why.is_empty() {
        why.push(format!("{}: not in any backup location", a.rel_path));
    }
    Ok(Err(why.join("; ")))
}
