//! Writing an import's rows all or nothing without locking the team out:
//! short transactions under a bulk-write journal (`db::bulk`), progress after
//! each, and a cancel that undoes what was written.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use rusqlite::Transaction;
use serde::Serialize;
use ts_rs::TS;

use crate::db::Store;
use crate::error::{Error, Result};

/// How far a running import is (rows written of all rows to write).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "SheetImportProgress")]
pub struct ImportProgress {
    pub written: u32,
    pub total: u32,
}

/// Cancel and progress of a long import (the app's progress bar).
#[derive(Default)]
pub struct ImportControl<'a> {
    /// Set to stop: what was written is undone, the import ends `Cancelled`.
    pub cancel: Option<&'a AtomicBool>,
    /// Called after each committed chunk.
    pub progress: Option<&'a mut dyn FnMut(ImportProgress)>,
    /// Most rows one transaction writes (default: as many as fit in
    /// `db::bulk::CHUNK_TIME`); tests set it to see several chunks.
    pub chunk_rows: Option<usize>,
    /// The time the import counts as now (default: the clock): a car
    /// without a stock date gets this day in the team's zone. Tests fix it.
    pub now: Option<chrono::DateTime<chrono::Utc>>,
}

/// Calls `write(tx, i)` for every `i` in `0..total` inside a bulk write
/// called `label`; on any failure or a cancel everything written is undone.
pub fn write_in_chunks(
    store: &mut Store,
    label: &str,
    total: usize,
    mut control: ImportControl,
    mut write: impl FnMut(&Transaction, usize) -> Result<()>,
) -> Result<()> {
    if total == 0 {
        return Ok(());
    }
    let mut next = 0usize;
    let chunk_rows = control.chunk_rows.unwrap_or(usize::MAX).max(1);
    // A page cache that holds a chunk's pages: with SQLite's 2 MB the
    // change log's and the search index's pages spill to the WAL in the
    // middle of a chunk and are read back (a third of the import's time was
    // pwrite/pread). Given back when the import ends, however it ends.
    let cache = CacheSize::raise(store.conn());
    let mut bulk = store.begin_bulk(label)?;
    let outcome: Result<()> = loop {
        let step = bulk.chunk(|tx, deadline| {
            let mut written = 0;
            while next < total {
                write(tx, next)?;
                next += 1;
                written += 1;
                if written >= chunk_rows || Instant::now() >= deadline {
                    break;
                }
            }
            Ok(((), next >= total))
        });
        match step {
            Err(e) => break Err(e),
            Ok((_, true)) => break Ok(()),
            Ok((_, false)) => {}
        }
        if let Some(progress) = control.progress.as_mut() {
            progress(ImportProgress {
                written: next as u32,
                total: total as u32,
            });
        }
        if control.cancel.is_some_and(|c| c.load(Ordering::SeqCst)) {
            break Err(Error::Cancelled);
        }
    };
    let result = match outcome {
        Ok(()) => {
            if let Some(progress) = control.progress.as_mut() {
                progress(ImportProgress {
                    written: total as u32,
                    total: total as u32,
                });
            }
            Ok(())
        }
        Err(e) => {
            if let Err(undo) = bulk.abort() {
                // The journal stays: the next start (or sync pass) undoes it.
                tracing::error!("undoing the import {label} failed: {undo}");
            }
            Err(e)
        }
    };
    cache.restore(store.conn());
    result
}

/// The connection's page cache raised for a bulk write, and what it was.
struct CacheSize(Option<i64>);

/// Pages of the raised cache, in KiB as `PRAGMA cache_size` takes a
/// negative number: 64 MB, freed when the import ends.
const BULK_CACHE_KIB: i64 = 64 * 1024;

impl CacheSize {
    fn raise(conn: &rusqlite::Connection) -> CacheSize {
        let before: Option<i64> = conn.query_row("PRAGMA cache_size", [], |r| r.get(0)).ok();
        if before.is_some() {
            // Only speed is at stake: a refusal leaves SQLite's default.
            let _ = conn.pragma_update(None, "cache_size", -BULK_CACHE_KIB);
        }
        CacheSize(before)
    }

    fn restore(self, conn: &rusqlite::Connection) {
        if let Some(before) = self.0 {
            let _ = conn.pragma_update(None, "cache_size", before);
        }
    }
}
