//! Team-wide settings that travel with sync (mail templates, the reply
//! deadline, working hours): one row per key in `settings`, captured like
//! all user data. Device-only settings live in `local_meta` instead.

use rusqlite::{Connection, OptionalExtension};

use crate::db::{now_utc, Store};
use crate::error::Result;

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
