//! The time a worker waits by: the real clock, or a fake one that a test
//! moves forward by hand, so a schedule of minutes is tested in
//! milliseconds and never depends on the machine's speed.

use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Where a worker waits: rung by a wake, and by the handle's drop (stop).
#[derive(Default)]
pub struct Bell {
    state: Mutex<Rung>,
    changed: Condvar,
}

#[derive(Default)]
struct Rung {
    woken: bool,
    stop: bool,
}

impl Bell {
    fn state(&self) -> MutexGuard<'_, Rung> {
        // A panic elsewhere never leaves a worker deaf.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn ring(&self) {
        self.state().woken = true;
        self.changed.notify_all();
    }

    pub fn stop(&self) {
        self.state().stop = true;
        self.changed.notify_all();
    }

    pub fn stopped(&self) -> bool {
        self.state().stop
    }

    /// Takes a wake that came meanwhile (true if there was one).
    pub fn take(&self) -> bool {
        std::mem::take(&mut self.state().woken)
    }

    /// Waits in real time until `until`, a stop, or (with `wakes`) a wake,
    /// which it takes; true when woken.
    pub fn wait_until(&self, until: Instant, wakes: bool) -> bool {
        let s = self.state();
        let timeout = until.saturating_duration_since(Instant::now());
        let (mut s, _) = self
            .changed
            .wait_timeout_while(s, timeout, |s| !(s.stop || wakes && s.woken))
            .unwrap_or_else(|p| p.into_inner());
        wakes && !s.stop && std::mem::take(&mut s.woken)
    }
}

/// What a worker asks of time.
pub trait Clock: Send + Sync {
    fn now(&self) -> Instant;

    /// Waits until `until`, a wake (taken; returns true) or a stop.
    fn wait(&self, bell: &Bell, until: Instant) -> bool;

    /// Waits `span` whatever wakes come (they are left for later); a stop
    /// ends it early.
    fn sleep(&self, bell: &Bell, span: Duration);
}

/// The machine's monotonic clock.
pub struct RealClock;

impl Clock for RealClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn wait(&self, bell: &Bell, until: Instant) -> bool {
        bell.wait_until(until, true)
    }

    fn sleep(&self, bell: &Bell, span: Duration) {
        bell.wait_until(Instant::now() + span, false);
    }
}

/// A clock that moves only when told ([`FakeClock::advance`]); for tests
/// of schedules (also of other crates' workers, so it is public).
pub struct FakeClock {
    start: Instant,
    gone: Mutex<Duration>,
}

impl Default for FakeClock {
    fn default() -> Self {
        FakeClock {
            start: Instant::now(),
            gone: Mutex::new(Duration::ZERO),
        }
    }
}

/// How often a waiter on the fake clock looks at it again (real time).
const LOOK_EVERY: Duration = Duration::from_millis(2);

impl FakeClock {
    pub fn advance(&self, span: Duration) {
        *self.gone.lock().unwrap_or_else(|p| p.into_inner()) += span;
    }

    fn until(&self, bell: &Bell, until: Instant, wakes: bool) -> bool {
        loop {
            if bell.stopped() {
                return false;
            }
            if wakes && bell.take() {
                return true;
            }
            if self.now() >= until {
                return false;
            }
            bell.wait_until(Instant::now() + LOOK_EVERY, false);
        }
    }
}

impl Clock for FakeClock {
    fn now(&self) -> Instant {
        self.start + *self.gone.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn wait(&self, bell: &Bell, until: Instant) -> bool {
        self.until(bell, until, true)
    }

    fn sleep(&self, bell: &Bell, span: Duration) {
        let until = self.now() + span;
        self.until(bell, until, false);
    }
}
