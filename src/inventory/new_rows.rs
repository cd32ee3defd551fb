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
use crate::error::Result;

/// Cars per statement: 19 parameters each, well within SQLite's 32,766.
const ROWS: usize = 500;

const COLUMNS: &str = "id, make, model, trim, year, first_registration, plate, vin, odometer_km,
    fuel, transmission, color, price_krw, lot_id, status, stock_date, notes, tags, created_at,
    updated_at";
const ROW_MARKS: &str = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/// A validated car not written yet.
struct NewRow {
    id: String,
    v: VehicleInput,
    tags: String,
    now: String,
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
        let sql = format!(
            "INSERT INTO vehicles ({COLUMNS}) VALUES {}",
            vec![ROW_MARKS; rows.len()].join(", ")
        );
        let mut bound: Vec<&dyn ToSql> = Vec::with_capacity(rows.len() * 20);
        for r in &rows {
            bound.extend(params_of(r));
        }
        // A full batch's statement is used again; the last, shorter one once.
        let written = if rows.len() == ROWS {
            conn.prepare_cached(&sql)?.execute(bound.as_slice())
        } else {
            conn.prepare(&sql)?.execute(bound.as_slice())
        };
        match written {
            Ok(_) => Ok(()),
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
                for r in &rows {
                    super::vehicles::insert(conn, &r.id, &r.v, &r.tags, &r.now)?;
                }
                Ok(())
            }
            Err(e) => Err(e.into()),
        }
    }
}

fn params_of(r: &NewRow) -> [&dyn ToSql; 20] {
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
mod tests {
    use super::*;
    use crate::db::{new_id, Store};
    use crate::inventory::{Fuel, LotInput, Transmission, VehicleStatus};

    fn car(lot_id: &str, model: &str) -> VehicleInput {
        VehicleInput {
            id: None,
            make: "기아".into(),
            model: model.into(),
            trim: String::new(),
            year: 2019,
            first_registration: None,
            plate: String::new(),
            vin: String::new(),
            odometer_km: 10_000,
            fuel: Fuel::Gasoline,
            transmission: Transmission::Auto,
            color: "흰색".into(),
            price_krw: 9_000_000,
            lot_id: lot_id.into(),
            status: VehicleStatus::InStock,
            stock_date: "2026-12-01".into(),
            notes: String::new(),
            tags: vec![],
        }
    }

    fn store_with_lot() -> (tempfile::TempDir, Store, String) {
        let dir = tempfile::TempDir::new().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let lot = store
            .save_lot(&LotInput {
                id: None,
                name: "월평동".into(),
                address: String::new(),
                phone: String::new(),
            })
            .unwrap()
            .id;
        (dir, store, lot)
    }

    fn models(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT model FROM vehicles ORDER BY model")
            .unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.collect::<std::result::Result<_, _>>().unwrap()
    }

    #[test]
    fn a_batch_the_table_refuses_is_written_car_by_car_up_to_the_refused_one() {
        let (_dir, mut store, lot) = store_with_lot();
        let err = store
            .transact(|tx| {
                let mut new = NewVehicles::default();
                for (lot_id, model) in [(&lot, "레이"), (&lot, "모닝"), (&new_id(), "없는 전시장")]
                {
                    new.push(
                        tx,
                        new_id(),
                        car(lot_id, model),
                        "[]".into(),
                        "2026-12-06T00:00:00Z".into(),
                    )?;
                }
                assert!(models(tx).is_empty(), "held until flushed");
                let refused = new.flush(tx);
                assert_eq!(
                    models(tx),
                    ["레이", "모닝"],
                    "the cars before the refused one"
                );
                assert!(!new.holds("any"), "nothing is held after a flush");
                refused
            })
            .unwrap_err();
        assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
        assert!(models(store.conn()).is_empty(), "the transaction is undone");
    }

    #[test]
    fn a_full_batch_is_written_at_once_and_the_rest_on_flush() {
        let (_dir, mut store, lot) = store_with_lot();
        store
            .transact(|tx| {
                let mut new = NewVehicles::default();
                let mut last = String::new();
                for i in 0..ROWS + 3 {
                    last = new_id();
                    new.push(
                        tx,
                        last.clone(),
                        car(&lot, &format!("{i:04}")),
                        "[]".into(),
                        "2026-12-06T00:00:00Z".into(),
                    )?;
                }
                assert_eq!(models(tx).len(), ROWS, "the full batch went in");
                assert!(new.holds(&last));
                new.flush(tx)?;
                assert_eq!(models(tx).len(), ROWS + 3);
                Ok(())
            })
            .unwrap();
    }
}
