//! CPU time of the calling thread, shared by the benches.

use std::time::Duration;

/// CPU time of this thread (user + system): beside the wall clock, a
/// figure that other work on a shared machine disturbs less.
#[cfg(unix)]
pub fn cpu_now() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to fill.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}
#[cfg(not(unix))]
pub fn cpu_now() -> Duration {
    Duration::ZERO
}
