//! Lotbook's core: the local store and every domain of the app, with no
//! knowledge of the desktop shell. The CLI (`src/bin/lotbook/main.rs`) and the
//! Tauri commands (`src-tauri/`) are thin layers over this crate.

pub mod backup;
pub mod calendar;
pub mod care;
pub mod condition;
pub mod customers;
pub mod db;
pub mod demo;
pub mod diagnostics;
pub mod error;
pub mod export;
pub mod first_run;
pub mod fsutil;
#[cfg(test)]
mod i18n_keys;
pub mod info;
pub mod instance;
pub mod inventory;
pub mod keychain;
pub mod logging;
pub mod mail;
pub mod mailbox;
pub mod photos;
pub mod recalls;
pub mod settings;
pub mod sheets;
pub mod shortlist;
pub mod space;
pub mod startup;
pub mod sync;
mod text_enum;
pub mod time;
pub mod update;
pub mod validate;
pub mod window_state;
pub mod workers;

pub use db::Store;
pub use error::{Error, ErrorShape, Result};

use std::path::PathBuf;

/// The app's identifier; the OS app-data dir is named after it.
pub const APP_ID: &str = "kr.lotbook.app";

/// Environment variable that overrides the data dir (tests use it).
pub const DATA_DIR_ENV: &str = "LOTBOOK_DATA_DIR";

/// Where the desktop app and the CLI keep their data unless told otherwise:
/// `$LOTBOOK_DATA_DIR`, else the OS app-data dir (the same one Tauri uses).
pub fn default_data_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir().map(|d| d.join(APP_ID)).ok_or_else(|| {
        Error::Other(format!(
            "no app-data folder on this system; set {DATA_DIR_ENV}"
        ))
    })
}
