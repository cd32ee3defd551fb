//! Retiring old segments: each computer publishes what it has applied
//! (`applied.json`), and removes its own segments once every computer of
//! the team has applied them and one of its own snapshots covers them. It
//! says so first (`retired.json`), so a computer that comes back after
//! months tells "removed" from "not arrived yet" and loads a snapshot.
//!
//! A computer whose files in the folder have not changed for
//! [`AWAY_DAYS`] is not waited for: it may be gone for good, and if it
//! comes back it joins from a snapshot like a new one.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use super::layout::{self, Folder, Read, Skipped};
use super::snapshot;
use crate::db::Store;
use crate::error::{Error, Result};

/// A computer silent this long is not waited for before retiring.
pub const AWAY_DAYS: u64 = 45;
/// `applied.json` is written again when older than this, unchanged or
/// not: its time in the folder says the computer is still around.
const REFRESH: Duration = Duration::from_secs(24 * 3600);

/// What a computer has applied: per device, segments 1..=n.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedFile {
    pub device: String,
    pub applied: BTreeMap<String, u64>,
}

/// The segments 1..=`through` of a device were removed from the folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetiredFile {
    pub through: u64,
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &std::path::Path) -> Option<T> {
    match layout::read_bounded(path, layout::SMALL_FILE_CAP) {
        Ok(Read::Bytes(b)) => serde_json::from_slice(&b).ok(),
        _ => None,
    }
}

/// The newest segment of `device` removed from the folder (0: none).
pub fn retired_through(folder: &Folder, device: &str) -> u64 {
    read_json::<RetiredFile>(&folder.retired_file(device)).map_or(0, |r| r.through)
}

/// Publishes what this computer holds, when it changed or is getting old.
pub fn publish(store: &Store, folder: &Folder) -> Result<()> {
    let me = store.device_id();
    let mut applied = snapshot::positions(store)?;
    applied.remove(&me);
    let file = AppliedFile {
        device: me.clone(),
        applied,
    };
    let path = folder.applied_file(&me);
    let same = read_json::<AppliedFile>(&path).is_some_and(|old| old == file);
    if same && age(&path).is_some_and(|a| a < REFRESH) {
        return Ok(());
    }
    let bytes = serde_json::to_vec_pretty(&file).map_err(|e| Error::Other(e.to_string()))?;
    folder.write_replace(&path, &bytes, &me)
}

/// How long ago the folder last changed `path`.
fn age(path: &std::path::Path) -> Option<Duration> {
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
    Some(
        SystemTime::now()
            .duration_since(modified)
            .unwrap_or(Duration::ZERO),
    )
}

/// Whether `device` was heard of in the last [`AWAY_DAYS`]: by its
/// applied.json (refreshed daily), or its device.json from a Lotbook that
/// writes none.
fn around(folder: &Folder, device: &str) -> bool {
    let away = Duration::from_secs(AWAY_DAYS * 24 * 3600);
    age(&folder.applied_file(device))
        .or_else(|| age(&folder.device_file(device)))
        .is_some_and(|a| a < away)
}

/// Removes this computer's segments that every computer around has applied
/// and its own newest snapshot (still in the folder as written) covers.
/// Returns how many were removed.
pub fn retire_own(store: &Store, folder: &Folder, skipped: &mut Vec<Skipped>) -> Result<u32> {
    let me = store.device_id();
    let Some(mine) = snapshot::mine(store)? else {
        return Ok(0);
    };
    let Some(mut upto) = mine.covers.get(&me).copied() else {
        return Ok(0);
    };
    // The snapshot is there as we wrote it.
    let path = folder.snapshot_path(&mine.name);
    let intact = match snapshot::read_header(&path) {
        Ok(Read::Bytes(b)) => snapshot::header(&b).is_ok_and(|(h, _)| h.blake3 == mine.blake3),
        _ => false,
    };
    if !intact {
        return Ok(0);
    }
    for device in folder.devices(skipped)? {
        if device == me {
            continue;
        }
        // Not heard of for long: not waited for.
        if !around(folder, &device) {
            continue;
        }
        let applied = read_json::<AppliedFile>(&folder.applied_file(&device))
            .filter(|a| a.device == device)
            .and_then(|a| a.applied.get(&me).copied());
        upto = upto.min(applied.unwrap_or(0));
        if upto == 0 {
            return Ok(0);
        }
    }
    let before = retired_through(folder, &me);
    if upto <= before {
        return Ok(0);
    }
    // Said first: a reader missing these knows they are gone, not late.
    let bytes = serde_json::to_vec(&RetiredFile { through: upto })
        .map_err(|e| Error::Other(e.to_string()))?;
    folder.write_replace(&folder.retired_file(&me), &bytes, &me)?;
    let mut removed = 0;
    for n in folder.segments(&me, &mut Vec::new())? {
        if n <= upto && std::fs::remove_file(folder.segment_path(&me, n)).is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}
