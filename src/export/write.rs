//! The two writers of a [`Table`]: `.xlsx` (typed cells) and `.csv`
//! (UTF-8 with a BOM so Excel shows Hangul). Both write atomically.

use std::path::Path;

use chrono::{Datelike, Timelike};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use super::{Cell, Table};
use crate::condition::Lang;
use crate::error::{Error, Result};
use crate::fsutil::write_atomic;
use crate::inventory::csv::guard;
use crate::time::format_date;

/// The one date format (`2026.12.05`, `2026.12.05 14:00`), as Excel shows it.
const DATE_FORMAT: &str = "yyyy.mm.dd";
const DATE_TIME_FORMAT: &str = "yyyy.mm.dd hh:mm";

pub(super) fn xlsx(path: &Path, table: &Table) -> Result<()> {
    let bytes = xlsx_bytes(table)
        .map_err(|e| Error::bad_file(path, format!("could not be written as .xlsx: {e}")))?;
    write_atomic(path, &bytes)
}

fn xlsx_bytes(table: &Table) -> std::result::Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(table.sheet)?;
    let header = Format::new().set_bold();
    let date = Format::new().set_num_format(DATE_FORMAT);
    let date_time = Format::new().set_num_format(DATE_TIME_FORMAT);
    for (c, (name, width)) in table.columns.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, *name, &header)?;
        sheet.set_column_width(c, *width)?;
    }
    // The header row stays visible while the dealer scrolls.
    sheet.set_freeze_panes(1, 0)?;
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => {
                    sheet.write_string(r, c, guard(s).as_ref())?;
                }
                Cell::Int(n) => {
                    sheet.write_number(r, c, *n as f64)?;
                }
                Cell::Number(n) => {
                    sheet.write_number(r, c, *n)?;
                }
                Cell::Date(d) => {
                    let x =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    sheet.write_datetime_with_format(r, c, &x, &date)?;
                }
                Cell::DateTime(t) => {
                    let x =
                        ExcelDateTime::from_ymd(t.year() as u16, t.month() as u8, t.day() as u8)?
                            .and_hms(t.hour() as u16, t.minute() as u8, t.second() as f64)?;
                    sheet.write_datetime_with_format(r, c, &x, &date_time)?;
                }
                Cell::Empty => {}
            }
        }
    }
    book.save_to_buffer()
}

pub(super) fn csv(path: &Path, table: &Table) -> Result<()> {
    let bytes = csv_bytes(table)
        .map_err(|e| Error::bad_file(path, format!("could not be written as CSV: {e}")))?;
    write_atomic(path, &bytes)
}

/// A CSV writer as Excel reads it on Windows and macOS alike: a UTF-8 BOM
/// (else Excel reads Korean as the system code page) and CRLF line ends
/// (RFC 4180, and what Excel itself writes). A line break inside a cell stays
/// as typed, inside its quotes.
pub(crate) fn excel_csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::from(*b"\xEF\xBB\xBF"))
}

fn csv_bytes(table: &Table) -> std::result::Result<Vec<u8>, csv::Error> {
    let mut out = excel_csv_writer();
    out.write_record(table.columns.iter().map(|(name, _)| *name))?;
    for row in &table.rows {
        out.write_record(row.iter().map(csv_text))?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

/// A cell as CSV text: what the .xlsx shows.
fn csv_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => guard(s).into_owned(),
        Cell::Int(n) => n.to_string(),
        Cell::Number(n) => format!("{n}"),
        Cell::Date(d) => format_date(*d, Lang::Ko),
        Cell::DateTime(t) => format!("{} {}", format_date(t.date(), Lang::Ko), t.format("%H:%M")),
        Cell::Empty => String::new(),
    }
}
