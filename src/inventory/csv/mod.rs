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

mod cells;
mod columns;
mod export;
mod import;
mod read;
mod rows;
mod sheet;

pub(crate) use cells::guard;
pub(crate) use export::vehicles_table;
pub use import::{ImportControl, ImportProgress};
pub use read::{read_csv, MAX_CELLS, MAX_CELL_BYTES, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS};
pub use sheet::{Sheet, SheetRow};

use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

use crate::error::{Error, Result};

/// Decodes a CSV file's bytes: UTF-8 (BOM optional) or CP949/EUC-KR.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<String> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Error::bad_file(
            path,
            "is UTF-16 text (Excel's \"Unicode text\"); save it from Excel as \"CSV UTF-8\" and try again",
        ));
    }
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

#[cfg(test)]
mod tests;

/// The Korean word for a fuel, as the spreadsheets write it.
pub(crate) fn fuel_word(f: crate::inventory::Fuel) -> &'static str {
    columns::label(columns::FUEL_LABELS, f)
}
