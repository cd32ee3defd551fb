//! What is wrong with a spreadsheet, as a stable code and its parameters
//! (like the sync notices, `sync::notice`): the app words each one in the
//! dealer's language from `import.problem.<code>` (ko and en), the CLI and
//! the log print the English `message` beside it.

use std::collections::BTreeMap;

pub use super::problem_code::ProblemCode;
#[cfg(test)]
use super::problem_code::FIRST_RULE;
use crate::error::{CsvProblem, FieldError};

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
        CsvProblem::new(
            row,
            column,
            ProblemCode::of_field(f.code.as_str()),
            &[],
            f.message,
        )
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

    #[test]
    fn every_code_is_worded_in_korean_and_english() {
        for lang in ["ko", "en"] {
            let keys =
                crate::i18n_keys::block_keys(&crate::i18n_keys::file(lang), "    problem: {");
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
