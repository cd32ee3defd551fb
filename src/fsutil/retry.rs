//! Renames and deletes that meet a file another program holds open for a
//! moment (on Windows a cloud-drive client or an antivirus scanner opens
//! every new file; the rename or delete then fails with a sharing violation
//! or "access denied") are tried again with back-off, then reported. Each of
//! these operations is one step that either happened or did not, so a retry
//! never leaves anything half-done.

use std::io;
use std::path::Path;
use std::time::Duration;

use super::os_error::{meaning_of, Meaning, Os};

/// Waits between attempts: about 1.5 s in all, longer than a scanner's or a
/// sync client's usual hold, short enough that a person waits without worry.
pub const BACKOFF_MS: [u64; 6] = [25, 50, 100, 200, 400, 800];

/// Runs `op` until it succeeds, fails for a reason a retry cannot cure, or
/// the back-off is spent. `os` reads the error codes; `sleep` waits (a fake
/// in tests).
pub fn retry_busy<T>(
    os: Os,
    mut sleep: impl FnMut(Duration),
    mut op: impl FnMut() -> io::Result<T>,
) -> io::Result<T> {
    let mut waits = BACKOFF_MS.iter();
    loop {
        match op() {
            Ok(v) => return Ok(v),
            Err(e) => {
                let busy = e.raw_os_error().map(|c| meaning_of(os, c)) == Some(Meaning::Busy);
                match waits.next() {
                    Some(ms) if busy => sleep(Duration::from_millis(*ms)),
                    _ if busy => return Err(held_open(e)),
                    _ => return Err(e),
                }
            }
        }
    }
}

/// The error after the last attempt, saying what probably holds the file.
fn held_open(e: io::Error) -> io::Error {
    io::Error::new(
        e.kind(),
        format!(
            "{e}; another program (a cloud drive or an antivirus scanner) kept the file open; \
             nothing was changed, try again in a moment"
        ),
    )
}

fn real<T>(op: impl FnMut() -> io::Result<T>) -> io::Result<T> {
    retry_busy(Os::CURRENT, std::thread::sleep, op)
}

/// `std::fs::rename`, retried while another program holds either file.
pub fn rename(from: &Path, to: &Path) -> io::Result<()> {
    real(|| std::fs::rename(from, to))
}

/// `std::fs::remove_file`, retried the same way; a file already gone is fine.
pub fn remove_file(path: &Path) -> io::Result<()> {
    real(|| match std::fs::remove_file(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    })
}

/// `std::fs::remove_dir_all`, retried the same way; a folder already gone
/// is fine. A retry goes on from what the failed attempt left.
pub fn remove_dir_all(path: &Path) -> io::Result<()> {
    real(|| match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    const SHARING_VIOLATION: i32 = 32;
    const ACCESS_DENIED: i32 = 5;

    /// An operation that fails with `code` (as Windows returns it) `times`
    /// times, then succeeds.
    fn flaky(code: i32, times: usize) -> impl FnMut() -> io::Result<&'static str> {
        let mut left = times;
        move || {
            if left > 0 {
                left -= 1;
                Err(io::Error::from_raw_os_error(code))
            } else {
                Ok("renamed")
            }
        }
    }

    #[test]
    fn a_sharing_violation_for_a_moment_is_waited_out() {
        let slept = RefCell::new(Vec::new());
        let out = retry_busy(
            Os::Windows,
            |d| slept.borrow_mut().push(d),
            flaky(SHARING_VIOLATION, 3),
        );
        assert_eq!(out.unwrap(), "renamed");
        assert_eq!(slept.borrow().len(), 3, "one wait per failed attempt");
        assert!(
            slept.borrow().windows(2).all(|w| w[0] < w[1]),
            "back-off grows"
        );
    }

    #[test]
    fn a_file_held_for_good_is_reported_after_the_back_off() {
        let mut attempts = 0;
        let out = retry_busy(
            Os::Windows,
            |_| {},
            || -> io::Result<()> {
                attempts += 1;
                Err(io::Error::from_raw_os_error(ACCESS_DENIED))
            },
        );
        let e = out.unwrap_err();
        assert_eq!(attempts, BACKOFF_MS.len() + 1);
        assert!(e.to_string().contains("another program"), "{e}");
        let total: u64 = BACKOFF_MS.iter().sum();
        assert!(total < 2_000, "a person waits at most ~2 s");
    }

    #[test]
    fn other_errors_are_not_retried() {
        let mut attempts = 0;
        let e = retry_busy(
            Os::Windows,
            |_| panic!("no wait for an error a retry cannot cure"),
            || -> io::Result<()> {
                attempts += 1;
                Err(io::Error::from(io::ErrorKind::NotFound))
            },
        )
        .unwrap_err();
        assert_eq!(attempts, 1);
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
        // 32 on Linux is EPIPE: not a reason to wait there.
        let mut n = 0;
        let _ = retry_busy(
            Os::Linux,
            |_| panic!("no wait"),
            || -> io::Result<()> {
                n += 1;
                Err(io::Error::from_raw_os_error(SHARING_VIOLATION))
            },
        );
        assert_eq!(n, 1);
    }

    #[test]
    fn the_real_helpers_do_their_job_and_accept_what_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        std::fs::write(&a, b"x").unwrap();
        let b = dir.path().join("b");
        rename(&a, &b).unwrap();
        assert!(b.is_file() && !a.exists());
        remove_file(&b).unwrap();
        remove_file(&b).unwrap();
        let sub = dir.path().join("sub/deeper");
        std::fs::create_dir_all(&sub).unwrap();
        remove_dir_all(&dir.path().join("sub")).unwrap();
        remove_dir_all(&dir.path().join("sub")).unwrap();
    }
}
