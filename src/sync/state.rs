//! This device's sync settings and marks (device-local, in `local_meta`),
//! the sync log, and the status the header shows.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

pub use super::clocks::{ClockAhead, OwnClock, OwnClockState};
use crate::db::Store;
use crate::error::{Error, Result};

const FOLDER_KEY: &str = "sync.folder";
const NAME_KEY: &str = "sync.device_name";
const MARKS_KEY: &str = "sync.marks";
const LAST_OK_KEY: &str = "sync.last_ok_at";
const LAST_ERROR_KEY: &str = "sync.last_error";
/// The sync log keeps this many entries.
const LOG_KEEP: i64 = 200;

/// How far this device has sent: its own changes up to `sent_upto` (a
/// `changes.seq`) are in segments 1..=`last_number` of `device`. Own
/// changes are those stamped with the current id: a renewal restamps the
/// unsent ones of the former id, and what later arrives under a former id
/// (the original of a copied data folder goes on using it) came from the
/// folder and is never ours to send.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Marks {
    pub device: Option<String>,
    pub sent_upto: i64,
    pub last_number: u64,
    /// This device's newest segments as it wrote them (at most
    /// [`RECENT_WRITTEN`]): a file under one of these names that is not
    /// what we wrote means another computer writes under our device id.
    #[serde(default)]
    pub written: Vec<Written>,
}

/// How many of our own segments are remembered in [`Marks::written`].
pub const RECENT_WRITTEN: usize = 16;

/// One of our segments: its number, the checksum its header names, and
/// the change number it starts after (what to send again if it is lost).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    pub number: u64,
    pub blake3: String,
    pub after: i64,
}

pub fn marks(store: &Store) -> Result<Marks> {
    match store.local_get(MARKS_KEY)? {
        Some(json) => serde_json::from_str(&json)
            .map_err(|e| Error::Other(format!("the saved sync marks are unreadable: {e}"))),
        None => Ok(Marks::default()),
    }
}

pub fn set_marks(store: &mut Store, marks: &Marks) -> Result<()> {
    let json = serde_json::to_string(marks).map_err(|e| Error::Other(e.to_string()))?;
    store.local_set(MARKS_KEY, &json)
}

pub fn device_name(store: &Store) -> Result<String> {
    if let Some(name) = store.local_get(NAME_KEY)?.filter(|n| !n.is_empty()) {
        return Ok(name);
    }
    let host = hostname();
    Ok(match store.me()? {
        Some(me) if !host.is_empty() => format!("{} ({host})", me.name),
        Some(me) => me.name,
        None if !host.is_empty() => host,
        None => "Lotbook".into(),
    })
}

fn hostname() -> String {
    ["COMPUTERNAME", "HOSTNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .or_else(|| {
            std::fs::read_to_string("/etc/hostname")
                .ok()
                .map(|s| s.trim().to_owned())
        })
        .unwrap_or_default()
}

/// Where a line of the sync log stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LogLevel {
    Info,
    Warning,
    Error,
}

impl LogLevel {
    fn as_str(self) -> &'static str {
        match self {
            LogLevel::Info => "info",
            LogLevel::Warning => "warning",
            LogLevel::Error => "error",
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LogEntry {
    pub at: String,
    pub level: String,
    /// What happened, for the UI to word: `pass` (params `sent`, `received`,
    /// `photos_sent`, `photos_received`, `set_aside`, `skipped`), `skipped`
    /// (params `file`, `why`: a [`Skipped`](super::layout::Skipped) code), or
    /// an error code. `None`: only `message` (notices, older entries).
    pub code: Option<String>,
    pub params: BTreeMap<String, String>,
    /// The core's plain English, for the CLI and as a fallback.
    pub message: String,
}

pub fn log(store: &mut Store, level: LogLevel, message: &str) -> Result<()> {
    log_coded(store, level, None, &BTreeMap::new(), message)
}

pub fn log_coded(
    store: &mut Store,
    level: LogLevel,
    code: Option<&str>,
    params: &BTreeMap<String, String>,
    message: &str,
) -> Result<()> {
    let params = serde_json::to_string(params).map_err(|e| Error::Other(e.to_string()))?;
    store.transact(|tx| {
        tx.execute(
            "INSERT INTO sync_log (at, level, code, params, message) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![crate::db::now_utc(), level.as_str(), code, params, message],
        )?;
        tx.execute(
            "DELETE FROM sync_log WHERE id <= (SELECT max(id) FROM sync_log) - ?1",
            [LOG_KEEP],
        )?;
        Ok(())
    })
}

pub fn recent_log(store: &Store, limit: u32) -> Result<Vec<LogEntry>> {
    let mut stmt = store.conn().prepare(
        "SELECT at, level, code, params, message FROM sync_log ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = stmt
        .query_map([limit], |r| {
            let params: String = r.get(3)?;
            Ok(LogEntry {
                at: r.get(0)?,
                level: r.get(1)?,
                code: r.get(2)?,
                params: serde_json::from_str(&params).unwrap_or_default(),
                message: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// What the header shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SyncState {
    /// No folder chosen: this computer works alone.
    Off,
    Synced,
    /// Local changes not in the folder yet.
    Pending,
    /// The folder is not there right now (offline, NAS unplugged).
    Unreachable,
    Error,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SyncStatus {
    pub state: SyncState,
    pub folder: Option<String>,
    /// Local changes waiting to be sent.
    #[ts(type = "number")]
    pub pending_changes: i64,
    /// Rows that arrived before what they depend on.
    #[ts(type = "number")]
    pub waiting_rows: i64,
    /// Photo files named by synced rows but not in the folder yet.
    #[ts(type = "number")]
    pub missing_photos: i64,
    pub last_sync_at: Option<String>,
    /// The last pass's problem: its stable code (the UI words it) and the
    /// core's plain English, when it failed.
    pub code: Option<String>,
    pub message: Option<String>,
    /// Changes from other computers that failed the column rules, grouped.
    pub set_aside: Vec<SetAsideGroup>,
    /// Other computers whose clock is off (their changes may be held here).
    pub clocks: Vec<super::clocks::ClockAhead>,
    pub own_clock: super::clocks::OwnClock,
}

/// Changes set aside, by the computer they came from, the field and why
/// (the UI words table, column and reason code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SetAsideGroup {
    pub device_id: String,
    /// The computer's name as it calls itself in the folder ('' if unknown).
    pub device_name: String,
    pub user_name: String,
    pub table: String,
    /// `None` for a delete.
    pub column: Option<String>,
    pub reason: crate::db::rules::Reason,
    pub count: u32,
}

/// Every group of set-aside changes, largest first.
pub fn set_aside(store: &Store) -> Result<Vec<SetAsideGroup>> {
    let mut stmt = store.conn().prepare(
        "SELECT s.device_id, coalesce(d.name, ''), coalesce(d.user_name, ''), s.tbl, s.col,
                s.reason, s.params, count(*)
         FROM sync_set_aside s LEFT JOIN sync_devices d ON d.device_id = s.device_id
         -- A newer valid change to the field, also one made on this computer,
         -- has superseded it (last writer wins among valid changes).
         WHERE NOT EXISTS (SELECT 1 FROM changes c WHERE c.tbl = s.tbl AND c.row_id = s.row_id
                 AND (c.col IS s.col OR c.col IS NULL) AND c.hlc || c.device_id > s.hlc || s.device_id)
         GROUP BY s.device_id, s.tbl, s.col, s.reason, s.params
         ORDER BY count(*) DESC, s.device_id, s.tbl, s.col, s.reason",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let params: String = r.get(6)?;
            Ok(SetAsideGroup {
                device_id: r.get(0)?,
                device_name: r.get(1)?,
                user_name: r.get(2)?,
                table: r.get(3)?,
                column: r.get(4)?,
                reason: crate::db::rules::Reason {
                    code: r.get(5)?,
                    params: serde_json::from_str(&params).unwrap_or_default(),
                },
                count: r.get::<_, i64>(7)?.clamp(0, u32::MAX as i64) as u32,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn folder(store: &Store) -> Result<Option<String>> {
    Ok(store.local_get(FOLDER_KEY)?.filter(|f| !f.is_empty()))
}

pub fn set_folder(store: &mut Store, folder: Option<&str>) -> Result<()> {
    store.local_set(FOLDER_KEY, folder.unwrap_or(""))
}

pub fn set_device_name(store: &mut Store, name: &str) -> Result<()> {
    let name = crate::validate::short("device_name", name)?;
    store.local_set(NAME_KEY, &name)
}

/// Records how a pass ended: `None` = it went through.
pub fn record_pass(store: &mut Store, error: Option<&Error>) -> Result<()> {
    match error {
        None => {
            store.local_set(LAST_OK_KEY, &crate::db::now_utc())?;
            store.local_set(LAST_ERROR_KEY, "")
        }
        Some(e) => {
            let text =
                serde_json::json!({ "code": e.code(), "message": e.to_string() }).to_string();
            let previous = store.local_get(LAST_ERROR_KEY)?;
            store.local_set(LAST_ERROR_KEY, &text)?;
            // The same problem every two minutes is one log line, not hundreds.
            if previous.as_deref() != Some(text.as_str()) {
                let level = if e.code() == "unreachable" {
                    LogLevel::Warning
                } else {
                    LogLevel::Error
                };
                log_coded(
                    store,
                    level,
                    Some(e.code().as_str()),
                    &BTreeMap::new(),
                    &e.to_string(),
                )?;
            }
            Ok(())
        }
    }
}

pub fn pending_changes(store: &Store) -> Result<i64> {
    let marks = marks(store)?;
    Ok(store.conn().query_row(
        "SELECT count(*) FROM changes WHERE seq > ?1 AND device_id = ?2",
        params![marks.sent_upto, store.device_id()],
        |r| r.get(0),
    )?)
}

pub fn status(store: &Store) -> Result<SyncStatus> {
    let folder = folder(store)?;
    let pending = pending_changes(store)?;
    let count = |sql: &str| -> Result<i64> { Ok(store.conn().query_row(sql, [], |r| r.get(0))?) };
    let last_error: Option<serde_json::Value> = store
        .local_get(LAST_ERROR_KEY)?
        .filter(|e| !e.is_empty())
        .and_then(|e| serde_json::from_str(&e).ok());
    let state = match (&folder, &last_error) {
        (None, _) => SyncState::Off,
        (Some(_), Some(e)) if e["code"] == "unreachable" => SyncState::Unreachable,
        (Some(_), Some(_)) => SyncState::Error,
        (Some(_), None) if pending > 0 => SyncState::Pending,
        (Some(_), None) => SyncState::Synced,
    };
    Ok(SyncStatus {
        state,
        folder,
        pending_changes: pending,
        waiting_rows: count("SELECT count(*) FROM sync_pending")?,
        missing_photos: count("SELECT count(*) FROM sync_missing_blobs")?,
        last_sync_at: store.local_get(LAST_OK_KEY)?.filter(|s| !s.is_empty()),
        code: last_error
            .as_ref()
            .and_then(|e| e["code"].as_str().map(str::to_owned)),
        message: last_error.and_then(|e| e["message"].as_str().map(str::to_owned)),
        set_aside: set_aside(store)?,
        clocks: super::clocks::others(store)?,
        own_clock: super::clocks::own(store)?,
    })
}

/// Another device seen in the folder.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DeviceSeen {
    pub device_id: String,
    pub name: String,
    pub user_name: String,
    /// Its newest segment applied here.
    #[ts(type = "number")]
    pub last_number: i64,
    /// When we last applied one of its segments.
    pub last_seen_at: Option<String>,
}

/// The Sync page: this device, the folder, the others, recent problems.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SyncSettings {
    pub folder: Option<String>,
    pub device_id: String,
    pub device_name: String,
    /// A team passphrase is saved in this computer's keychain.
    pub has_passphrase: bool,
    pub devices: Vec<DeviceSeen>,
    pub log: Vec<LogEntry>,
    pub status: SyncStatus,
}

pub fn settings(store: &Store) -> Result<SyncSettings> {
    let folder = folder(store)?;
    let has_passphrase = match &folder {
        Some(f) => super::saved_passphrase(std::path::Path::new(f))?.is_some(),
        None => false,
    };
    let devices = store
        .conn()
        .prepare(
            "SELECT device_id, name, user_name, last_number, last_seen_at FROM sync_devices
             ORDER BY last_seen_at DESC",
        )?
        .query_map([], |r| {
            Ok(DeviceSeen {
                device_id: r.get(0)?,
                name: r.get(1)?,
                user_name: r.get(2)?,
                last_number: r.get(3)?,
                last_seen_at: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(SyncSettings {
        folder,
        device_id: store.device_id().to_owned(),
        device_name: device_name(store)?,
        has_passphrase,
        devices,
        log: recent_log(store, 20)?,
        status: status(store)?,
    })
}

/// Saves the Sync page. `passphrase`: `None` leaves the saved one alone,
/// `Some("")` forgets it. A folder must exist (a typo is not a NAS).
pub fn save_settings(
    store: &mut Store,
    folder: Option<&str>,
    device_name: &str,
    passphrase: Option<&str>,
) -> Result<SyncSettings> {
    let folder = folder.map(str::trim).filter(|f| !f.is_empty());
    if let Some(f) = folder {
        if !std::path::Path::new(f).is_dir() {
            return Err(Error::invalid(
                "folder",
                crate::error::ErrorCode::FolderMissing,
                format!("folder: {f} does not exist or is not reachable now"),
            ));
        }
        if let Some(p) = passphrase {
            super::save_passphrase(std::path::Path::new(f), Some(p))?;
        }
    }
    set_device_name(store, device_name)?;
    set_folder(store, folder)?;
    // A new folder starts with a clean slate of problems.
    store.local_set(LAST_ERROR_KEY, "")?;
    settings(store)
}
