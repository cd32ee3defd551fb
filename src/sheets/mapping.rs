//! Which column of a file gives which field: understood from Korean or
//! English headers, or chosen by the dealer per column (a field or
//! "ignore"), and remembered for the next file with the same headers.
//!
//! Remembered on this computer (`local_meta`), not as a team setting: a
//! mapping describes the files one person's Excel or dealer-management
//! program writes, is not data the team shares, and so needs no change
//! capture or sync; a colleague's different layout cannot overwrite it.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::cells::column_letter;
use super::sheet::SheetRow;
use crate::db::{local_get, local_set};
use crate::error::Result;

/// A field an import can fill: its stable key (the UI names it) and
/// whether every file must give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldInfo {
    pub key: String,
    pub required: bool,
}

/// How one column of the file is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ColumnChoice {
    /// 0-based; `letter` is what Excel shows above it.
    pub index: u32,
    pub letter: String,
    /// The header as written (may be empty).
    pub header: String,
    /// The field it fills, or `None`: left out of the import.
    pub field: Option<String>,
}

/// A header as compared: no spaces, lower case ("희망 모델" = "희망모델",
/// "Model" = "model").
pub fn normalize(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A header as matched: [`normalize`]d, brackets of any kind made `()`, and
/// marks dealers add (`*`, `:`) dropped ("가격 [만원]*" = "가격(만원)").
fn matchable(header: &str) -> String {
    normalize(header)
        .chars()
        .filter(|c| !matches!(c, '*' | ':' | '：'))
        .map(|c| match c {
            '[' | '（' | '【' | '{' | '<' => '(',
            ']' | '）' | '】' | '}' | '>' => ')',
            c => c,
        })
        .collect()
}

/// Units a header may carry after its name without brackets.
const UNITS: &[&str] = &["만원", "km"];

/// A matchable header split into its name and its unit: what stands in
/// brackets, or a unit written after it ("가격(만원)" → 가격, 만원;
/// "주행거리km" → 주행거리, km).
fn stem_unit(h: &str) -> (String, String) {
    let mut stem = String::new();
    let mut unit = String::new();
    let mut depth = 0usize;
    for c in h.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth > 0 => unit.push(c),
            c => stem.push(c),
        }
    }
    if unit.is_empty() {
        for u in UNITS {
            if let Some(s) = stem.strip_suffix(u).filter(|s| !s.is_empty()) {
                return (s.to_owned(), (*u).to_owned());
            }
        }
    }
    (stem, unit)
}

/// A unit of money other than 만원 (원, 천원, KRW): a header carrying it
/// never falls back to a field counted in 만원.
fn in_won(unit: &str) -> bool {
    (unit.contains('원') && unit != "만원") || matches!(unit, "krw" | "won" | "₩")
}

/// The field one header names, from `names` (key, accepted headers): the
/// same header (spaces, case and bracket kinds not minded); else the same
/// name with the same unit; else the same name written without a unit
/// ("판매가(만원)" is 판매가), unless the header counts in won.
pub fn field_of(header: &str, names: &[(&str, &[&str])]) -> Option<String> {
    let h = matchable(header);
    if h.is_empty() {
        return None;
    }
    let keyed = || {
        names
            .iter()
            .flat_map(|(k, ns)| ns.iter().map(move |n| (*k, matchable(n))))
    };
    if let Some((k, _)) = keyed().find(|(_, n)| *n == h) {
        return Some(k.to_owned());
    }
    let (stem, unit) = stem_unit(&h);
    if stem.is_empty() {
        return None;
    }
    let split = || keyed().map(|(k, n)| (k, stem_unit(&n)));
    split()
        .find(|(_, (s, u))| *s == stem && *u == unit)
        .or_else(|| split().find(|(_, (s, u))| *s == stem && u.is_empty() && !in_won(&unit)))
        .map(|(k, _)| k.to_owned())
}

/// The field each header names, from `names` (key, accepted headers).
pub fn auto(header: &SheetRow, names: &[(&str, &[&str])]) -> Vec<Option<String>> {
    header.cells.iter().map(|h| field_of(h, names)).collect()
}

/// The columns of `header` with the fields `mapping` gives them.
pub fn choices(header: &SheetRow, mapping: &[Option<String>]) -> Vec<ColumnChoice> {
    header
        .cells
        .iter()
        .enumerate()
        .map(|(i, h)| ColumnChoice {
            index: i as u32,
            letter: column_letter(i),
            header: h.trim().to_owned(),
            field: mapping.get(i).cloned().flatten(),
        })
        .collect()
}

/// A mapping made to fit `header`: one entry per column.
pub fn fit(header: &SheetRow, mut mapping: Vec<Option<String>>) -> Vec<Option<String>> {
    mapping.resize(header.cells.len(), None);
    mapping
}

fn key(kind: &str, header: &SheetRow) -> String {
    let joined: Vec<String> = header.cells.iter().map(|h| normalize(h)).collect();
    let hash = blake3::hash(joined.join("\u{1f}").as_bytes());
    format!("import.mapping.{kind}.{}", &hash.to_hex()[..32])
}

/// The mapping last used on this computer for a file of `kind` with these
/// headers, if any (one that no longer fits is forgotten).
pub fn recall(
    conn: &Connection,
    kind: &str,
    header: &SheetRow,
) -> Result<Option<Vec<Option<String>>>> {
    let Some(json) = local_get(conn, &key(kind, header))? else {
        return Ok(None);
    };
    Ok(serde_json::from_str::<Vec<Option<String>>>(&json)
        .ok()
        .filter(|m| m.len() == header.cells.len()))
}

/// Remembers `mapping` for the next file of `kind` with these headers.
pub fn remember(
    conn: &Connection,
    kind: &str,
    header: &SheetRow,
    mapping: &[Option<String>],
) -> Result<()> {
    let json = serde_json::to_string(mapping).map_err(|e| crate::Error::Other(e.to_string()))?;
    local_set(conn, &key(kind, header), &json)
}

/// Where a mapping came from, as the preview says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum MappingSource {
    /// From the headers.
    Auto,
    /// The one used last time for these headers on this computer.
    Remembered,
    /// Given with the request (the dealer's choice in the preview).
    Given,
}

/// The mapping to use: the one given, else the remembered one, else the
/// automatic one.
pub fn resolve(
    conn: &Connection,
    kind: &str,
    header: &SheetRow,
    given: Option<&[Option<String>]>,
    names: &[(&str, &[&str])],
) -> Result<(Vec<Option<String>>, MappingSource)> {
    if let Some(m) = given {
        return Ok((fit(header, m.to_vec()), MappingSource::Given));
    }
    if let Some(m) = recall(conn, kind, header)? {
        return Ok((m, MappingSource::Remembered));
    }
    Ok((auto(header, names), MappingSource::Auto))
}
