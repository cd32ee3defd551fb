//! Where this database lives. A data folder copied to another computer (or
//! moved) is noticed when it opens: the copy must not go on stamping changes
//! under the original's device id, or the two would write different changes
//! under one stamp and the team could never tell them apart. Sync gives the
//! copy its own id before it sends anything (`sync::send::reconcile`).

use rusqlite::Connection;
use std::path::Path;

use super::{local_get, local_set};
use crate::error::Result;

/// The computer and folder this database last opened in.
const HOME_KEY: &str = "home";
/// Set when it opened somewhere else: sync renews the device id, then clears it.
pub const COPIED_KEY: &str = "copied";

/// This computer's name and the data folder's full path.
fn here(data_dir: &Path) -> String {
    let host = hostname::get()
        .map(|h| h.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_owned());
    format!("{host}\n{}", dir.display())
}

/// Notes a database that opened on another computer or in another folder
/// than last time. A database from before this check just learns its home.
pub(super) fn check(conn: &Connection, data_dir: &Path) -> Result<()> {
    let here = here(data_dir);
    let known = local_get(conn, HOME_KEY)?;
    if known.as_deref() == Some(here.as_str()) {
        return Ok(());
    }
    let tx = conn.unchecked_transaction()?;
    if known.is_some() {
        local_set(&tx, COPIED_KEY, "1")?;
    }
    local_set(&tx, HOME_KEY, &here)?;
    tx.commit()?;
    Ok(())
}

/// Whether this database was copied or moved since sync last gave it an id.
pub fn copied(conn: &Connection) -> Result<bool> {
    Ok(local_get(conn, COPIED_KEY)?.is_some())
}

pub fn clear_copied(conn: &Connection) -> Result<()> {
    conn.prepare_cached("DELETE FROM local_meta WHERE key = ?1")?
        .execute([COPIED_KEY])?;
    Ok(())
}
