//! Shortlist rows: create, choose cars and photos, read with history.

use rusqlite::{params, Connection, OptionalExtension};

use super::model::{Shortlist, ShortlistItem};
use crate::db::{new_id, now_utc, Store};
use crate::error::{Error, Result};
use crate::inventory::require_vehicle;
use crate::validate;

/// A shortlist email has at most this many cars: past that it stops being a
/// recommendation.
pub const MAX_VEHICLES: usize = 10;

fn not_found(id: &str) -> Error {
    Error::NotFound {
        what: "shortlist",
        id: id.to_owned(),
    }
}

fn item_id(shortlist_id: &str, vehicle_id: &str) -> String {
    format!("{shortlist_id}/{vehicle_id}")
}

fn check_vehicles(conn: &Connection, vehicle_ids: &[String]) -> Result<()> {
    if vehicle_ids.len() > MAX_VEHICLES {
        return Err(Error::invalid(
            "vehicles",
            crate::error::ErrorCode::TooManyVehicles,
            format!(
                "a shortlist holds at most {MAX_VEHICLES} cars; {} were chosen",
                vehicle_ids.len()
            ),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for v in vehicle_ids {
        if !seen.insert(v) {
            return Err(Error::invalid(
                "vehicles",
                crate::error::ErrorCode::DuplicateVehicle,
                format!("vehicle {v} is chosen twice"),
            ));
        }
        require_vehicle(conn, v)?;
    }
    Ok(())
}

/// Makes the shortlist hold exactly `vehicle_ids`, in that order; cars kept
/// keep their photo choice and note.
fn set_vehicles(conn: &Connection, shortlist_id: &str, vehicle_ids: &[String]) -> Result<()> {
    check_vehicles(conn, vehicle_ids)?;
    let existing: Vec<String> = conn
        .prepare_cached("SELECT vehicle_id FROM shortlist_items WHERE shortlist_id = ?1")?
        .query_map([shortlist_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for v in existing.iter().filter(|v| !vehicle_ids.contains(v)) {
        conn.prepare_cached("DELETE FROM shortlist_items WHERE id = ?1")?
            .execute([item_id(shortlist_id, v)])?;
    }
    for (position, v) in vehicle_ids.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO shortlist_items (id, shortlist_id, vehicle_id, position) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET position = excluded.position
             WHERE position IS NOT excluded.position",
        )?
        .execute(params![
            item_id(shortlist_id, v),
            shortlist_id,
            v,
            position as i64
        ])?;
    }
    touch(conn, shortlist_id)
}

fn touch(conn: &Connection, shortlist_id: &str) -> Result<()> {
    let n = conn
        .prepare_cached("UPDATE shortlists SET updated_at = ?2 WHERE id = ?1")?
        .execute(params![shortlist_id, now_utc()])?;
    if n == 0 {
        return Err(not_found(shortlist_id));
    }
    Ok(())
}

impl Store {
    /// A new shortlist for a customer with these cars, in this order.
    pub fn create_shortlist(
        &mut self,
        customer_id: &str,
        title: &str,
        vehicle_ids: &[String],
    ) -> Result<Shortlist> {
        self.get_customer(customer_id)?;
        let title = validate::short("title", title)?;
        let id = new_id();
        self.transact(|tx| {
            let now = now_utc();
            tx.prepare_cached(
                "INSERT INTO shortlists (id, customer_id, title, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            )?
            .execute(params![id, customer_id, title, now])?;
            set_vehicles(tx, &id, vehicle_ids)
        })?;
        self.get_shortlist(&id)
    }

    pub fn set_shortlist_vehicles(
        &mut self,
        id: &str,
        vehicle_ids: &[String],
    ) -> Result<Shortlist> {
        self.transact(|tx| set_vehicles(tx, id, vehicle_ids))?;
        self.get_shortlist(id)
    }

    /// Chooses the photos of one car of the shortlist (`None`: the default).
    pub fn set_shortlist_photos(
        &mut self,
        id: &str,
        vehicle_id: &str,
        photo_ids: Option<&[String]>,
    ) -> Result<Shortlist> {
        if let Some(ids) = photo_ids {
            let own: Vec<String> = self
                .list_photos(vehicle_id)?
                .into_iter()
                .map(|p| p.id)
                .collect();
            if let Some(bad) = ids.iter().find(|p| !own.contains(p)) {
                return Err(Error::invalid(
                    "photo_ids",
                    crate::error::ErrorCode::UnknownPhoto,
                    format!("photo {bad} is not a photo of vehicle {vehicle_id}"),
                ));
            }
        }
        let json = photo_ids
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| Error::Other(e.to_string()))?;
        self.transact(|tx| {
            let n = tx
                .prepare_cached("UPDATE shortlist_items SET photo_ids = ?2 WHERE id = ?1")?
                .execute(params![item_id(id, vehicle_id), json])?;
            if n == 0 {
                return Err(Error::NotFound {
                    what: "vehicle in shortlist",
                    id: vehicle_id.to_owned(),
                });
            }
            touch(tx, id)
        })?;
        self.get_shortlist(id)
    }

    pub fn get_shortlist(&self, id: &str) -> Result<Shortlist> {
        let head = self
            .conn()
            .prepare_cached(
                "SELECT s.id, s.customer_id, c.name, s.title, s.created_at, s.updated_at
                 FROM shortlists s JOIN customers c ON c.id = s.customer_id WHERE s.id = ?1",
            )?
            .query_row([id], |r| {
                Ok(Shortlist {
                    id: r.get(0)?,
                    customer_id: r.get(1)?,
                    customer_name: r.get(2)?,
                    title: r.get(3)?,
                    created_at: r.get(4)?,
                    updated_at: r.get(5)?,
                    items: Vec::new(),
                    sends: Vec::new(),
                })
            })
            .optional()?
            .ok_or_else(|| not_found(id))?;
        let rows: Vec<(String, Option<String>, String)> = self
            .conn()
            .prepare_cached(
                "SELECT vehicle_id, photo_ids, note FROM shortlist_items
                 WHERE shortlist_id = ?1 ORDER BY position, id",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut items = Vec::with_capacity(rows.len());
        for (vehicle_id, photo_json, note) in rows {
            let vehicle = self.get_vehicle(&vehicle_id)?;
            // Photos deleted from the gallery since they were chosen drop out.
            let gallery: Vec<String> = self
                .list_photos(&vehicle_id)?
                .into_iter()
                .map(|p| p.id)
                .collect();
            let chosen: Option<Vec<String>> = photo_json
                .and_then(|j| serde_json::from_str::<Vec<String>>(&j).ok())
                .map(|ids| ids.into_iter().filter(|id| gallery.contains(id)).collect());
            let condition = self.current_condition(&vehicle_id)?;
            items.push(ShortlistItem {
                custom_photos: chosen.is_some(),
                photo_ids: match chosen {
                    Some(ids) => ids,
                    None => self.default_email_photos(&vehicle_id)?,
                },
                vehicle,
                note,
                condition_ko: condition.as_ref().map(|c| c.summary_ko.clone()),
                condition_en: condition.map(|c| c.summary_en),
            });
        }
        let sends = self.list_sends_of_shortlist(id)?;
        Ok(Shortlist {
            items,
            sends,
            ..head
        })
    }

    /// A customer's shortlists, most recently changed first.
    pub fn list_shortlists(&self, customer_id: &str) -> Result<Vec<Shortlist>> {
        let ids: Vec<String> = self
            .conn()
            .prepare_cached(
                "SELECT id FROM shortlists WHERE customer_id = ?1 ORDER BY updated_at DESC, id DESC",
            )?
            .query_map([customer_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter().map(|id| self.get_shortlist(id)).collect()
    }

    pub fn delete_shortlist(&mut self, id: &str) -> Result<()> {
        self.transact(|tx| {
            if tx.execute("DELETE FROM shortlists WHERE id = ?1", [id])? == 0 {
                return Err(not_found(id));
            }
            Ok(())
        })
    }
}
