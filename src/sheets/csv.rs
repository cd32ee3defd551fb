//! Reading a CSV file into a [`Sheet`]: the encodings Korean Excel writes,
//! rows numbered as Excel shows them, and bounded memory whatever the bytes.

use std::io::Read;
use std::path::Path;

use super::cells::column_letter;
use super::problem::ProblemCode;
use super::sheet::{Sheet, SheetRow};
use crate::error::{CsvProblem, Error, Result};

/// Largest file read (a stock list of 50,000 cars is about 15 MB).
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// Most columns a row may have (cells beyond the last non-empty one are not
/// counted: Excel often writes trailing empty ones).
pub const MAX_COLUMNS: usize = 1_000;
/// Most rows, and most cells in all (trailing empty ones not counted), that
/// one file may hold: a few hundred MB at worst.
pub const MAX_ROWS: usize = 200_000;
pub const MAX_CELLS: usize = 4_000_000;
/// Longest cell in bytes (a note may hold 10,000 characters).
pub const MAX_CELL_BYTES: usize = 128 * 1024;

/// Reads `path`: a regular file of at most [`MAX_FILE_BYTES`], UTF-8 (BOM
/// or not) or CP949/EUC-KR.
pub fn read_csv(path: &Path) -> Result<Sheet> {
    let bytes = read_bounded(path)?;
    let text = decode(path, &bytes)?;
    drop(bytes);
    parse(path, &text)
}

/// A regular file of at most [`MAX_FILE_BYTES`], looked at before it is
/// opened (opening a FIFO would wait for a writer); its length.
pub(crate) fn check_file(path: &Path) -> Result<u64> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(Error::bad_file(
            path,
            "is not a file (a folder or a device?)",
        ));
    }
    let too_big = || {
        Error::bad_file(
            path,
            format!(
                "is larger than {} MB; split it into smaller files",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big());
    }
    Ok(meta.len())
}

fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    let len = check_file(path)?;
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::bad_file(
            path,
            format!(
                "is larger than {} MB; split it into smaller files",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(bytes)
}

/// Counts Excel's rows: a row break is CR LF, a lone CR or a lone LF, and
/// one inside a quoted cell does not start a row.
#[derive(Default)]
struct RowCounter {
    scanned: usize,
    breaks: u64,
    inside_cells: u64,
}

fn is_break_start(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'\r' || (bytes[i] == b'\n' && (i == 0 || bytes[i - 1] != b'\r'))
}

fn breaks_in(cell: &[u8]) -> u64 {
    (0..cell.len()).filter(|&i| is_break_start(cell, i)).count() as u64
}

impl RowCounter {
    /// The row of the record whose first byte is at `at` (≥ earlier calls).
    fn row_at(&mut self, bytes: &[u8], at: usize) -> u64 {
        let at = at.min(bytes.len());
        while self.scanned < at {
            if is_break_start(bytes, self.scanned) {
                self.breaks += 1;
            }
            self.scanned += 1;
        }
        1 + self.breaks.saturating_sub(self.inside_cells)
    }
}

fn problem(path: &Path, row: u64, column: String, problem: (ProblemCode, &str, String)) -> Error {
    let (code, name, value) = problem;
    let message = match code {
        ProblemCode::CellTooLong => {
            format!("a cell is longer than {value} KB; is this a spreadsheet?")
        }
        _ => format!("the row has more than {value} columns"),
    };
    Error::Csv {
        path: path.to_owned(),
        problems: vec![CsvProblem::new(
            row,
            column,
            code,
            &[(name, value)],
            message,
        )],
    }
}

/// Splits `text` into rows of cells (csv-core, field by field, so that no
/// row, cell or run of empty cells can take more memory than the limits).
pub(crate) fn parse(path: &Path, text: &str) -> Result<Sheet> {
    let bytes = text.as_bytes();
    let mut core = csv_core::ReaderBuilder::new().build();
    let mut counter = RowCounter::default();
    let mut rows: Vec<SheetRow> = Vec::new();
    let mut cells_total = 0usize;

    let mut pos = 0usize; // bytes consumed
    let mut row: Vec<String> = Vec::new();
    let mut empty_run = 0usize; // empty cells not stored yet
    let mut row_number: Option<u64> = None;
    let mut field: Vec<u8> = vec![0; 1024];
    let mut len = 0usize;
    loop {
        if row_number.is_none() {
            // A record starts after any empty lines (which are rows in Excel).
            let skip = bytes[pos..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
            row_number = Some(counter.row_at(bytes, pos + skip));
        }
        let number = row_number.unwrap_or(0);
        let (result, nin, nout) = core.read_field(&bytes[pos..], &mut field[len..]);
        pos += nin;
        len += nout;
        match result {
            csv_core::ReadFieldResult::InputEmpty => {
                // The input ran out mid-field: the next call, with no input,
                // ends it. (Never twice in a row; stop rather than spin.)
                if nin == 0 && nout == 0 {
                    break;
                }
            }
            csv_core::ReadFieldResult::OutputFull => {
                if field.len() >= MAX_CELL_BYTES {
                    return Err(problem(
                        path,
                        number,
                        column_letter(row.len() + empty_run),
                        (
                            ProblemCode::CellTooLong,
                            "kb",
                            (MAX_CELL_BYTES / 1024).to_string(),
                        ),
                    ));
                }
                let grown = (field.len() * 2).min(MAX_CELL_BYTES);
                field.resize(grown, 0);
            }
            csv_core::ReadFieldResult::Field { record_end } => {
                let cell = &field[..len];
                counter.inside_cells += breaks_in(cell);
                if cell.is_empty() {
                    empty_run += 1;
                } else {
                    if row.len() + empty_run >= MAX_COLUMNS {
                        return Err(problem(
                            path,
                            number,
                            String::new(),
                            (ProblemCode::TooManyColumns, "max", MAX_COLUMNS.to_string()),
                        ));
                    }
                    cells_total += empty_run + 1;
                    if cells_total > MAX_CELLS {
                        return Err(Error::bad_file(
                            path,
                            format!(
                                "holds more than {MAX_CELLS} cells; split it into smaller files"
                            ),
                        ));
                    }
                    row.extend(std::iter::repeat_n(String::new(), empty_run));
                    empty_run = 0;
                    // Valid UTF-8: the text was, and csv-core splits only at ASCII.
                    row.push(String::from_utf8_lossy(cell).into_owned());
                }
                len = 0;
                if record_end {
                    if rows.len() >= MAX_ROWS {
                        return Err(Error::bad_file(
                            path,
                            format!("has more than {MAX_ROWS} rows; split it into smaller files"),
                        ));
                    }
                    let cells = std::mem::take(&mut row);
                    empty_run = 0;
                    let r = SheetRow { number, cells };
                    // The header is kept even when blank (it is then refused).
                    if rows.is_empty() || !r.is_blank() {
                        rows.push(r);
                    }
                    row_number = None;
                }
            }
            csv_core::ReadFieldResult::End => break,
        }
    }
    let mut rows = rows.into_iter();
    let Some(header) = rows.next() else {
        return Err(Error::bad_file(path, "is empty: there is no header row"));
    };
    Ok(Sheet {
        header,
        rows: rows.collect(),
    })
}

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
