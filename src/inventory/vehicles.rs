use rusqlite::{params, Connection, OptionalExtension, Row};

use super::new_rows::{NewRow, NewVehicles};
use super::{validate, Vehicle, VehicleInput};
use crate::db::{new_id, now_utc, Store};
use crate::error::{Error, Result};

/// Columns of [`vehicle_from_row`], for every query that returns vehicles.
pub(crate) const VEHICLE_COLUMNS: &str =
    "v.id, v.make, v.model, v.trim, v.year, v.first_registration,
    v.plate, v.vin, v.odometer_km, v.fuel, v.transmission, v.color, v.price_krw, v.lot_id, l.name,
    v.status, v.stock_date, v.notes, v.tags, v.created_at, v.updated_at,
    (SELECT p.hash FROM photos p WHERE p.vehicle_id = v.id ORDER BY p.position, p.id LIMIT 1)";

pub(crate) fn vehicle_from_row(r: &Row) -> rusqlite::Result<Vehicle> {
    let tags: String = r.get(18)?;
    Ok(Vehicle {
        id: r.get(0)?,
        make: r.get(1)?,
        model: r.get(2)?,
        trim: r.get(3)?,
        year: r.get(4)?,
        first_registration: r.get(5)?,
        plate: r.get(6)?,
        vin: r.get(7)?,
        odometer_km: r.get(8)?,
        fuel: r.get(9)?,
        transmission: r.get(10)?,
        color: r.get(11)?,
        price_krw: r.get(12)?,
        lot_id: r.get(13)?,
        lot_name: r.get(14)?,
        status: r.get(15)?,
        stock_date: r.get(16)?,
        notes: r.get(17)?,
        // Written only by save_vehicle as a JSON list; a damaged value shows as no tags.
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        created_at: r.get(19)?,
        updated_at: r.get(20)?,
        cover_hash: r.get(21)?,
    })
}

pub(crate) fn get_vehicle(conn: &Connection, id: &str) -> Result<Vehicle> {
    conn.prepare_cached(&format!(
        "SELECT {VEHICLE_COLUMNS} FROM vehicles v JOIN lots l ON l.id = v.lot_id WHERE v.id = ?1"
    ))?
    .query_row([id], vehicle_from_row)
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "vehicle",
        id: id.to_owned(),
    })
}

pub(crate) fn vehicle_exists(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM vehicles WHERE id = ?1")?
        .query_row([id], |r| r.get::<_, i64>(0))
        .optional()?
        .is_some())
}

/// `vehicle_exists`, with the error the UI shows when it does not.
pub(crate) fn require_vehicle(conn: &Connection, id: &str) -> Result<()> {
    if vehicle_exists(conn, id)? {
        Ok(())
    } else {
        Err(Error::NotFound {
            what: "vehicle",
            id: id.to_owned(),
        })
    }
}

/// Validates and writes one vehicle inside an open transaction; returns its id.
pub(crate) fn save_vehicle(conn: &Connection, input: &VehicleInput) -> Result<String> {
    let v = validate::vehicle(conn, input)?;
    let tags = serde_json::to_string(&v.tags).map_err(|e| Error::Other(e.to_string()))?;
    let now = now_utc();
    match &v.id {
        None => {
            let row = NewRow {
                id: new_id(),
                v,
                tags,
                now,
            };
            super::new_rows::insert(conn, &row)?;
            Ok(row.id)
        }
        Some(id) => {
            let n = conn
                .prepare_cached(
                    "UPDATE vehicles SET make = ?2, model = ?3, trim = ?4, year = ?5,
                        first_registration = ?6, plate = ?7, vin = ?8, odometer_km = ?9, fuel = ?10,
                        transmission = ?11, color = ?12, price_krw = ?13, lot_id = ?14, status = ?15,
                        stock_date = ?16, notes = ?17, tags = ?18, updated_at = ?19
                     WHERE id = ?1",
                )?
                .execute(params![
                    id, v.make, v.model, v.trim, v.year, v.first_registration, v.plate, v.vin,
                    v.odometer_km, v.fuel, v.transmission, v.color, v.price_krw, v.lot_id, v.status,
                    v.stock_date, v.notes, tags, now
                ])?;
            if n == 0 {
                return Err(Error::NotFound {
                    what: "vehicle",
                    id: id.clone(),
                });
            }
            Ok(id.clone())
        }
    }
}

/// Like [`save_vehicle`], but an id that is not in the store yet is created
/// with that id (a CSV exported elsewhere keeps its ids on import). A new
/// car is held in `new` to be written with others (see [`NewVehicles`]).
/// Returns whether a new row was inserted.
pub(crate) fn upsert_vehicle(
    conn: &Connection,
    input: &VehicleInput,
    new: &mut NewVehicles,
) -> Result<bool> {
    let id = match input.id.as_deref() {
        None => new_id(),
        Some(id) => {
            if uuid::Uuid::parse_str(id).is_err() {
                return Err(Error::invalid(
                    "id",
                    crate::error::ErrorCode::InvalidId,
                    format!("id {id:?} is not a Lotbook id"),
                ));
            }
            if new.holds(id) || vehicle_exists(conn, id)? {
                // What the update checks and writes must see the held cars.
                new.flush(conn)?;
                save_vehicle(conn, input)?;
                return Ok(false);
            }
            id.to_owned()
        }
    };
    let v = validate::vehicle(
        conn,
        &VehicleInput {
            id: None,
            ..input.clone()
        },
    )?;
    let tags = serde_json::to_string(&v.tags).map_err(|e| Error::Other(e.to_string()))?;
    new.push(conn, id, v, tags, now_utc())?;
    Ok(true)
}

impl Store {
    pub fn get_vehicle(&self, id: &str) -> Result<Vehicle> {
        get_vehicle(self.conn(), id)
    }

    /// Saves a car; a recall whose list names its VIN opens on it.
    pub fn save_vehicle(&mut self, input: &VehicleInput) -> Result<Vehicle> {
        let me = self.device_id();
        let id = self.transact(|tx| {
            let id = save_vehicle(tx, input)?;
            crate::recalls::match_cars(tx, &me, Some(&id))?;
            Ok(id)
        })?;
        self.get_vehicle(&id)
    }

    pub fn delete_vehicle(&mut self, id: &str) -> Result<()> {
        self.transact(|tx| {
            let n = tx.execute("DELETE FROM vehicles WHERE id = ?1", [id])?;
            if n == 0 {
                return Err(Error::NotFound {
                    what: "vehicle",
                    id: id.to_owned(),
                });
            }
            Ok(())
        })
    }

    /// Distinct models in the inventory, for the model filter.
    pub fn list_models(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT DISTINCT model FROM vehicles ORDER BY model")?;
        let models = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(models)
    }
}
