//! The clock floor at start, and the repair of a clock that was ahead.
//!
//! A computer whose clock ran ahead stamped its changes in the future; the
//! others hold those changes (see `sync::held`) instead of letting them move
//! their clocks. Once its clock is right again, it finds its own stamps
//! beyond the drift limit and re-issues those changes, in their order, with
//! fresh stamps (new changes, sent at the next sync), and publishes a void
//! for each old stamp so every other computer drops the held copy. Nothing
//! is lost and the team converges. Sync does it (and writes the rows again)
//! only while the folder's time agrees with this clock: a clock that is
//! behind the folder's is the wrong one, and its own stamps are right.

use rusqlite::{params, Connection, Transaction};

use super::clock::{format_hlc, Clock};
use super::Store;
use crate::error::Result;

/// The pseudo-table of voids in `changes` and in segments: `row_id` is the
/// voided stamp, `value` its device. Older Lotbooks skip it as an unknown table.
pub const VOID_TABLE: &str = "_void";

/// The stamp the clock starts above: the newest this device issued itself
/// (under its id or a former one), and remote ones only within the drift
/// limit of the wall clock: a remote stamp further ahead never moves ours.
pub fn floor(conn: &Connection, clock: &Clock, me: &str) -> Result<Option<String>> {
    // A wall clock that is plainly wrong issues no stamp; its floor is our own.
    let limit = clock
        .wall()
        .drift_limit()
        .map(format_hlc)
        .unwrap_or_default();
    Ok(conn.query_row(
        "SELECT max(hlc) FROM changes
         WHERE hlc <= ?1 OR device_id = ?2
            OR device_id IN (SELECT device_id FROM sync_devices WHERE own = 1)",
        params![limit, me],
        |r| r.get(0),
    )?)
}

/// Re-stamps this device's changes (under its id or a former one) stamped
/// beyond the drift limit, voids their old stamps, and hands the rows they
/// touch to `rewrite` in the same transaction (sync writes them again: the
/// order against remote stamps beyond the limit may change). Returns how many.
pub fn restamp_future(
    store: &mut Store,
    rewrite: impl FnOnce(&Transaction, &[(String, String)]) -> Result<()>,
) -> Result<usize> {
    let Ok(limit) = store.clock().wall().drift_limit() else {
        return Ok(0);
    };
    let limit = format_hlc(limit);
    let me = store.device_id();
    let own_future: i64 = store.conn().query_row(
        "SELECT count(*) FROM changes WHERE hlc > ?1 AND tbl <> ?3
           AND (device_id = ?2 OR device_id IN (SELECT device_id FROM sync_devices WHERE own = 1))",
        params![limit, me, VOID_TABLE],
        |r| r.get(0),
    )?;
    if own_future == 0 {
        return Ok(0);
    }
    let clock = store.identity.clock.clone();
    store.transact(|tx| {
        type Row = (
            i64,
            String,
            String,
            Option<String>,
            rusqlite::types::Value,
            String,
            String,
            String,
        );
        let rows: Vec<Row> = tx
            .prepare(
                "SELECT seq, tbl, row_id, col, value, hlc, device_id, op FROM changes
                 WHERE hlc > ?1 AND tbl <> ?3
                   AND (device_id = ?2 OR device_id IN (SELECT device_id FROM sync_devices WHERE own = 1))
                 ORDER BY hlc",
            )?
            .query_map(params![limit, me, VOID_TABLE], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let floor: Option<String> = tx.query_row(
            "SELECT max(hlc) FROM changes WHERE hlc <= ?1",
            [&limit],
            |r| r.get(0),
        )?;
        clock.rebase(floor.as_deref());
        let mut touched: Vec<(String, String)> = Vec::new();
        for (seq, tbl, row, col, value, old, device, op) in &rows {
            let fresh = clock.now()?;
            tx.prepare_cached("DELETE FROM changes WHERE seq = ?1")?
                .execute([seq])?;
            tx.prepare_cached(
                "INSERT INTO changes (tbl, row_id, col, value, hlc, device_id, op)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![tbl, row, col, value, fresh, me, op])?;
            tx.prepare_cached(
                "UPDATE tombstones SET hlc = ?5, device_id = ?6
                 WHERE tbl = ?1 AND row_id = ?2 AND hlc = ?3 AND device_id = ?4",
            )?
            .execute(params![tbl, row, old, device, fresh, me])?;
            let void = clock.now()?;
            tx.prepare_cached(
                "INSERT INTO changes (tbl, row_id, col, value, hlc, device_id, op)
                 VALUES (?1, ?2, 'device', ?3, ?4, ?5, 'set')",
            )?
            .execute(params![VOID_TABLE, old, device, void, me])?;
            let key = (tbl.clone(), row.clone());
            if !touched.contains(&key) {
                touched.push(key);
            }
        }
        rewrite(tx, &touched)?;
        Ok(rows.len())
    })
}
