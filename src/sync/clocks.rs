//! Naming a wrong clock to the team. Each device writes what its clock
//! reads into its `device.json` (`clock_at`) at every pass; the folder
//! gives the file its own time (its modification time). The gap between
//! the two is how far that device's clock is off, as every other computer
//! (and the device itself, reading its own file back) sees it. A device
//! whose changes we hold is ahead by at least its newest held stamp.

use rusqlite::params;
use serde::Serialize;
use std::time::SystemTime;
use ts_rs::TS;

use super::layout::{DeviceInfo, Folder};
use crate::db::clock::{wall_date, MAX_DRIFT_SECS};
use crate::db::Store;
use crate::error::Result;

const OWN_OFFSET_KEY: &str = "sync.own_clock_ahead_secs";

/// Another computer whose clock is off by more than the drift limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ClockAhead {
    pub device_id: String,
    pub name: String,
    pub user_name: String,
    /// How far its clock is ahead of the folder's (negative: behind), in seconds.
    #[ts(type = "number")]
    pub ahead_secs: i64,
    /// Its changes held here until its clock is right (see README, Team sync).
    #[ts(type = "number")]
    pub held_changes: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum OwnClockState {
    Ok,
    /// Ahead of the shared folder's clock: our edits are held by the others.
    Ahead,
    /// Behind it: the others' edits are held here.
    Behind,
    /// A date no real clock can show (before 2025, after 2099): nothing can be saved.
    Wrong,
}

/// This computer's clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OwnClock {
    pub state: OwnClockState,
    #[ts(type = "number")]
    pub ahead_secs: i64,
    /// The date it reads ("2107-01-01").
    pub reads: String,
}

/// The wall time to write into our device.json, RFC 3339.
pub fn clock_at(store: &Store) -> String {
    let secs = store.clock().wall().secs();
    chrono::DateTime::from_timestamp(secs, 0)
        .map(crate::db::utc_text)
        .unwrap_or_default()
}

/// How old a clock report may get before device.json is written again
/// (the gap to the file's time does not age, but a clock set right must
/// show soon).
const REPORT_EVERY_SECS: i64 = 2 * 60;

/// Whether our device.json `old` must be written again as `new`: other
/// fields changed, or its clock report is older (or newer) than a while.
pub fn report_stale(store: &Store, old: &DeviceInfo, new: &DeviceInfo) -> bool {
    let now = store.clock().wall().secs();
    let reported = old.clock_at.as_deref().and_then(secs_of);
    old.device != new.device
        || old.name != new.name
        || old.user != new.user
        || reported.is_none_or(|t| (now - t).abs() > REPORT_EVERY_SECS)
}

fn secs_of(rfc3339: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .ok()
        .map(|t| t.timestamp())
}

fn file_secs(path: &std::path::Path) -> Option<i64> {
    let modified = std::fs::symlink_metadata(path).ok()?.modified().ok()?;
    Some(match modified.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    })
}

/// How far the clock that wrote `device`'s device.json is ahead of the folder.
fn offset_of(folder: &Folder, device: &str) -> Option<i64> {
    let info = folder.read_device(device, &mut Vec::new())?;
    let wrote = secs_of(info.clock_at.as_deref()?)?;
    Some(wrote - file_secs(&folder.device_file(device))?)
}

/// After our device.json was written: how far our own clock is off.
pub fn note_own(store: &mut Store, folder: &Folder) -> Result<()> {
    let me = store.device_id();
    if let Some(ahead) = offset_of(folder, &me) {
        store.local_set(OWN_OFFSET_KEY, &ahead.to_string())?;
    }
    Ok(())
}

/// What every other device's device.json says of its clock.
pub fn note_others(store: &mut Store, folder: &Folder, devices: &[String]) -> Result<()> {
    let me = store.device_id();
    let seen: Vec<(String, Option<i64>)> = devices
        .iter()
        .filter(|d| **d != me)
        .map(|d| (d.clone(), offset_of(folder, d)))
        .collect();
    let now = crate::db::now_utc();
    store.transact(|tx| {
        for (device, ahead) in &seen {
            let Some(ahead) = ahead else { continue };
            tx.prepare_cached(
                "INSERT INTO sync_devices (device_id, clock_ahead_secs, clock_seen_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (device_id) DO UPDATE SET
                     clock_ahead_secs = excluded.clock_ahead_secs,
                     clock_seen_at = excluded.clock_seen_at",
            )?
            .execute(params![device, ahead, now])?;
        }
        Ok(())
    })
}

/// The other computers whose clock is off, most held first.
pub fn others(store: &Store) -> Result<Vec<ClockAhead>> {
    let drift = MAX_DRIFT_SECS as i64;
    let now = store.clock().wall().secs();
    let mut out: Vec<ClockAhead> = store
        .conn()
        .prepare(
            "SELECT d.device_id, d.name, d.user_name, d.clock_ahead_secs,
                    count(h.hlc), max(h.hlc)
             FROM sync_devices d LEFT JOIN sync_held h ON h.device_id = d.device_id
             WHERE d.own = 0
             GROUP BY d.device_id",
        )?
        .query_map([], |r| {
            let reported: Option<i64> = r.get(3)?;
            let newest_held: Option<String> = r.get(5)?;
            let held_ahead = newest_held
                .as_deref()
                .and_then(crate::db::clock::parse_hlc)
                .map(|t| (t >> 32) as i64 - now);
            Ok(ClockAhead {
                device_id: r.get(0)?,
                name: r.get(1)?,
                user_name: r.get(2)?,
                ahead_secs: match (reported, held_ahead) {
                    (Some(a), Some(h)) => a.max(h),
                    (a, h) => a.or(h).unwrap_or(0),
                },
                held_changes: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    out.retain(|c| c.ahead_secs.abs() > drift || c.held_changes > 0);
    out.sort_by(|a, b| {
        b.held_changes
            .cmp(&a.held_changes)
            .then(a.name.cmp(&b.name))
    });
    Ok(out)
}

pub fn own(store: &Store) -> Result<OwnClock> {
    let wall = store.clock().wall();
    let reads = wall_date(wall.secs());
    if wall.stamp().is_err() {
        return Ok(OwnClock {
            state: OwnClockState::Wrong,
            ahead_secs: 0,
            reads,
        });
    }
    let ahead: i64 = store
        .local_get(OWN_OFFSET_KEY)?
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let drift = MAX_DRIFT_SECS as i64;
    let state = if ahead > drift {
        OwnClockState::Ahead
    } else if ahead < -drift {
        OwnClockState::Behind
    } else {
        OwnClockState::Ok
    };
    Ok(OwnClock {
        state,
        ahead_secs: ahead,
        reads,
    })
}
