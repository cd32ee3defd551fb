//! What a dealer reads out or pastes for support by phone: the version, the
//! system, where the data and the log are, and the last warnings and errors.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Diagnostics {
    pub version: String,
    /// `linux`, `macos`, `windows` and the CPU (`x86_64`, `aarch64`).
    pub os: String,
    pub data_dir: String,
    pub log_dir: String,
    /// Newest last.
    pub last_errors: Vec<String>,
}

/// How many log lines the diagnostics carry.
pub const LAST_ERRORS: usize = 20;

pub fn collect(data_dir: &Path, log_dir: &Path) -> Diagnostics {
    Diagnostics {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        os: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        data_dir: data_dir.display().to_string(),
        log_dir: log_dir.display().to_string(),
        last_errors: crate::logging::last_errors(log_dir, LAST_ERRORS),
    }
}
