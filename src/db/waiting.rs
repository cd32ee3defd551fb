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
mod tests;
