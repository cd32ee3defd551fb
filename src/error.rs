//! The one error type of the core and the one error shape the UI sees.

use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

crate::text_enum! {
    /// Every code a failed command can carry to the UI (`ErrorShape.code`):
    /// the UI words each by `errors.<code>` and compares them as a union
    /// type, so a code is added here, once. Serialised as today's strings.
    pub enum ErrorCode {
        // What went wrong, whatever the input (Error's variants).
        NotFound = "not_found",
        Conflict = "conflict",
        SchemaTooNew = "schema_too_new",
        CsvInvalid = "csv_invalid",
        Io = "io",
        BadFile = "bad_file",
        Busy = "busy",
        Database = "database",
        Cancelled = "cancelled",
        Unreachable = "unreachable",
        FolderFull = "folder_full",
        ClockWrong = "clock_wrong",
        Other = "other",
        Internal = "internal",
        // The updater (the shell's).
        UpdateSignature = "update_signature",
        UpdateUnconfigured = "update_unconfigured",
        UpdateUnreachable = "update_unreachable",
        UpdateFormat = "update_format",
        UpdateInstallFailed = "update_install_failed",
        UpdateFailed = "update_failed",
        UpdateBusy = "update_busy",
        UpdateNone = "update_none",
        // A field of the input (Error::Invalid), sorted.
        AlreadyAssigned = "already_assigned",
        AlreadySold = "already_sold",
        BadHash = "bad_hash",
        ControlCharacter = "control_character",
        DuplicateItem = "duplicate_item",
        DuplicateName = "duplicate_name",
        DuplicatePanel = "duplicate_panel",
        DuplicatePlate = "duplicate_plate",
        DuplicateVehicle = "duplicate_vehicle",
        DuplicateVin = "duplicate_vin",
        FolderMissing = "folder_missing",
        FolderNotEncrypted = "folder_not_encrypted",
        HistoryRetired = "history_retired",
        HtmlTooLarge = "html_too_large",
        InvalidBudget = "invalid_budget",
        InvalidChannel = "invalid_channel",
        InvalidChoice = "invalid_choice",
        InvalidCustomerEmail = "invalid_customer_email",
        InvalidDate = "invalid_date",
        InvalidEmail = "invalid_email",
        InvalidHost = "invalid_host",
        InvalidId = "invalid_id",
        InvalidLang = "invalid_lang",
        InvalidNumber = "invalid_number",
        InvalidPhone = "invalid_phone",
        InvalidPort = "invalid_port",
        InvalidPreset = "invalid_preset",
        InvalidSchedule = "invalid_schedule",
        InvalidSecurity = "invalid_security",
        InvalidSender = "invalid_sender",
        InvalidState = "invalid_state",
        InvalidStatus = "invalid_status",
        InvalidTemplate = "invalid_template",
        InvalidTime = "invalid_time",
        InvalidTimeZone = "invalid_time_zone",
        InvalidVin = "invalid_vin",
        ItemState = "item_state",
        Keychain = "keychain",
        Negative = "negative",
        NoCustomer = "no_customer",
        NoEmail = "no_email",
        NoPassword = "no_password",
        NoSender = "no_sender",
        NoSmtp = "no_smtp",
        NoVehicles = "no_vehicles",
        OpenRecall = "open_recall",
        OutOfRange = "out_of_range",
        OverBudget = "over_budget",
        PaintUm = "paint_um",
        PassphraseNeeded = "passphrase_needed",
        PassphraseWrong = "passphrase_wrong",
        PhotoOrder = "photo_order",
        PhotosArchived = "photos_archived",
        Required = "required",
        TooLarge = "too_large",
        TooLong = "too_long",
        TooManyVehicles = "too_many_vehicles",
        TyreTread = "tyre_tread",
        UnknownItem = "unknown_item",
        UnknownLot = "unknown_lot",
        UnknownPanel = "unknown_panel",
        UnknownPart = "unknown_part",
        UnknownPhoto = "unknown_photo",
        UnknownSetting = "unknown_setting",
        UnknownUser = "unknown_user",
        VisitConflict = "visit_conflict",
        YearOutOfRange = "year_out_of_range",
        // The mail server's answer when an account is checked.
        AuthUnsupported = "auth_unsupported",
        AuthFailed = "auth_failed",
        RecipientRefused = "recipient_refused",
        Rejected = "rejected",
        Deferred = "deferred",
        Tls = "tls",
        InvalidAddress = "invalid_address",
        // An outbox entry that failed (the composer shows it as an error).
        MaybeSent = "maybe_sent",
        MissingFile = "missing_file",
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for ErrorCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

/// A problem with one field of user input. `code` is stable and localisable
/// by the UI; `message` is plain English naming the field, for the CLI and logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldError {
    pub field: String,
    pub code: ErrorCode,
    pub message: String,
}

/// One bad cell (or header, or row) of an imported spreadsheet file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CsvProblem {
    /// The row number the spreadsheet shows, as Excel numbers it: the header
    /// is row 1, the first data row row 2; a cell holding line breaks is
    /// still one row, and an empty line is a row. (Was `line`, a count of
    /// the file's physical lines.)
    #[ts(type = "number")]
    pub row: u64,
    /// The column's header as written in the file, or empty for a whole-row problem.
    pub column: String,
    /// What is wrong, worded by the app from `import.problem.<code>`.
    pub code: crate::sheets::problem_code::ProblemCode,
    /// The values the wording names (`value`, `other`, `letter`, …).
    pub params: std::collections::BTreeMap<String, String>,
    /// Plain English for the CLI and logs.
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", .0.message)]
    Invalid(FieldError),

    #[error("{what} not found: {id}")]
    NotFound { what: &'static str, id: String },

    #[error("{0}")]
    Conflict(String),

    #[error(
        "{} was written by a newer Lotbook (schema version {found}; this version knows up to {known}). \
         Update Lotbook to open it; the file was left untouched.",
        path.display()
    )]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    #[error("{}: {}", path.display(), problems_summary(problems))]
    Csv {
        path: PathBuf,
        problems: Vec<CsvProblem>,
    },

    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{}: {message}", path.display())]
    BadFile { path: PathBuf, message: String },

    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),

    /// This computer's clock is plainly wrong (before 2025 or after 2099):
    /// nothing is written until it is set right; reading goes on.
    #[error("{0}")]
    ClockWrong(String),

    /// The dealer stopped long work (composing an email) before it finished.
    #[error("cancelled")]
    Cancelled,

    /// The sync folder is not there (an unplugged NAS, no network). Offline
    /// is normal: nothing is lost, sync tries again later.
    #[error("{0}")]
    Unreachable(String),

    /// The sync folder's disk is full; the changes wait on this computer.
    #[error("{0}")]
    FolderFull(String),

    /// Another piece of work holds what this needs (an import being
    /// written, a restore, the app on the data folder); try again later.
    #[error("{0}")]
    Busy(String),

    #[error("{0}")]
    Other(String),
}

fn problems_summary(problems: &[CsvProblem]) -> String {
    let mut parts: Vec<String> = problems
        .iter()
        .take(5)
        .map(|p| {
            if p.column.is_empty() {
                format!("row {}: {}", p.row, p.message)
            } else {
                format!("row {}, column {}: {}", p.row, p.column, p.message)
            }
        })
        .collect();
    if problems.len() > 5 {
        parts.push(format!("and {} more", problems.len() - 5));
    }
    format!("nothing was imported; {}", parts.join("; "))
}

impl Error {
    pub fn invalid(field: &str, code: ErrorCode, message: impl Into<String>) -> Self {
        Error::Invalid(FieldError {
            field: field.to_owned(),
            code,
            message: message.into(),
        })
    }

    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_owned(),
            source,
        }
    }

    pub fn bad_file(path: &Path, message: impl Into<String>) -> Self {
        Error::BadFile {
            path: path.to_owned(),
            message: message.into(),
        }
    }

    /// Stable machine-readable code; the UI localises by it.
    pub fn code(&self) -> ErrorCode {
        use ErrorCode as C;
        match self {
            Error::Invalid(e) => e.code,
            Error::NotFound { .. } => C::NotFound,
            Error::Conflict(_) => C::Conflict,
            Error::SchemaTooNew { .. } => C::SchemaTooNew,
            Error::Csv { .. } => C::CsvInvalid,
            Error::Io { .. } => C::Io,
            Error::BadFile { .. } => C::BadFile,
            Error::Sqlite(e) if is_busy(e) => C::Busy,
            Error::Sqlite(_) => C::Database,
            Error::Cancelled => C::Cancelled,
            Error::Unreachable(_) => C::Unreachable,
            Error::FolderFull(_) => C::FolderFull,
            Error::Busy(_) => C::Busy,
            Error::ClockWrong(_) => C::ClockWrong,
            Error::Other(_) => C::Other,
        }
    }
}

/// The clock's refusal to stamp, raised inside SQL by the capture triggers,
/// comes back from SQLite as text behind this mark.
pub(crate) const CLOCK_MARK: &str = "[clock_wrong] ";

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(_, Some(msg)) = &e {
            if let Some(at) = msg.find(CLOCK_MARK) {
                return Error::ClockWrong(msg[at + CLOCK_MARK.len()..].to_owned());
            }
        }
        Error::Sqlite(e)
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// What crosses IPC to the UI for every failed command: `{ code, message }`,
/// plus the field for input errors and the rows of a rejected CSV file.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ErrorShape {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<String>,
    pub problems: Vec<CsvProblem>,
}

impl From<&Error> for ErrorShape {
    fn from(e: &Error) -> Self {
        ErrorShape {
            code: e.code(),
            message: e.to_string(),
            field: match e {
                Error::Invalid(f) => Some(f.field.clone()),
                _ => None,
            },
            problems: match e {
                Error::Csv { problems, .. } => problems.clone(),
                _ => Vec::new(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    /// A code without words would show the core's English sentence inside the
    /// Korean screen.
    #[test]
    fn every_code_is_worded_in_korean_and_english() {
        for lang in ["ko", "en"] {
            let keys = crate::i18n_keys::block_keys(&crate::i18n_keys::file(lang), "  errors: {");
            let missing: Vec<&str> = ErrorCode::ALL
                .iter()
                .map(|c| c.as_str())
                .filter(|c| !keys.iter().any(|k| k == c))
                .collect();
            assert!(
                missing.is_empty(),
                "{lang}.ts has no errors.<code> for {missing:?}"
            );
        }
    }
}
