//! The app's log: one file a day in the OS log folder (the shell passes the
//! folder it got from Tauri; the CLI its own), a week of files kept, and
//! panics written there too, so support by phone can read what happened.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::Layer;

use crate::error::{Error, Result};

/// Log files are `lotbook.YYYY-MM-DD.log`.
pub const FILE_PREFIX: &str = "lotbook";
pub const FILE_SUFFIX: &str = "log";
/// A week of daily files.
pub const KEEP_FILES: usize = 7;
/// Overrides the log folder (tests, support).
pub const LOG_DIR_ENV: &str = "LOTBOOK_LOG_DIR";

/// Keeps the log writer's thread alive; dropping it flushes what is queued.
pub struct LogGuard {
    _worker: WorkerGuard,
}

/// The daily file writer in `dir` (created if missing); opening it deletes
/// the oldest files beyond [`KEEP_FILES`].
pub fn file_appender(dir: &Path) -> Result<RollingFileAppender> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(FILE_PREFIX)
        .filename_suffix(FILE_SUFFIX)
        .max_log_files(KEEP_FILES)
        .build(dir)
        .map_err(|e| {
            Error::Other(format!(
                "the log file in {} cannot be opened: {e}",
                dir.display()
            ))
        })
}

/// Installs the process-wide subscriber writing to the daily file in `dir`
/// (info and above; `RUST_LOG`-style levels are not needed by dealers), and
/// a panic hook that writes the panic there before the default hook runs.
/// For the desktop app: a crash also leaves a note for its next start. Call
/// once at start; a second call keeps the first subscriber.
pub fn init(dir: &Path) -> Result<LogGuard> {
    init_with(dir, Some(dir))
}

/// Reads what the CLI shows on stderr: `RUST_LOG`-style directives
/// ("warn", "lotbook::sync=debug,info") from `$LOTBOOK_LOG`, else
/// `$RUST_LOG`; nothing when neither is set, so a command's output stays
/// its own.
pub const CLI_LOG_ENV: &str = "LOTBOOK_LOG";

/// The stderr filter of the CLI from the directives in `spec`; an unset,
/// empty or unreadable spec shows nothing.
pub fn cli_filter(spec: Option<&str>) -> Targets {
    spec.map(str::trim)
        .filter(|s| !s.is_empty())
        .and_then(|s| s.parse::<Targets>().ok())
        .unwrap_or_else(|| Targets::new().with_default(LevelFilter::OFF))
}

/// For the CLI: the same daily file as the app's when `dir` can hold it (a
/// CLI crash leaves no note for the app to tell), and stderr filtered by
/// [`CLI_LOG_ENV`] / `RUST_LOG`, quiet by default. Always installs a
/// subscriber, so no event goes nowhere; the guard is None without a file.
pub fn init_for_cli(dir: Option<&Path>) -> Option<LogGuard> {
    let spec = std::env::var(CLI_LOG_ENV)
        .ok()
        .or_else(|| std::env::var("RUST_LOG").ok());
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(cli_filter(spec.as_deref()));
    let file = dir.and_then(|d| file_appender(d).ok());
    let (file_layer, guard) = match file {
        Some(appender) => {
            let (writer, worker) = tracing_appender::non_blocking(appender);
            let layer = tracing_subscriber::fmt::layer()
                .with_writer(writer)
                .with_ansi(false)
                .with_filter(LevelFilter::INFO);
            (Some(layer), Some(LogGuard { _worker: worker }))
        }
        None => (None, None),
    };
    let subscriber = tracing_subscriber::registry().with(stderr).with(file_layer);
    // Already set (tests): the first one stays.
    let _ = tracing::subscriber::set_global_default(subscriber);
    install_panic_hook(None);
    guard
}

fn init_with(dir: &Path, crash_notes: Option<&Path>) -> Result<LogGuard> {
    let (writer, worker) = tracing_appender::non_blocking(file_appender(dir)?);
    let subscriber = tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .finish();
    // Already set (tests, a second init): the first one stays.
    let _ = tracing::subscriber::set_global_default(subscriber);
    install_panic_hook(crash_notes);
    tracing::info!(
        "Lotbook {} started on {} ({})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    Ok(LogGuard { _worker: worker })
}

/// A panic on the main thread ends the app; this note tells the next start.
pub const CRASH_NOTE: &str = "last-crash.txt";

/// Panics go to the log (with where they happened), then to the default
/// hook (stderr), so a crash reported by phone can be found in the file. One
/// on the main thread ends the app: it also leaves [`CRASH_NOTE`] in `dir`,
/// so the next start can say so calmly (when `notes` is given).
pub fn install_panic_hook(notes: Option<&Path>) {
    let default = std::panic::take_hook();
    let note = notes.map(|d| d.join(CRASH_NOTE));
    std::panic::set_hook(Box::new(move |info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".into());
        tracing::error!(code = "panic", "panic at {place}: {what}");
        if let (Some(note), Some("main")) = (&note, std::thread::current().name()) {
            let when = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
            let _ = std::fs::write(note, format!("{when} panic at {place}: {what}\n"));
        }
        default(info);
    }));
}

/// The note of a crash since the last start, removed once read.
pub fn take_crash_note(dir: &Path) -> Option<String> {
    let path = dir.join(CRASH_NOTE);
    let text = std::fs::read_to_string(&path).ok()?;
    let _ = std::fs::remove_file(&path);
    Some(text.trim().to_owned())
}

/// The log folder: `$LOTBOOK_LOG_DIR` (tests, support), else the one the
/// shell got from Tauri, else the OS's per-user log folder as Tauri names it
/// (so the CLI writes beside the app).
pub fn default_dir(os_log_dir: Option<PathBuf>) -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(LOG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    if os_log_dir.is_some() {
        return os_log_dir;
    }
    if cfg!(target_os = "macos") {
        dirs::home_dir().map(|h| h.join("Library/Logs").join(crate::APP_ID))
    } else {
        dirs::data_local_dir().map(|d| d.join(crate::APP_ID).join("logs"))
    }
}

/// The log files in `dir`, oldest first (their names carry the date).
pub fn log_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                        n.starts_with(&format!("{FILE_PREFIX}."))
                            && n.ends_with(&format!(".{FILE_SUFFIX}"))
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The last `n` warnings and errors of the log, newest last, for the
/// diagnostics a dealer copies for support.
pub fn last_errors(dir: &Path, n: usize) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for file in log_files(dir).iter().rev() {
        let Ok(f) = std::fs::File::open(file) else {
            continue;
        };
        let lines: Vec<String> = BufReader::new(f)
            .lines()
            .map_while(|l| l.ok())
            .filter(|l| l.contains(" ERROR ") || l.contains(" WARN "))
            .collect();
        // Older files' lines go before what was found already.
        let mut merged = lines;
        merged.append(&mut found);
        found = merged;
        if found.len() >= n {
            break;
        }
    }
    let skip = found.len().saturating_sub(n);
    found.split_off(skip)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_todays_file_and_keeps_a_week() {
        let dir = tempfile::tempdir().unwrap();
        for day in 1..=10 {
            let name = format!("{FILE_PREFIX}.2020-01-{day:02}.{FILE_SUFFIX}");
            std::fs::write(dir.path().join(name), "2020-01-01T00:00:00Z  WARN old\n").unwrap();
        }
        // Not ours: never pruned.
        std::fs::write(dir.path().join("notes.txt"), "keep").unwrap();

        let appender = file_appender(dir.path()).unwrap();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(std::sync::Mutex::new(appender))
            .with_ansi(false)
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            tracing::error!(code = "io", "the disk is full");
        });

        let files = log_files(dir.path());
        assert_eq!(files.len(), KEEP_FILES, "a week of files: {files:?}");
        let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
        let newest = files
            .iter()
            .find(|f| f.to_string_lossy().contains(&today))
            .unwrap();
        let text = std::fs::read_to_string(newest).unwrap();
        assert!(
            text.contains("the disk is full") && text.contains("code=\"io\""),
            "{text}"
        );
        assert!(dir.path().join("notes.txt").exists());

        // Only what matches the daily files' names counts.
        assert!(!log_files(dir.path())
            .iter()
            .any(|f| f.ends_with(CRASH_NOTE)));
        let last = last_errors(dir.path(), 3);
        assert_eq!(last.len(), 3);
        assert!(last[2].contains("the disk is full"), "{last:?}");
    }

    #[test]
    fn the_cli_shows_nothing_on_stderr_unless_asked() {
        use tracing::Level;
        let quiet = cli_filter(None);
        assert!(!quiet.would_enable("lotbook", &Level::ERROR));
        assert!(!cli_filter(Some("  ")).would_enable("lotbook", &Level::ERROR));
        let warn = cli_filter(Some("warn"));
        assert!(warn.would_enable("lotbook::sync", &Level::WARN));
        assert!(!warn.would_enable("lotbook::sync", &Level::INFO));
        let sync = cli_filter(Some("lotbook::sync=debug,error"));
        assert!(sync.would_enable("lotbook::sync::worker", &Level::DEBUG));
        assert!(!sync.would_enable("lotbook::mail", &Level::WARN));
    }

    #[test]
    fn a_main_thread_panic_leaves_a_note_for_the_next_start() {
        let dir = tempfile::tempdir().unwrap();
        install_panic_hook(Some(dir.path()));
        let worker = std::thread::Builder::new()
            .name("worker".into())
            .spawn(|| panic!("in a worker"))
            .unwrap();
        assert!(worker.join().is_err());
        assert_eq!(
            take_crash_note(dir.path()),
            None,
            "a worker's panic does not end the app"
        );
        let main = std::thread::Builder::new()
            .name("main".into())
            .spawn(|| panic!("the window broke"))
            .unwrap();
        assert!(main.join().is_err());
        let _ = std::panic::take_hook();
        let note = take_crash_note(dir.path()).unwrap();
        assert!(note.contains("the window broke"), "{note}");
        assert_eq!(take_crash_note(dir.path()), None, "read once");
    }
}
