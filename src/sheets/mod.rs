//! Spreadsheet files coming in: CSV (UTF-8 ± BOM, CP949), .xlsx and .xls,
//! read into one shape, a [`Sheet`] of numbered rows of text cells, which the
//! vehicles' and the customers' imports understand the same way.
//!
//! - `csv`, `xlsx`: the readers (bounded memory whatever the bytes);
//! - `mapping`: which column gives which field (automatic from Korean or
//!   English headers, chosen by the dealer, remembered on this computer);
//! - `preview`: what the app shows before an import;
//! - `chunks`: the all-or-nothing write in short transactions.

pub(crate) mod cells;
mod chunks;
pub mod columns;
pub mod csv;
pub mod mapping;
mod preview;
pub mod problem;
pub mod problem_code;
pub(crate) mod sheet;
mod xlsx;

pub use chunks::{
    write_in_chunks, write_in_chunks_with, ChunkWriter, ImportControl, ImportProgress,
};
pub use columns::{FieldTable, HeaderMap};
pub use mapping::MappingSource;
pub use mapping::{ColumnChoice, FieldInfo};
pub use preview::{
    build as build_preview, first_rows, row_count, DuplicateAction, DuplicateRow, PreviewRow,
    RowAction, SheetPreview, SheetRequest,
};
pub use problem::ProblemCode;
pub use sheet::{Sheet, SheetRow};

use std::path::Path;

use crate::error::{Error, Result};

/// The file formats an import reads, by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    /// .xlsx and .xlsm (Office Open XML).
    Xlsx,
    /// .xls (Excel 97–2003).
    Xls,
}

impl Format {
    /// The format of `path` by its extension; anything else is a one-line
    /// error naming the file, before the file is opened.
    pub fn of(path: &Path) -> Result<Format> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("csv") | Some("txt") => Ok(Format::Csv),
            Some("xlsx") | Some("xlsm") => Ok(Format::Xlsx),
            Some("xls") => Ok(Format::Xls),
            _ => Err(Error::bad_file(
                path,
                "is not a spreadsheet Lotbook reads; use .xlsx, .xls or .csv",
            )),
        }
    }
}

/// A file's sheets and the one read.
#[derive(Debug, Clone)]
pub struct Workbook {
    /// Every sheet's name, in the file's order (a CSV has one: its file name).
    pub sheets: Vec<String>,
    /// The name of the sheet read.
    pub sheet: String,
    pub data: Sheet,
}

/// Reads `path` (the format by its extension). `sheet` names the sheet to
/// read; `None` reads the first one.
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Workbook> {
    match Format::of(path)? {
        Format::Csv => {
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok(Workbook {
                sheets: vec![name.clone()],
                sheet: name,
                data: csv::read_csv(path)?,
            })
        }
        Format::Xlsx => xlsx::read_xlsx(path, sheet),
        Format::Xls => xlsx::read_xls(path, sheet),
    }
}

/// A file to import as the request names it, with the mapping to use (the
/// given one, else the remembered one, else the automatic one) and where
/// that came from. `kind` names the remembered mappings ("vehicles").
pub fn open(
    conn: &rusqlite::Connection,
    req: &SheetRequest,
    kind: &str,
    names: &[(&str, &[&str])],
) -> Result<(Workbook, Vec<Option<String>>, MappingSource)> {
    let book = read(Path::new(&req.path), req.sheet.as_deref())?;
    let (mapping, source) =
        mapping::resolve(conn, kind, &book.data.header, req.mapping.as_deref(), names)?;
    Ok((book, mapping, source))
}
