//! What the app tells about itself (settings page, support).

use serde::Serialize;
use ts_rs::TS;

use crate::customers::User;
use crate::db::{Store, SCHEMA_VERSION};
use crate::error::Result;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub device_id: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    pub me: Option<User>,
    /// Local time of the newest backup, `YYYY-MM-DD HH:MM:SS`.
    pub last_backup: Option<String>,
}

impl Store {
    pub fn app_info(&self) -> Result<AppInfo> {
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            data_dir: self.data_dir().display().to_string(),
            device_id: self.device_id().to_owned(),
            schema_version: SCHEMA_VERSION,
            me: self.me()?,
            last_backup: crate::backup::list(self)?
                .first()
                .map(|b| b.taken_at.clone()),
        })
    }
}
