//! VINs as recall files write them: any case, spaces and dashes inside, and
//! ranges ("KMHxx…000100~000250", the end written whole or only its tail).

pub use crate::validate::normalise_vin as normalise;
use crate::validate::{vin_is_valid, vin_list_is_valid};

/// One VIN or an inclusive range of them (same length, compared as text,
/// as the campaigns' VIN filter compares).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VinSpec {
    One(String),
    Range { from: String, to: String },
}

impl VinSpec {
    pub fn matches(&self, vin: &str) -> bool {
        match self {
            VinSpec::One(v) => v == vin,
            VinSpec::Range { from, to } => {
                vin.len() == from.len() && from.as_str() <= vin && vin <= to.as_str()
            }
        }
    }
}

/// A recall's VIN list as stored and synced (`recalls.vins`): one VIN or
/// `FROM~TO` range a line, sorted, no repeats (the same file gives the
/// same text on every computer).
pub fn to_text<'a>(specs: impl IntoIterator<Item = &'a VinSpec>) -> String {
    let mut lines: Vec<String> = specs
        .into_iter()
        .map(|s| match s {
            VinSpec::One(v) => v.clone(),
            VinSpec::Range { from, to } => format!("{from}~{to}"),
        })
        .collect();
    lines.sort_unstable();
    lines.dedup();
    lines.join("\n")
}

/// The specs of a stored list; a list that fails the door's check (it
/// cannot have been written here) reads as none.
pub fn from_text(text: &str) -> Vec<VinSpec> {
    if !vin_list_is_valid(text) {
        return Vec::new();
    }
    text.split('\n')
        .filter(|l| !l.is_empty())
        .map(|line| match line.split_once('~') {
            Some((from, to)) => VinSpec::Range {
                from: from.to_owned(),
                to: to.to_owned(),
            },
            None => VinSpec::One(line.to_owned()),
        })
        .collect()
}

/// Why a cell is not a VIN or a range (the import's problem code and the
/// English message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VinError {
    pub range: bool,
    pub value: String,
}

const RANGE_MARKS: &[char] = &['~', '～', '〜'];
const LIST_MARKS: &[char] = &[',', ';', '\n', '\r', '/'];

/// The end of a range written as only its tail ("…000100~000250").
fn whole_end(from: &str, to: String) -> String {
    if to.len() < from.len() && from.is_char_boundary(from.len() - to.len()) {
        format!("{}{to}", &from[..from.len() - to.len()])
    } else {
        to
    }
}

/// A range from two values (the file's from/to columns, or one cell's
/// `a~b`).
pub fn range(from: &str, to: &str) -> Result<VinSpec, VinError> {
    let bad = || VinError {
        range: true,
        value: format!("{}~{}", from.trim(), to.trim()),
    };
    let from = normalise(from);
    let to = whole_end(&from, normalise(to));
    if !vin_is_valid(&from) || !vin_is_valid(&to) || from > to {
        return Err(bad());
    }
    Ok(VinSpec::Range { from, to })
}

/// Every VIN or range in one cell (several separated by `,` `;` `/` or
/// line breaks). An empty cell gives none.
pub fn parse_cell(cell: &str) -> Result<Vec<VinSpec>, VinError> {
    let mut out = Vec::new();
    for part in cell.split(LIST_MARKS) {
        if part.trim().is_empty() {
            continue;
        }
        if let Some((a, b)) = part.split_once(RANGE_MARKS) {
            out.push(range(a, b)?);
            continue;
        }
        let v = normalise(part);
        if !vin_is_valid(&v) {
            return Err(VinError {
                range: false,
                value: part.trim().to_owned(),
            });
        }
        out.push(VinSpec::One(v));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_spaces_and_dashes_do_not_matter() {
        let want = vec![VinSpec::One("KMHD341CBKU123456".into())];
        assert_eq!(parse_cell(" kmhd 341-cbku 123456 ").ok(), Some(want));
    }

    #[test]
    fn ranges_whole_or_by_their_tail() {
        let r = parse_cell("KMHD341CBKU000100~000250").expect("range");
        assert_eq!(
            r,
            vec![VinSpec::Range {
                from: "KMHD341CBKU000100".into(),
                to: "KMHD341CBKU000250".into()
            }]
        );
        assert!(r[0].matches("KMHD341CBKU000180"));
        assert!(!r[0].matches("KMHD341CBKU000251"));
        assert!(range("KMHD341CBKU000300", "000250").is_err(), "backwards");
        assert!(parse_cell("KMHD341CBKU00010").is_err(), "16 characters");
        assert_eq!(parse_cell("a1, ;").map(|v| v.len()).ok(), None);
        assert_eq!(parse_cell(" ").map(|v| v.len()).ok(), Some(0));
    }

    #[test]
    fn a_stored_list_reads_back_and_a_bad_one_reads_as_none() {
        let specs = parse_cell("KMHD341CBKU000100~000250, kmhd341cbku123456, KMHD341CBKU123456")
            .expect("cell");
        let text = to_text(&specs);
        assert_eq!(
            text,
            "KMHD341CBKU000100~KMHD341CBKU000250\nKMHD341CBKU123456"
        );
        assert_eq!(from_text(&text).len(), 2);
        assert!(
            from_text("KMHD341CBKU000300~KMHD341CBKU000250").is_empty(),
            "backwards"
        );
        assert!(
            from_text("KMHD341CBKU12345\nKMHD341CBKU123456").is_empty(),
            "a bad line"
        );
        assert!(from_text("").is_empty());
    }
}
