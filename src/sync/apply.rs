//! Receiving: one segment of another device is applied in one transaction,
//! with its changes kept in the log under their own stamps.

use rusqlite::types::Value;
use rusqlite::{params, Transaction};
use std::collections::HashSet;

use super::held;
use super::merge::Merger;
use super::schema::Schema;
use super::segment::{Segment, WireChange};
use crate::db::clock::parse_hlc;
use crate::db::rules::{self, Reason};
use crate::db::Store;
use crate::error::Result;

#[derive(Debug, Default)]
pub struct Applied {
    /// Changes this database did not hold yet.
    pub new_changes: usize,
    /// Changes that failed the column rules, kept in `sync_set_aside`.
    pub set_aside: usize,
    pub notices: Vec<super::Notice>,
}

pub fn apply_segment(store: &mut Store, schema: &Schema, seg: Segment) -> Result<Applied> {
    let mark = (seg.device.clone(), seg.number);
    apply_batch(store, schema, vec![(seg.device, seg.changes)], Some(mark))
}

/// Applies changes of one or more devices in one transaction, through the
/// same doors whether they come from a segment (`segment`: its device and
/// number, marked applied) or from a snapshot (its authors are remembered
/// as other devices, so their changes are never sent again as ours).
pub(super) fn apply_batch(
    store: &mut Store,
    schema: &Schema,
    batches: Vec<(String, Vec<WireChange>)>,
    segment: Option<(String, u64)>,
) -> Result<Applied> {
    // Remote changes are already in the log with their own stamps.
    let _paused = store.capture_switch().pause();
    let lib = store.photos().clone();
    // Beyond this, a stamp is a wrong clock's: held, not applied (`held`).
    let limit = store.clock().wall().drift_limit().ok();
    let (applied, newest) = store.transact(|tx| {
        let mut applied = Applied::default();
        let mut touched: Vec<(String, String)> = Vec::new();
        let mut seen: HashSet<(String, String)> = HashSet::new();
        let mut newest: Option<String> = None;
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR IGNORE INTO changes (tbl, row_id, col, value, hlc, device_id, op)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for (device, changes) in batches {
                if segment.is_none() {
                    tx.prepare_cached(
                        "INSERT INTO sync_devices (device_id) VALUES (?1) ON CONFLICT DO NOTHING",
                    )?
                    .execute([&device])?;
                }
                for change in changes {
                    match held::screen(tx, limit, &device, &change)? {
                        held::Screen::Apply => {}
                        held::Screen::Done(rewrite) => {
                            if let Some(key) = rewrite.filter(|k| seen.insert(k.clone())) {
                                touched.push(key);
                            }
                            continue;
                        }
                    }
                    let (tbl, row, col, value, hlc) =
                        (change.0, change.1, change.2, change.3, change.4);
                    if schema.table(&tbl).is_none() || parse_hlc(&hlc).is_none() {
                        continue; // a newer Lotbook's table, or garbage
                    }
                    let op = if col.is_some() { "set" } else { "delete" };
                    let value = value.into_sql();
                    if let Err(reason) = check_change(&tbl, &row, col.as_deref(), &value) {
                        applied.set_aside += set_aside(
                            tx,
                            &SetAside {
                                tbl: &tbl,
                                row: &row,
                                col: col.as_deref(),
                                value: &value,
                                hlc: &hlc,
                                device: &device,
                                op,
                            },
                            &reason,
                        )?;
                        // Its row is looked at again: one that waited for this
                        // value now stops waiting (see Merger).
                        if rules::check_row_id(&tbl, &row).is_ok() {
                            let key = (tbl, row);
                            if seen.insert(key.clone()) {
                                touched.push(key);
                            }
                        }
                        continue;
                    }
                    let added = insert.execute(params![tbl, row, col, value, hlc, device, op])?;
                    if added == 0 {
                        continue;
                    }
                    superseded(tx, &tbl, &row, col.as_deref(), &hlc, &device)?;
                    applied.new_changes += 1;
                    if newest.as_deref().is_none_or(|n| hlc.as_str() > n) {
                        newest = Some(hlc);
                    }
                    let key = (tbl, row);
                    if seen.insert(key.clone()) {
                        touched.push(key);
                    }
                }
            }
        }
        let mut merger = Merger::new(tx, schema);
        for (tbl, row) in &touched {
            merger.materialize(tbl, row)?;
        }
        note_missing_photos(tx, &lib, &merger.photos_written)?;
        applied.notices = std::mem::take(&mut merger.notices);
        if let Some((device, number)) = &segment {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO sync_applied (device_id, number) VALUES (?1, ?2)",
            )?
            .execute(params![device, *number as i64])?;
            tx.prepare_cached(
                "INSERT INTO sync_devices (device_id, last_number, last_seen_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (device_id) DO UPDATE SET
                     last_number = max(last_number, excluded.last_number),
                     last_seen_at = excluded.last_seen_at",
            )?
            .execute(params![device, *number as i64, crate::db::now_utc()])?;
        }
        Ok((applied, newest))
    })?;
    // Our clock moves past what we applied (all within the drift limit),
    // so our next edit wins over it.
    if let Some(newest) = newest {
        store.clock().observe(&newest);
    }
    Ok(applied)
}

/// The column rules every write passes (src/db/rules.rs): a change that
/// fails them is set aside instead of merged. The decision depends on the
/// change alone, so every computer sets aside the same changes.
pub(super) fn check_change(
    tbl: &str,
    row: &str,
    col: Option<&str>,
    value: &Value,
) -> std::result::Result<(), Reason> {
    rules::check_row_id(tbl, row)?;
    match col {
        Some(col) => rules::check_value(tbl, col, value),
        None => Ok(()),
    }
}

pub(super) struct SetAside<'a> {
    pub(super) tbl: &'a str,
    pub(super) row: &'a str,
    pub(super) col: Option<&'a str>,
    pub(super) value: &'a Value,
    pub(super) hlc: &'a str,
    pub(super) device: &'a str,
    pub(super) op: &'a str,
}

/// Keeps a refused change, unless a valid change newer than it already holds
/// that field (it would have lost anyway). Returns 1 when newly kept.
pub(super) fn set_aside(tx: &Transaction, c: &SetAside, reason: &Reason) -> Result<usize> {
    let newer: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM changes WHERE tbl = ?1 AND row_id = ?2
                 AND (col IS ?3 OR col IS NULL) AND hlc || device_id > ?4 || ?5)",
        )?
        .query_row(params![c.tbl, c.row, c.col, c.hlc, c.device], |r| r.get(0))?;
    if newer {
        return Ok(0);
    }
    let params_json = serde_json::to_string(&reason.params).unwrap_or_else(|_| "{}".into());
    let added = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO sync_set_aside
                 (tbl, row_id, col, value, hlc, device_id, op, reason, params, set_aside_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            c.tbl,
            c.row,
            c.col,
            c.value,
            c.hlc,
            c.device,
            c.op,
            reason.code,
            params_json,
            crate::db::now_utc()
        ])?;
    Ok(added)
}

/// A valid change supersedes the set-aside changes it is newer than, to the
/// same field (or, for a delete, to any field of the row): last writer wins
/// among valid changes only, and the refused one leaves the list.
pub(super) fn superseded(
    tx: &Transaction,
    tbl: &str,
    row: &str,
    col: Option<&str>,
    hlc: &str,
    device: &str,
) -> Result<()> {
    tx.prepare_cached(
        "DELETE FROM sync_set_aside WHERE tbl = ?1 AND row_id = ?2
             AND (col IS ?3 OR ?3 IS NULL) AND hlc || device_id < ?4 || ?5",
    )?
    .execute(params![tbl, row, col, hlc, device])?;
    Ok(())
}

/// Rows still waiting for a parent are tried again once everything of a
/// pass is in, until no more of them can be written.
pub fn retry_pending(store: &mut Store, schema: &Schema) -> Result<usize> {
    // Remote changes are already in the log with their own stamps.
    let _paused = store.capture_switch().pause();
    let lib = store.photos().clone();
    store.transact(|tx| {
        let mut merger = Merger::new(tx, schema);
        loop {
            let rows: Vec<(String, String)> = tx
                .prepare("SELECT tbl, row_id FROM sync_pending")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (tbl, row) in &rows {
                merger.materialize(tbl, row)?;
            }
            let left: i64 = tx.query_row("SELECT count(*) FROM sync_pending", [], |r| r.get(0))?;
            let left = left as usize;
            if left == 0 || left >= rows.len() {
                note_missing_photos(tx, &lib, &merger.photos_written)?;
                return Ok(left);
            }
        }
    })
}

pub(super) fn note_missing_photos(
    tx: &Transaction,
    lib: &crate::photos::PhotoLibrary,
    ids: &[String],
) -> Result<()> {
    for id in ids {
        let photo = match crate::photos::records::get_in(tx, id) {
            Ok(p) => p,
            Err(crate::Error::NotFound { .. }) => continue,
            Err(e) => return Err(e),
        };
        // A row only holds a checked hash; one that is not a file name
        // (from an older version's log) is never looked up.
        if lib.original_path(&photo.hash, photo.format).is_err() {
            continue;
        }
        // The original or the shared size: either is the photo.
        if !lib.holds(&photo.hash, photo.format) {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO sync_missing_blobs (hash, format) VALUES (?1, ?2)",
            )?
            .execute(params![photo.hash, photo.format])?;
        }
    }
    Ok(())
}
