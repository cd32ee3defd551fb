//! The shapes Settings › About shows for an application update. The shell
//! finds, downloads and verifies updates (tauri-plugin-updater); the core
//! only names what crosses to the UI and the rule of when one may install.

use serde::Serialize;
use ts_rs::TS;

/// An update the update server offers that is newer than this version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UpdateInfo {
    pub version: String,
    pub current_version: String,
    /// The release notes, as the release wrote them (Korean first).
    pub notes: Option<String>,
    /// When the release was published, RFC 3339.
    pub date: Option<String>,
}

/// Where an update's download and install is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "stage", rename_all = "snake_case")]
#[ts(export)]
pub enum UpdateProgress {
    Downloading {
        #[ts(type = "number")]
        done: u64,
        #[ts(type = "number | null")]
        total: Option<u64>,
    },
    /// The download matched the release key's signature.
    Verified,
    Installing,
    /// Installed (or, on Windows, set to install when Lotbook closes): the
    /// new version runs from the next start.
    Ready,
}

/// An update never installs in the middle of a send, sync, import or backup:
/// the refusal names what is running, or `None` when nothing is.
pub fn refusal(running: &[String]) -> Option<String> {
    if running.is_empty() {
        return None;
    }
    Some(format!(
        "the update waits until this finishes: {}",
        running.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn installs_only_when_nothing_runs() {
        assert_eq!(refusal(&[]), None);
        let why = refusal(&["sync".into(), "backup".into()]).unwrap_or_default();
        assert!(why.contains("sync, backup"), "{why}");
    }

    #[test]
    fn progress_crosses_as_tagged_stages() {
        let p = UpdateProgress::Downloading {
            done: 10,
            total: Some(20),
        };
        let json = serde_json::to_string(&p).unwrap_or_default();
        assert_eq!(json, r#"{"stage":"downloading","done":10,"total":20}"#);
        let ready = serde_json::to_string(&UpdateProgress::Ready).unwrap_or_default();
        assert_eq!(ready, r#"{"stage":"ready"}"#);
    }
}
