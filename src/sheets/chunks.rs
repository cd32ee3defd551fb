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

/// What an import writes, a row at a time, in chunks (see [`write_in_chunks`]).
pub trait ChunkWriter {
    /// Writes row `i` (or holds it to write with others).
    fn row(&mut self, tx: &Transaction, i: usize) -> Result<()>;
    /// Before each chunk commits: writes whatever rows are held.
    fn end_chunk(&mut self, _tx: &Transaction) -> Result<()> {
        Ok(())
    }
}

/// A writer that writes each row at once.
struct EachRow<F>(F);

impl<F: FnMut(&Transaction, usize) -> Result<()>> ChunkWriter for EachRow<F> {
    fn row(&mut self, tx: &Transaction, i: usize) -> Result<()> {
        (self.0)(tx, i)
    }
}

/// Calls `write(tx, i)` for every `i` in `0..total` inside a bulk write
/// called `label`; on any failure or a cancel everything written is undone.
pub fn write_in_chunks(
    store: &mut Store,
    label: &str,
    total: usize,
    control: ImportControl,
    write: impl FnMut(&Transaction, usize) -> Result<()>,
) -> Result<()> {
    write_in_chunks_with(store, label, total, control, &mut EachRow(write))
}

/// [`write_in_chunks`] for a writer that may hold rows back until its chunk ends.
pub fn write_in_chunks_with(
    store: &mut Store,
    label: &str,
    total: usize,
    mut control: ImportControl,
    writer: &mut impl ChunkWriter,
) -> Result<()> {
    if total == 0 {
        return Ok(());
    }
    let mut next = 0usize;
    let chunk_rows = control.chunk_rows.unwrap_or(usize::MAX).max(1);
    // A page cache that holds a chunk's pages: with SQLite's 2 MB the
    // change log's and the search index's pages spill to the WAL in the
    // middle of a chunk and are read back (a third of the import's time was
    // pwrite/pread); fewer checkpoints; statement journals in memory. All
    // given back when the import ends, however it ends.
    let cache = BulkPragmas::raise(store.conn());
    let mut bulk = store.begin_bulk(label)?;
    let outcome: Result<()> = loop {
        let step = bulk.chunk(|tx, deadline| {
            let mut written = 0;
            while next < total {
                writer.row(tx, next)?;
                next += 1;
                written += 1;
                if written >= chunk_rows || Instant::now() >= deadline {
                    break;
                }
            }
            writer.end_chunk(tx)?;
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

/// The connection's settings for a bulk write, and what they were before.
struct BulkPragmas(Vec<(&'static str, i64)>);

/// Pages of the raised cache, in KiB as `PRAGMA cache_size` takes a
/// negative number: 64 MB, freed when the import ends.
const BULK_CACHE_KIB: i64 = 64 * 1024;
/// WAL pages between automatic checkpoints during a bulk write (SQLite's
/// default is 1,000): each chunk's commit otherwise copied the WAL back
/// into the database, pages the next chunk changes again (a tenth of the
/// import's time).
const BULK_CHECKPOINT_PAGES: i64 = 16_384;
/// `temp_store = MEMORY`: a multi-row INSERT's statement journal stays in
/// memory instead of spilling to a temporary file.
const TEMP_STORE_MEMORY: i64 = 2;
/// `journal_size_limit = -1`: the WAL is not cut back after each of the
/// bulk write's checkpoints only to grow again (the limit is back after).
const NO_WAL_LIMIT: i64 = -1;

impl BulkPragmas {
    fn raise(conn: &rusqlite::Connection) -> BulkPragmas {
        let mut before = Vec::new();
        for (pragma, value) in [
            ("cache_size", -BULK_CACHE_KIB),
            ("wal_autocheckpoint", BULK_CHECKPOINT_PAGES),
            ("temp_store", TEMP_STORE_MEMORY),
            ("journal_size_limit", NO_WAL_LIMIT),
        ] {
            let was: Option<i64> = conn
                .query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
                .ok();
            // Only speed is at stake: a refusal leaves SQLite's default.
            if let Some(was) = was {
                if conn.pragma_update(None, pragma, value).is_ok() {
                    before.push((pragma, was));
                }
            }
        }
        BulkPragmas(before)
    }

    fn restore(self, conn: &rusqlite::Connection) {
        for (pragma, was) in self.0 {
            let _ = conn.pragma_update(None, pragma, was);
        }
    }
}
