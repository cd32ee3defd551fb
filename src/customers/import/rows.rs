//! One customer row checked and turned into a customer, each problem placed
//! at its row and column. Knows nothing of the file format.

use super::columns::ColumnMap;
use super::phone;
use crate::customers::{CustomerInput, CustomerSource, Wants};
use crate::error::{CsvProblem, FieldError};
use crate::sheets::cells::{number_text, unguard};
use crate::sheets::{ProblemCode, SheetRow};

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

    fn problem(&mut self, key: &str, code: ProblemCode, value: &str, message: String) {
        self.problems.push(CsvProblem::new(
            self.row.number,
            self.map.header(key),
            code,
            &[("value", value.to_owned())],
            message,
        ));
    }

    /// A whole number (thousands separators, 원, 만, ₩, km allowed); a text
    /// holding 만 counts in 10,000s whatever the column (1,250만원).
    fn number(&mut self, key: &str, unit: f64) -> Option<i64> {
        let raw = self.cell(key).to_owned();
        let man = raw.contains('만');
        let cleaned = number_text(&raw);
        if cleaned.is_empty() {
            return None;
        }
        match cleaned.parse::<f64>() {
            Ok(n) if n.is_finite() && n.abs() < 1e15 => {
                let unit = if man { 10_000.0 } else { unit };
                Some((n * unit).round() as i64)
            }
            _ => {
                self.problem(
                    key,
                    ProblemCode::NotNumber,
                    &raw,
                    format!("{raw:?} is not a number"),
                );
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
            self.problem(
                key,
                ProblemCode::NotYesNo,
                &raw,
                format!("{raw:?} is neither 예 nor 아니오"),
            );
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
                    ProblemCode::NotYears,
                    &raw,
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
    // Control characters first (only notes may hold tabs and line breaks).
    let problems = map.control_problems(row, &super::columns::TABLE);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut r = RowReader {
        row,
        map,
        problems: Vec::new(),
    };
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
                let allowed = words.join(", ");
                r.problems.push(CsvProblem::new(
                    row.number,
                    map.header("source"),
                    ProblemCode::NotOneOf,
                    &[("value", s.clone()), ("allowed", allowed.clone())],
                    format!("{s:?} is not one of {allowed}"),
                ));
                CustomerSource::Other
            }),
    };
    let fuel = match r.cell("fuel").to_owned() {
        s if s.is_empty() => None,
        s => {
            let f = crate::inventory::csv::fuel_of(&s);
            if f.is_none() {
                let allowed = "가솔린, 디젤, LPG, 하이브리드, 전기";
                r.problems.push(CsvProblem::new(
                    row.number,
                    map.header("fuel"),
                    ProblemCode::NotOneOf,
                    &[("value", s.clone()), ("allowed", allowed.to_owned())],
                    format!("{s:?} is not a fuel ({allowed})"),
                ));
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
    CsvProblem::of_field(number, column, f)
}
