//! Vehicle CSV files that Korean Excel users can open and write.
//!
//! Reads UTF-8 (with or without BOM) and CP949/EUC-KR, which Korean Excel
//! writes by default; writes UTF-8 with a BOM so Excel shows Hangul. Headers
//! and values may be Korean or English. An import is one transaction: any bad
//! row is reported by line and column and nothing at all is changed.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use super::lots::lot_id_by_name;
use super::vehicles::upsert_vehicle;
use super::{Fuel, LotInput, Transmission, VehicleInput, VehicleQuery, VehicleStatus};
use crate::db::Store;
use crate::error::{CsvProblem, Error, Result};
use crate::fsutil::write_atomic;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Col {
    Id,
    Make,
    Model,
    Trim,
    Year,
    FirstRegistration,
    Plate,
    Vin,
    Odometer,
    Fuel,
    Transmission,
    Color,
    /// Price in 만원 (10,000 won), as dealers quote it.
    PriceManwon,
    /// Price in won.
    PriceKrw,
    Lot,
    Status,
    StockDate,
    Notes,
    Tags,
}

/// Written header (Korean) first; every name accepted on import after it.
const COLUMNS: &[(Col, &[&str])] = &[
    (Col::Id, &["id"]),
    (Col::Make, &["제조사", "make"]),
    (Col::Model, &["모델", "model"]),
    (Col::Trim, &["등급", "트림", "trim"]),
    (Col::Year, &["연식", "year"]),
    (
        Col::FirstRegistration,
        &["최초등록일", "first_registration"],
    ),
    (Col::Plate, &["차량번호", "plate"]),
    (Col::Vin, &["차대번호", "vin"]),
    (Col::Odometer, &["주행거리(km)", "주행거리", "odometer_km"]),
    (Col::Fuel, &["연료", "fuel"]),
    (Col::Transmission, &["변속기", "transmission"]),
    (Col::Color, &["색상", "color", "colour"]),
    (Col::PriceManwon, &["가격(만원)", "가격", "price_manwon"]),
    (Col::PriceKrw, &["가격(원)", "price_krw"]),
    (Col::Lot, &["전시장", "lot"]),
    (Col::Status, &["상태", "status"]),
    (Col::StockDate, &["입고일", "stock_date"]),
    (Col::Notes, &["메모", "notes"]),
    (Col::Tags, &["태그", "tags"]),
];

const EXPORT_COLUMNS: &[Col] = &[
    Col::Id,
    Col::Make,
    Col::Model,
    Col::Trim,
    Col::Year,
    Col::FirstRegistration,
    Col::Plate,
    Col::Vin,
    Col::Odometer,
    Col::Fuel,
    Col::Transmission,
    Col::Color,
    Col::PriceManwon,
    Col::Lot,
    Col::Status,
    Col::StockDate,
    Col::Notes,
    Col::Tags,
];

fn header_of(col: Col) -> &'static str {
    COLUMNS
        .iter()
        .find(|(c, _)| *c == col)
        .map(|(_, names)| names[0])
        .unwrap_or("")
}

fn col_of_header(h: &str) -> Option<Col> {
    let h = h.trim();
    COLUMNS
        .iter()
        .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(h)))
        .map(|(c, _)| *c)
}

/// Which input field a column fills, to place validation errors.
fn col_of_field(field: &str) -> Option<Col> {
    Some(match field {
        "id" => Col::Id,
        "make" => Col::Make,
        "model" => Col::Model,
        "trim" => Col::Trim,
        "year" => Col::Year,
        "first_registration" => Col::FirstRegistration,
        "plate" => Col::Plate,
        "vin" => Col::Vin,
        "odometer_km" => Col::Odometer,
        "color" => Col::Color,
        "price_krw" => Col::PriceManwon,
        "lot_id" => Col::Lot,
        "stock_date" => Col::StockDate,
        "notes" => Col::Notes,
        "tags" => Col::Tags,
        _ => return None,
    })
}

const FUEL_LABELS: &[(Fuel, &[&str])] = &[
    (Fuel::Gasoline, &["가솔린", "휘발유"]),
    (Fuel::Diesel, &["디젤", "경유"]),
    (Fuel::Lpg, &["LPG", "엘피지"]),
    (Fuel::Hybrid, &["하이브리드"]),
    (Fuel::Electric, &["전기"]),
    (Fuel::Other, &["기타"]),
];
const TRANSMISSION_LABELS: &[(Transmission, &[&str])] = &[
    (Transmission::Auto, &["자동", "오토"]),
    (Transmission::Manual, &["수동"]),
    (Transmission::SemiAuto, &["세미오토"]),
    (Transmission::Cvt, &["무단", "CVT"]),
    (Transmission::Other, &["기타"]),
];
const STATUS_LABELS: &[(VehicleStatus, &[&str])] = &[
    (VehicleStatus::InStock, &["판매중", "재고"]),
    (VehicleStatus::Reserved, &["계약중", "예약"]),
    (VehicleStatus::Sold, &["판매완료"]),
    (VehicleStatus::Withdrawn, &["판매중지", "철수"]),
];

fn label<T: Copy + PartialEq>(labels: &[(T, &[&'static str])], v: T) -> &'static str {
    labels
        .iter()
        .find(|(x, _)| *x == v)
        .map(|(_, l)| l[0])
        .unwrap_or("")
}

fn parse_labelled<T: Copy>(
    labels: &[(T, &[&str])],
    parse: fn(&str) -> Option<T>,
    s: &str,
) -> Option<T> {
    let s = s.trim();
    parse(&s.to_ascii_lowercase()).or_else(|| {
        labels
            .iter()
            .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(s)))
            .map(|(v, _)| *v)
    })
}

/// Decodes a CSV file's bytes: UTF-8 (BOM optional) or CP949/EUC-KR.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_owned());
    }
    // encoding_rs's EUC-KR is the WHATWG one, i.e. Windows code page 949.
    let (text, _, had_errors) = encoding_rs::EUC_KR.decode(bytes);
    if had_errors {
        return Err(Error::bad_file(
            path,
            "is neither UTF-8 nor CP949/EUC-KR text; save it from Excel as \"CSV UTF-8\" and try again",
        ));
    }
    Ok(text.into_owned())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CsvImportReport {
    pub inserted: u32,
    pub updated: u32,
    /// Lots named in the file that did not exist and were created.
    pub lots_created: Vec<String>,
}

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
                    let id = super::lots::save_lot(tx, &lot)?;
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

    /// Writes every vehicle to `path` as UTF-8 CSV with a BOM. Returns the count.
    pub fn export_vehicles_csv(&self, path: &Path) -> Result<u32> {
        let mut out = csv::Writer::from_writer(Vec::from(*b"\xEF\xBB\xBF"));
        let csv_err = |e: csv::Error| Error::Other(format!("writing CSV failed: {e}"));
        out.write_record(EXPORT_COLUMNS.iter().map(|c| header_of(*c)))
            .map_err(csv_err)?;
        let mut count = 0u32;
        let mut offset = 0u32;
        loop {
            let page = self.list_vehicles(&VehicleQuery {
                offset: Some(offset),
                limit: Some(1000),
                ..Default::default()
            })?;
            for v in &page.items {
                let manwon = v.price_krw as f64 / 10_000.0;
                let row: Vec<String> = EXPORT_COLUMNS
                    .iter()
                    .map(|c| match c {
                        Col::Id => v.id.clone(),
                        Col::Make => v.make.clone(),
                        Col::Model => v.model.clone(),
                        Col::Trim => v.trim.clone(),
                        Col::Year => v.year.to_string(),
                        Col::FirstRegistration => v.first_registration.clone().unwrap_or_default(),
                        Col::Plate => v.plate.clone(),
                        Col::Vin => v.vin.clone(),
                        Col::Odometer => v.odometer_km.to_string(),
                        Col::Fuel => label(FUEL_LABELS, v.fuel).to_owned(),
                        Col::Transmission => label(TRANSMISSION_LABELS, v.transmission).to_owned(),
                        Col::Color => v.color.clone(),
                        Col::PriceManwon => format!("{manwon}"),
                        Col::PriceKrw => v.price_krw.to_string(),
                        Col::Lot => v.lot_name.clone(),
                        Col::Status => label(STATUS_LABELS, v.status).to_owned(),
                        Col::StockDate => v.stock_date.clone(),
                        Col::Notes => v.notes.clone(),
                        Col::Tags => v.tags.join(", "),
                    })
                    .collect();
                out.write_record(&row).map_err(csv_err)?;
                count += 1;
            }
            offset += page.items.len() as u32;
            if page.items.is_empty() || offset >= page.total {
                break;
            }
        }
        let bytes = out
            .into_inner()
            .map_err(|e| Error::Other(format!("writing CSV failed: {e}")))?;
        write_atomic(path, &bytes)?;
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_bom_and_cp949() {
        let p = Path::new("x.csv");
        assert_eq!(decode(p, "\u{feff}모델".as_bytes()).unwrap(), "모델");
        assert_eq!(decode(p, "모델".as_bytes()).unwrap(), "모델");
        let (cp949, _, _) = encoding_rs::EUC_KR.encode("쏘나타,월평동");
        assert_eq!(decode(p, &cp949).unwrap(), "쏘나타,월평동");
    }

    #[test]
    fn labels_parse_both_languages() {
        assert_eq!(
            parse_labelled(FUEL_LABELS, Fuel::parse, "경유"),
            Some(Fuel::Diesel)
        );
        assert_eq!(
            parse_labelled(FUEL_LABELS, Fuel::parse, "Diesel"),
            Some(Fuel::Diesel)
        );
        assert_eq!(
            parse_labelled(STATUS_LABELS, VehicleStatus::parse, "판매완료"),
            Some(VehicleStatus::Sold)
        );
        assert_eq!(
            parse_labelled(TRANSMISSION_LABELS, Transmission::parse, "cvt"),
            Some(Transmission::Cvt)
        );
        assert_eq!(parse_labelled(FUEL_LABELS, Fuel::parse, "수소"), None);
    }
}
