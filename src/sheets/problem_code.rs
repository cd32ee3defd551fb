//! The codes of import problems, on their own (no imports) so the error
//! type can carry them without tying itself to the sheets.

use serde::Serialize;
use ts_rs::TS;

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
pub(crate) const FIRST_RULE: usize = 20;
