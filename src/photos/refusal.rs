//! Why one file of an import was refused. The rest of the batch goes on.

/// A stable `code` the UI localises by, and a message naming the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: &'static str,
    pub message: String,
}

impl Refusal {
    pub fn new(code: &'static str, name: &str, reason: impl std::fmt::Display) -> Refusal {
        Refusal {
            code,
            message: format!("{name}: {reason}"),
        }
    }
}

pub type Refused<T> = std::result::Result<T, Refusal>;
