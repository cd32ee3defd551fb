use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{Lot, LotInput};
use crate::db::{new_id, now_utc, Store};
use crate::error::{Error, Result};
use crate::validate;

const SELECT_LOT: &str = "SELECT l.id, l.name, l.address, l.phone,
    (SELECT count(*) FROM vehicles v WHERE v.lot_id = l.id AND v.status IN ('in_stock', 'reserved'))
    FROM lots l";

fn lot_from_row(r: &Row) -> rusqlite::Result<Lot> {
    Ok(Lot {
        id: r.get(0)?,
        name: r.get(1)?,
        address: r.get(2)?,
        phone: r.get(3)?,
        active_vehicles: r.get(4)?,
    })
}

pub(crate) fn lot_id_by_name(conn: &Connection, name: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT id FROM lots WHERE name = ?1")?
        .query_row([name.trim()], |r| r.get(0))
        .optional()?)
}

/// Inserts or updates a lot inside an open transaction.
pub(crate) fn save_lot(conn: &Connection, input: &LotInput) -> Result<String> {
    super::validate::no_control("name", &input.name, false)?;
    super::validate::no_control("address", &input.address, false)?;
    let name = validate::required("name", &input.name)?;
    let address = validate::short("address", &input.address)?;
    let phone = validate::phone("phone", &input.phone)?;
    if let Some(other) = lot_id_by_name(conn, &name)? {
        if input.id.as_deref() != Some(other.as_str()) {
            return Err(Error::invalid(
                "name",
                crate::error::ErrorCode::DuplicateName,
                format!("a lot named {name:?} already exists"),
            ));
        }
    }
    let now = now_utc();
    match &input.id {
        None => {
            let id = new_id();
            conn.prepare_cached(
                "INSERT INTO lots (id, name, address, phone, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            )?
            .execute(params![id, name, address, phone, now])?;
            Ok(id)
        }
        Some(id) => {
            let n = conn
                .prepare_cached(
                    "UPDATE lots SET name = ?2, address = ?3, phone = ?4, updated_at = ?5 WHERE id = ?1",
                )?
                .execute(params![id, name, address, phone, now])?;
            if n == 0 {
                return Err(Error::NotFound {
                    what: "lot",
                    id: id.clone(),
                });
            }
            Ok(id.clone())
        }
    }
}

impl Store {
    pub fn list_lots(&self) -> Result<Vec<Lot>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("{SELECT_LOT} ORDER BY l.created_at, l.id"))?;
        let lots = stmt
            .query_map([], lot_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(lots)
    }

    pub fn get_lot(&self, id: &str) -> Result<Lot> {
        self.conn()
            .prepare_cached(&format!("{SELECT_LOT} WHERE l.id = ?1"))?
            .query_row([id], lot_from_row)
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "lot",
                id: id.to_owned(),
            })
    }

    pub fn save_lot(&mut self, input: &LotInput) -> Result<Lot> {
        let id = self.transact(|tx| save_lot(tx, input))?;
        self.get_lot(&id)
    }

    /// Deletes an empty lot; a lot that still holds vehicles is refused.
    pub fn delete_lot(&mut self, id: &str) -> Result<()> {
        let lot = self.get_lot(id)?;
        self.transact(|tx| {
            let used: i64 = tx.query_row(
                "SELECT count(*) FROM vehicles WHERE lot_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            if used > 0 {
                return Err(Error::Conflict(format!(
                    "the lot {} still has {used} vehicles; move or delete them first",
                    lot.name
                )));
            }
            tx.execute("DELETE FROM lots WHERE id = ?1", [id])?;
            Ok(())
        })
    }
}
