//! What the app asks before an import and what it is shown: the sheets, the
//! first rows, how each column is understood, every problem at its row and
//! column (checked exactly as the import will), and, for customers, the rows
//! that are already customers.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::mapping::{ColumnChoice, FieldInfo, MappingSource};
use super::sheet::Sheet;
use super::Workbook;
use crate::error::CsvProblem;

/// Rows the preview shows.
pub const PREVIEW_ROWS: usize = 20;

/// A file to preview or import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct SheetRequest {
    pub path: String,
    /// The sheet to read (`None`: the first).
    pub sheet: Option<String>,
    /// The field of each column by its index (`None` in a place: ignore
    /// the column). `None`: the remembered mapping, else the automatic one.
    pub mapping: Option<Vec<Option<String>>>,
    /// Customers: what happens to a row that is already a customer (same
    /// phone or e-mail), unless `row_actions` names the row.
    pub duplicates: DuplicateAction,
    pub row_actions: Vec<RowAction>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateAction {
    /// Leave the existing customer as it is; the row is not imported.
    #[default]
    Skip,
    /// Write the row's values over the existing customer (columns the file
    /// does not give keep their values).
    Update,
}

/// The dealer's choice for one duplicate row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RowAction {
    #[ts(type = "number")]
    pub row: u64,
    pub action: DuplicateAction,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PreviewRow {
    #[ts(type = "number")]
    pub number: u64,
    pub cells: Vec<String>,
}

/// A row of the file that is already a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DuplicateRow {
    #[ts(type = "number")]
    pub row: u64,
    /// The name in the file.
    pub name: String,
    pub customer_id: String,
    pub customer_name: String,
    /// `phone` or `email`: what they share.
    pub matched_on: String,
    /// The shared phone (normalised) or e-mail.
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SheetPreview {
    pub sheets: Vec<String>,
    pub sheet: String,
    #[ts(type = "number")]
    pub header_row: u64,
    pub columns: Vec<ColumnChoice>,
    pub mapping_source: MappingSource,
    /// Every field the import can fill, for the per-column choice.
    pub fields: Vec<FieldInfo>,
    /// The first rows (blank ones left out).
    pub rows: Vec<PreviewRow>,
    /// Rows to import in all.
    pub total_rows: u32,
    /// Every problem (up to 200), at the row Excel shows and the column's header.
    pub problems: Vec<CsvProblem>,
    pub duplicates: Vec<DuplicateRow>,
}

/// The first rows of `sheet` as the preview shows them.
pub fn first_rows(sheet: &Sheet) -> Vec<PreviewRow> {
    sheet
        .rows
        .iter()
        .filter(|r| !r.is_blank())
        .take(PREVIEW_ROWS)
        .map(|r| PreviewRow {
            number: r.number,
            cells: r.cells.clone(),
        })
        .collect()
}

/// How many rows an import of `sheet` reads.
pub fn row_count(sheet: &Sheet) -> u32 {
    sheet.rows.iter().filter(|r| !r.is_blank()).count() as u32
}

/// The preview of `book` as read with `mapping`: the rows, the columns as
/// understood, and what checking them found.
pub fn build(
    book: Workbook,
    mapping: &[Option<String>],
    source: MappingSource,
    fields: Vec<FieldInfo>,
    problems: Vec<CsvProblem>,
    duplicates: Vec<DuplicateRow>,
) -> SheetPreview {
    SheetPreview {
        header_row: book.data.header.number,
        columns: super::mapping::choices(&book.data.header, mapping),
        mapping_source: source,
        fields,
        rows: first_rows(&book.data),
        total_rows: row_count(&book.data),
        problems,
        duplicates,
        sheets: book.sheets,
        sheet: book.sheet,
    }
}
