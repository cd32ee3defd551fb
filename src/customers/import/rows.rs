//! One customer row checked and turned into a customer, each problem placed
//! at its row and column. Knows nothing of the file format.

use super::columns::ColumnMap;
use super::phone;
use crate::customers::{CustomerInput, CustomerSource, Wants};
use crate::error::{CsvProblem, FieldError};
use crate::sheets::cells::{codepoint, control_char, unguard};
use crate::sheets::SheetRow;

/// A row that passed the cell checks.
#[derive(Debug, Clone)]
pub(super) struct CustomerRow {
    pub input: CustomerInput,
}

const SOURCES: &[(CustomerSource, &[&str])] = &[
    (CustomerSource::Blog, &["블로그", "blog"]),
    (CustomerSource::Referral, &["소개", "지인 소개", "referral"]),
    (
        CustomerSource::WalkIn,
        &["방문(워크인)", "방문", "워크인", "walk_in", "walk-in"],
    ),
    (
        CustomerSource::ListingSite,
        &["매물 사이트", "매물사이트", "listing_site"],
    ),
    (CustomerSource::Repeat, &["재구매", "repeat"]),
    (CustomerSource::Phone, &["전화", "phone"]),
    (CustomerSource::Other, &["기타", "other"]),
];
const YES: &[&str] = &[
    "예", "네", "동의", "y", "yes", "true", "o", "○", "1", "v", "✓",
];
const NO: &[&str] = &[
    "아니오",
    "아니요",
    "미동의",
    "거부",
    "n",
    "no",
    "false",
    "x",
    "×",
    "0",
    "-",
];

struct RowReader<'a> {
    row: &'a SheetRow,
    map: &'a ColumnMap,
    problems: Vec<CsvProblem>,
}

impl RowReader<'_> {
    /// The cell's text, trimmed, with a formula guard's `'` dropped.
    fn cell(&self, key: &str) -> &str {
        let raw = self
            .map
            .position(key)
            .and_then(|i| self.row.cells.get(i))
            .map(|c| c.trim())
            .unwrap_or("");
        unguard(raw)
    }

    fn problem(&mut self, key: &str, message: String) {
        self.problems.push(CsvProblem {
            row: self.row.number,
            column: self.map.header(key),
            message,
        });
    }

    /// A whole number (thousands separators, 원, 만, ₩, km allowed); a text
    /// holding 만 counts in 10,000s whatever the column (1,250만원).
    fn number(&mut self, key: &str, unit: f64) -> Option<i64> {
        let raw = self.cell(key).to_owned();
        let man = raw.contains('만');
        let cleaned: String = raw
            .trim_start_matches('\'')
            .chars()
            .filter(|c| !matches!(c, ',' | ' ' | '원' | '만' | '₩'))
            .collect::<String>()
            .trim_end_matches("km")
            .to_owned();
        if cleaned.is_empty() {
            return None;
        }
        match cleaned.parse::<f64>() {
            Ok(n) if n.is_finite() && n.abs() < 1e15 => {
                let unit = if man { 10_000.0 } else { unit };
                Some((n * unit).round() as i64)
            }
            _ => {
                self.problem(key, format!("{raw:?} is not a number"));
                None
            }
        }
    }

    fn yes_no(&mut self, key: &str) -> bool {
        let raw = self.cell(key).to_lowercase();
        if raw.is_empty() {
            return false;
        }
        if YES.contains(&raw.as_str()) {
            return true;
        }
        if !NO.contains(&raw.as_str()) {
            self.problem(key, format!("{raw:?} is neither 예 nor 아니오"));
        }
        false
    }

    /// 희망 연식 as `2015~2019`, `2015-2019` or `2015` (from then on).
    fn years(&mut self) -> (Option<i32>, Option<i32>) {
        if !self.map.has("years") {
            let min = self.number("year_min", 1.0).map(|y| y as i32);
            let max = self.number("year_max", 1.0).map(|y| y as i32);
            return (min, max);
        }
        let raw = self.cell("years").to_owned();
        let years: Vec<i32> = raw
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| s.len() == 4)
            .filter_map(|s| s.parse().ok())
            .collect();
        match years.as_slice() {
            [] if raw.is_empty() => (None, None),
            [y] => (Some(*y), None),
            [a, b] => (Some(*a), Some(*b)),
            _ => {
                self.problem(
                    "years",
                    format!("{raw:?} is not a year or years like 2015~2019"),
                );
                (None, None)
            }
        }
    }
}

/// Checks one row's cells and reads the customer they give (the rules of
/// the customer form are applied after, as the form's save does).
pub(super) fn read_row(map: &ColumnMap, row: &SheetRow) -> Result<CustomerRow, Vec<CsvProblem>> {
    let mut r = RowReader {
        row,
        map,
        problems: Vec::new(),
    };
    // Control characters first (only notes may hold tabs and line breaks).
    for (i, cell) in row.cells.iter().enumerate() {
        let key = map.key_at(i);
        let found = match key {
            Some(k) => control_char(cell.trim(), k == "notes"),
            None => cell.contains('\0').then_some('\0'),
        };
        if let Some(c) = found {
            let mut message = format!("holds a control character ({})", codepoint(c));
            if matches!(c, '\t' | '\n' | '\r') {
                message.push_str("; only notes may hold tabs and line breaks");
            }
            r.problems.push(CsvProblem {
                row: row.number,
                column: map.header_at(i),
                message,
            });
        }
    }
    if !r.problems.is_empty() {
        return Err(r.problems);
    }
    let raw_phone = r.cell("phone").to_owned();
    let source = match r.cell("source").to_owned() {
        s if s.is_empty() => CustomerSource::Other,
        s => CustomerSource::parse(&s.to_lowercase())
            .or_else(|| {
                SOURCES
                    .iter()
                    .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(&s)))
                    .map(|(v, _)| *v)
            })
            .unwrap_or_else(|| {
                let words: Vec<&str> = SOURCES.iter().map(|(_, n)| n[0]).collect();
                r.problem(
                    "source",
                    format!("{s:?} is not one of {}", words.join(", ")),
                );
                CustomerSource::Other
            }),
    };
    let fuel = match r.cell("fuel").to_owned() {
        s if s.is_empty() => None,
        s => {
            let f = crate::inventory::csv::fuel_of(&s);
            if f.is_none() {
                r.problem(
                    "fuel",
                    format!("{s:?} is not a fuel (가솔린, 디젤, LPG, 하이브리드, 전기)"),
                );
            }
            f
        }
    };
    let budget = if r.map.has("budget_krw") {
        r.number("budget_krw", 1.0)
    } else {
        r.number("budget_manwon", 10_000.0)
    };
    let (year_min, year_max) = r.years();
    let input = CustomerInput {
        id: Some(r.cell("id").to_owned()).filter(|s| !s.is_empty()),
        name: r.cell("name").to_owned(),
        phone: phone::normalize(&raw_phone).unwrap_or(raw_phone),
        email: r.cell("email").to_owned(),
        region: r.cell("region").to_owned(),
        source,
        current_car: r.cell("current_car").to_owned(),
        trade_in: r.yes_no("trade_in"),
        wants: Wants {
            models: r
                .cell("models")
                .split([',', ';', '/', '·'])
                .map(|m| m.trim().to_owned())
                .filter(|m| !m.is_empty())
                .collect(),
            year_min,
            year_max,
            budget_max_krw: budget,
            mileage_max_km: r.number("mileage_max_km", 1.0),
            fuel,
            color: r.cell("color").to_owned(),
        },
        assigned_user_id: None,
        notes: r.cell("notes").to_owned(),
        consent_contact: r.yes_no("consent"),
    };
    if r.problems.is_empty() {
        Ok(CustomerRow { input })
    } else {
        Err(r.problems)
    }
}

/// A problem the customer rules found (a [`FieldError`]), at its column.
pub(super) fn field_problem(number: u64, map: &ColumnMap, f: FieldError) -> CsvProblem {
    let keys: &[&str] = match f.field.as_str() {
        "wants.models" => &["models"],
        "wants.year_min" => &["year_min", "years"],
        "wants.year_max" => &["year_max", "years"],
        "wants.budget_max_krw" => &["budget_krw", "budget_manwon"],
        "wants.mileage_max_km" => &["mileage_max_km"],
        "wants.color" => &["color"],
        "name" => &["name"],
        "phone" => &["phone"],
        "email" => &["email"],
        "region" => &["region"],
        "current_car" => &["current_car"],
        "notes" => &["notes"],
        _ => &[],
    };
    let column = keys
        .iter()
        .find(|k| map.has(k))
        .map(|k| map.header(k))
        .unwrap_or_default();
    CsvProblem {
        row: number,
        column,
        message: f.message,
    }
}
