//! A vehicle file (.xlsx, .xls or .csv) previewed and imported as the app
//! does: the dealer's column mapping, remembered for the next file with the
//! same headers.

use std::path::Path;

use super::columns::{fields, header_names, ColumnMap};
use super::import::check_rows;
use super::CsvImportReport;
use crate::db::Store;
use crate::error::Result;
use crate::sheets::mapping::{self, MappingSource};
use crate::sheets::{self, build_preview, ImportControl, SheetPreview, SheetRequest};

/// The kind of file, for the remembered mappings.
const KIND: &str = "vehicles";

impl Store {
    /// What an import of `req` would do, without writing: the first rows,
    /// how each column is understood, every problem.
    pub fn preview_vehicle_file(&self, req: &SheetRequest) -> Result<SheetPreview> {
        let (book, mapping, source) = sheets::open(self.conn(), req, KIND, header_names())?;
        let problems = match ColumnMap::build(&book.data.header, &mapping) {
            Err(p) => p,
            Ok(map) => check_rows(self, &map, &book.data, chrono::Utc::now())
                .err()
                .unwrap_or_default(),
        };
        Ok(build_preview(
            book,
            &mapping,
            source,
            fields(),
            problems,
            Vec::new(),
        ))
    }

    /// Imports the vehicles of `req`'s file, all or nothing. A mapping the
    /// dealer chose is remembered on this computer once the import succeeds.
    pub fn import_vehicle_file(
        &mut self,
        req: &SheetRequest,
        control: ImportControl,
    ) -> Result<CsvImportReport> {
        let path = Path::new(&req.path);
        let (book, mapping, source) = sheets::open(self.conn(), req, KIND, header_names())?;
        let header = &book.data.header;
        let report = self.import_vehicle_sheet_mapped(path, &book.data, &mapping, control)?;
        if source == MappingSource::Given {
            mapping::remember(self.conn(), KIND, header, &mapping)?;
        }
        Ok(report)
    }
}
