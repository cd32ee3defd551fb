//! The spreadsheet's columns: their Korean/English headers, how a header row
//! is understood, and the Korean/English names of their values.

use std::collections::HashMap;

use super::cells::{codepoint, column_letter, control_char};
use super::sheet::SheetRow;
use crate::error::CsvProblem;
use crate::inventory::{Fuel, Transmission, VehicleStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Col {
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

impl Col {
    /// The stable key of the field (the app's per-column choice; the
    /// English header).
    pub(super) fn key(self) -> &'static str {
        COLUMNS
            .iter()
            .find(|(c, _)| *c == self)
            .and_then(|(_, names)| names.last().copied())
            .unwrap_or("")
    }

    pub(super) fn of_key(key: &str) -> Option<Col> {
        COLUMNS.iter().map(|(c, _)| *c).find(|c| c.key() == key)
    }

    /// Must be given by every file (a price in one of its two columns).
    pub(super) fn required(self) -> bool {
        matches!(self, Col::Make | Col::Model | Col::Year | Col::Lot)
    }

    /// The vehicle field the column gives, in plain English (two columns
    /// giving one field make a file ambiguous).
    pub(super) fn field(self) -> &'static str {
        match self {
            Col::Id => "id",
            Col::Make => "make",
            Col::Model => "model",
            Col::Trim => "trim",
            Col::Year => "year",
            Col::FirstRegistration => "first registration date",
            Col::Plate => "plate number",
            Col::Vin => "VIN",
            Col::Odometer => "odometer",
            Col::Fuel => "fuel",
            Col::Transmission => "transmission",
            Col::Color => "colour",
            Col::PriceManwon | Col::PriceKrw => "price",
            Col::Lot => "lot",
            Col::Status => "status",
            Col::StockDate => "stock date",
            Col::Notes => "notes",
            Col::Tags => "tags",
        }
    }

    /// Free text typed by people: guarded against formulas on export and
    /// unguarded on import. Numbers, dates, ids and the fixed labels are not
    /// (a negative number stays a number).
    pub(super) fn is_text(self) -> bool {
        matches!(
            self,
            Col::Make
                | Col::Model
                | Col::Trim
                | Col::Plate
                | Col::Vin
                | Col::Color
                | Col::Lot
                | Col::Notes
                | Col::Tags
        )
    }

    /// May hold line breaks and tabs (the only control characters allowed).
    pub(super) fn is_multiline(self) -> bool {
        self == Col::Notes
    }
}

/// Which column of the file gives which field, from its header row.
pub(super) struct ColumnMap {
    index: HashMap<Col, usize>,
    headers: Vec<String>,
}

impl ColumnMap {
    /// Understands a header row. Refused, before any row is read, with
    /// every problem: a header holding a control character, two columns
    /// giving one field (the same header twice, 가격(만원) beside 가격(원),
    /// 모델 beside model), a required field missing.
    #[cfg(test)]
    pub(super) fn from_header(header: &SheetRow) -> Result<ColumnMap, Vec<CsvProblem>> {
        Self::build(header, &auto_mapping(header))
    }

    /// Understands a header row with the field of each column given (by
    /// its key; `None`: the column is left out). The same checks as
    /// [`ColumnMap::from_header`], plus a key Lotbook does not know.
    pub(super) fn build(
        header: &SheetRow,
        mapping: &[Option<String>],
    ) -> Result<ColumnMap, Vec<CsvProblem>> {
        let mut problems = Vec::new();
        let mut index: HashMap<Col, usize> = HashMap::new();
        let mut problem = |column: &str, message: String| {
            problems.push(CsvProblem {
                row: header.number,
                column: column.to_owned(),
                message,
            })
        };
        for (i, raw) in header.cells.iter().enumerate() {
            let name = raw.trim();
            if let Some(c) = control_char(name, false) {
                problem(
                    "",
                    format!(
                        "the header of column {} holds a control character ({})",
                        column_letter(i),
                        codepoint(c)
                    ),
                );
                continue;
            }
            let Some(key) = mapping.get(i).cloned().flatten() else {
                continue; // a column Lotbook does not know is left out
            };
            let Some(col) = Col::of_key(&key) else {
                problem(
                    name,
                    format!(
                        "column {} is given the unknown field {key:?}",
                        column_letter(i)
                    ),
                );
                continue;
            };
            let earlier = index
                .iter()
                .find(|(c, _)| c.field() == col.field())
                .map(|(_, &j)| j);
            match earlier {
                None => {
                    index.insert(col, i);
                }
                Some(j) => {
                    let first = header.cells[j].trim();
                    let message = if first == name {
                        format!(
                            "columns {} and {} are both named {name:?}; keep one of them",
                            column_letter(j),
                            column_letter(i)
                        )
                    } else {
                        format!(
                            "columns {} {first:?} and {} {name:?} both give the {}; keep one of them",
                            column_letter(j),
                            column_letter(i),
                            col.field()
                        )
                    };
                    problem(name, message);
                }
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
            problem(
                "",
                format!("the header has no column {}", missing.join(", ")),
            );
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(ColumnMap {
            index,
            headers: header.cells.iter().map(|h| h.trim().to_owned()).collect(),
        })
    }

    pub(super) fn has(&self, col: Col) -> bool {
        self.index.contains_key(&col)
    }

    /// The field column `i` gives, if any.
    pub(super) fn col_at(&self, i: usize) -> Option<Col> {
        self.index.iter().find(|(_, &j)| j == i).map(|(c, _)| *c)
    }

    /// The header of column `i` as written, or its letter when it has none.
    pub(super) fn header_at(&self, i: usize) -> String {
        match self.headers.get(i) {
            Some(h) if !h.is_empty() => h.clone(),
            _ => column_letter(i),
        }
    }

    pub(super) fn position(&self, col: Col) -> Option<usize> {
        self.index.get(&col).copied()
    }

    /// The column's header as written in the file (or the written name).
    pub(super) fn header(&self, col: Col) -> String {
        self.index
            .get(&col)
            .and_then(|&i| self.headers.get(i))
            .map(String::as_str)
            .unwrap_or_else(|| header_of(col))
            .to_owned()
    }
}

pub(super) const EXPORT_COLUMNS: &[Col] = &[
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

pub(super) fn header_of(col: Col) -> &'static str {
    COLUMNS
        .iter()
        .find(|(c, _)| *c == col)
        .map(|(_, names)| names[0])
        .unwrap_or("")
}

/// Every field's key with the headers that name it.
pub(super) fn header_names() -> Vec<(&'static str, &'static [&'static str])> {
    COLUMNS.iter().map(|(c, names)| (c.key(), *names)).collect()
}

/// The field of each column from the headers (Korean or English, spaces
/// and case not minded).
pub(super) fn auto_mapping(header: &SheetRow) -> Vec<Option<String>> {
    crate::sheets::mapping::auto(header, &header_names())
}

/// Every field a vehicle file can fill, for the app's column choice.
pub(super) fn fields() -> Vec<crate::sheets::FieldInfo> {
    COLUMNS
        .iter()
        .map(|(c, _)| crate::sheets::FieldInfo {
            key: c.key().to_owned(),
            required: c.required(),
        })
        .collect()
}

/// Which input field a column fills, to place validation errors.
pub(super) fn col_of_field(field: &str) -> Option<Col> {
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

pub(super) const FUEL_LABELS: &[(Fuel, &[&str])] = &[
    (Fuel::Gasoline, &["가솔린", "휘발유"]),
    (Fuel::Diesel, &["디젤", "경유"]),
    (Fuel::Lpg, &["LPG", "엘피지"]),
    (Fuel::Hybrid, &["하이브리드"]),
    (Fuel::Electric, &["전기"]),
    (Fuel::Other, &["기타"]),
];
pub(super) const TRANSMISSION_LABELS: &[(Transmission, &[&str])] = &[
    (Transmission::Auto, &["자동", "오토"]),
    (Transmission::Manual, &["수동"]),
    (Transmission::SemiAuto, &["세미오토"]),
    (Transmission::Cvt, &["무단", "CVT"]),
    (Transmission::Other, &["기타"]),
];
pub(super) const STATUS_LABELS: &[(VehicleStatus, &[&str])] = &[
    (VehicleStatus::InStock, &["판매중", "재고"]),
    (VehicleStatus::Reserved, &["계약중", "예약"]),
    (VehicleStatus::Sold, &["판매완료"]),
    (VehicleStatus::Withdrawn, &["판매중지", "철수"]),
];

pub(super) fn label<T: Copy + PartialEq>(labels: &[(T, &[&'static str])], v: T) -> &'static str {
    labels
        .iter()
        .find(|(x, _)| *x == v)
        .map(|(_, l)| l[0])
        .unwrap_or("")
}

pub(super) fn parse_labelled<T: Copy>(
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

#[cfg(test)]
mod tests {
    use super::*;

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
