//! Previewing and importing a recall file: the recalls are written (or
//! brought up to date, the id being the maker's and the code's), and every
//! car whose VIN the file lists gets its own open record. Importing the
//! same file again adds only cars that came since; records already closed
//! stay closed.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rusqlite::{params, OptionalExtension};

use super::file::{self, fields, Planned, KIND, TABLE};
use super::model::{RecallFileRequest, RecallImportReport};
use super::vin::{self, normalise, VinSpec};
use crate::db::{now_utc, Store};
use crate::error::{CsvProblem, Error, Result};
use crate::sheets::{
    self, build_preview, mapping, HeaderMap, ImportControl, MappingSource, SheetPreview,
};

/// The remembered mappings' kind: one per maker, as each maker's file has
/// its own layout.
fn kind(maker: &str) -> String {
    let m = mapping::normalize(maker);
    if m.is_empty() {
        KIND.to_owned()
    } else {
        format!("{KIND}.{}", &blake3::hash(m.as_bytes()).to_hex()[..16])
    }
}

/// The recall's id: the same maker and code is the same recall on every
/// computer of the team (a UUID made from them).
pub(super) fn recall_id(maker: &str, code: &str) -> String {
    let key = format!("{}\u{1f}{}", mapping::normalize(maker), normalise(code));
    let hash = blake3::hash(key.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&hash.as_bytes()[..16]);
    uuid::Builder::from_custom_bytes(bytes)
        .into_uuid()
        .to_string()
}

fn refused(path: &Path) -> impl Fn(Vec<CsvProblem>) -> Error + '_ {
    move |problems| Error::Csv {
        path: path.to_owned(),
        problems,
    }
}

/// A car as matched: its id, normalised VIN and status.
struct Car {
    id: String,
    vin: String,
    status: String,
}

fn cars(store: &Store) -> Result<Vec<Car>> {
    Ok(store
        .conn()
        .prepare("SELECT id, vin, status FROM vehicles WHERE vin <> ''")?
        .query_map([], |r| {
            Ok(Car {
                id: r.get(0)?,
                vin: normalise(&r.get::<_, String>(1)?),
                status: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The cars each planned recall concerns (indexes into `cars`), and how
/// many of the file's VINs and ranges matched none.
fn matches(plans: &[Planned], cars: &[Car]) -> (Vec<Vec<usize>>, u32) {
    let by_vin: HashMap<&str, usize> = cars
        .iter()
        .enumerate()
        .map(|(i, c)| (c.vin.as_str(), i))
        .collect();
    let mut unmatched = 0;
    let found = plans
        .iter()
        .map(|p| {
            let mut seen = HashSet::new();
            let mut out = Vec::new();
            for spec in &p.vins {
                let mut hit = false;
                let mut take = |i: usize| {
                    hit = true;
                    if seen.insert(i) {
                        out.push(i);
                    }
                };
                match spec {
                    VinSpec::One(v) => {
                        if let Some(&i) = by_vin.get(v.as_str()) {
                            take(i);
                        }
                    }
                    VinSpec::Range { .. } => {
                        for (i, c) in cars.iter().enumerate() {
                            if spec.matches(&c.vin) {
                                take(i);
                            }
                        }
                    }
                }
                if !hit {
                    unmatched += 1;
                }
            }
            out
        })
        .collect();
    (found, unmatched)
}

impl Store {
    /// What importing the recall file would do, without writing: the first
    /// rows, the columns as understood, and every problem.
    pub fn preview_recall_file(&self, req: &RecallFileRequest) -> Result<SheetPreview> {
        let kind = kind(&req.maker);
        let names = file::COLUMNS;
        let (book, mapping, source) = sheets::open(self.conn(), &req.file, &kind, names)?;
        let problems = match HeaderMap::build(&book.data.header, &mapping, &TABLE) {
            Err(p) => p,
            Ok(map) => file::read(&book.data, &map).err().unwrap_or_default(),
        };
        Ok(build_preview(
            book,
            &mapping,
            source,
            fields(),
            problems,
            Vec::new(),
        ))
    }

    /// Imports a recall file, all or nothing. A mapping the dealer chose is
    /// remembered for the maker once the import succeeds.
    pub fn import_recall_file(
        &mut self,
        req: &RecallFileRequest,
        control: ImportControl,
    ) -> Result<RecallImportReport> {
        let path = Path::new(&req.file.path);
        let kind = kind(&req.maker);
        let (book, mapping, source) = sheets::open(self.conn(), &req.file, &kind, file::COLUMNS)?;
        let header = &book.data.header;
        let map = HeaderMap::build(header, &mapping, &TABLE).map_err(refused(path))?;
        let plans = file::read(&book.data, &map).map_err(refused(path))?;
        let maker = crate::validate::short("maker", &req.maker)?;
        let cars = cars(self)?;
        let (found, unmatched) = matches(&plans, &cars);
        let ids: Vec<String> = plans.iter().map(|p| recall_id(&maker, &p.code)).collect();
        // The list kept with each recall: what it had, and this file's.
        let lists = plans
            .iter()
            .zip(&ids)
            .map(|(p, id)| {
                let had: String = self
                    .conn()
                    .query_row("SELECT vins FROM recalls WHERE id = ?1", [id], |r| r.get(0))
                    .optional()?
                    .unwrap_or_default();
                let mut all = vin::from_text(&had);
                all.extend(p.vins.iter().cloned());
                Ok(vin::to_text(&all))
            })
            .collect::<Result<Vec<String>>>()?;
        // The writes in order: each recall, then its cars.
        let mut writes: Vec<(usize, Option<usize>)> = Vec::new();
        for (pi, cars_of) in found.iter().enumerate() {
            writes.push((pi, None));
            writes.extend(cars_of.iter().map(|&ci| (pi, Some(ci))));
        }
        let mut report = RecallImportReport {
            recalls: Vec::new(),
            vins: plans.iter().map(|p| p.vins.len() as u32).sum(),
            matched: 0,
            new_records: 0,
            in_stock: 0,
            sold: 0,
            unmatched,
        };
        let label = format!("recalls from {}", path.display());
        let now = now_utc();
        let mut new_records = 0u32;
        sheets::write_in_chunks(self, &label, writes.len(), control, |tx, i| {
            let (pi, car) = writes[i];
            let p = &plans[pi];
            let rid = &ids[pi];
            match car {
                None => {
                    tx.execute(
                        "INSERT INTO recalls (id, maker, code, title, remedy, deadline, vins, created_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8, ?7, ?7)
                         ON CONFLICT (id) DO UPDATE SET
                             title = CASE WHEN excluded.title <> '' THEN excluded.title ELSE title END,
                             remedy = CASE WHEN excluded.remedy <> '' THEN excluded.remedy ELSE remedy END,
                             deadline = coalesce(excluded.deadline, deadline),
                             vins = excluded.vins,
                             updated_at = excluded.updated_at
                         WHERE title IS NOT excluded.title OR remedy IS NOT excluded.remedy
                             OR deadline IS NOT excluded.deadline OR vins IS NOT excluded.vins",
                        params![rid, maker, p.code, p.title, p.remedy, p.deadline, now, lists[pi]],
                    )?;
                }
                Some(ci) => {
                    let car = &cars[ci];
                    new_records += tx.execute(
                        "INSERT INTO vehicle_recalls (id, recall_id, vehicle_id, state, created_at, updated_at)
                         VALUES (?1, ?2, ?3, 'open', ?4, ?4) ON CONFLICT (id) DO NOTHING",
                        params![format!("{rid}/{}", car.id), rid, car.id, now],
                    )? as u32;
                }
            }
            Ok(())
        })?;
        for cars_of in &found {
            for &ci in cars_of {
                report.matched += 1;
                match cars[ci].status.as_str() {
                    "sold" => report.sold += 1,
                    "in_stock" | "reserved" => report.in_stock += 1,
                    _ => {}
                }
            }
        }
        report.new_records = new_records;
        for id in &ids {
            report.recalls.push(self.get_recall(id)?);
        }
        if source == MappingSource::Given {
            mapping::remember(self.conn(), &kind, header, &mapping)?;
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_recall_has_one_id() {
        let a = recall_id("현대", "R-2026-01");
        assert_eq!(a, recall_id(" 현대", "r-2026 01"));
        assert_ne!(a, recall_id("기아", "R-2026-01"));
        assert!(crate::validate::is_uuid(&a), "{a}");
    }
}
