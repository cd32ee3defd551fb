//! Receiving: one segment of another device is applied in one transaction,
//! with its changes kept in the log under their own stamps.

use rusqlite::types::Value;
use rusqlite::{params, Transaction};
use std::collections::HashMap;

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
/// What the merge reads a touched row's changes from.
enum Known {
    /// The log held none of this row's changes before this batch and none
    /// was taken out of it since: its changes are exactly those this batch
    /// put in, kept here as they went in, so the merge need not read them
    /// back (the same inputs, the same rules: see `Merger::materialize_from`).
    Batch(Vec<Logged>),
    /// Read from the log (it held changes of the row already).
    Log,
}

/// One change this batch put into the log; `device` indexes the batch's
/// devices.
pub(super) struct Logged {
    pub(super) col: Option<String>,
    pub(super) value: Value,
    pub(super) hlc: String,
    pub(super) device: usize,
}

/// The place of `key` among the touched rows, added (with whether the log
/// holds any of its changes yet) when first seen.
fn touch(
    tx: &Transaction,
    touched: &mut Vec<((String, String), Known)>,
    slot: &mut HashMap<(String, String), usize>,
    key: (String, String),
) -> Result<usize> {
    if let Some(at) = slot.get(&key) {
        return Ok(*at);
    }
    let logged: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM changes WHERE tbl = ?1 AND row_id = ?2)")?
        .query_row(params![key.0, key.1], |r| r.get(0))?;
    let known = if logged {
        Known::Log
    } else {
        Known::Batch(Vec::new())
    };
    touched.push((key.clone(), known));
    slot.insert(key, touched.len() - 1);
    Ok(touched.len() - 1)
}

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
        let mut touched: Vec<((String, String), Known)> = Vec::new();
        let mut slot: HashMap<(String, String), usize> = HashMap::new();
        let mut newest: Option<String> = None;
        // Whole-table facts read once: most batches hold no void and meet
        // no set-aside change, so the per-change lookups they need are
        // skipped until one appears (in the log or in this batch).
        let mut doors = held::Doors::read(tx)?;
        let mut set_aside_held: bool = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM sync_set_aside)")?
            .query_row([], |r| r.get(0))?;
        let devices: Vec<String> = batches.iter().map(|(d, _)| d.clone()).collect();
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR IGNORE INTO changes (tbl, row_id, col, value, hlc, device_id, op)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for (dev, (device, changes)) in batches.into_iter().enumerate() {
                if segment.is_none() {
                    tx.prepare_cached(
                        "INSERT INTO sync_devices (device_id) VALUES (?1) ON CONFLICT DO NOTHING",
                    )?
                    .execute([&device])?;
                }
                for change in changes {
                    match held::screen(tx, limit, &device, &change, &mut doors)? {
                        held::Screen::Apply => {}
                        held::Screen::Done(rewrite) => {
                            // A change taken out of the log: this row is
                            // merged from the log, not from memory.
                            if let Some(key) = rewrite {
                                let at = touch(tx, &mut touched, &mut slot, key)?;
                                touched[at].1 = Known::Log;
                            }
                            continue;
                        }
                    }
                    let WireChange(tbl, row, col, value, hlc) = change;
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
                        set_aside_held = true;
                        // Its row is looked at again: one that waited for this
                        // value now stops waiting (see Merger).
                        if rules::check_row_id(&tbl, &row).is_ok() {
                            touch(tx, &mut touched, &mut slot, (tbl, row))?;
                        }
                        continue;
                    }
                    let key = (tbl, row);
                    // Whether the log held this row before: asked before
                    // its first change of this batch goes in.
                    let at = touch(tx, &mut touched, &mut slot, key)?;
                    let (tbl, row) = &touched[at].0;
                    let added = insert.execute(params![tbl, row, col, value, hlc, device, op])?;
                    if added == 0 {
                        continue;
                    }
                    if set_aside_held {
                        superseded(tx, tbl, row, col.as_deref(), &hlc, &device)?;
                    }
                    applied.new_changes += 1;
                    if newest.as_deref().is_none_or(|n| hlc.as_str() > n) {
                        newest = Some(hlc.clone());
                    }
                    if let Known::Batch(logged) = &mut touched[at].1 {
                        logged.push(Logged {
                            col,
                            value,
                            hlc,
                            device: dev,
                        });
                    }
                }
            }
        }
        let mut merger = Merger::new(tx, schema);
        merger.group_inserts();
        for ((tbl, row), known) in &touched {
            match known {
                Known::Batch(logged) => merger.materialize_from(tbl, row, logged, &devices)?,
                Known::Log => merger.materialize(tbl, row)?,
            };
        }
        merger.finish()?;
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
        Some(col) => rules::check_field(tbl, row, col, value),
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
        // The original or the shared size: either is the photo. One
        // archived here is in the backup location, not to be fetched.
        if !lib.holds(&photo.hash, photo.format)
            && !crate::photos::archive::archived_here(tx, &photo.hash)?
        {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO sync_missing_blobs (hash, format) VALUES (?1, ?2)",
            )?
            .execute(params![photo.hash, photo.format])?;
        }
    }
    Ok(())
}
