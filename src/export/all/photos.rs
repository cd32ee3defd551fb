//! Each car's photos, in gallery order, in a folder named for the car
//! (`85라5572 르노삼성 SM520/01.jpg`): the originals as imported, copied byte
//! for byte.

use std::io::Write;
use std::path::Path;

use super::names::{safe_part, Unique};
use super::{ExportAllControl, ExportStep};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::inventory::Vehicle;
use crate::photos::PhotoFormat;

/// A car and the (unique, safe) name of its folders.
pub(super) struct Car {
    pub vehicle: Vehicle,
    pub folder: String,
}

/// What a dealer calls the car: plate, make, model (the year when there is
/// no plate yet).
fn car_name(v: &Vehicle) -> String {
    let plate = v.plate.trim();
    if plate.is_empty() {
        format!("{} {} {}", v.make, v.model, v.year)
    } else {
        format!("{plate} {} {}", v.make, v.model)
    }
}

/// Every car, in stock order, each with its folder name.
pub(super) fn cars(store: &Store) -> Result<Vec<Car>> {
    let ids: Vec<String> = store
        .conn()
        .prepare("SELECT id FROM vehicles ORDER BY stock_date, plate, id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut unique = Unique::default();
    let mut cars = Vec::with_capacity(ids.len());
    for id in ids {
        let vehicle = store.get_vehicle(&id)?;
        let folder = unique.name(&car_name(&vehicle), "car", "");
        cars.push(Car { vehicle, folder });
    }
    Ok(cars)
}

fn ext(format: PhotoFormat) -> &'static str {
    match format {
        PhotoFormat::Jpeg => ".jpg",
        PhotoFormat::Png => ".png",
        PhotoFormat::Heic => ".heic",
    }
}

/// Returns (photos copied, photos whose original is not on this computer).
pub(super) fn write(
    store: &Store,
    cars: &[Car],
    dir: &Path,
    control: &mut ExportAllControl,
) -> Result<(u32, u32)> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let total: u32 = store
        .conn()
        .query_row("SELECT count(*) FROM photos", [], |r| r.get(0))?;
    let (mut copied, mut missing, mut done) = (0u32, 0u32, 0u32);
    for car in cars {
        let photos = store.list_photos(&car.vehicle.id)?;
        if photos.is_empty() {
            continue;
        }
        let car_dir = dir.join(&car.folder);
        std::fs::create_dir_all(&car_dir).map_err(|e| Error::io(&car_dir, e))?;
        let mut names = Unique::default();
        for (i, photo) in photos.iter().enumerate() {
            control.step(ExportStep::Photos, done, total)?;
            done += 1;
            let original = store.photos().original_path(&photo.hash, photo.format)?;
            // A colleague's computer holds the shared size (a JPEG) instead.
            let (from, format) = match original.is_file() {
                true => (original, photo.format),
                false => match store.photos().held_shared(&photo.hash) {
                    Some(shared) => (shared, crate::photos::PhotoFormat::Jpeg),
                    None => {
                        missing += 1;
                        continue;
                    }
                },
            };
            // 01.jpg, 02.jpg … in gallery order; a caption, when there is one, follows.
            let caption = safe_part(&photo.caption, "");
            let stem = match caption.is_empty() {
                true => format!("{:02}", i + 1),
                false => format!("{:02} {caption}", i + 1),
            };
            let to = car_dir.join(names.name(&stem, "photo", ext(format)));
            copy_synced(&from, &to)?;
            copied += 1;
        }
    }
    control.step(ExportStep::Photos, total, total)?;
    Ok((copied, missing))
}

/// Copies the bytes as they are and syncs them (the folder is renamed into
/// place only when every file in it is on disk).
fn copy_synced(from: &Path, to: &Path) -> Result<()> {
    let mut input = std::fs::File::open(from).map_err(|e| Error::io(from, e))?;
    let mut out = std::fs::File::create(to).map_err(|e| Error::io(to, e))?;
    std::io::copy(&mut input, &mut out).map_err(|e| Error::io(to, e))?;
    out.flush().map_err(|e| Error::io(to, e))?;
    out.sync_all().map_err(|e| Error::io(to, e))
}
