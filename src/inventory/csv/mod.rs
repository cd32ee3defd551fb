//! Vehicle CSV files that Korean Excel users can open and write.
//!
//! Reads UTF-8 (with or without BOM) and CP949/EUC-KR, which Korean Excel
//! writes by default; writes UTF-8 with a BOM so Excel shows Hangul. Headers
//! and values may be Korean or English. An import is one transaction: any bad
//! row is reported by line and column and nothing at all is changed.

mod columns;
mod export;
mod import;

use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

use crate::error::{Error, Result};

/// Decodes a CSV file's bytes: UTF-8 (BOM optional) or CP949/EUC-KR.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<String> {
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
