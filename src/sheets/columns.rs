//! The header row of any import: which column gives which field, checked
//! the same way for vehicles and customers. Each domain gives only its
//! [`FieldTable`]; the headers, the mapping and the checks live here.

use std::collections::HashMap;

use super::cells::{codepoint, column_letter, control_char};
use super::problem::ProblemCode;
use super::sheet::SheetRow;
use crate::error::CsvProblem;

/// A domain's fields as an import knows them.
pub struct FieldTable {
    /// Every field's key, then the headers that name it: the header the
    /// export writes (Korean) first.
    pub columns: &'static [(&'static str, &'static [&'static str])],
    /// Groups of keys of which the file must give at least one each
    /// (a price in won or in 만원).
    pub required: &'static [&'static [&'static str]],
    /// The field a key gives, in plain English: two columns giving one
    /// field make a file ambiguous (가격(만원) beside 가격(원)).
    pub field_name: fn(&str) -> &'static str,
    /// Whether two keys give one field (the same key, a budget twice, 희망
    /// 연식 beside its parts).
    pub clash: fn(&str, &str) -> bool,
    /// Keys of the columns that may hold tabs and line breaks.
    pub multiline: &'static [&'static str],
}

impl FieldTable {
    /// The key as stored in the table (`'static`), if the table knows it.
    pub fn key(&self, key: &str) -> Option<&'static str> {
        self.columns.iter().map(|(k, _)| *k).find(|k| *k == key)
    }

    /// The header the export writes for `key` (its first name).
    pub fn written(&self, key: &str) -> &'static str {
        self.columns
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, names)| names.first().copied())
            .unwrap_or("")
    }

    /// Every field, for the app's per-column choice.
    pub fn infos(&self) -> Vec<super::FieldInfo> {
        self.columns
            .iter()
            .map(|(k, _)| super::FieldInfo {
                key: (*k).to_owned(),
                required: self.required.iter().any(|g| g.len() == 1 && g[0] == *k),
            })
            .collect()
    }
}

/// Which column of a file gives which field (by key).
#[derive(Debug)]
pub struct HeaderMap {
    index: HashMap<&'static str, usize>,
    /// The key of each column, by its index.
    keys: Vec<Option<&'static str>>,
    headers: Vec<String>,
}

impl HeaderMap {
    /// Understands a header row with the field of each column given (by its
    /// key; `None`: the column is left out). Refused, before any row is
    /// read, with every problem: a header holding a control character, a
    /// key the table does not know, two columns giving one field, a
    /// required field missing.
    pub fn build(
        header: &SheetRow,
        mapping: &[Option<String>],
        table: &FieldTable,
    ) -> Result<HeaderMap, Vec<CsvProblem>> {
        let mut problems = Vec::new();
        let mut index: HashMap<&'static str, usize> = HashMap::new();
        let row = header.number;
        for (i, raw) in header.cells.iter().enumerate() {
            let name = raw.trim();
            let letter = column_letter(i);
            if let Some(c) = control_char(name, false) {
                problems.push(CsvProblem::new(
                    row,
                    "",
                    ProblemCode::HeaderControlChar,
                    &[("letter", letter.clone()), ("char", codepoint(c))],
                    format!(
                        "the header of column {letter} holds a control character ({})",
                        codepoint(c)
                    ),
                ));
                continue;
            }
            let Some(given) = mapping.get(i).cloned().flatten() else {
                continue; // a column Lotbook does not know is left out
            };
            let Some(key) = table.key(&given) else {
                problems.push(CsvProblem::new(
                    row,
                    name,
                    ProblemCode::UnknownField,
                    &[("letter", letter.clone()), ("field", given.clone())],
                    format!("column {letter} is given the unknown field {given:?}"),
                ));
                continue;
            };
            let field = (table.field_name)(key);
            let earlier = index
                .iter()
                .filter(|(k, _)| (table.clash)(k, key))
                .map(|(_, &j)| j)
                .min();
            let Some(j) = earlier else {
                index.insert(key, i);
                continue;
            };
            let first = header.cells[j].trim();
            let other = column_letter(j);
            problems.push(if first == name {
                CsvProblem::new(
                    row,
                    name,
                    ProblemCode::SameHeader,
                    &[("letter", letter.clone()), ("other_letter", other.clone())],
                    format!("columns {other} and {letter} are both named {name:?}; keep one of them"),
                )
            } else {
                CsvProblem::new(
                    row,
                    name,
                    ProblemCode::SameField,
                    &[
                        ("letter", letter.clone()),
                        ("other_letter", other.clone()),
                        ("other_header", first.to_owned()),
                    ],
                    format!(
                        "columns {other} {first:?} and {letter} {name:?} both give the {field}; keep one of them"
                    ),
                )
            });
        }
        let missing: Vec<&str> = table
            .required
            .iter()
            .filter(|group| !group.iter().any(|k| index.contains_key(k)))
            .map(|group| table.written(group[0]))
            .collect();
        if !missing.is_empty() {
            let columns = missing.join(", ");
            problems.push(CsvProblem::new(
                row,
                "",
                ProblemCode::MissingColumns,
                &[("columns", columns.clone())],
                format!("the header has no column {columns}"),
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut keys = vec![None; header.cells.len()];
        for (k, &i) in &index {
            keys[i] = Some(*k);
        }
        Ok(HeaderMap {
            index,
            keys,
            headers: header.cells.iter().map(|h| h.trim().to_owned()).collect(),
        })
    }

    pub fn position(&self, key: &str) -> Option<usize> {
        self.index.get(key).copied()
    }

    pub fn has(&self, key: &str) -> bool {
        self.index.contains_key(key)
    }

    /// The key column `i` gives, if any.
    pub fn key_at(&self, i: usize) -> Option<&'static str> {
        self.keys.get(i).copied().flatten()
    }

    /// The header of column `i` as written, or its letter when it has none.
    pub fn header_at(&self, i: usize) -> String {
        match self.headers.get(i) {
            Some(h) if !h.is_empty() => h.clone(),
            _ => column_letter(i),
        }
    }

    /// The header of the column giving `key` (empty when none does).
    pub fn header(&self, key: &str) -> String {
        self.position(key)
            .map(|i| self.header_at(i))
            .unwrap_or_default()
    }

    /// The control characters of a row's cells, each at its column: NUL
    /// nowhere (not even in a column left out), tabs and line breaks only
    /// in the table's multi-line columns. Checked before anything else reads
    /// the row.
    pub fn control_problems(&self, row: &SheetRow, table: &FieldTable) -> Vec<CsvProblem> {
        let mut problems = Vec::new();
        for (i, cell) in row.cells.iter().enumerate() {
            let found = match self.key_at(i) {
                Some(k) => control_char(cell.trim(), table.multiline.contains(&k)),
                None => cell.contains('\0').then_some('\0'),
            };
            let Some(c) = found else {
                continue;
            };
            let point = codepoint(c);
            let (code, message) = if matches!(c, '\t' | '\n' | '\r') {
                (
                    ProblemCode::LineBreak,
                    format!(
                        "holds a control character ({point}); only notes may hold tabs and line breaks"
                    ),
                )
            } else {
                (
                    ProblemCode::ControlChar,
                    format!("holds a control character ({point})"),
                )
            };
            problems.push(CsvProblem::new(
                row.number,
                self.header_at(i),
                code,
                &[("char", point)],
                message,
            ));
        }
        problems
    }
}
