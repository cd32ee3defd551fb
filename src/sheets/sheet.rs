//! A spreadsheet as the importer sees it, whatever file it came from: rows
//! of text cells, each with the row number the spreadsheet shows. The CSV
//! reader makes one ([`super::read_csv`]); an .xlsx reader makes the same.

/// One row: its number as Excel shows it (the header is usually row 1) and
/// its cells as text, left to right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    pub number: u64,
    pub cells: Vec<String>,
}

impl SheetRow {
    /// No cell holds anything but spaces: skipped on import.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// The header row and the data rows below it (blank ones may be left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub header: SheetRow,
    pub rows: Vec<SheetRow>,
}
