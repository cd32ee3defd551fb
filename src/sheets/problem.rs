//! What is wrong with a spreadsheet, as a stable code and its parameters
//! (like the sync notices, `sync::notice`): the app words each one in the
//! dealer's language from `import.problem.<code>` (ko and en), the CLI and
//! the log print the English `message` beside it.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

use crate::error::{CsvProblem, FieldError};

macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident = $key:literal,)*) => {
        /// Every kind of import problem. The parameters each one carries are
        /// named beside it; `row` and `column` are always on the problem.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
        #[ts(export)]
        pub enum ProblemCode {
            $($(#[$doc])* #[serde(rename = $key)] $name,)*
        }

        impl ProblemCode {
            pub const ALL: &'static [ProblemCode] = &[$(ProblemCode::$name,)*];

            /// The code as the app and the i18n files spell it.
            pub fn key(self) -> &'static str {
                match self {
                    $(ProblemCode::$name => $key,)*
                }
            }
        }
    };
}

codes! {
    // The header row (the whole file is refused before any row is read).
    /// `letter`, `char`: a header holds a control character.
    HeaderControlChar = "header_control_char",
    /// `letter`, `field`: a column is given a field Lotbook does not know.
    UnknownField = "unknown_field",
    /// `letter`, `other_letter`: two columns with the same header.
    SameHeader = "same_header",
    /// `letter`, `other_letter`, `other_header`: two columns give one field.
    SameField = "same_field",
    /// `columns`: required columns the header lacks (their Korean headers).
    MissingColumns = "missing_columns",
    // The file as read.
    /// `value`: a cell holds an Excel error (#DIV/0!).
    ExcelError = "excel_error",
    /// `max`: a row has more columns than Lotbook reads.
    TooManyColumns = "too_many_columns",
    /// `kb`: a cell longer than any spreadsheet cell should be.
    CellTooLong = "cell_too_long",
    // A cell.
    /// `char`: a control character.
    ControlChar = "control_char",
    /// `char`: a tab or line break outside the notes.
    LineBreak = "line_break",
    /// A number is required and the cell is empty.
    NumberRequired = "number_required",
    /// `value`: not a number.
    NotNumber = "not_number",
    /// `value`, `allowed`: not one of the words the column takes.
    NotOneOf = "not_one_of",
    /// `value`: neither yes nor no.
    NotYesNo = "not_yes_no",
    /// `value`: not a year or years like 2015~2019.
    NotYears = "not_years",
    /// The lot is empty.
    LotEmpty = "lot_empty",
    /// `value`: an id that is not Lotbook's.
    NotLotbookId = "not_lotbook_id",
    /// `value`, `other`: the same plate, VIN, phone or e-mail on another row.
    SameInFile = "same_in_file",
    /// `value`: not a range of VINs (a recall file's `from~to`).
    NotVinRange = "not_vin_range",
    /// The row could not be checked against the data (a database error).
    CheckFailed = "check_failed",
    // The vehicle and customer rules (`FieldError` codes).
    Required = "required",
    TooLong = "too_long",
    ControlCharacter = "control_character",
    InvalidDate = "invalid_date",
    InvalidEmail = "invalid_email",
    InvalidPhone = "invalid_phone",
    InvalidVin = "invalid_vin",
    YearOutOfRange = "year_out_of_range",
    Negative = "negative",
    OutOfRange = "out_of_range",
    TooLarge = "too_large",
    UnknownLot = "unknown_lot",
    DuplicateVin = "duplicate_vin",
    DuplicatePlate = "duplicate_plate",
    /// Any other rule the value breaks.
    Invalid = "invalid",
}

impl ProblemCode {
    /// The problem code of a rule's [`FieldError`] code (`invalid` when the
    /// import has no words of its own for it).
    pub fn of_field(code: &str) -> ProblemCode {
        ProblemCode::ALL[FIRST_RULE..]
            .iter()
            .copied()
            .find(|c| c.key() == code)
            .unwrap_or(ProblemCode::Invalid)
    }
}

/// Where the rules' codes start in [`ProblemCode::ALL`].
const FIRST_RULE: usize = 20;

impl CsvProblem {
    /// A problem at `row` (as Excel numbers it) and `column` (the header as
    /// written; empty for the whole row).
    pub fn new(
        row: u64,
        column: impl Into<String>,
        code: ProblemCode,
        params: &[(&str, String)],
        message: impl Into<String>,
    ) -> CsvProblem {
        CsvProblem {
            row,
            column: column.into(),
            code,
            params: params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect::<BTreeMap<_, _>>(),
            message: message.into(),
        }
    }

    /// A rule's refusal ([`FieldError`]) at `row` and `column`.
    pub fn of_field(row: u64, column: impl Into<String>, f: FieldError) -> CsvProblem {
        CsvProblem::new(row, column, ProblemCode::of_field(&f.code), &[], f.message)
    }

    /// The row could not be checked (a database error, in English for the log).
    pub fn check_failed(row: u64, e: &crate::Error) -> CsvProblem {
        CsvProblem::new(
            row,
            "",
            ProblemCode::CheckFailed,
            &[],
            format!("could not be checked: {e}"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys of the `problem: { … }` block of an i18n file.
    fn problem_keys(text: &str) -> Vec<String> {
        let Some(start) = text.find("\n    problem: {") else {
            return Vec::new();
        };
        text[start + 1..]
            .lines()
            .skip(1)
            .take_while(|l| !l.trim_start().starts_with('}'))
            .filter_map(|l| l.trim().split_once(':').map(|(k, _)| k.trim().to_owned()))
            .collect()
    }

    #[test]
    fn every_code_is_worded_in_korean_and_english() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/i18n");
        for lang in ["ko", "en"] {
            let text = std::fs::read_to_string(dir.join(format!("{lang}.ts"))).expect("i18n file");
            let keys = problem_keys(&text);
            for code in ProblemCode::ALL {
                assert!(
                    keys.iter().any(|k| k == code.key()),
                    "{lang}.ts has no import.problem.{}",
                    code.key()
                );
            }
            assert_eq!(keys.len(), ProblemCode::ALL.len(), "{lang}.ts: {keys:?}");
        }
    }

    #[test]
    fn rule_codes_map_to_their_own_words() {
        assert_eq!(ProblemCode::ALL[FIRST_RULE], ProblemCode::Required);
        assert_eq!(
            ProblemCode::of_field("invalid_vin"),
            ProblemCode::InvalidVin
        );
        assert_eq!(ProblemCode::of_field("unknown_user"), ProblemCode::Invalid);
        // Codes of the file itself are never a rule's.
        assert_eq!(ProblemCode::of_field("not_number"), ProblemCode::Invalid);
        let json = serde_json::to_string(&ProblemCode::SameInFile).expect("json");
        assert_eq!(json, "\"same_in_file\"");
    }
}
