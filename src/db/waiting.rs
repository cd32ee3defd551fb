//! Whether a writer of this process is waiting for the write lock, so a
//! bulk write gives it a long turn between chunks and otherwise only a
//! short one (a 50,000-row import commits ~30 chunks: 60 ms each was 1.7 s).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::Instant;

/// When a busy handler of this process last polled, in ms of [`now_ms`].
static LAST_POLL_MS: AtomicU64 = AtomicU64::new(0);

/// Milliseconds since this process first asked (never 0).
pub(crate) fn now_ms() -> u64 {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    EPOCH.get_or_init(Instant::now).elapsed().as_millis() as u64 + 1
}

/// Called by every busy handler poll (see `set_busy_timeout`).
pub(crate) fn note_poll() {
    LAST_POLL_MS.fetch_max(now_ms(), Ordering::Relaxed);
}

/// Whether some connection of this process waited for a lock since `ms`.
pub(crate) fn waited_since(ms: u64) -> bool {
    LAST_POLL_MS.load(Ordering::Relaxed) >= ms
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Store;

    #[test]
    fn a_writer_kept_waiting_is_noticed() {
        let dir = tempfile::TempDir::new().unwrap();
        let a = Store::open(dir.path()).unwrap();
        let mut b = Store::open_beside(dir.path()).unwrap();
        b.set_busy_timeout(std::time::Duration::from_millis(30))
            .unwrap();
        let since = now_ms();
        assert!(!waited_since(since + 1_000_000), "not in the future");
        a.conn().execute_batch("BEGIN IMMEDIATE").unwrap();
        let refused = b
            .conn()
            .execute("INSERT INTO local_meta (key, value) VALUES ('w', 'x')", []);
        assert!(refused.is_err(), "the lock is held");
        assert!(waited_since(since), "its busy handler polled");
        a.conn().execute_batch("ROLLBACK").unwrap();
    }
}
