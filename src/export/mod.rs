//! Spreadsheet exports a dealer takes away: vehicles, customers, sales with
//! their follow-ups, visits and inquiries, each as `.xlsx` or `.csv`.
//!
//! Each export is first a [`Table`] of typed cells (`tables`), then written
//! by one of two writers (`write`): `.xlsx` with real cell types, Korean
//! headers, column widths and a frozen header row; `.csv` as UTF-8 with a BOM.
//! Days and times are the team's (see `crate::time`), in the one date format.
//! Every text cell that would start a formula gets a `'` in front, in both.

pub mod all;
mod tables;
mod write;
pub(crate) use write::excel_csv_writer;

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};

use crate::db::Store;
use crate::error::{Error, Result};

/// One cell of an export, typed as a spreadsheet holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Number(f64),
    Date(NaiveDate),
    /// Wall-clock time in the team's zone.
    DateTime(NaiveDateTime),
    Empty,
}

/// A sheet: Korean headers with their column widths, then rows.
#[derive(Debug, Clone)]
pub struct Table {
    pub sheet: &'static str,
    pub columns: Vec<(&'static str, f64)>,
    pub rows: Vec<Vec<Cell>>,
}

/// The file formats, chosen by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Csv,
}

impl Format {
    /// `.xlsx` or `.csv` (any case); anything else names the file.
    pub fn of(path: &Path) -> Result<Format> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("xlsx") => Ok(Format::Xlsx),
            Some("csv") => Ok(Format::Csv),
            _ => Err(Error::bad_file(
                path,
                "must end in .xlsx or .csv (the export's format is chosen by the extension)",
            )),
        }
    }
}

crate::text_enum! {
    /// What can be exported. `sales` has one row per follow-up (a sale
    /// without any has one row).
    pub enum Export {
        Vehicles = "vehicles",
        Customers = "customers",
        Sales = "sales",
        Visits = "visits",
        Inquiries = "inquiries",
    }
}

impl Store {
    /// Writes `what` to `path` in the format its extension names. Returns
    /// the number of data rows written.
    pub fn export(&self, what: Export, path: &Path) -> Result<u32> {
        let format = Format::of(path)?;
        let table = match what {
            Export::Vehicles => tables::vehicles(self)?,
            Export::Customers => tables::customers(self)?,
            Export::Sales => tables::sales(self)?,
            Export::Visits => tables::visits(self)?,
            Export::Inquiries => tables::inquiries(self)?,
        };
        match format {
            Format::Xlsx => write::xlsx(path, &table)?,
            Format::Csv => write::csv(path, &table)?,
        }
        Ok(table.rows.len() as u32)
    }
}

#[cfg(test)]
mod tests;
