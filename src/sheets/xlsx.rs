//! Reading .xlsx and .xls with calamine into a [`Sheet`]: cells read as what
//! they are (a date cell becomes `2021-03-15`, a number `2019` or `1250.5`,
//! text stays text and goes through the same checks as a CSV's), rows
//! numbered as Excel shows them, blank rows left out, memory bounded.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{Data, Reader, Xls, Xlsx};

use super::cells::column_letter;
use super::csv::{check_file, MAX_CELLS, MAX_CELL_BYTES, MAX_COLUMNS, MAX_ROWS};
use super::problem::ProblemCode;
use super::sheet::{Sheet, SheetRow};
use super::Workbook;
use crate::error::{CsvProblem, Error, Result};

/// Most bytes the parts of an .xlsx may say they unpack to (a 50,000-car
/// stock list unpacks to about 40 MB); refuses a zip bomb before calamine
/// reads the shared strings, which it holds whole.
const MAX_UNPACKED: u64 = 512 * 1024 * 1024;
/// Excel errors (#N/A, #DIV/0!) reported at most before the file is refused.
const MAX_ERRORS: usize = 50;

pub(super) fn read_xlsx(path: &Path, sheet: Option<&str>) -> Result<Workbook> {
    check_file(path)?;
    check_unpacked(path)?;
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut book: Xlsx<_> = Xlsx::new(BufReader::new(file)).map_err(|e| unreadable(path, e))?;
    let sheets = book.sheet_names();
    let name = pick(path, &sheets, sheet)?;
    let mut cells = book
        .worksheet_cells_reader(&name)
        .map_err(|e| unreadable(path, e))?;
    let mut grid = Grid::new(path);
    while let Some(cell) = cells.next_cell().map_err(|e| unreadable(path, e))? {
        let (row, col) = cell.get_position();
        grid.put(row, col, Data::from(cell.get_value().clone()))?;
    }
    Ok(Workbook {
        sheets,
        sheet: name,
        data: grid.finish()?,
    })
}

/// .xls (Excel 97–2003): calamine reads the whole sheet (at most 65,536 rows
/// of 256 columns, the format's own bound).
pub(super) fn read_xls(path: &Path, sheet: Option<&str>) -> Result<Workbook> {
    check_file(path)?;
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut book: Xls<_> = Xls::new(BufReader::new(file)).map_err(|e| unreadable(path, e))?;
    let sheets = book.sheet_names();
    let name = pick(path, &sheets, sheet)?;
    let range = book
        .worksheet_range(&name)
        .map_err(|e| unreadable(path, e))?;
    let mut grid = Grid::new(path);
    if let Some((r0, c0)) = range.start() {
        for (r, c, value) in range.used_cells() {
            grid.put(r0 + r as u32, c0 + c as u32, value.clone())?;
        }
    }
    Ok(Workbook {
        sheets,
        sheet: name,
        data: grid.finish()?,
    })
}

fn unreadable(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::bad_file(
        path,
        format!("could not be read as an Excel file ({e}); is it damaged, or password-protected?"),
    )
}

fn pick(path: &Path, sheets: &[String], wanted: Option<&str>) -> Result<String> {
    match wanted {
        Some(w) => sheets.iter().find(|s| *s == w).cloned().ok_or_else(|| {
            Error::bad_file(
                path,
                format!("has no sheet named {w:?} (it has {})", sheets.join(", ")),
            )
        }),
        None => sheets
            .first()
            .cloned()
            .ok_or_else(|| Error::bad_file(path, "has no sheets")),
    }
}

/// The sizes the .xlsx's parts say they unpack to, added up.
fn check_unpacked(path: &Path) -> Result<()> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| unreadable(path, e))?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| unreadable(path, e))?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_UNPACKED {
        return Err(Error::bad_file(
            path,
            format!(
                "unpacks to more than {} MB; split it into smaller files",
                MAX_UNPACKED / (1024 * 1024)
            ),
        ));
    }
    Ok(())
}

/// The cells read so far, by row, within the limits of a CSV.
struct Grid<'p> {
    path: &'p Path,
    rows: BTreeMap<u32, Vec<String>>,
    cells: usize,
    errors: Vec<CsvProblem>,
}

impl<'p> Grid<'p> {
    fn new(path: &'p Path) -> Self {
        Grid {
            path,
            rows: BTreeMap::new(),
            cells: 0,
            errors: Vec::new(),
        }
    }

    fn put(&mut self, row: u32, col: u32, value: Data) -> Result<()> {
        let number = u64::from(row) + 1;
        let text = match value {
            Data::Error(e) => {
                if self.errors.len() < MAX_ERRORS {
                    self.errors.push(CsvProblem::new(
                        number,
                        column_letter(col as usize),
                        ProblemCode::ExcelError,
                        &[("value", e.to_string())],
                        format!("holds the Excel error {e}; correct the cell or clear it"),
                    ));
                }
                return Ok(());
            }
            other => text_of(&other),
        };
        if text.is_empty() {
            return Ok(());
        }
        let col = col as usize;
        let refuse = |code: ProblemCode, param: (&str, String), message: String| {
            Err(Error::Csv {
                path: self.path.to_owned(),
                problems: vec![CsvProblem::new(
                    number,
                    column_letter(col.min(MAX_COLUMNS)),
                    code,
                    &[param],
                    message,
                )],
            })
        };
        if col >= MAX_COLUMNS {
            return refuse(
                ProblemCode::TooManyColumns,
                ("max", MAX_COLUMNS.to_string()),
                format!("the row has more than {MAX_COLUMNS} columns"),
            );
        }
        if text.len() > MAX_CELL_BYTES {
            return refuse(
                ProblemCode::CellTooLong,
                ("kb", (MAX_CELL_BYTES / 1024).to_string()),
                format!(
                    "a cell is longer than {} KB; is this a spreadsheet?",
                    MAX_CELL_BYTES / 1024
                ),
            );
        }
        if !self.rows.contains_key(&row) && self.rows.len() >= MAX_ROWS {
            return Err(Error::bad_file(
                self.path,
                format!("has more than {MAX_ROWS} rows; split it into smaller files"),
            ));
        }
        let cells = self.rows.entry(row).or_default();
        if cells.len() <= col {
            self.cells += col + 1 - cells.len();
            if self.cells > MAX_CELLS {
                return Err(Error::bad_file(
                    self.path,
                    format!("holds more than {MAX_CELLS} cells; split it into smaller files"),
                ));
            }
            cells.resize(col + 1, String::new());
        }
        cells[col] = text;
        Ok(())
    }

    /// The first row with anything in it is the header; blank rows are left out.
    fn finish(self) -> Result<Sheet> {
        if !self.errors.is_empty() {
            return Err(Error::Csv {
                path: self.path.to_owned(),
                problems: self.errors,
            });
        }
        let mut rows = self
            .rows
            .into_iter()
            .map(|(r, cells)| SheetRow {
                number: u64::from(r) + 1,
                cells,
            })
            .filter(|r| !r.is_blank());
        let Some(header) = rows.next() else {
            return Err(Error::bad_file(
                self.path,
                "is empty: there is no header row",
            ));
        };
        Ok(Sheet {
            header,
            rows: rows.collect(),
        })
    }
}

/// A cell as the importer reads it: the text Excel would show without its
/// number format (no thousands separators; dates as `YYYY-MM-DD`).
pub(crate) fn text_of(value: &Data) -> String {
    match value {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if (h, min, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}")
            }
        }
        Data::DateTime(d) => number_text(d.as_f64()),
        Data::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).to_owned(),
        Data::DurationIso(s) => s.clone(),
    }
}

/// A whole number without a decimal point; others as short as they round-trip.
fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn cells_read_as_what_they_are() {
        assert_eq!(text_of(&Data::Float(2019.0)), "2019");
        assert_eq!(text_of(&Data::Float(1250.5)), "1250.5");
        assert_eq!(text_of(&Data::Int(-3)), "-3");
        assert_eq!(text_of(&Data::String("1,250만원".into())), "1,250만원");
        let date = ExcelDateTime::new(44270.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(text_of(&Data::DateTime(date)), "2021-03-15");
        let at = ExcelDateTime::new(44270.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(text_of(&Data::DateTime(at)), "2021-03-15 12:00");
        assert_eq!(text_of(&Data::Bool(true)), "TRUE");
    }
}
