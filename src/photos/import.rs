//! A batch import: files and folders expanded, prepared in parallel on a
//! worker pool, committed one by one in the order given, with throttled
//! progress and cancellation between files. What finished stays; a file
//! being worked on when cancel arrives is finished, never left half-done.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::library::PhotoLibrary;
use super::model::{ImportItem, ImportProgress, ImportResult, ImportSummary};
use super::prepare::{self, Prepared};
use super::refusal::{Refusal, Refused};
use crate::error::{Error, Result};

/// Extensions picked up when a folder is imported (files named one by one
/// are tried whatever their name: the bytes decide).
const PHOTO_EXTENSIONS: &[&str] = &["jpg", "jpeg", "jpe", "png", "heic", "heif"];

/// Progress is sent at most this often, plus once at the end.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// Each worker holds a decoded photo (tens of MB); more than this many at
/// once buys no speed on a laptop and only costs memory.
const MAX_WORKERS: usize = 8;

/// Files named directly, plus the photos inside named folders (recursively,
/// sorted by name, skipping hidden files such as macOS `._` companions on
/// camera cards). A path that does not exist is kept so it is reported.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut out);
        } else {
            out.push(path.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        out.push(dir.to_owned());
        return;
    };
    let mut children: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| !prepare::file_name(p).starts_with('.'))
        .collect();
    children.sort();
    for child in children {
        if child.is_dir() {
            walk(&child, out);
        } else if child
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| PHOTO_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(child);
        }
    }
}

enum Outcome {
    Done(Refused<Prepared>),
    /// Not started because the import was cancelled.
    Skipped,
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
    let files = expand(paths);
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
                    .for_each_with(tx, |tx, (i, path)| {
                        let outcome = if cancel.load(Ordering::Relaxed) {
                            Outcome::Skipped
                        } else {
                            Outcome::Done(prepare::prepare(lib, path))
                        };
                        // The receiver only goes away if the caller panicked.
                        let _ = tx.send((i, outcome));
                    });
            });
        });

        // Commit in the order given, so a camera's numbering is the gallery's.
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        let mut last_sent = Instant::now();
        for (i, outcome) in rx {
            waiting.insert(i, outcome);
            while let Some(outcome) = waiting.remove(&next) {
                let path = &files[next];
                next += 1;
                let result = match outcome {
                    Outcome::Skipped => continue,
                    Outcome::Done(Ok(prepared)) => match commit(&prepared) {
                        Ok(r) => r,
                        Err(e) => refused(&Refusal::new(
                            "storage",
                            &prepared.name,
                            format!("could not be saved: {e}"),
                        )),
                    },
                    Outcome::Done(Err(refusal)) => refused(&refusal),
                };
                tally(&mut state, &result, path);
                items.push(ImportItem {
                    path: path.display().to_string(),
                    result,
                });
                if last_sent.elapsed() >= PROGRESS_EVERY {
                    progress(&state);
                    last_sent = Instant::now();
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
