//! Team-wide settings that travel with sync (mail templates, the reply
//! deadline, working hours): one row per key in `settings`, captured like
//! all user data. Device-only settings live in `local_meta` instead.

use rusqlite::{Connection, OptionalExtension};

use crate::db::{now_utc, Store};
use crate::error::{Error, Result};

/// The team settings the app's settings screen edits, with their checks.
pub const EDITABLE: &[&str] = &[
    crate::mail::TEAM_NAME_KEY,
    crate::customers::reply_time::REPLY_WITHIN_KEY,
    crate::calendar::conflicts::BUFFER_KEY,
    crate::care::schedule::SCHEDULE_KEY,
    crate::time::ZONE_KEY,
];

fn minutes(key: &str, value: &str, min: i64, max: i64) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(String::new());
    }
    let minutes: i64 = v.parse().map_err(|_| {
        Error::invalid(
            key,
            "invalid_number",
            format!("{key} must be a number of minutes, got {v:?}"),
        )
    })?;
    crate::validate::range(key, minutes, min, max).map(|m| m.to_string())
}

fn check(key: &str, value: &str) -> Result<String> {
    match key {
        crate::mail::TEAM_NAME_KEY => crate::validate::short(key, value),
        crate::customers::reply_time::REPLY_WITHIN_KEY => minutes(key, value, 10, 24 * 60),
        crate::calendar::conflicts::BUFFER_KEY => minutes(key, value, 0, 240),
        crate::time::ZONE_KEY => crate::time::check_zone(value),
        crate::care::schedule::SCHEDULE_KEY => {
            let v = value.trim();
            crate::care::schedule::parse(v)?;
            Ok(v.to_owned())
        }
        _ => Err(Error::invalid(
            "key",
            "unknown_setting",
            format!("{key:?} is not a setting the app edits"),
        )),
    }
}

pub(crate) fn get_in(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE id = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub(crate) fn set_in(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (id, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
         WHERE value IS NOT excluded.value",
    )?
    .execute([key, value, &now_utc()])?;
    Ok(())
}

impl Store {
    /// One of the [`EDITABLE`] settings.
    pub fn team_setting(&self, key: &str) -> Result<Option<String>> {
        check(key, "")?;
        self.setting(key)
    }

    /// Checks and saves one of the [`EDITABLE`] settings (empty: the default).
    pub fn set_team_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let value = check(key, value)?;
        self.set_setting(key, &value)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        get_in(self.conn(), key)
    }

    /// Sets a team setting; an empty value removes it (back to the default).
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.transact(|tx| {
            if value.is_empty() {
                tx.execute("DELETE FROM settings WHERE id = ?1", [key])?;
                Ok(())
            } else {
                set_in(tx, key, value)
            }
        })
    }
}
