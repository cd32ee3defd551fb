//! Changes from a clock far ahead. A remote change stamped more than
//! `MAX_DRIFT_SECS` ahead of this computer's wall clock is held (kept in
//! `sync_held`, not applied, never observed by our clock) and tried again
//! at every pass: it goes in once our clock reaches its stamp, or is dropped
//! when its sender voids it after re-issuing it with a fresh stamp (see
//! `db::restamp`). A void arriving before the change it voids is kept in
//! `changes` too, so the late change is dropped on arrival.

use rusqlite::{params, OptionalExtension, Transaction};

use super::apply;
use super::merge::Merger;
use super::schema::Schema;
use super::segment::WireChange;
use crate::db::clock::{format_hlc, parse_hlc};
use crate::db::restamp::VOID_TABLE;
use crate::db::Store;
use crate::error::Result;

/// What becomes of one remote change before it enters the log.
pub(super) enum Screen {
    /// An ordinary change within our clock's reach: apply it.
    Apply,
    /// Held, voided, or a void: nothing to apply; a row to write again when
    /// a void took out a change this database had already applied.
    Done(Option<(String, String)>),
}

/// What `screen` knows of the log for a whole batch.
pub(super) struct Doors {
    /// Whether the log holds any void: until one arrives, no change can be
    /// voided and the per-change lookup is skipped.
    voids: bool,
}

impl Doors {
    pub(super) fn read(tx: &Transaction) -> Result<Doors> {
        let voids = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM changes WHERE tbl = ?1)")?
            .query_row([VOID_TABLE], |r| r.get(0))?;
        Ok(Doors { voids })
    }
}

pub(super) fn screen(
    tx: &Transaction,
    limit: Option<u64>,
    device: &str,
    change: &WireChange,
    doors: &mut Doors,
) -> Result<Screen> {
    let WireChange(tbl, row, col, value, hlc) = change;
    if tbl == VOID_TABLE {
        doors.voids = true;
        return apply_void(tx, device, row, value.clone().into_sql(), hlc).map(Screen::Done);
    }
    let voided = doors.voids
        && tx
            .prepare_cached(
                "SELECT 1 FROM changes WHERE tbl = ?1 AND row_id = ?2 AND col = 'device' AND value = ?3",
            )?
            .query_row(params![VOID_TABLE, hlc, device], |_| Ok(()))
            .optional()?
            .is_some();
    if voided {
        return Ok(Screen::Done(None));
    }
    match (limit, parse_hlc(hlc)) {
        (Some(limit), Some(t)) if t > limit => {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO sync_held (device_id, hlc, tbl, row_id, col, value)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                device,
                hlc,
                tbl,
                row,
                col,
                value.clone().into_sql()
            ])?;
            Ok(Screen::Done(None))
        }
        _ => Ok(Screen::Apply),
    }
}

/// `by` (of `voider`) voids the change stamped `old` of device `of`.
fn apply_void(
    tx: &Transaction,
    voider: &str,
    old: &str,
    of: rusqlite::types::Value,
    by: &str,
) -> Result<Option<(String, String)>> {
    let rusqlite::types::Value::Text(of) = of else {
        return Ok(None); // not a void this version wrote
    };
    if parse_hlc(old).is_none() || parse_hlc(by).is_none() {
        return Ok(None);
    }
    tx.prepare_cached(
        "INSERT OR IGNORE INTO changes (tbl, row_id, col, value, hlc, device_id, op)
         VALUES (?1, ?2, 'device', ?3, ?4, ?5, 'set')",
    )?
    .execute(params![VOID_TABLE, old, of, by, voider])?;
    tx.prepare_cached("DELETE FROM sync_held WHERE device_id = ?1 AND hlc = ?2")?
        .execute(params![of, old])?;
    // Applied here already (by an older Lotbook, or a clock as far ahead).
    let applied: Option<(String, String)> = tx
        .prepare_cached(
            "SELECT tbl, row_id FROM changes WHERE device_id = ?1 AND hlc = ?2 AND tbl <> ?3",
        )?
        .query_row(params![of, old, VOID_TABLE], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if applied.is_some() {
        tx.prepare_cached("DELETE FROM changes WHERE device_id = ?1 AND hlc = ?2")?
            .execute(params![of, old])?;
        tx.prepare_cached("DELETE FROM tombstones WHERE device_id = ?1 AND hlc = ?2")?
            .execute(params![of, old])?;
    }
    Ok(applied)
}

/// Applies the held changes our clock has reached; returns how many.
pub(super) fn release_due(store: &mut Store, schema: &Schema) -> Result<usize> {
    let Ok(limit) = store.clock().wall().drift_limit() else {
        return Ok(0);
    };
    let limit = format_hlc(limit);
    let _paused = store.capture_switch().pause();
    let lib = store.photos().clone();
    let (count, newest) = store.transact(|tx| {
        type Held = (
            String,
            String,
            String,
            String,
            Option<String>,
            rusqlite::types::Value,
        );
        let rows: Vec<Held> = tx
            .prepare(
                "SELECT device_id, hlc, tbl, row_id, col, value FROM sync_held
                 WHERE hlc <= ?1 ORDER BY hlc",
            )?
            .query_map([&limit], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut touched: Vec<(String, String)> = Vec::new();
        for (device, hlc, tbl, row, col, value) in &rows {
            let op = if col.is_some() { "set" } else { "delete" };
            tx.prepare_cached("DELETE FROM sync_held WHERE device_id = ?1 AND hlc = ?2")?
                .execute(params![device, hlc])?;
            // A held change passes the same column rules as any other.
            if let Err(reason) = apply::check_change(tbl, row, col.as_deref(), value) {
                let change = apply::SetAside {
                    tbl,
                    row,
                    col: col.as_deref(),
                    value,
                    hlc,
                    device,
                    op,
                };
                apply::set_aside(tx, &change, &reason)?;
                continue;
            }
            tx.prepare_cached(
                "INSERT OR IGNORE INTO changes (tbl, row_id, col, value, hlc, device_id, op)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![tbl, row, col, value, hlc, device, op])?;
            apply::superseded(tx, tbl, row, col.as_deref(), hlc, device)?;
            let key = (tbl.clone(), row.clone());
            if schema.table(tbl).is_some() && !touched.contains(&key) {
                touched.push(key);
            }
        }
        let mut merger = Merger::new(tx, schema);
        for (tbl, row) in &touched {
            merger.materialize(tbl, row)?;
        }
        apply::note_missing_photos(tx, &lib, &merger.photos_written)?;
        Ok((rows.len(), rows.last().map(|r| r.1.clone())))
    })?;
    if let Some(newest) = newest {
        store.clock().observe(&newest);
    }
    Ok(count)
}

/// Re-stamps this device's changes from when its clock was ahead (see
/// `db::restamp`) and writes their rows again, unless the folder's time says
/// this clock is behind now (then its own stamps are right). Returns how many.
pub(super) fn repair(store: &mut Store, schema: &Schema) -> Result<usize> {
    if super::clocks::own(store)?.state != super::clocks::OwnClockState::Ok {
        return Ok(0);
    }
    let _paused = store.capture_switch().pause();
    let lib = store.photos().clone();
    crate::db::restamp::restamp_future(store, |tx, touched| {
        let mut merger = Merger::new(tx, schema);
        for (tbl, row) in touched {
            if schema.table(tbl).is_some() {
                merger.materialize(tbl, row)?;
            }
        }
        apply::note_missing_photos(tx, &lib, &merger.photos_written)
    })
}

/// Held changes per sending device.
pub fn counts(store: &Store) -> Result<Vec<(String, i64)>> {
    Ok(store
        .conn()
        .prepare("SELECT device_id, count(*) FROM sync_held GROUP BY device_id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}
