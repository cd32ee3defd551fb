//! Customers from a spreadsheet (.xlsx, .xls, .csv): previewed, then
//! imported all or nothing, with the customer form's rules; phones
//! normalised (010-1234-5678); rows that are already customers (the same
//! phone or e-mail) shown, and skipped or written over as the dealer chose.

mod columns;
mod phone;
mod rows;

pub use phone::normalize as normalize_phone;

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use columns::{fields, ColumnMap, COLUMNS, TABLE};
use rows::{field_problem, read_row};

use super::records::{checked, save_customer};
use super::{Customer, CustomerInput};
use crate::db::Store;
use crate::error::{CsvProblem, Error, Result};
use crate::sheets::mapping::{self, MappingSource};
use crate::sheets::{
    self, build_preview, write_in_chunks, DuplicateAction, DuplicateRow, ImportControl,
    ProblemCode, Sheet, SheetPreview, SheetRequest,
};

/// The kind of file, for the remembered mappings.
const KIND: &str = "customers";
/// Problems reported at most; past them the file is plainly not right.
const MAX_PROBLEMS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CustomerImportReport {
    pub inserted: u32,
    pub updated: u32,
    /// Rows that were already customers and were left as they are.
    pub skipped: u32,
}

/// A checked row: the customer it gives, and the existing one it matches.
struct Planned {
    number: u64,
    input: CustomerInput,
    /// Matched by phone or e-mail (a duplicate the dealer decides on).
    duplicate: Option<Customer>,
    /// Named by its id (a file exported from Lotbook): always updated.
    by_id: Option<Customer>,
}

struct Existing {
    by_phone: HashMap<String, String>,
    by_email: HashMap<String, String>,
}

fn existing(store: &Store) -> Result<Existing> {
    let mut by_phone = HashMap::new();
    let mut by_email = HashMap::new();
    let mut stmt = store
        .conn()
        .prepare("SELECT id, phone, email FROM customers ORDER BY created_at, id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let phone: String = r.get(1)?;
        let email: String = r.get(2)?;
        let key = phone::key(&phone);
        if key.len() >= 7 {
            by_phone.entry(key).or_insert_with(|| id.clone());
        }
        if !email.is_empty() {
            by_email.entry(email.to_lowercase()).or_insert(id);
        }
    }
    Ok(Existing { by_phone, by_email })
}

/// Every row checked against the form's rules and the store; nothing written.
fn check_rows(
    store: &Store,
    map: &ColumnMap,
    sheet: &Sheet,
) -> std::result::Result<Vec<Planned>, Vec<CsvProblem>> {
    let whole_row = |row: u64, e: Error| vec![CsvProblem::check_failed(row, &e)];
    let first = sheet.header.number;
    let known = existing(store).map_err(|e| whole_row(first, e))?;
    let mut problems: Vec<CsvProblem> = Vec::new();
    let mut out = Vec::new();
    // Phones and e-mails of the file's rows: the row that has each.
    let mut seen: HashMap<(&str, String), u64> = HashMap::new();
    for row in &sheet.rows {
        if problems.len() >= MAX_PROBLEMS {
            break;
        }
        if row.is_blank() {
            continue;
        }
        let mut c = match read_row(map, row) {
            Ok(c) => c,
            Err(p) => {
                problems.extend(p);
                continue;
            }
        };
        let mut by_id = None;
        if let Some(id) = c.input.id.clone() {
            if !crate::validate::is_uuid(&id) {
                problems.push(CsvProblem::new(
                    row.number,
                    map.header("id"),
                    ProblemCode::NotLotbookId,
                    &[("value", id.clone())],
                    format!("{id:?} is not a Lotbook id (leave it empty for a new customer)"),
                ));
                continue;
            }
            match store.get_customer(&id) {
                Ok(found) => by_id = Some(found),
                Err(Error::NotFound { .. }) => c.input.id = None,
                Err(e) => {
                    problems.extend(whole_row(row.number, e));
                    continue;
                }
            }
        }
        let input = match checked(store.conn(), &c.input) {
            Ok(i) => i,
            Err(Error::Invalid(f)) => {
                problems.push(field_problem(row.number, map, f));
                continue;
            }
            Err(e) => {
                problems.extend(whole_row(row.number, e));
                continue;
            }
        };
        let phone_key = phone::key(&input.phone);
        let email_key = input.email.to_lowercase();
        let mut twice = false;
        for (what, key, shown) in [
            ("phone", phone_key.clone(), &input.phone),
            ("email", email_key.clone(), &input.email),
        ] {
            if key.is_empty() {
                continue;
            }
            match seen.get(&(what, key.clone())) {
                Some(other) => {
                    twice = true;
                    problems.push(CsvProblem::new(
                        row.number,
                        map.header(what),
                        ProblemCode::SameInFile,
                        &[("value", shown.clone()), ("other", other.to_string())],
                        format!("the same {what} as row {other}; keep one of the rows"),
                    ));
                }
                None => {
                    seen.insert((what, key), row.number);
                }
            }
        }
        if twice {
            continue;
        }
        let matched = if by_id.is_some() {
            None
        } else if let Some(id) = known
            .by_phone
            .get(&phone_key)
            .filter(|_| phone_key.len() >= 7)
        {
            Some(id)
        } else {
            known
                .by_email
                .get(&email_key)
                .filter(|_| !email_key.is_empty())
        };
        let duplicate = match matched.map(|id| store.get_customer(id)).transpose() {
            Ok(d) => d,
            Err(e) => {
                problems.extend(whole_row(row.number, e));
                continue;
            }
        };
        out.push(Planned {
            number: row.number,
            input,
            duplicate,
            by_id,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The duplicates of `planned` as the preview lists them.
fn duplicate_rows(planned: &[Planned]) -> Vec<DuplicateRow> {
    planned
        .iter()
        .filter_map(|p| {
            let d = p.duplicate.as_ref()?;
            let same_phone =
                !p.input.phone.is_empty() && phone::key(&d.phone) == phone::key(&p.input.phone);
            let (matched_on, value) = if same_phone {
                ("phone", p.input.phone.clone())
            } else {
                ("email", p.input.email.clone())
            };
            Some(DuplicateRow {
                row: p.number,
                name: p.input.name.clone(),
                customer_id: d.id.clone(),
                customer_name: d.name.clone(),
                matched_on: matched_on.into(),
                value,
            })
        })
        .collect()
}

/// The existing customer with the row's values in the columns the file gives.
fn merged(existing: &Customer, row: &CustomerInput, map: &ColumnMap) -> CustomerInput {
    let mut out = CustomerInput::from(existing.clone());
    let has = |k: &str| map.has(k);
    if has("name") {
        out.name = row.name.clone();
    }
    if has("phone") {
        out.phone = row.phone.clone();
    }
    if has("email") {
        out.email = row.email.clone();
    }
    if has("region") {
        out.region = row.region.clone();
    }
    if has("source") {
        out.source = row.source;
    }
    if has("current_car") {
        out.current_car = row.current_car.clone();
    }
    if has("trade_in") {
        out.trade_in = row.trade_in;
    }
    if has("models") {
        out.wants.models = row.wants.models.clone();
    }
    if has("years") || has("year_min") {
        out.wants.year_min = row.wants.year_min;
    }
    if has("years") || has("year_max") {
        out.wants.year_max = row.wants.year_max;
    }
    if has("budget_krw") || has("budget_manwon") {
        out.wants.budget_max_krw = row.wants.budget_max_krw;
    }
    if has("mileage_max_km") {
        out.wants.mileage_max_km = row.wants.mileage_max_km;
    }
    if has("fuel") {
        out.wants.fuel = row.wants.fuel;
    }
    if has("color") {
        out.wants.color = row.wants.color.clone();
    }
    if has("consent") {
        out.consent_contact = row.consent_contact;
    }
    if has("notes") {
        out.notes = row.notes.clone();
    }
    out
}

fn refused(path: &Path) -> impl Fn(Vec<CsvProblem>) -> Error + '_ {
    move |problems| Error::Csv {
        path: path.to_owned(),
        problems,
    }
}

impl Store {
    /// What an import of `req` would do, without writing: the first rows,
    /// how each column is understood, every problem, and the rows that are
    /// already customers.
    pub fn preview_customer_file(&self, req: &SheetRequest) -> Result<SheetPreview> {
        let (book, mapping, source) = sheets::open(self.conn(), req, KIND, COLUMNS)?;
        let (problems, duplicates) = match ColumnMap::build(&book.data.header, &mapping, &TABLE) {
            Err(p) => (p, Vec::new()),
            Ok(map) => match check_rows(self, &map, &book.data) {
                Ok(planned) => (Vec::new(), duplicate_rows(&planned)),
                Err(p) => (p, Vec::new()),
            },
        };
        Ok(build_preview(
            book,
            &mapping,
            source,
            fields(),
            problems,
            duplicates,
        ))
    }

    /// Imports the customers of `req`'s file, all or nothing. A mapping the
    /// dealer chose is remembered on this computer once the import succeeds.
    pub fn import_customer_file(
        &mut self,
        req: &SheetRequest,
        control: ImportControl,
    ) -> Result<CustomerImportReport> {
        let path = Path::new(&req.path);
        let (book, mapping, source) = sheets::open(self.conn(), req, KIND, COLUMNS)?;
        let header = &book.data.header;
        let map = ColumnMap::build(header, &mapping, &TABLE).map_err(refused(path))?;
        let planned = check_rows(self, &map, &book.data).map_err(refused(path))?;
        let action = |row: u64| {
            req.row_actions
                .iter()
                .find(|a| a.row == row)
                .map(|a| a.action)
                .unwrap_or(req.duplicates)
        };
        let mut report = CustomerImportReport {
            inserted: 0,
            updated: 0,
            skipped: 0,
        };
        // What each row writes: a new customer, or one written over.
        let mut writes: Vec<(u64, CustomerInput)> = Vec::with_capacity(planned.len());
        for p in &planned {
            match (&p.by_id, &p.duplicate) {
                (Some(existing), _) => writes.push((p.number, merged(existing, &p.input, &map))),
                (None, Some(existing)) => match action(p.number) {
                    DuplicateAction::Skip => report.skipped += 1,
                    DuplicateAction::Update => {
                        writes.push((p.number, merged(existing, &p.input, &map)))
                    }
                },
                (None, None) => writes.push((p.number, p.input.clone())),
            }
        }
        let label = format!("customers from {}", path.display());
        let (mut inserted, mut updated) = (0u32, 0u32);
        write_in_chunks(self, &label, writes.len(), control, |tx, i| {
            let (number, input) = &writes[i];
            match save_customer(tx, input) {
                Ok(_) if input.id.is_some() => updated += 1,
                Ok(_) => inserted += 1,
                Err(Error::Invalid(f)) => {
                    return Err(refused(path)(vec![field_problem(*number, &map, f)]))
                }
                Err(e) => return Err(e),
            }
            Ok(())
        })?;
        report.inserted = inserted;
        report.updated = updated;
        if source == MappingSource::Given {
            mapping::remember(self.conn(), KIND, header, &mapping)?;
        }
        Ok(report)
    }
}
