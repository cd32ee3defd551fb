//! Cars that came after a recall file: each recall keeps the file's VIN
//! list, so a car registered, imported or received later gets its open
//! record too.
//!
//! Only the computer that set the car's VIN makes the record (the importer
//! of the file makes those of the cars it had). Whoever closes a record has
//! seen it, so the close is stamped after its making; a computer that made
//! the same record later, without having seen the close, would reopen it.

use std::collections::HashSet;

use rusqlite::{params, Transaction};

use super::vin::{self, normalise, VinSpec};
use crate::db::{now_utc, Store};
use crate::error::Result;

/// A recall's list, ready to match: single VINs looked up, ranges scanned.
struct List {
    id: String,
    ones: HashSet<String>,
    ranges: Vec<VinSpec>,
}

impl List {
    fn names(&self, vin: &str) -> bool {
        self.ones.contains(vin) || self.ranges.iter().any(|r| r.matches(vin))
    }
}

fn lists(tx: &Transaction) -> Result<Vec<List>> {
    let rows = tx
        .prepare("SELECT id, vins FROM recalls WHERE vins <> ''")?
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|(id, text)| {
            let (ones, ranges): (Vec<_>, Vec<_>) = vin::from_text(&text)
                .into_iter()
                .partition(|s| matches!(s, VinSpec::One(_)));
            let ones = ones
                .into_iter()
                .filter_map(|s| match s {
                    VinSpec::One(v) => Some(v),
                    VinSpec::Range { .. } => None,
                })
                .collect();
            List { id, ones, ranges }
        })
        .collect())
}

/// The cars (one, or all) whose VIN this computer set, by its current or a
/// former device id: the newest change of the VIN, as the merge orders them.
fn own_cars(tx: &Transaction, me: &str, vehicle: Option<&str>) -> Result<Vec<(String, String)>> {
    let rows = tx
        .prepare(
            "SELECT v.id, v.vin FROM vehicles v
             WHERE v.vin <> '' AND (?2 IS NULL OR v.id = ?2)
               AND (SELECT c.device_id FROM changes c
                    WHERE c.tbl = 'vehicles' AND c.row_id = v.id AND c.col = 'vin'
                    ORDER BY c.hlc DESC, c.device_id DESC LIMIT 1)
                   IN (SELECT ?1 UNION SELECT device_id FROM sync_devices WHERE own = 1)",
        )?
        .query_map(params![me, vehicle], |r| {
            Ok((r.get::<_, String>(0)?, normalise(&r.get::<_, String>(1)?)))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Opens the records of every recall whose list names a car (one, or all)
/// whose VIN this computer set and that has none yet; a record deleted
/// before is not made again. Returns how many were made.
pub(crate) fn match_cars(tx: &Transaction, me: &str, vehicle: Option<&str>) -> Result<u32> {
    let lists = lists(tx)?;
    if lists.is_empty() {
        return Ok(0);
    }
    let now = now_utc();
    let mut insert = tx.prepare_cached(
        "INSERT INTO vehicle_recalls (id, recall_id, vehicle_id, state, created_at, updated_at)
         SELECT ?1, ?2, ?3, 'open', ?4, ?4
         WHERE NOT EXISTS (SELECT 1 FROM tombstones WHERE tbl = 'vehicle_recalls' AND row_id = ?1)
         ON CONFLICT (id) DO NOTHING",
    )?;
    let mut made = 0u32;
    for (car, vin) in own_cars(tx, me, vehicle)? {
        for list in lists.iter().filter(|l| l.names(&vin)) {
            let id = format!("{}/{car}", list.id);
            made += insert.execute(params![id, list.id, car, now])? as u32;
        }
    }
    Ok(made)
}

impl Store {
    /// [`match_cars`] over every car, in its own transaction: after an
    /// import of cars and after a sync pass brought recalls or cars.
    pub fn match_recalls(&mut self) -> Result<u32> {
        let me = self.device_id();
        self.transact(|tx| match_cars(tx, &me, None))
    }
}
