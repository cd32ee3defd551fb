//! One app window per data folder. The first app on a folder holds an
//! exclusive OS lock on `lotbook-window.lock` (released by the OS when the
//! process ends, even by a crash) and listens on a loopback port written to
//! `lotbook-window.port`; a second launch on the same folder asks it to come
//! forward and exits. Keyed by the folder, not the app id, so test runs and
//! a sample folder each get their own window (tauri-plugin-single-instance
//! keys by the app identifier only).

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

pub const WINDOW_LOCK: &str = "lotbook-window.lock";
pub const WINDOW_PORT: &str = "lotbook-window.port";
const REQUEST: &[u8] = b"lotbook focus\n";
const REPLY: &str = "focused";
/// How long a second launch waits for a first one that is closing.
const CLOSING_WAIT: Duration = Duration::from_secs(5);

/// The first app on a folder; keep it for the life of the process.
pub struct FirstInstance {
    lock: File,
    listener: TcpListener,
}

pub enum Claim {
    /// This process is the folder's app.
    First(FirstInstance),
    /// Another app has the folder and was asked to come forward.
    Focused,
}

/// Claims `data_dir` for this process's window, or asks its holder to come
/// forward. A holder that is closing (its port no longer answers) is waited
/// for briefly, then this process takes over.
pub fn claim(data_dir: &Path) -> Result<Claim> {
    std::fs::create_dir_all(data_dir).map_err(|e| Error::io(data_dir, e))?;
    let path = data_dir.join(WINDOW_LOCK);
    let lock = crate::db::lock_file(&path)?;
    let since = Instant::now();
    loop {
        match lock.try_lock() {
            Ok(()) => {
                let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
                    .and_then(|l| l.local_addr().map(|a| (l, a.port())));
                let (listener, port) = listener.map_err(|e| {
                    Error::Other(format!("no loopback port for the window's door: {e}"))
                })?;
                crate::fsutil::write_atomic(
                    &data_dir.join(WINDOW_PORT),
                    port.to_string().as_bytes(),
                )?;
                return Ok(Claim::First(FirstInstance { lock, listener }));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                if ask_to_focus(data_dir) {
                    return Ok(Claim::Focused);
                }
                if since.elapsed() > CLOSING_WAIT {
                    return Err(Error::Busy(format!(
                        "another Lotbook has {} open and does not answer; close it and try again",
                        data_dir.display()
                    )));
                }
                std::thread::sleep(Duration::from_millis(200));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
    }
}

/// Sends the request to the port the holder wrote; true when it answered.
fn ask_to_focus(data_dir: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(data_dir.join(WINDOW_PORT)) else {
        return false;
    };
    let Ok(port) = text.trim().parse::<u16>() else {
        return false;
    };
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_secs(2)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(3)));
    if stream.write_all(REQUEST).is_err() {
        return false;
    }
    let mut reply = String::new();
    BufReader::new(stream).read_line(&mut reply).is_ok() && reply.trim() == REPLY
}

/// Lets the folder go before the process ends (a restart, a quit), so the
/// next app on it never asks one that is on its way out.
#[derive(Clone)]
pub struct Release {
    lock: Arc<File>,
    closing: Arc<AtomicBool>,
}

impl Release {
    pub fn release(&self) {
        self.closing.store(true, Ordering::SeqCst);
        let _ = self.lock.unlock();
    }
}

impl FirstInstance {
    /// Answers second launches on a thread of its own, calling `focus` for
    /// each; the folder stays claimed until the process ends or is released.
    pub fn serve(self, focus: impl Fn() + Send + 'static) -> Release {
        let release = Release {
            lock: Arc::new(self.lock),
            closing: Arc::new(AtomicBool::new(false)),
        };
        let held = release.clone();
        let listener = self.listener;
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                // Closing: no answer, so the asker waits for the lock instead.
                if held.closing.load(Ordering::SeqCst) {
                    continue;
                }
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let mut line = String::new();
                let mut reader = BufReader::new(&stream);
                // Anything else that connects to the port is ignored.
                if reader.read_line(&mut line).is_err() || line.as_bytes() != REQUEST {
                    continue;
                }
                tracing::info!("a second launch on this data folder: bringing the window forward");
                focus();
                let _ = (&stream).write_all(format!("{REPLY}\n").as_bytes());
            }
        });
        release
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn second_claim_focuses_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let Claim::First(first) = claim(dir.path()).unwrap() else {
            panic!("the first claim must win")
        };
        let focused = Arc::new(AtomicUsize::new(0));
        let seen = focused.clone();
        let release = first.serve(move || {
            seen.fetch_add(1, Ordering::SeqCst);
        });
        assert!(matches!(claim(dir.path()).unwrap(), Claim::Focused));
        assert_eq!(focused.load(Ordering::SeqCst), 1);

        // On its way out it lets go: the next launch takes the folder.
        release.release();
        assert!(matches!(claim(dir.path()).unwrap(), Claim::First(_)));
        assert_eq!(focused.load(Ordering::SeqCst), 1);

        // Another folder is another window.
        let other = tempfile::tempdir().unwrap();
        assert!(matches!(claim(other.path()).unwrap(), Claim::First(_)));
    }

    #[test]
    fn a_closed_first_leaves_the_folder_free() {
        let dir = tempfile::tempdir().unwrap();
        let first = claim(dir.path()).unwrap();
        drop(first);
        assert!(matches!(claim(dir.path()).unwrap(), Claim::First(_)));
    }
}
