//! Receiving: one segment of another device is applied in one transaction,
//! with its changes kept in the log under their own stamps.

use rusqlite::{params, Transaction};
use std::collections::HashSet;

use super::held;
use super::merge::Merger;
use super::schema::Schema;
use super::segment::Segment;
use crate::db::clock::parse_hlc;
use crate::db::Store;
use crate::error::Result;

#[derive(Debug, Default)]
pub struct Applied {
    /// Changes this database did not hold yet.
    pub new_changes: usize,
    pub notices: Vec<String>,
}

pub fn apply_segment(store: &mut Store, schema: &Schema, seg: Segment) -> Result<Applied> {
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
            for change in seg.changes {
                match held::screen(tx, limit, &seg.device, &change)? {
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
                let added = insert.execute(params![
                    tbl,
                    row,
                    col,
                    value.into_sql(),
                    hlc,
                    seg.device,
                    op
                ])?;
                if added == 0 {
                    continue;
                }
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
        let mut merger = Merger::new(tx, schema);
        for (tbl, row) in &touched {
            merger.materialize(tbl, row)?;
        }
        note_missing_photos(tx, &lib, &merger.photos_written)?;
        applied.notices = std::mem::take(&mut merger.notices);
        tx.prepare_cached(
            "INSERT OR IGNORE INTO sync_applied (device_id, number) VALUES (?1, ?2)",
        )?
        .execute(params![seg.device, seg.number as i64])?;
        tx.prepare_cached(
            "INSERT INTO sync_devices (device_id, last_number, last_seen_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (device_id) DO UPDATE SET
                 last_number = max(last_number, excluded.last_number),
                 last_seen_at = excluded.last_seen_at",
        )?
        .execute(params![seg.device, seg.number as i64, crate::db::now_utc()])?;
        Ok((applied, newest))
    })?;
    // Our clock moves past what we applied (all within the drift limit),
    // so our next edit wins over it.
    if let Some(newest) = newest {
        store.clock().observe(&newest);
    }
    Ok(applied)
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
        if !lib.original_path(&photo.hash, photo.format).is_file() {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO sync_missing_blobs (hash, format) VALUES (?1, ?2)",
            )?
            .execute(params![photo.hash, photo.format])?;
        }
    }
    Ok(())
}
