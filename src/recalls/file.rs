//! A recall file's columns (Korean and English headers) and its rows read
//! into recalls: a code, title, remedy and deadline, and the VINs or VIN
//! ranges. Rows sharing a code are one recall; a title or deadline written
//! on one of its rows is the recall's.

use chrono::NaiveDate;

use super::vin::{self, VinSpec};
use crate::error::CsvProblem;
use crate::sheets::{FieldInfo, FieldTable, HeaderMap, ProblemCode, Sheet, SheetRow};

pub(super) const KIND: &str = "recalls";

/// Problems reported at most; past them the file is plainly not right.
const MAX_PROBLEMS: usize = 200;

pub(super) const COLUMNS: &[(&str, &[&str])] = &[
    (
        "code",
        &[
            "리콜 코드",
            "리콜코드",
            "캠페인 코드",
            "캠페인코드",
            "리콜번호",
            "시정조치번호",
            "코드",
            "campaign code",
            "recall code",
            "code",
        ],
    ),
    (
        "title",
        &[
            "리콜 제목",
            "제목",
            "리콜명",
            "캠페인명",
            "결함내용",
            "title",
            "campaign",
            "recall",
        ],
    ),
    (
        "remedy",
        &["시정 방법", "시정방법", "조치 내용", "조치내용", "remedy"],
    ),
    (
        "deadline",
        &["시정 기한", "기한", "조치기한", "마감일", "deadline", "due"],
    ),
    ("vin", &["차대번호", "차대 번호", "vin", "vins"]),
    (
        "vin_from",
        &["차대번호(부터)", "시작 차대번호", "vin from", "vin_from"],
    ),
    (
        "vin_to",
        &["차대번호(까지)", "끝 차대번호", "vin to", "vin_to"],
    ),
];

pub(super) const TABLE: FieldTable = FieldTable {
    columns: COLUMNS,
    required: &[&["code"], &["vin", "vin_from"]],
    field_name,
    clash,
    multiline: &["vin", "remedy"],
};

fn field_name(key: &str) -> &'static str {
    match key {
        "vin" | "vin_from" | "vin_to" => "VIN",
        _ => COLUMNS
            .iter()
            .map(|(k, _)| *k)
            .find(|k| *k == key)
            .unwrap_or(""),
    }
}

fn clash(a: &str, b: &str) -> bool {
    a == b
}

pub(super) fn fields() -> Vec<FieldInfo> {
    TABLE.infos()
}

/// One recall as the file gives it.
#[derive(Debug, Clone)]
pub(super) struct Planned {
    pub code: String,
    pub title: String,
    pub remedy: String,
    pub deadline: Option<String>,
    pub vins: Vec<VinSpec>,
}

/// A deadline as dealers and makers write it: 2026-03-31, 2026.03.31,
/// 2026. 3. 31., 2026/3/31.
fn parse_day(s: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = s
        .split(['-', '.', '/', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

struct Reader<'a> {
    row: &'a SheetRow,
    map: &'a HeaderMap,
    problems: &'a mut Vec<CsvProblem>,
}

impl Reader<'_> {
    fn cell(&self, key: &str) -> String {
        self.map
            .position(key)
            .and_then(|i| self.row.cells.get(i))
            .map(|c| c.trim().trim_start_matches('\'').to_owned())
            .unwrap_or_default()
    }

    fn problem(&mut self, key: &str, code: ProblemCode, value: &str, message: String) {
        self.problems.push(CsvProblem::new(
            self.row.number,
            self.map.header(key),
            code,
            &[("value", value.to_owned())],
            message,
        ));
    }

    /// Text of at most `max` characters.
    fn text(&mut self, key: &str, max: usize) -> String {
        let v = self.cell(key);
        if v.chars().count() > max {
            self.problem(
                key,
                ProblemCode::TooLong,
                "",
                format!("is longer than {max} characters"),
            );
        }
        v
    }
}

/// The recalls of `sheet`, or every problem (at most 200) at its row and
/// column. Nothing is written.
pub(super) fn read(sheet: &Sheet, map: &HeaderMap) -> Result<Vec<Planned>, Vec<CsvProblem>> {
    let mut problems = Vec::new();
    let mut plans: Vec<Planned> = Vec::new();
    for row in sheet.rows.iter().filter(|r| !r.is_blank()) {
        if problems.len() >= MAX_PROBLEMS {
            break;
        }
        let controls = map.control_problems(row, &TABLE);
        if !controls.is_empty() {
            problems.extend(controls);
            continue;
        }
        let mut r = Reader {
            row,
            map,
            problems: &mut problems,
        };
        let code = r.text("code", crate::validate::SHORT_TEXT_MAX);
        if code.is_empty() {
            r.problem(
                "code",
                ProblemCode::Required,
                "",
                "the campaign code is empty".into(),
            );
        }
        let title = r.text("title", crate::validate::SHORT_TEXT_MAX);
        let remedy = r.text("remedy", crate::validate::LONG_TEXT_MAX);
        let raw_deadline = r.cell("deadline");
        let deadline = if raw_deadline.is_empty() {
            None
        } else {
            match parse_day(&raw_deadline) {
                Some(d) => Some(d.to_string()),
                None => {
                    r.problem(
                        "deadline",
                        ProblemCode::InvalidDate,
                        &raw_deadline,
                        format!("{raw_deadline:?} is not a date like 2026-03-31"),
                    );
                    None
                }
            }
        };
        let mut vins = Vec::new();
        match vin::parse_cell(&r.cell("vin")) {
            Ok(v) => vins.extend(v),
            Err(e) => {
                let code = if e.range {
                    ProblemCode::NotVinRange
                } else {
                    ProblemCode::InvalidVin
                };
                r.problem(
                    "vin",
                    code,
                    &e.value,
                    format!(
                        "{:?} is not a VIN (17 letters and digits) or a range of them",
                        e.value
                    ),
                );
            }
        }
        let (from, to) = (r.cell("vin_from"), r.cell("vin_to"));
        if !from.is_empty() || !to.is_empty() {
            let to = if to.is_empty() { from.clone() } else { to };
            match vin::range(&from, &to) {
                Ok(v) => vins.push(v),
                Err(e) => {
                    // The column at fault: the start when it is not a VIN.
                    let start = vin::normalise(&from);
                    let key = if crate::validate::vin_is_valid(&start) {
                        "vin_to"
                    } else {
                        "vin_from"
                    };
                    r.problem(
                        key,
                        ProblemCode::NotVinRange,
                        &e.value,
                        format!(
                            "{:?} is not a range of VINs (from ≤ to, 17 characters each)",
                            e.value
                        ),
                    );
                }
            }
        }
        if vins.is_empty() && r.cell("vin").is_empty() && from.is_empty() {
            let key = if map.has("vin") { "vin" } else { "vin_from" };
            r.problem(key, ProblemCode::Required, "", "the row has no VIN".into());
        }
        if code.is_empty() {
            continue;
        }
        match plans.iter_mut().find(|p| p.code == code) {
            Some(p) => {
                if p.title.is_empty() {
                    p.title = title;
                }
                if p.remedy.is_empty() {
                    p.remedy = remedy;
                }
                if p.deadline.is_none() {
                    p.deadline = deadline;
                }
                p.vins.extend(vins);
            }
            None => plans.push(Planned {
                code,
                title,
                remedy,
                deadline,
                vins,
            }),
        }
    }
    if problems.is_empty() {
        Ok(plans)
    } else {
        problems.truncate(MAX_PROBLEMS);
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_as_written() {
        for s in ["2026-03-31", "2026.03.31", "2026. 3. 31.", "2026/3/31"] {
            assert_eq!(
                parse_day(s).map(|d| d.to_string()).as_deref(),
                Some("2026-03-31"),
                "{s}"
            );
        }
        assert!(parse_day("3월 말").is_none());
    }

    #[test]
    fn headers_understood() {
        let f = |h| crate::sheets::mapping::field_of(h, COLUMNS);
        assert_eq!(f("차대번호").as_deref(), Some("vin"));
        assert_eq!(f("차대번호(부터)").as_deref(), Some("vin_from"));
        assert_eq!(f("Campaign Code").as_deref(), Some("code"));
        assert_eq!(f("시정 기한").as_deref(), Some("deadline"));
    }
}
