//! A batch import: files and folders expanded, prepared in parallel on a
//! worker pool, committed one by one in the order given, with throttled
//! progress and cancellation between files. What finished stays; a file
//! being worked on when cancel arrives is finished, never left half-done.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::derive::Scratch;
use super::library::PhotoLibrary;
use super::model::{ImportItem, ImportProgress, ImportResult, ImportSummary};
use super::prepare::{self, Prepared, Unsynced};
use super::refusal::{Refusal, Refused};
use super::walk::{self, Found};
use crate::db::Store;
use crate::error::{Error, Result};

/// Progress is sent at most this often, plus once at the end.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// Each worker holds a decoded photo (tens of MB); more than this many at
/// once buys no speed on a laptop and only costs memory. (How much they
/// decode at once is bounded by the decode budget, `budget.rs`.)
const MAX_WORKERS: usize = 8;

thread_local! {
    /// Each import worker's resizing buffers, kept from photo to photo. The
    /// workers are this import's own pool, so these end with the import.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

enum Outcome {
    /// Files written, synced by the committing loop before its row.
    Done(Refused<Box<Unsynced>>),
    /// Not started because the import was cancelled.
    Skipped,
}

/// Imports `paths` into `vehicle_id` for the app, whose store is shared by
/// every command: `with_store` lends the store for one row at a time (the
/// vehicle's check, then each photo's row), so the window's other commands
/// wait at most for one row, never for the whole import.
pub fn run_locked(
    lib: &PhotoLibrary,
    vehicle_id: &str,
    paths: &[PathBuf],
    cancel: &AtomicBool,
    mut with_store: impl FnMut(&mut dyn FnMut(&mut Store) -> Result<()>) -> Result<()>,
    progress: impl FnMut(&ImportProgress),
) -> Result<ImportSummary> {
    with_store(&mut |s| s.get_vehicle(vehicle_id).map(drop))?;
    run(
        lib,
        paths,
        cancel,
        |prepared| {
            let mut result = None;
            with_store(&mut |s| {
                result = Some(s.attach_photo(vehicle_id, prepared)?);
                Ok(())
            })?;
            result.ok_or_else(|| Error::Other("the photo row was not written".into()))
        },
        progress,
    )
}

/// Imports `paths`. `commit` writes one prepared photo's database row and
/// says what became of it; `progress` hears how far the batch is.
pub fn run(
    lib: &PhotoLibrary,
    paths: &[PathBuf],
    cancel: &AtomicBool,
    mut commit: impl FnMut(&Prepared) -> Result<ImportResult>,
    mut progress: impl FnMut(&ImportProgress),
) -> Result<ImportSummary> {
    let files = walk::expand(paths);
    let mut state = ImportProgress {
        total: files.len() as u32,
        ..ImportProgress::default()
    };
    progress(&state);
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .min(MAX_WORKERS);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .thread_name(|i| format!("photo-import-{i}"))
        .build()
        .map_err(|e| Error::Other(format!("could not start the import workers: {e}")))?;

    let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
    let mut items = Vec::with_capacity(files.len());
    std::thread::scope(|scope| {
        let files = &files;
        scope.spawn(move || {
            pool.install(|| {
                files
                    .par_iter()
                    .enumerate()
                    .for_each_with(tx, |tx, (i, found)| {
                        let outcome = match found {
                            _ if cancel.load(Ordering::Relaxed) => Outcome::Skipped,
                            Found::File(path) => Outcome::Done(
                                SCRATCH
                                    .with_borrow_mut(|scratch| {
                                        prepare::prepare_unsynced(lib, path, scratch)
                                    })
                                    .map(Box::new),
                            ),
                            Found::Skipped(_, refusal) => Outcome::Done(Err(refusal.clone())),
                        };
                        // The receiver only goes away if the caller panicked.
                        let _ = tx.send((i, outcome));
                    });
            });
        });

        // Commit in the order given, so a camera's numbering is the gallery's.
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        // The first photo done is reported at once (a small batch may finish
        // within one interval: the dealer sees it move, and can cancel).
        let mut last_sent: Option<Instant> = None;
        for (i, outcome) in rx {
            // A photo's files are synced and put in place (see `prepare`)
            // here, on this thread, so the workers keep decoding meanwhile,
            // and as soon as a worker has written them, in whatever order
            // the workers finish (as when each worker stored its own): only
            // the rows wait for the order given. Left for the end, the files
            // of every photo a worker finished early were synced one after
            // another while the cores stood idle.
            let ready = match outcome {
                Outcome::Skipped => None,
                Outcome::Done(done) => Some(done.and_then(|unsynced| (*unsynced).persist())),
            };
            waiting.insert(i, ready);
            while let Some(ready) = waiting.remove(&next) {
                let path = match &files[next] {
                    Found::File(path) | Found::Skipped(path, _) => path,
                };
                next += 1;
                // A row is written only once its files are durable.
                let result = match ready {
                    None => continue,
                    Some(Ok(prepared)) => match commit(&prepared) {
                        Ok(r) => r,
                        Err(e) => refused(&Refusal::new(
                            "storage",
                            &prepared.name,
                            format!("could not be saved: {e}"),
                        )),
                    },
                    Some(Err(refusal)) => refused(&refusal),
                };
                tally(&mut state, &result, path);
                items.push(ImportItem {
                    path: path.display().to_string(),
                    result,
                });
                if last_sent.is_none_or(|t| t.elapsed() >= PROGRESS_EVERY) {
                    progress(&state);
                    last_sent = Some(Instant::now());
                }
            }
        }
    });
    progress(&state);
    Ok(ImportSummary {
        items,
        progress: state,
        cancelled: cancel.load(Ordering::Relaxed),
    })
}

fn refused(r: &Refusal) -> ImportResult {
    ImportResult::Refused {
        code: r.code.to_owned(),
        message: r.message.clone(),
    }
}

fn tally(state: &mut ImportProgress, result: &ImportResult, path: &Path) {
    state.done += 1;
    match result {
        ImportResult::Imported { .. } => state.imported += 1,
        ImportResult::Duplicate { .. } => state.duplicates += 1,
        ImportResult::Refused { .. } => state.refused += 1,
    }
    state.current = prepare::file_name(path);
}
