//! Vehicle spreadsheets that Korean Excel users can open and write.
//!
//! Reads UTF-8 (with or without BOM) and CP949/EUC-KR, which Korean Excel
//! writes by default; writes UTF-8 with a BOM so Excel shows Hangul. Headers
//! and values may be Korean or English.
//!
//! Reading a file (`read`) is apart from understanding it: a [`Sheet`] of
//! numbered rows of text cells goes to the import (`columns`: the header;
//! `rows`: each row's cells; `import`: validation and the all-or-nothing
//! write), so another reader (.xlsx) feeds it the same way. Problems name
//! the row Excel shows and the column's header; an import writes all rows or
//! none, without locking other writers out (see `import`). Text cells that
//! would start a formula are exported with a `'` in front (`cells`).

mod columns;
mod export;
mod import;
mod preview;
mod rows;

// Reading files (CSV, .xlsx, .xls) is shared with the customers' import.
#[cfg(test)]
use crate::sheets::csv as read;
use crate::sheets::{cells, sheet};

pub use crate::sheets::csv::{
    decode, read_csv, MAX_CELLS, MAX_CELL_BYTES, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS,
};
pub use crate::sheets::{ImportControl, ImportProgress, Sheet, SheetRow};
pub(crate) use cells::guard;
pub(crate) use export::vehicles_table;

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CsvImportReport {
    pub inserted: u32,
    pub updated: u32,
    /// Lots named in the file that did not exist and were created.
    pub lots_created: Vec<String>,
}

#[cfg(test)]
mod tests;

/// The Korean word for a fuel, as the spreadsheets write it.
pub(crate) fn fuel_word(f: crate::inventory::Fuel) -> &'static str {
    columns::label(columns::FUEL_LABELS, f)
}

/// A fuel as a spreadsheet writes it, Korean or English.
pub(crate) fn fuel_of(s: &str) -> Option<crate::inventory::Fuel> {
    columns::parse_labelled(columns::FUEL_LABELS, crate::inventory::Fuel::parse, s)
}
