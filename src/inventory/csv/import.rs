//! Importing a spreadsheet of vehicles: all rows or none, and the other
//! writers (the app's saves, a sync pass, the outbox) never locked out.
//!
//! 1. The header is understood ([`ColumnMap`]); two columns giving one field
//!    refuse the file before any row is read.
//! 2. Every row is checked ([`read_row`]) and validated against the store as
//!    it stands (lots, duplicate VINs and plates, also within the file),
//!    without the write lock. Any problem: nothing is written, and every
//!    problem is reported at its row and column.
//! 3. The rows are written in short transactions under a bulk-write journal
//!    (`db::bulk`): all or nothing even across a crash; a writer waits at
//!    most one chunk. A row refused now (a colleague's car took its VIN
//!    meanwhile), a cancel or any failure undoes what was written.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::Transaction;

use super::columns::{Col, ColumnMap};
use super::rows::{field_problem, problem_at, read_row, VehicleRow};
use super::sheet::Sheet;
use super::CsvImportReport;
use crate::db::Store;
use crate::error::{CsvProblem, Error, Result};
use crate::inventory::lots::{lot_id_by_name, save_lot};
use crate::inventory::new_rows::NewVehicles;
use crate::inventory::validate;
use crate::inventory::vehicles::upsert_vehicle;
use crate::inventory::{LotInput, VehicleInput, VehicleStatus};
use crate::sheets::{write_in_chunks_with, ChunkWriter, ImportControl, ProblemCode};

/// Problems reported at most; past them the file is plainly not right.
const MAX_PROBLEMS: usize = 200;

impl Store {
    /// Imports vehicles from a CSV file, all or nothing.
    pub fn import_vehicles_csv(&mut self, path: &Path) -> Result<CsvImportReport> {
        self.import_vehicles_csv_with(path, ImportControl::default())
    }

    /// [`Store::import_vehicles_csv`] with cancel and progress.
    pub fn import_vehicles_csv_with(
        &mut self,
        path: &Path,
        control: ImportControl,
    ) -> Result<CsvImportReport> {
        let sheet = super::read_csv(path)?;
        self.import_vehicle_sheet(path, &sheet, control)
    }

    /// Imports the vehicles of `sheet` (read from `source`, named in
    /// messages), whatever file format it came from.
    pub fn import_vehicle_sheet(
        &mut self,
        source: &Path,
        sheet: &Sheet,
        control: ImportControl,
    ) -> Result<CsvImportReport> {
        let mapping = super::columns::auto_mapping(&sheet.header);
        self.import_vehicle_sheet_mapped(source, sheet, &mapping, control)
    }

    /// [`Store::import_vehicle_sheet`] with the field of each column given.
    pub(super) fn import_vehicle_sheet_mapped(
        &mut self,
        source: &Path,
        sheet: &Sheet,
        mapping: &[Option<String>],
        control: ImportControl,
    ) -> Result<CsvImportReport> {
        let refused = |problems: Vec<CsvProblem>| Error::Csv {
            path: source.to_owned(),
            problems,
        };
        let map = ColumnMap::build(&sheet.header, mapping).map_err(refused)?;
        let now = control.now.unwrap_or_else(chrono::Utc::now);
        let rows = check_rows(self, &map, sheet, now).map_err(refused)?;
        write_rows(self, source, &map, &rows, control)
    }
}

/// Step 2: every row checked, nothing written.
pub(super) fn check_rows(
    store: &Store,
    map: &ColumnMap,
    sheet: &Sheet,
    now: chrono::DateTime<chrono::Utc>,
) -> std::result::Result<Vec<VehicleRow>, Vec<CsvProblem>> {
    let conn = store.conn();
    let zone = store.team_zone().unwrap_or(crate::time::DEFAULT_ZONE);
    let today = crate::time::today(now, zone).to_string();
    let mut problems: Vec<CsvProblem> = Vec::new();
    let mut out = Vec::with_capacity(sheet.rows.len());
    // Lots by name: Some(id) when they exist, None when the import makes them.
    let mut lots: HashMap<String, Option<String>> = HashMap::new();
    // VINs and plates of the file's cars for sale, with their row and id.
    let mut taken: HashMap<(Col, String), (u64, Option<String>)> = HashMap::new();
    let db_error = |number: u64, e: Error| CsvProblem::check_failed(number, &e);
    // The store's cars for sale by VIN and plate, read once (not two
    // queries a row): the same rule as `validate::refuse_duplicate`.
    let in_stock = in_stock_keys(conn).map_err(|e| vec![db_error(sheet.header.number, e)])?;
    for row in &sheet.rows {
        if problems.len() >= MAX_PROBLEMS {
            break;
        }
        if row.is_blank() {
            continue;
        }
        let mut v = match read_row(map, row, &today) {
            Ok(v) => v,
            Err(p) => {
                problems.extend(p);
                continue;
            }
        };
        let lot_id = match lots.get(&v.lot_name) {
            Some(id) => id.clone(),
            None => {
                let id = match lot_id_by_name(conn, &v.lot_name) {
                    Ok(id) => id,
                    Err(e) => {
                        problems.push(db_error(row.number, e));
                        continue;
                    }
                };
                if id.is_none() {
                    if let Err(Error::Invalid(f)) = crate::validate::required("lot", &v.lot_name) {
                        problems.push(CsvProblem::of_field(row.number, map.header(Col::Lot), f));
                        continue;
                    }
                }
                lots.insert(v.lot_name.clone(), id.clone());
                id
            }
        };
        if let Some(id) = v.input.id.as_deref() {
            if uuid::Uuid::parse_str(id).is_err() {
                problems.push(problem_at(
                    row.number,
                    map,
                    Col::Id,
                    ProblemCode::NotLotbookId,
                    &[("value", id.to_owned())],
                    format!("{id:?} is not a Lotbook id (leave it empty for a new car)"),
                ));
                continue;
            }
        }
        let checked = VehicleInput {
            // A lot the import will make passes the rules as a name.
            lot_id: lot_id.unwrap_or_else(|| v.lot_name.clone()),
            ..v.input.clone()
        };
        let checked = match validate::vehicle_fields(&checked) {
            Ok(c) => c,
            Err(Error::Invalid(f)) => {
                problems.push(field_problem(row.number, map, f));
                continue;
            }
            Err(e) => {
                problems.push(db_error(row.number, e));
                continue;
            }
        };
        for (col, code, value) in [
            (
                Col::Vin,
                crate::error::ErrorCode::DuplicateVin,
                &checked.vin,
            ),
            (
                Col::Plate,
                crate::error::ErrorCode::DuplicatePlate,
                &checked.plate,
            ),
        ] {
            if value.is_empty() {
                continue;
            }
            // A car for sale in the store with this VIN or plate (not this one).
            if let Some((id, what)) = in_stock.get(&(col, value.clone())) {
                if checked.id.as_deref() != Some(id.as_str()) {
                    let field = if col == Col::Vin { "vin" } else { "plate" };
                    let f = crate::error::FieldError {
                        field: field.to_owned(),
                        code,
                        message: format!("{field} {value} is already used by the {what} in stock"),
                    };
                    problems.push(field_problem(row.number, map, f));
                    continue;
                }
            }
            if !matches!(
                checked.status,
                VehicleStatus::InStock | VehicleStatus::Reserved
            ) {
                continue;
            }
            let key = (col, value.clone());
            match taken.get(&key) {
                Some((other, id)) if id.is_none() || *id != checked.id => {
                    problems.push(problem_at(
                        row.number,
                        map,
                        col,
                        ProblemCode::SameInFile,
                        &[("value", value.clone()), ("other", other.to_string())],
                        format!("{value} is also on row {other}"),
                    ));
                }
                _ => {
                    taken.insert(key, (row.number, checked.id.clone()));
                }
            }
        }
        v.input = VehicleInput {
            lot_id: String::new(),
            ..v.input
        };
        out.push(v);
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The VINs and plates of the store's cars for sale, with the car's id and
/// how a message names it ("SM520 (2015)").
fn in_stock_keys(conn: &rusqlite::Connection) -> Result<HashMap<(Col, String), (String, String)>> {
    let mut out = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT id, vin, plate, model || ' (' || year || ')' FROM vehicles
         WHERE status IN ('in_stock', 'reserved') AND (vin <> '' OR plate <> '')",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let what: String = r.get(3)?;
        for (col, i) in [(Col::Vin, 1), (Col::Plate, 2)] {
            let value: String = r.get(i)?;
            if !value.is_empty() {
                out.entry((col, value))
                    .or_insert_with(|| (id.clone(), what.clone()));
            }
        }
    }
    Ok(out)
}

/// Step 3: the rows written in chunks; undone on any failure or cancel.
fn write_rows(
    store: &mut Store,
    source: &Path,
    map: &ColumnMap,
    rows: &[VehicleRow],
    control: ImportControl,
) -> Result<CsvImportReport> {
    let mut report = CsvImportReport {
        inserted: 0,
        updated: 0,
        lots_created: Vec::new(),
    };
    let label = format!("vehicles from {}", source.display());
    let mut writer = RowWriter {
        source,
        map,
        rows,
        lot_ids: HashMap::new(),
        new: NewVehicles::default(),
        report: &mut report,
    };
    write_in_chunks_with(store, &label, rows.len(), control, &mut writer)?;
    // Recalls whose lists name the new cars open on them.
    store.match_recalls()?;
    Ok(report)
}

/// Writes the rows of an import; new cars are held and written many to a
/// statement at the end of each chunk (or sooner, see [`NewVehicles`]).
struct RowWriter<'a> {
    source: &'a Path,
    map: &'a ColumnMap,
    rows: &'a [VehicleRow],
    lot_ids: HashMap<String, String>,
    new: NewVehicles,
    report: &'a mut CsvImportReport,
}

impl ChunkWriter for RowWriter<'_> {
    fn row(&mut self, tx: &Transaction, i: usize) -> Result<()> {
        write_row(
            tx,
            self.source,
            self.map,
            &self.rows[i],
            &mut self.lot_ids,
            &mut self.new,
            self.report,
        )
    }

    fn end_chunk(&mut self, tx: &Transaction) -> Result<()> {
        self.new.flush(tx)
    }
}

fn write_row(
    tx: &Transaction,
    source: &Path,
    map: &ColumnMap,
    row: &VehicleRow,
    lot_ids: &mut HashMap<String, String>,
    new: &mut NewVehicles,
    report: &mut CsvImportReport,
) -> Result<()> {
    let refused = |problem: CsvProblem| Error::Csv {
        path: source.to_owned(),
        problems: vec![problem],
    };
    let lot_id = match lot_ids.get(&row.lot_name) {
        Some(id) => id.clone(),
        None => {
            let id = match lot_id_by_name(tx, &row.lot_name)? {
                Some(id) => id,
                None => {
                    let lot = LotInput {
                        id: None,
                        name: row.lot_name.clone(),
                        address: String::new(),
                        phone: String::new(),
                    };
                    let id = save_lot(tx, &lot).map_err(|e| match e {
                        Error::Invalid(f) => {
                            refused(CsvProblem::of_field(row.number, map.header(Col::Lot), f))
                        }
                        e => e,
                    })?;
                    report.lots_created.push(row.lot_name.clone());
                    id
                }
            };
            lot_ids.insert(row.lot_name.clone(), id.clone());
            id
        }
    };
    let input = VehicleInput {
        lot_id,
        ..row.input.clone()
    };
    match upsert_vehicle(tx, &input, new) {
        Ok(true) => report.inserted += 1,
        Ok(false) => report.updated += 1,
        Err(Error::Invalid(f)) => return Err(refused(field_problem(row.number, map, f))),
        Err(e) => return Err(e),
    }
    Ok(())
}
