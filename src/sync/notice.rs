//! Notices of a sync pass: a stable code and its parameters, which the app
//! words in the reader's language, plus the English sentence the CLI prints
//! and the log keeps for entries without a code.

use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Notice {
    /// `copied`, `clone`, `restored`, `import_running`, `kept_deleted`,
    /// `photo_refused`, `photo_damaged`, `photo_not_sent`, `photo_unreadable`,
    /// `snapshot_loaded`, `snapshot_skipped`, `snapshot_awaited`.
    pub code: String,
    pub params: BTreeMap<String, String>,
    pub message: String,
}

impl Notice {
    pub fn new(code: &str, params: &[(&str, String)], message: impl Into<String>) -> Notice {
        Notice {
            code: code.to_owned(),
            params: params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
