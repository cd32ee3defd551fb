//! Reading a CSV file into vehicles, all rows or none.

use std::collections::HashMap;
use std::path::Path;

use super::columns::{
    col_of_field, col_of_header, header_of, parse_labelled, Col, FUEL_LABELS, STATUS_LABELS,
    TRANSMISSION_LABELS,
};
use super::{decode, CsvImportReport};
use crate::db::Store;
use crate::error::{CsvProblem, Error, Result};
use crate::inventory::lots::{lot_id_by_name, save_lot};
use crate::inventory::vehicles::upsert_vehicle;
use crate::inventory::{Fuel, LotInput, Transmission, VehicleInput, VehicleStatus};

struct RowReader<'a> {
    record: &'a csv::StringRecord,
    index: &'a HashMap<Col, usize>,
    headers: &'a csv::StringRecord,
    line: u64,
    problems: Vec<CsvProblem>,
}

impl RowReader<'_> {
    fn cell(&self, col: Col) -> &str {
        self.index
            .get(&col)
            .and_then(|&i| self.record.get(i))
            .map(str::trim)
            .unwrap_or("")
    }

    fn header(&self, col: Col) -> String {
        self.index
            .get(&col)
            .and_then(|&i| self.headers.get(i))
            .unwrap_or_else(|| header_of(col))
            .trim()
            .to_owned()
    }

    fn problem(&mut self, col: Col, message: String) {
        self.problems.push(CsvProblem {
            line: self.line,
            column: self.header(col),
            message,
        });
    }

    /// A whole number; thousands separators and a trailing unit are allowed.
    fn number(&mut self, col: Col, required: bool) -> Option<f64> {
        let raw = self.cell(col).to_owned();
        let cleaned: String = raw
            .chars()
            .filter(|c| !matches!(c, ',' | ' ' | '원' | '만' | '₩'))
            .collect::<String>()
            .trim_end_matches("km")
            .to_owned();
        if cleaned.is_empty() {
            if required {
                self.problem(col, "is empty; a number is required".into());
            }
            return None;
        }
        match cleaned.parse::<f64>() {
            Ok(n) if n.is_finite() => Some(n),
            _ => {
                self.problem(col, format!("{raw:?} is not a number"));
                None
            }
        }
    }

    fn choice<T: Copy>(
        &mut self,
        col: Col,
        labels: &[(T, &[&str])],
        parse: fn(&str) -> Option<T>,
        default: T,
    ) -> T {
        let raw = self.cell(col).to_owned();
        if raw.is_empty() {
            return default;
        }
        parse_labelled(labels, parse, &raw).unwrap_or_else(|| {
            let allowed: Vec<&str> = labels.iter().map(|(_, l)| l[0]).collect();
            self.problem(col, format!("{raw:?} is not one of {}", allowed.join(", ")));
            default
        })
    }
}

fn read_input(r: &mut RowReader, lot_id: String) -> VehicleInput {
    let price_krw = if r.index.contains_key(&Col::PriceKrw) {
        r.number(Col::PriceKrw, true).map(|n| n.round() as i64)
    } else {
        r.number(Col::PriceManwon, true)
            .map(|n| (n * 10_000.0).round() as i64)
    };
    let year = r.number(Col::Year, true).map(|n| n as i32);
    let odometer = r.number(Col::Odometer, false);
    let tags = r
        .cell(Col::Tags)
        .split([',', ';'])
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    let stock_date = match r.cell(Col::StockDate) {
        "" => chrono::Local::now().format("%Y-%m-%d").to_string(),
        s => s.replace(['.', '/'], "-"),
    };
    VehicleInput {
        id: Some(r.cell(Col::Id).to_owned()).filter(|s| !s.is_empty()),
        make: r.cell(Col::Make).to_owned(),
        model: r.cell(Col::Model).to_owned(),
        trim: r.cell(Col::Trim).to_owned(),
        year: year.unwrap_or(0),
        first_registration: Some(r.cell(Col::FirstRegistration).replace(['.', '/'], "-"))
            .filter(|s| !s.is_empty()),
        plate: r.cell(Col::Plate).to_owned(),
        vin: r.cell(Col::Vin).to_owned(),
        odometer_km: odometer.map(|n| n.round() as i64).unwrap_or(0),
        fuel: r.choice(Col::Fuel, FUEL_LABELS, Fuel::parse, Fuel::Other),
        transmission: r.choice(
            Col::Transmission,
            TRANSMISSION_LABELS,
            Transmission::parse,
            Transmission::Other,
        ),
        color: r.cell(Col::Color).to_owned(),
        price_krw: price_krw.unwrap_or(0),
        lot_id,
        status: r.choice(
            Col::Status,
            STATUS_LABELS,
            VehicleStatus::parse,
            VehicleStatus::InStock,
        ),
        stock_date,
        notes: r.cell(Col::Notes).to_owned(),
        tags,
    }
}
const MAX_PROBLEMS: usize = 200;
impl Store {
    /// Imports vehicles from a CSV file, all or nothing.
    pub fn import_vehicles_csv(&mut self, path: &Path) -> Result<CsvImportReport> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = decode(path, &bytes)?;
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::None)
            .from_reader(text.as_bytes());
        let csv_err = |e: csv::Error| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            Error::Csv {
                path: path.to_owned(),
                problems: vec![CsvProblem {
                    line,
                    column: String::new(),
                    message: e.to_string(),
                }],
            }
        };
        let headers = reader.headers().map_err(csv_err)?.clone();
        let mut index = HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            if let Some(col) = col_of_header(h) {
                index.entry(col).or_insert(i);
            }
        }
        let missing: Vec<&str> = [Col::Make, Col::Model, Col::Year, Col::Lot]
            .into_iter()
            .filter(|c| !index.contains_key(c))
            .map(header_of)
            .chain(
                (!index.contains_key(&Col::PriceManwon) && !index.contains_key(&Col::PriceKrw))
                    .then_some("가격(만원)"),
            )
            .collect();
        if !missing.is_empty() {
            return Err(Error::Csv {
                path: path.to_owned(),
                problems: vec![CsvProblem {
                    line: 1,
                    column: String::new(),
                    message: format!("the header has no column {}", missing.join(", ")),
                }],
            });
        }

        let records = reader.records().collect::<Vec<_>>();
        self.transact(|tx| {
            let mut report = CsvImportReport {
                inserted: 0,
                updated: 0,
                lots_created: Vec::new(),
            };
            let mut problems: Vec<CsvProblem> = Vec::new();
            for record in records {
                let record = record.map_err(csv_err)?;
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let line = record.position().map(|p| p.line()).unwrap_or(0);
                let mut r = RowReader {
                    record: &record,
                    index: &index,
                    headers: &headers,
                    line,
                    problems: Vec::new(),
                };
                let lot_name = r.cell(Col::Lot).to_owned();
                let lot_id = if lot_name.is_empty() {
                    r.problem(Col::Lot, "is empty; name the lot the car stands on".into());
                    String::new()
                } else if let Some(id) = lot_id_by_name(tx, &lot_name)? {
                    id
                } else {
                    let lot = LotInput {
                        id: None,
                        name: lot_name.clone(),
                        address: String::new(),
                        phone: String::new(),
                    };
                    let id = save_lot(tx, &lot)?;
                    report.lots_created.push(lot_name);
                    id
                };
                let input = read_input(&mut r, lot_id);
                let mut row_problems = std::mem::take(&mut r.problems);
                if row_problems.is_empty() {
                    match upsert_vehicle(tx, &input) {
                        Ok(true) => report.inserted += 1,
                        Ok(false) => report.updated += 1,
                        Err(Error::Invalid(f)) => {
                            let col = col_of_field(&f.field).unwrap_or(Col::Model);
                            let mut r = RowReader {
                                record: &record,
                                index: &index,
                                headers: &headers,
                                line,
                                problems: Vec::new(),
                            };
                            r.problem(col, f.message);
                            row_problems = r.problems;
                        }
                        Err(e) => return Err(e),
                    }
                }
                problems.extend(row_problems);
                if problems.len() >= MAX_PROBLEMS {
                    break;
                }
            }
            if problems.is_empty() {
                Ok(report)
            } else {
                // Returning an error rolls the whole import back.
                Err(Error::Csv {
                    path: path.to_owned(),
                    problems,
                })
            }
        })
    }
}
