//! Photo rows: attach, list, order, cover, caption, delete and undo.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::model::{ImportResult, Photo, PhotoFormat};
use super::prepare::Prepared;
use crate::db::{new_id, now_utc, Store};
use crate::error::{Error, Result};
use crate::inventory::require_vehicle;
use crate::validate;

const COLUMNS: &str = "id, vehicle_id, hash, format, width, height, bytes, original_name, \
                       position, caption, created_at, updated_at, part, shared_hash";

fn from_row(r: &Row) -> rusqlite::Result<Photo> {
    Ok(Photo {
        id: r.get(0)?,
        vehicle_id: r.get(1)?,
        hash: r.get(2)?,
        format: r.get(3)?,
        width: r.get(4)?,
        height: r.get(5)?,
        bytes: r.get(6)?,
        original_name: r.get(7)?,
        position: r.get(8)?,
        caption: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
        part: r.get(12)?,
        shared_hash: r.get(13)?,
    })
}

fn not_found(id: &str) -> Error {
    Error::NotFound {
        what: "photo",
        id: id.to_owned(),
    }
}

fn list(conn: &Connection, vehicle_id: &str) -> Result<Vec<Photo>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM photos WHERE vehicle_id = ?1 ORDER BY position, id"
    ))?;
    let photos = stmt
        .query_map([vehicle_id], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(photos)
}

/// A photo row by id on any connection or transaction.
pub(crate) fn get_in(conn: &Connection, id: &str) -> Result<Photo> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM photos WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| not_found(id))
}

fn insert(conn: &Connection, p: &Photo) -> Result<()> {
    conn.prepare_cached(&format!(
        "INSERT INTO photos ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
    ))?
    .execute(params![
        p.id,
        p.vehicle_id,
        p.hash,
        p.format,
        p.width,
        p.height,
        p.bytes,
        p.original_name,
        p.position,
        p.caption,
        p.created_at,
        p.updated_at,
        p.part,
        p.shared_hash
    ])?;
    Ok(())
}

/// Writes new positions for `ids` (in that order), touching only rows whose
/// position changes, so a reorder records as few changes as it can.
fn write_order(conn: &Connection, ids: &[String]) -> Result<()> {
    let now = now_utc();
    let mut stmt = conn.prepare_cached(
        "UPDATE photos SET position = ?2, updated_at = ?3 WHERE id = ?1 AND position IS NOT ?2",
    )?;
    for (position, id) in ids.iter().enumerate() {
        stmt.execute(params![id, position as i64, now])?;
    }
    Ok(())
}

impl Store {
    pub fn list_photos(&self, vehicle_id: &str) -> Result<Vec<Photo>> {
        require_vehicle(self.conn(), vehicle_id)?;
        list(self.conn(), vehicle_id)
    }

    pub fn get_photo(&self, id: &str) -> Result<Photo> {
        get_in(self.conn(), id)
    }

    /// Adds a prepared photo (its files already stored) at the end of the
    /// vehicle's gallery, unless the vehicle already has these exact bytes.
    pub fn attach_photo(&mut self, vehicle_id: &str, prepared: &Prepared) -> Result<ImportResult> {
        self.transact(|tx| {
            require_vehicle(tx, vehicle_id)?;
            let existing: Option<String> = tx
                .query_row(
                    "SELECT id FROM photos WHERE vehicle_id = ?1 AND hash = ?2",
                    [vehicle_id, &prepared.hash],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(photo_id) = existing {
                return Ok(ImportResult::Duplicate { photo_id });
            }
            let position: u32 = tx.query_row(
                "SELECT coalesce(max(position) + 1, 0) FROM photos WHERE vehicle_id = ?1",
                [vehicle_id],
                |r| r.get(0),
            )?;
            let now = now_utc();
            let photo = Photo {
                id: new_id(),
                vehicle_id: vehicle_id.to_owned(),
                hash: prepared.hash.clone(),
                format: prepared.format,
                width: prepared.width,
                height: prepared.height,
                bytes: prepared.bytes,
                original_name: prepared.name.clone(),
                position,
                caption: String::new(),
                created_at: now.clone(),
                updated_at: now,
                part: None,
                shared_hash: prepared.shared_hash.clone(),
            };
            insert(tx, &photo)?;
            Ok(ImportResult::Imported { photo })
        })
    }

    /// Puts the vehicle's photos in the order of `ids`. Photos not named
    /// (e.g. committed by an import while the dealer dragged) keep their
    /// relative order after them; an id that is not this vehicle's, or named
    /// twice, is refused.
    pub fn reorder_photos(&mut self, vehicle_id: &str, ids: &[String]) -> Result<Vec<Photo>> {
        self.transact(|tx| {
            require_vehicle(tx, vehicle_id)?;
            let current: Vec<String> = list(tx, vehicle_id)?.into_iter().map(|p| p.id).collect();
            let mut seen = std::collections::HashSet::new();
            for id in ids {
                if !current.contains(id) || !seen.insert(id) {
                    return Err(Error::invalid(
                        "ids",
                        crate::error::ErrorCode::PhotoOrder,
                        "the new order names a photo that is not this vehicle's, or one twice; reload the gallery and try again",
                    ));
                }
            }
            let order: Vec<String> = ids
                .iter()
                .cloned()
                .chain(current.into_iter().filter(|id| !seen.contains(id)))
                .collect();
            write_order(tx, &order)?;
            list(tx, vehicle_id)
        })
    }

    /// Makes a photo the cover by moving it to the front.
    pub fn set_cover_photo(&mut self, photo_id: &str) -> Result<Vec<Photo>> {
        self.transact(|tx| {
            let photo = get_in(tx, photo_id)?;
            let mut ids: Vec<String> = list(tx, &photo.vehicle_id)?
                .into_iter()
                .map(|p| p.id)
                .filter(|id| id != photo_id)
                .collect();
            ids.insert(0, photo.id.clone());
            write_order(tx, &ids)?;
            list(tx, &photo.vehicle_id)
        })
    }

    pub fn set_photo_caption(&mut self, photo_id: &str, caption: &str) -> Result<Photo> {
        let caption = validate::short("caption", caption)?;
        self.transact(|tx| {
            // Unchanged text writes nothing, so no change is recorded for sync.
            tx.execute(
                "UPDATE photos SET caption = ?2, updated_at = ?3 WHERE id = ?1 AND caption IS NOT ?2",
                params![photo_id, caption, now_utc()],
            )?;
            get_in(tx, photo_id)
        })
    }

    /// Links a photo to the condition report's panel or item it shows, or
    /// unlinks it (`None`).
    pub fn set_photo_part(&mut self, photo_id: &str, part: Option<&str>) -> Result<Photo> {
        let part = part.map(str::trim).filter(|p| !p.is_empty());
        if let Some(key) = part {
            if !crate::condition::is_part(key) {
                return Err(Error::invalid(
                    "part",
                    crate::error::ErrorCode::UnknownPart,
                    format!("{key:?} is not a panel or item of the condition report"),
                ));
            }
        }
        self.transact(|tx| {
            tx.execute(
                "UPDATE photos SET part = ?2, updated_at = ?3 WHERE id = ?1 AND part IS NOT ?2",
                params![photo_id, part, now_utc()],
            )?;
            get_in(tx, photo_id)
        })
    }

    /// Removes a photo from its vehicle and returns it, so the UI can undo.
    /// The original file stays (other vehicles may share it; undo needs it).
    pub fn delete_photo(&mut self, photo_id: &str) -> Result<Photo> {
        self.transact(|tx| {
            let photo = get_in(tx, photo_id)?;
            tx.execute("DELETE FROM photos WHERE id = ?1", [photo_id])?;
            Ok(photo)
        })
    }

    /// Undo of [`Store::delete_photo`]: the same record back in its place.
    pub fn restore_photo(&mut self, photo: &Photo) -> Result<Vec<Photo>> {
        let original = self.photos().original_path(&photo.hash, photo.format)?;
        // A colleague's computer holds the shared size instead.
        if !original.is_file() && self.photos().held_shared(&photo.hash).is_none() {
            return Err(Error::bad_file(
                &original,
                "the photo's file is missing; import it again",
            ));
        }
        self.transact(|tx| {
            require_vehicle(tx, &photo.vehicle_id)?;
            if get_in(tx, &photo.id).is_err() {
                insert(
                    tx,
                    &Photo {
                        updated_at: now_utc(),
                        ..photo.clone()
                    },
                )?;
            }
            list(tx, &photo.vehicle_id)
        })
    }

    /// Every distinct original the photo rows refer to.
    pub fn photo_originals(&self) -> Result<Vec<(String, PhotoFormat)>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT DISTINCT hash, format FROM photos ORDER BY hash")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
