//! A restore the desktop app asked for: the app cannot restore while it has
//! the data folder open, so it writes the request, restarts, and restores
//! before it opens the store again.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

use crate::error::{Error, Result};

const REQUEST_FILE: &str = "restore-request.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RestoreOutcome {
    /// The backup restored (or refused).
    pub path: String,
    pub ok: bool,
    /// Why it was refused (nothing was changed then).
    pub error: Option<String>,
    /// The backup of the data it replaced.
    pub saved_to: Option<String>,
}

/// Records that `backup` is to be restored at the next start, after
/// checking that it can be read at all (a preview), so an unreadable one is
/// refused at once.
pub fn request_restore(data_dir: &Path, backup: &Path) -> Result<()> {
    super::preview(backup)?;
    let text = serde_json::to_vec(&serde_json::json!({ "path": backup }))
        .map_err(|e| Error::Other(e.to_string()))?;
    crate::fsutil::write_atomic(&data_dir.join(REQUEST_FILE), &text)
}

/// Runs the restore a request asked for, if there is one. The request is
/// removed first, so a restore that fails never runs again at every start.
pub fn restore_requested(data_dir: &Path) -> Option<RestoreOutcome> {
    let file = data_dir.join(REQUEST_FILE);
    let bytes = std::fs::read(&file).ok()?;
    let _ = std::fs::remove_file(&file);
    let _ = crate::fsutil::sync_dir(data_dir);
    #[derive(Deserialize)]
    struct Request {
        path: PathBuf,
    }
    let path = match serde_json::from_slice::<Request>(&bytes) {
        Ok(r) => r.path,
        Err(e) => {
            return Some(RestoreOutcome {
                path: file.display().to_string(),
                ok: false,
                error: Some(format!("the restore request cannot be read ({e})")),
                saved_to: None,
            })
        }
    };
    // The process that asked is still exiting (it holds the data folder's
    // shared lock for a moment after it spawned us): wait for it.
    let since = std::time::Instant::now();
    let result = loop {
        match super::restore(data_dir, &path) {
            Err(Error::Busy(_)) if since.elapsed() < std::time::Duration::from_secs(15) => {
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            other => break other,
        }
    };
    Some(match result {
        Ok(saved) => RestoreOutcome {
            path: path.display().to_string(),
            ok: true,
            error: None,
            saved_to: saved.map(|s| s.path),
        },
        Err(e) => RestoreOutcome {
            path: path.display().to_string(),
            ok: false,
            error: Some(e.to_string()),
            saved_to: None,
        },
    })
}
