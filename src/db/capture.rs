//! Field-level change capture.
//!
//! Every insert, update and delete on a user-data table records, in the same
//! transaction, one `changes` row per column written (or one per delete, plus
//! a tombstone), stamped with the hybrid logical clock and this device's id.
//! Triggers do the recording, so no write path can forget it; they are
//! generated from the live schema after each migration, so new columns are
//! captured too. The clock and device id come from SQL functions registered
//! on each connection; a connection without them cannot write user data.

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, Transaction};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use super::clock::Clock;
use crate::error::Result;

/// Tables of user data, with the columns that stay local to this device.
pub const CAPTURED_TABLES: &[(&str, &[&str])] = &[
    ("users", &[]),
    ("lots", &[]),
    ("vehicles", &["rid"]),
    ("customers", &[]),
    ("photos", &[]),
    ("condition_reports", &[]),
    ("condition_panels", &[]),
    ("condition_items", &[]),
    ("settings", &[]),
    ("interactions", &[]),
    ("shortlists", &[]),
    ("shortlist_items", &[]),
    ("mail_sends", &[]),
    ("visits", &[]),
    ("sales", &[]),
    ("follow_ups", &[]),
    ("campaigns", &[]),
    ("campaign_recipients", &[]),
    ("recalls", &[]),
    ("vehicle_recalls", &[]),
    ("mail_leads", &[]),
];

/// Shared switch: sync turns capture off while it applies remote changes,
/// which it records with their original stamps instead.
#[derive(Clone, Default)]
pub struct CaptureSwitch(Arc<AtomicBool>);

impl CaptureSwitch {
    pub fn set_paused(&self, paused: bool) {
        self.0.store(paused, Ordering::SeqCst);
    }

    /// Pauses capture until the guard is dropped, however the work ends.
    pub fn pause(&self) -> PauseGuard {
        self.set_paused(true);
        PauseGuard(self.clone())
    }
    fn enabled(&self) -> bool {
        !self.0.load(Ordering::SeqCst)
    }
}

/// This database's device id and clock, shared by every connection of the
/// process to the same file: the app's, its sync worker's and its outbox's
/// stamps stay in one order, and a new device id reaches all of them.
pub struct Identity {
    device_id: RwLock<String>,
    pub clock: Arc<Clock>,
}

impl Identity {
    pub fn new(device_id: String, clock: Arc<Clock>) -> Self {
        Identity {
            device_id: RwLock::new(device_id),
            clock,
        }
    }

    pub fn device_id(&self) -> String {
        self.device_id
            .read()
            .map(|d| d.clone())
            .unwrap_or_else(|p| p.into_inner().clone())
    }

    pub fn set_device_id(&self, id: &str) {
        match self.device_id.write() {
            Ok(mut d) => *d = id.to_owned(),
            Err(p) => *p.into_inner() = id.to_owned(),
        }
    }
}

/// Capture is back on when this goes.
pub struct PauseGuard(CaptureSwitch);

impl Drop for PauseGuard {
    fn drop(&mut self) {
        self.0.set_paused(false);
    }
}

pub fn register_functions(
    conn: &Connection,
    identity: Arc<Identity>,
    switch: CaptureSwitch,
) -> Result<()> {
    // Not DIRECTONLY: the capture triggers must be able to call them.
    let flags = FunctionFlags::SQLITE_UTF8;
    let clock = identity.clock.clone();
    // A wrong wall clock fails the statement (and its transaction) with a
    // message `Error` turns back into `ClockWrong`; it never panics.
    conn.create_scalar_function("lb_hlc", 0, flags, move |_| {
        clock.now().map_err(|e| {
            rusqlite::Error::UserFunctionError(format!("{}{e}", crate::error::CLOCK_MARK).into())
        })
    })?;
    conn.create_scalar_function("lb_device", 0, flags, move |_| Ok(identity.device_id()))?;
    conn.create_scalar_function("lb_capture", 0, flags, move |_| Ok(switch.enabled()))?;
    Ok(())
}

fn columns(tx: &Transaction, table: &str) -> Result<Vec<String>> {
    let mut stmt = tx.prepare(&format!("PRAGMA table_info({table})"))?;
    let cols = stmt
        .query_map([], |r| r.get::<_, String>(1))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(cols)
}

/// (Re)creates the capture triggers of every captured table from its columns.
pub fn install_triggers(tx: &Transaction) -> Result<()> {
    for (table, local) in CAPTURED_TABLES {
        let cols: Vec<String> = columns(tx, table)?
            .into_iter()
            .filter(|c| c != "id" && !local.contains(&c.as_str()))
            .collect();
        if cols.is_empty() {
            // Created by a later migration; its triggers come then.
            continue;
        }
        tx.execute_batch(&trigger_sql(table, &cols))?;
    }
    Ok(())
}

fn trigger_sql(table: &str, cols: &[String]) -> String {
    let stamp = "lb_hlc(), lb_device()";
    let insert_values: Vec<String> = cols
        .iter()
        .map(|c| format!("('{table}', NEW.id, '{c}', NEW.\"{c}\", {stamp}, 'set')"))
        .collect();
    let update_stmts: Vec<String> = cols
        .iter()
        .map(|c| {
            format!(
                "INSERT INTO changes (tbl, row_id, col, value, hlc, device_id, op) \
                 SELECT '{table}', NEW.id, '{c}', NEW.\"{c}\", {stamp}, 'set' \
                 WHERE NEW.\"{c}\" IS NOT OLD.\"{c}\";"
            )
        })
        .collect();
    format!(
        "DROP TRIGGER IF EXISTS capture_{table}_insert;
         DROP TRIGGER IF EXISTS capture_{table}_update;
         DROP TRIGGER IF EXISTS capture_{table}_delete;
         DROP TRIGGER IF EXISTS capture_{table}_id_fixed;
         CREATE TRIGGER capture_{table}_id_fixed BEFORE UPDATE OF id ON {table}
         WHEN NEW.id IS NOT OLD.id BEGIN
             SELECT RAISE(ABORT, 'the id of a {table} row never changes');
         END;
         CREATE TRIGGER capture_{table}_insert AFTER INSERT ON {table} WHEN lb_capture() BEGIN
             DELETE FROM tombstones WHERE tbl = '{table}' AND row_id = NEW.id;
             INSERT INTO changes (tbl, row_id, col, value, hlc, device_id, op) VALUES {values};
         END;
         CREATE TRIGGER capture_{table}_update AFTER UPDATE ON {table} WHEN lb_capture() BEGIN
             {updates}
         END;
         CREATE TRIGGER capture_{table}_delete AFTER DELETE ON {table} WHEN lb_capture() BEGIN
             INSERT INTO changes (tbl, row_id, col, value, hlc, device_id, op)
             VALUES ('{table}', OLD.id, NULL, NULL, {stamp}, 'delete');
             INSERT OR REPLACE INTO tombstones (tbl, row_id, hlc, device_id)
             SELECT tbl, row_id, hlc, device_id FROM changes WHERE seq = last_insert_rowid();
         END;",
        values = insert_values.join(",\n"),
        updates = update_stmts.join("\n"),
    )
}
