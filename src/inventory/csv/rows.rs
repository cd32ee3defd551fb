//! One spreadsheet row checked and turned into a vehicle, each problem
//! placed at its row and column. Knows nothing of the file format.

use super::cells::{number_text, unguard};
use super::columns::{
    col_of_field, parse_labelled, Col, ColumnMap, FUEL_LABELS, STATUS_LABELS, TRANSMISSION_LABELS,
};
use super::sheet::SheetRow;
use crate::error::{CsvProblem, FieldError};
use crate::inventory::{Fuel, Transmission, VehicleInput, VehicleStatus};
use crate::sheets::ProblemCode;

/// A row that passed the cell checks: the vehicle it gives (its `lot_id`
/// still empty) and the lot's name.
#[derive(Debug, Clone)]
pub(super) struct VehicleRow {
    pub number: u64,
    pub lot_name: String,
    pub input: VehicleInput,
}

struct RowReader<'a> {
    row: &'a SheetRow,
    map: &'a ColumnMap,
    problems: Vec<CsvProblem>,
}

impl RowReader<'_> {
    /// The cell's text, trimmed; a text column's formula guard dropped.
    fn cell(&self, col: Col) -> &str {
        let raw = self
            .map
            .position(col)
            .and_then(|i| self.row.cells.get(i))
            .map(|c| c.trim())
            .unwrap_or("");
        if col.is_text() {
            unguard(raw)
        } else {
            raw
        }
    }

    fn problem(&mut self, col: Col, code: ProblemCode, params: &[(&str, String)], message: String) {
        self.problems.push(problem_at(
            self.row.number,
            self.map,
            col,
            code,
            params,
            message,
        ));
    }

    /// A whole number; thousands separators, a unit and Excel's text
    /// marker `'` are allowed.
    fn number(&mut self, col: Col, required: bool) -> Option<f64> {
        let raw = self.cell(col).to_owned();
        let cleaned = number_text(&raw);
        if cleaned.is_empty() {
            if required {
                self.problem(
                    col,
                    ProblemCode::NumberRequired,
                    &[],
                    "is empty; a number is required".into(),
                );
            }
            return None;
        }
        match cleaned.parse::<f64>() {
            Ok(n) if n.is_finite() => Some(n),
            _ => {
                let message = format!("{raw:?} is not a number");
                self.problem(col, ProblemCode::NotNumber, &[("value", raw)], message);
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
            let allowed = labels
                .iter()
                .map(|(_, l)| l[0])
                .collect::<Vec<_>>()
                .join(", ");
            let message = format!("{raw:?} is not one of {allowed}");
            self.problem(
                col,
                ProblemCode::NotOneOf,
                &[("value", raw.clone()), ("allowed", allowed)],
                message,
            );
            default
        })
    }
}

/// A problem of `col` in row `number`, under the header the file gave it.
pub(super) fn problem_at(
    number: u64,
    map: &ColumnMap,
    col: Col,
    code: ProblemCode,
    params: &[(&str, String)],
    message: String,
) -> CsvProblem {
    CsvProblem::new(number, map.header(col), code, params, message)
}

/// A problem the vehicle rules found (a [`FieldError`]), at its column.
pub(super) fn field_problem(number: u64, map: &ColumnMap, f: FieldError) -> CsvProblem {
    let column = col_of_field(&f.field, map)
        .map(|col| map.header(col))
        .unwrap_or_default();
    CsvProblem::of_field(number, column, f)
}

/// Checks one row's cells and reads the vehicle they give.
/// `today`: the default stock date (YYYY-MM-DD in the team's zone).
pub(super) fn read_row(
    map: &ColumnMap,
    row: &SheetRow,
    today: &str,
) -> Result<VehicleRow, Vec<CsvProblem>> {
    // No control characters: checked first, so nothing else reads such a cell.
    let problems = map.inner().control_problems(row, &super::columns::TABLE);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut r = RowReader {
        row,
        map,
        problems: Vec::new(),
    };

    let price_krw = if map.has(Col::PriceKrw) {
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
        "" => today.to_owned(),
        s => s.replace(['.', '/'], "-"),
    };
    let lot_name = r.cell(Col::Lot).to_owned();
    if lot_name.is_empty() {
        r.problem(
            Col::Lot,
            ProblemCode::LotEmpty,
            &[],
            "is empty; name the lot the car stands on".into(),
        );
    }
    let input = VehicleInput {
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
        lot_id: String::new(),
        status: r.choice(
            Col::Status,
            STATUS_LABELS,
            VehicleStatus::parse,
            VehicleStatus::InStock,
        ),
        stock_date,
        notes: r.cell(Col::Notes).to_owned(),
        tags,
    };
    if r.problems.is_empty() {
        Ok(VehicleRow {
            number: row.number,
            lot_name,
            input,
        })
    } else {
        Err(r.problems)
    }
}
