//! New cars of an import written many to a statement.
//!
//! Every statement that writes the search index makes FTS5 flush its
//! pending terms into a new tiny segment (and merge those), and opens a
//! statement journal: one INSERT a car spent most of a 50,000-row import
//! there. Validated cars are held here and written by one multi-row INSERT
//! per [`ROWS`]; capture and search triggers still run for every row.

use std::collections::HashSet;

use rusqlite::{Connection, ToSql};

use super::VehicleInput;
use crate::db::many::insert_many;
use crate::error::Result;

/// Cars per statement: 20 parameters each, well within SQLite's 32,766.
const ROWS: usize = 500;

/// The columns of [`COLUMNS`].
const WIDTH: usize = 20;
const COLUMNS: &str = "id, make, model, trim, year, first_registration, plate, vin, odometer_km,
    fuel, transmission, color, price_krw, lot_id, status, stock_date, notes, tags, created_at,
    updated_at";
const ROW_MARKS: &str = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/// A validated car not written yet.
pub(super) struct NewRow {
    pub id: String,
    pub v: VehicleInput,
    pub tags: String,
    pub now: String,
}

/// Cars held back until [`NewVehicles::flush`]. Whoever holds one must
/// flush before anything reads or writes the cars it holds (the import
/// flushes before an update and before each chunk commits).
#[derive(Default)]
pub(crate) struct NewVehicles {
    rows: Vec<NewRow>,
    ids: HashSet<String>,
}

impl NewVehicles {
    pub fn holds(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    /// Holds a car already validated; writes the held ones when full.
    pub fn push(
        &mut self,
        conn: &Connection,
        id: String,
        v: VehicleInput,
        tags: String,
        now: String,
    ) -> Result<()> {
        self.ids.insert(id.clone());
        self.rows.push(NewRow { id, v, tags, now });
        if self.rows.len() >= ROWS {
            self.flush(conn)?;
        }
        Ok(())
    }

    /// Writes the held cars. A statement the table refuses is undone by
    /// SQLite as a whole and the cars are written one by one, so the error
    /// is the one car's own, as without batching.
    pub fn flush(&mut self, conn: &Connection) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.rows);
        self.ids.clear();
        let mut bound: Vec<&dyn ToSql> = Vec::with_capacity(rows.len() * WIDTH);
        for r in &rows {
            bound.extend(params_of(r));
        }
        if !insert_many(conn, "vehicles", COLUMNS, WIDTH, &bound, rows.len() == ROWS)? {
            for r in &rows {
                insert(conn, r)?;
            }
        }
        Ok(())
    }
}

/// Writes one car at once (a car saved in the app, or one of a refused batch).
pub(super) fn insert(conn: &Connection, row: &NewRow) -> Result<()> {
    conn.prepare_cached(&format!(
        "INSERT INTO vehicles ({COLUMNS}) VALUES {ROW_MARKS}"
    ))?
    .execute(params_of(row).as_slice())?;
    Ok(())
}

/// The values of [`COLUMNS`] in order (created and updated at `now`).
fn params_of(r: &NewRow) -> [&dyn ToSql; WIDTH] {
    let v = &r.v;
    [
        &r.id,
        &v.make,
        &v.model,
        &v.trim,
        &v.year,
        &v.first_registration,
        &v.plate,
        &v.vin,
        &v.odometer_km,
        &v.fuel,
        &v.transmission,
        &v.color,
        &v.price_krw,
        &v.lot_id,
        &v.status,
        &v.stock_date,
        &v.notes,
        &r.tags,
        &r.now,
        &r.now,
    ]
}

#[cfg(test)]
mod tests;
