//! Long writes (a spreadsheet of 50,000 cars) that stay all or nothing
//! without locking the other writers out.
//!
//! SQLite has one writer at a time: one transaction of 50,000 rows holds the
//! write lock for many seconds, and the app's saves, a sync pass and the
//! outbox fail meanwhile with "database is locked". So a bulk write commits
//! short chunks (at most [`CHUNK_TIME`] each) and pauses between them
//! ([`PAUSE`] when a writer of this process waited, else [`SHORT_PAUSE`]),
//! when a waiting writer (polling every few ms, see
//! [`super::set_busy_timeout`]) takes its turn.
//!
//! All or nothing holds through a journal in `local_meta`, written in the
//! same transaction as each chunk: the ranges of `changes.seq` its chunks
//! captured. The change log is the undo log. Rolling back deletes those
//! changes and puts each row they touched back to what the remaining changes
//! say; a row the bulk write created (its changes set `created_at`, which
//! only an insert does) is deleted, with every change made to it here since.
//! Capture is paused meanwhile, so nothing of it is ever captured or sent;
//! sync sends nothing while a journal is open ([`recover`]).
//!
//! A live bulk write holds an OS lock on [`LOCK_FILE`] (dropped with a killed
//! process). A journal whose lock is free was left by a writer that died; the
//! next [`super::Store::open`] or sync pass rolls it back.

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fs::File;
use std::path::Path;
use std::time::{Duration, Instant};

use super::capture::CAPTURED_TABLES;
use super::{local_get, lock_file, new_id, now_utc, Store};
use crate::error::{Error, Result};

/// Longest a chunk holds the write lock (a writer waits at most about this).
pub const CHUNK_TIME: Duration = Duration::from_millis(400);
/// Pause between chunks when a writer of this process waited during the
/// last one: several polls of its busy handler, scheduling delays included.
pub const PAUSE: Duration = Duration::from_millis(60);
/// Pause between chunks when none did: a writer of another process (the
/// CLI) polling every few ms still gets in; one that misses it waits a chunk.
pub const SHORT_PAUSE: Duration = Duration::from_millis(10);
/// Held by the live bulk write of a data folder.
pub const LOCK_FILE: &str = "bulk.lock";
/// The lock a sync pass holds (`sync_once` in src/sync/mod.rs).
const SYNC_PASS_LOCK: &str = "sync.lock";
/// How long a bulk write waits for a running sync pass before it starts.
const SYNC_WAIT: Duration = Duration::from_secs(60);
const JOURNAL_KEY: &str = "bulk.journal";
/// Rows undone per rollback transaction at most (also bounded by CHUNK_TIME).
const UNDO_BATCH: i64 = 500;
/// Tables other rows point to: undone after the rows that may point to them.
const PARENTS: &[&str] = &["lots", "users", "customers"];

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Journal {
    id: String,
    /// What is being written, for messages ("vehicles from 재고.csv").
    label: String,
    started_at: String,
    /// Inclusive ranges of `changes.seq` the committed chunks captured.
    ranges: Vec<(i64, i64)>,
}

impl Journal {
    fn add(&mut self, from: i64, to: i64) {
        match self.ranges.last_mut() {
            Some(last) if last.1 + 1 == from => last.1 = to,
            _ => self.ranges.push((from, to)),
        }
    }

    fn holds(&self, seq: i64) -> bool {
        self.ranges.iter().any(|(a, b)| (*a..=*b).contains(&seq))
    }

    fn start(&self) -> i64 {
        self.ranges.first().map(|r| r.0).unwrap_or(i64::MAX)
    }
}

/// A bulk write in progress; see the module's comment.
pub struct BulkWrite<'s> {
    store: &'s mut Store,
    journal: Journal,
    chunks: u32,
    /// When the last chunk began (`db::waiting` clock).
    chunk_started_ms: u64,
    finished: bool,
    _lock: File,
}

/// What [`recover`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recovery {
    /// No bulk write was open.
    Idle,
    /// One is being written now (by this process or another).
    Running,
    /// One left by a writer that died was rolled back.
    RolledBack,
}

fn lock_error(path: &Path, e: std::fs::TryLockError) -> Option<Error> {
    match e {
        std::fs::TryLockError::WouldBlock => None,
        std::fs::TryLockError::Error(e) => Some(Error::io(path, e)),
    }
}

impl Store {
    /// Starts a bulk write called `label`. Refused while another one runs on
    /// this data folder; waits for a running sync pass to end, so that pass
    /// cannot send part of it (the next one sees the journal and waits).
    pub fn begin_bulk(&mut self, label: &str) -> Result<BulkWrite<'_>> {
        let path = self.data_dir().join(LOCK_FILE);
        let lock = lock_file(&path)?;
        if let Err(e) = lock.try_lock() {
            return Err(lock_error(&path, e).unwrap_or_else(|| {
                Error::Busy(
                    "another import is being written to this data folder; wait until it has finished"
                        .into(),
                )
            }));
        }
        // Ours now: a journal still here was left by a writer that died.
        if let Some(old) = read_journal(self)? {
            rollback(self, &old)?;
        }
        let sync_path = self.data_dir().join(SYNC_PASS_LOCK);
        let sync_lock = lock_file(&sync_path)?;
        let waiting_since = Instant::now();
        while let Err(e) = sync_lock.try_lock() {
            if let Some(e) = lock_error(&sync_path, e) {
                return Err(e);
            }
            if waiting_since.elapsed() > SYNC_WAIT {
                return Err(Error::Busy(
                    "a sync pass has been running for a minute; try the import again when it has finished"
                        .into(),
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let journal = Journal {
            id: new_id(),
            label: label.to_owned(),
            started_at: now_utc(),
            ranges: Vec::new(),
        };
        write_journal(self.conn(), &journal)?;
        drop(sync_lock);
        Ok(BulkWrite {
            store: self,
            journal,
            chunks: 0,
            chunk_started_ms: 0,
            finished: false,
            _lock: lock,
        })
    }
}

impl BulkWrite<'_> {
    /// Runs one chunk in one transaction. `f` writes rows until the deadline
    /// it is given and says whether it wrote the last one; the last chunk
    /// closes the journal in its own transaction, so the whole write is then
    /// committed at once. An error rolls this chunk back (the earlier ones
    /// stay until [`BulkWrite::abort`]).
    pub fn chunk<T>(
        &mut self,
        f: impl FnOnce(&Transaction, Instant) -> Result<(T, bool)>,
    ) -> Result<(T, bool)> {
        if self.finished {
            return Err(Error::Other("this bulk write has already finished".into()));
        }
        if self.chunks > 0 {
            // The turn of any writer waiting for the lock.
            let waited = super::waiting::waited_since(self.chunk_started_ms);
            std::thread::sleep(if waited { PAUSE } else { SHORT_PAUSE });
        }
        self.chunk_started_ms = super::waiting::now_ms();
        let journal = &self.journal;
        let (value, last, journal) = self.store.transact(|tx| {
            let before = last_seq(tx)?;
            let (value, last) = f(tx, Instant::now() + CHUNK_TIME)?;
            let after = last_seq(tx)?;
            let mut journal = journal.clone();
            if after > before {
                journal.add(before + 1, after);
            }
            if last {
                tx.execute("DELETE FROM local_meta WHERE key = ?1", [JOURNAL_KEY])?;
            } else {
                write_journal(tx, &journal)?;
            }
            Ok((value, last, journal))
        })?;
        self.journal = journal;
        self.chunks += 1;
        self.finished = last;
        Ok((value, last))
    }

    /// Undoes every committed chunk (cancel or failure).
    pub fn abort(self) -> Result<()> {
        if self.finished {
            return Ok(());
        }
        let journal = self.journal.clone();
        rollback(self.store, &journal)
    }
}

fn last_seq(tx: &Transaction) -> Result<i64> {
    Ok(tx
        .query_row(
            "SELECT seq FROM sqlite_sequence WHERE name = 'changes'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0))
}

fn write_journal(conn: &rusqlite::Connection, journal: &Journal) -> Result<()> {
    let text = serde_json::to_string(journal).map_err(|e| Error::Other(e.to_string()))?;
    super::local_set(conn, JOURNAL_KEY, &text)
}

fn read_journal(store: &Store) -> Result<Option<Journal>> {
    match local_get(store.conn(), JOURNAL_KEY)? {
        None => Ok(None),
        // Unreadable: nothing can be undone by it; starting afresh beats
        // blocking sync for good.
        Some(text) => Ok(Some(serde_json::from_str(&text).unwrap_or(Journal {
            id: String::new(),
            label: String::new(),
            started_at: String::new(),
            ranges: Vec::new(),
        }))),
    }
}

/// Rolls back a bulk write whose writer died (its lock is free) and says
/// whether one is running now. `Store::open` calls it, and sync's send
/// before it reads anything: nothing of a running or dead bulk write is sent.
pub fn recover(store: &mut Store) -> Result<Recovery> {
    let Some(journal) = read_journal(store)? else {
        return Ok(Recovery::Idle);
    };
    let path = store.data_dir().join(LOCK_FILE);
    let lock = lock_file(&path)?;
    if let Err(e) = lock.try_lock() {
        return match lock_error(&path, e) {
            Some(e) => Err(e),
            None => Ok(Recovery::Running),
        };
    }
    rollback(store, &journal)?;
    Ok(Recovery::RolledBack)
}

/// Undoes `journal`'s chunks in short transactions (as they were written),
/// then closes it. Safe to cut off at any point: the journal stays until the
/// end, and what is undone is undone.
fn rollback(store: &mut Store, journal: &Journal) -> Result<()> {
    let _paused = store.capture_switch().pause();
    let mut kept: HashSet<(String, String)> = HashSet::new();
    let mut first = true;
    loop {
        if !first {
            std::thread::sleep(PAUSE);
        }
        first = false;
        let done = store.transact(|tx| {
            let deadline = Instant::now() + CHUNK_TIME;
            let batch = next_batch(tx, journal, &kept)?;
            if batch.is_empty() {
                tx.execute("DELETE FROM local_meta WHERE key = ?1", [JOURNAL_KEY])?;
                return Ok(true);
            }
            for (tbl, row_id) in batch {
                if !undo_row(tx, journal, &tbl, &row_id)? {
                    kept.insert((tbl, row_id));
                }
                if Instant::now() >= deadline {
                    break;
                }
            }
            Ok(false)
        })?;
        if done {
            return Ok(());
        }
    }
}

/// Rows the journal's changes touched and not undone yet: children first,
/// then the tables they point to.
fn next_batch(
    tx: &Transaction,
    journal: &Journal,
    kept: &HashSet<(String, String)>,
) -> Result<Vec<(String, String)>> {
    let parents = PARENTS
        .iter()
        .map(|p| format!("'{p}'"))
        .collect::<Vec<_>>()
        .join(", ");
    for parent_pass in [false, true] {
        let sql = format!(
            "SELECT DISTINCT tbl, row_id FROM changes
             WHERE seq BETWEEN ?1 AND ?2 AND tbl {} IN ({parents}) LIMIT ?3",
            if parent_pass { "" } else { "NOT" }
        );
        let mut stmt = tx.prepare_cached(&sql)?;
        let mut out = Vec::new();
        for (a, b) in &journal.ranges {
            let rows = stmt
                .query_map(params![a, b, UNDO_BATCH + kept.len() as i64], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            out.extend(rows.into_iter().filter(|r| !kept.contains(r)));
            if out.len() as i64 >= UNDO_BATCH {
                break;
            }
        }
        if !out.is_empty() {
            return Ok(out);
        }
    }
    Ok(Vec::new())
}

/// Undoes the journal's changes of one row. False when the row must stay:
/// the bulk write created it, but a row written since points to it (a car
/// put on a lot the import created); it then stays with its changes.
fn undo_row(tx: &Transaction, journal: &Journal, tbl: &str, row_id: &str) -> Result<bool> {
    // Table and column names come from the change log: only known ones are
    // ever put into SQL.
    if !CAPTURED_TABLES.iter().any(|(t, _)| *t == tbl) {
        return Err(Error::Other(format!(
            "the import journal names an unknown table {tbl:?}"
        )));
    }
    let start = journal.start();
    let later: Vec<(i64, Option<String>)> = tx
        .prepare_cached(
            "SELECT seq, col FROM changes WHERE tbl = ?1 AND row_id = ?2 AND seq >= ?3",
        )?
        .query_map(params![tbl, row_id, start], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mine: Vec<&(i64, Option<String>)> = later
        .iter()
        .filter(|(seq, _)| journal.holds(*seq))
        .collect();
    let created = mine
        .iter()
        .any(|(_, col)| col.as_deref() == Some("created_at"));
    if created {
        // A refused statement is undone alone; the transaction goes on.
        match tx.execute(&format!("DELETE FROM {tbl} WHERE id = ?1"), [row_id]) {
            Ok(_) => {}
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
                return Ok(false);
            }
            Err(e) => return Err(e.into()),
        }
        // With it goes every change made to it here since (an edit while
        // the import ran): they would reach the team as changes of nothing.
        tx.prepare_cached(
            "DELETE FROM changes WHERE tbl = ?1 AND row_id = ?2 AND seq >= ?3
               AND device_id NOT IN (SELECT device_id FROM sync_devices WHERE own = 0)",
        )?
        .execute(params![tbl, row_id, start])?;
        // Re-creating a deleted row's id lifted its tombstone: put it back.
        tx.prepare_cached(
            "INSERT OR REPLACE INTO tombstones (tbl, row_id, hlc, device_id)
             SELECT tbl, row_id, hlc, device_id FROM changes
             WHERE tbl = ?1 AND row_id = ?2 AND col IS NULL
             ORDER BY hlc DESC, device_id DESC LIMIT 1",
        )?
        .execute(params![tbl, row_id])?;
        return Ok(true);
    }
    let columns = table_columns(tx, tbl)?;
    let mut cols: Vec<&str> = mine.iter().filter_map(|(_, c)| c.as_deref()).collect();
    cols.sort_unstable();
    cols.dedup();
    {
        let mut delete = tx.prepare_cached("DELETE FROM changes WHERE seq = ?1")?;
        for (seq, _) in &mine {
            delete.execute([seq])?;
        }
    }
    // Each field's value is its newest remaining change, as sync's merge has
    // it (clock stamp, then device id), after the row's last delete.
    let mut newest = tx.prepare_cached(
        "SELECT value FROM changes
         WHERE tbl = ?1 AND row_id = ?2 AND col = ?3
           AND hlc > coalesce((SELECT max(hlc) FROM changes
                               WHERE tbl = ?1 AND row_id = ?2 AND col IS NULL), '')
         ORDER BY hlc DESC, device_id DESC LIMIT 1",
    )?;
    let mut values: Vec<(&str, Value)> = Vec::new();
    for col in cols {
        if !columns.iter().any(|c| c == col) {
            continue;
        }
        if let Some(value) = newest
            .query_row(params![tbl, row_id, col], |r| r.get(0))
            .optional()?
        {
            values.push((col, value));
        }
    }
    if !values.is_empty() {
        // One statement per row: the search index is rewritten once.
        let sets: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(i, (c, _))| format!("\"{c}\" = ?{}", i + 2))
            .collect();
        let mut bound: Vec<&dyn rusqlite::ToSql> = vec![&row_id];
        bound.extend(values.iter().map(|(_, v)| v as &dyn rusqlite::ToSql));
        tx.prepare_cached(&format!(
            "UPDATE {tbl} SET {} WHERE id = ?1",
            sets.join(", ")
        ))?
        .execute(bound.as_slice())?;
    }
    Ok(true)
}

fn table_columns(tx: &Transaction, tbl: &str) -> Result<Vec<String>> {
    let mut stmt = tx.prepare_cached(&format!("PRAGMA table_info({tbl})"))?;
    let cols = stmt
        .query_map([], |r| r.get::<_, String>(1))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(cols)
}

#[cfg(test)]
mod tests;
