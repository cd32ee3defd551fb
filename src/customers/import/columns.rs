//! The customer spreadsheet's columns: their Korean/English headers (those
//! the customer export writes among them) and how a header row is
//! understood with the dealer's mapping.

use std::collections::HashMap;

use crate::error::CsvProblem;
use crate::sheets::cells::{codepoint, column_letter, control_char};
use crate::sheets::{FieldInfo, SheetRow};

/// Every field's key, then the headers that name it (Korean first).
pub(super) const COLUMNS: &[(&str, &[&str])] = &[
    ("id", &["id"]),
    ("name", &["이름", "고객명", "성명", "성함", "name"]),
    (
        "phone",
        &[
            "전화",
            "전화번호",
            "휴대폰",
            "휴대전화",
            "핸드폰",
            "연락처",
            "mobile",
            "phone",
        ],
    ),
    ("email", &["이메일", "메일", "e-mail", "email"]),
    ("region", &["지역", "주소", "address", "region"]),
    ("source", &["유입 경로", "경로", "source"]),
    ("current_car", &["현재 차량", "current_car"]),
    ("trade_in", &["보상 판매", "trade_in"]),
    (
        "models",
        &[
            "희망 모델",
            "희망 차종",
            "관심 차종",
            "wanted_models",
            "models",
        ],
    ),
    ("years", &["희망 연식", "years"]),
    ("year_min", &["희망 연식(부터)", "year_min"]),
    ("year_max", &["희망 연식(까지)", "year_max"]),
    ("budget_manwon", &["예산(만원)", "예산", "budget_manwon"]),
    ("budget_krw", &["예산(원)", "budget_krw"]),
    ("mileage_max_km", &["최대 주행거리(km)", "mileage_max_km"]),
    ("fuel", &["희망 연료", "fuel"]),
    ("color", &["희망 색상", "color"]),
    ("consent", &["연락 동의", "수신 동의", "동의", "consent"]),
    ("notes", &["메모", "비고", "notes"]),
];

pub(super) fn fields() -> Vec<FieldInfo> {
    COLUMNS
        .iter()
        .map(|(k, _)| FieldInfo {
            key: (*k).to_owned(),
            required: *k == "name",
        })
        .collect()
}

/// Two keys giving one field (a budget twice, 희망 연식 beside its parts).
fn clash(a: &str, b: &str) -> bool {
    let budget = |k: &str| k.starts_with("budget_");
    let years = |k: &str| k == "years";
    a == b
        || (budget(a) && budget(b))
        || (years(a) && b.starts_with("year_"))
        || (years(b) && a.starts_with("year_"))
}

/// Which column gives which field.
pub(super) struct ColumnMap {
    index: HashMap<&'static str, usize>,
    headers: Vec<String>,
}

impl ColumnMap {
    /// Refused, with every problem, before any row is read: a header with a
    /// control character, two columns giving one field, an unknown key, no
    /// name column.
    pub(super) fn build(
        header: &SheetRow,
        mapping: &[Option<String>],
    ) -> Result<ColumnMap, Vec<CsvProblem>> {
        let mut problems = Vec::new();
        let mut index: HashMap<&'static str, usize> = HashMap::new();
        let mut problem = |column: &str, message: String| {
            problems.push(CsvProblem {
                row: header.number,
                column: column.to_owned(),
                message,
            })
        };
        for (i, raw) in header.cells.iter().enumerate() {
            let name = raw.trim();
            if let Some(c) = control_char(name, false) {
                problem(
                    "",
                    format!(
                        "the header of column {} holds a control character ({})",
                        column_letter(i),
                        codepoint(c)
                    ),
                );
                continue;
            }
            let Some(key) = mapping.get(i).cloned().flatten() else {
                continue;
            };
            let Some(key) = COLUMNS.iter().map(|(k, _)| *k).find(|k| *k == key) else {
                problem(
                    name,
                    format!(
                        "column {} is given the unknown field {key:?}",
                        column_letter(i)
                    ),
                );
                continue;
            };
            match index.iter().find(|(k, _)| clash(k, key)) {
                None => {
                    index.insert(key, i);
                }
                Some((_, &j)) => problem(
                    name,
                    format!(
                        "columns {} {:?} and {} {name:?} give the same field; keep one of them",
                        column_letter(j),
                        header.cells[j].trim(),
                        column_letter(i)
                    ),
                ),
            }
        }
        if !index.contains_key("name") {
            problem("", "the header has no column 이름 (name)".into());
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(ColumnMap {
            index,
            headers: header.cells.iter().map(|h| h.trim().to_owned()).collect(),
        })
    }

    pub(super) fn position(&self, key: &str) -> Option<usize> {
        self.index.get(key).copied()
    }

    pub(super) fn has(&self, key: &str) -> bool {
        self.index.contains_key(key)
    }

    /// The key column `i` gives, if any.
    pub(super) fn key_at(&self, i: usize) -> Option<&'static str> {
        self.index.iter().find(|(_, &j)| j == i).map(|(k, _)| *k)
    }

    /// The header of column `i` as written, or its letter when it has none.
    pub(super) fn header_at(&self, i: usize) -> String {
        match self.headers.get(i) {
            Some(h) if !h.is_empty() => h.clone(),
            _ => column_letter(i),
        }
    }

    /// The header of the column giving `key` (empty when none does).
    pub(super) fn header(&self, key: &str) -> String {
        self.position(key)
            .map(|i| self.header_at(i))
            .unwrap_or_default()
    }
}
