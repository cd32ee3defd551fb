//! Numbered, forward-only schema migrations kept as `.sql` files.

use rusqlite::Connection;
use std::path::Path;

use crate::error::{Error, Result};

/// Every migration in order; the schema version is the index + 1.
/// Never edit a shipped one: add the next file.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("migrations/0001_init.sql")),
    ("0002_photos", include_str!("migrations/0002_photos.sql")),
    (
        "0003_condition",
        include_str!("migrations/0003_condition.sql"),
    ),
    ("0004_mail", include_str!("migrations/0004_mail.sql")),
    ("0005_sync", include_str!("migrations/0005_sync.sql")),
    ("0006_care", include_str!("migrations/0006_care.sql")),
    (
        "0007_sync_set_aside",
        include_str!("migrations/0007_sync_set_aside.sql"),
    ),
    ("0008_clocks", include_str!("migrations/0008_clocks.sql")),
    (
        "0009_sync_log_codes",
        include_str!("migrations/0009_sync_log_codes.sql"),
    ),
    (
        "0010_sync_applied_sums",
        include_str!("migrations/0010_sync_applied_sums.sql"),
    ),
    ("0011_recalls", include_str!("migrations/0011_recalls.sql")),
    ("0012_mailbox", include_str!("migrations/0012_mailbox.sql")),
    (
        "0013_recall_vins",
        include_str!("migrations/0013_recall_vins.sql"),
    ),
    (
        "0014_photo_shared_size",
        include_str!("migrations/0014_photo_shared_size.sql"),
    ),
    (
        "0015_photo_archive",
        include_str!("migrations/0015_photo_archive.sql"),
    ),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Refuses a database written by a newer Lotbook before anything touches it.
pub fn refuse_newer(conn: &Connection, path: &Path) -> Result<i64> {
    let found = schema_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            path: path.to_owned(),
            found,
            known: SCHEMA_VERSION,
        });
    }
    Ok(found)
}

/// Applies the missing migrations, each in its own transaction together with
/// the version bump and the regenerated change-capture triggers, so a crash
/// leaves the database at one version or the next, never between.
/// Returns how many were applied.
pub fn migrate(conn: &mut Connection) -> Result<usize> {
    let current = schema_version(conn)?;
    let mut applied = 0;
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate() {
        let version = index as i64 + 1;
        if version <= current {
            continue;
        }
        let tx = conn.transaction()?;
        tx.execute_batch(sql).map_err(|e| {
            Error::Other(format!("migration {name} failed: {}", sqlite_message(&e)))
        })?;
        super::capture::install_triggers(&tx)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
        applied += 1;
    }
    Ok(applied)
}

/// SQLite's own words, without the statement (a migration is long SQL).
fn sqlite_message(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
        other => other.to_string(),
    }
}
