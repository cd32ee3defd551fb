//! The work the app does by itself (sync, the outbox, the daily backup):
//! one small runner that every background worker shares. A worker is a
//! [`Job`] that says how long to wait before its next turn; the runner
//! keeps the thread, the schedule, the wake-ups and the stop, on a
//! [`Clock`] that tests replace with a [`FakeClock`].
//!
//! The shell starts workers and hears each finished pass through a
//! callback (to emit an event); it knows nothing of their schedules.

mod busy;
mod clock;
mod gate;

pub use busy::{background, working, Working};
pub use clock::{Bell, Clock, FakeClock, RealClock};
pub use gate::{DataGate, Pass};

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What a turn did and when the next one is due.
pub struct Turn<T> {
    /// What the pass did, for the callback; None when nothing ran (sync
    /// off, the folder being restored).
    pub done: Option<T>,
    /// How long to wait for the next turn unless woken earlier.
    pub next: Duration,
}

impl<T> Turn<T> {
    pub fn ran(done: T, next: Duration) -> Self {
        Turn {
            done: Some(done),
            next,
        }
    }

    pub fn idle(next: Duration) -> Self {
        Turn { done: None, next }
    }
}

/// One kind of background work.
pub trait Job: Send + 'static {
    /// What a pass reports to the callback.
    type Done: Send + 'static;

    /// The thread's name (also the name in logs).
    const NAME: &'static str;

    /// How long to wait before the first turn (zero: at once).
    fn first_wait(&self) -> Duration {
        Duration::ZERO
    }

    /// How long to let things settle after a wake before the turn (a cloud
    /// drive writes a file in bursts); further wakes meanwhile are folded in.
    fn settle(&self) -> Duration {
        Duration::ZERO
    }

    /// Called once on the worker's thread before the first wait, with a
    /// waker the job may hand on (a file watcher).
    fn started(&mut self, _waker: Waker) {}

    /// One turn at `now`; `woken` says a [`Worker::wake`] brought it early.
    fn turn(&mut self, now: Instant, woken: bool) -> Turn<Self::Done>;

    /// How long to wait after a turn that panicked (it is logged; the loop
    /// goes on).
    fn after_fault(&self) -> Duration {
        Duration::from_secs(60)
    }
}

/// Wakes a worker from anywhere (a restore, a file watcher); cheap to clone.
#[derive(Clone)]
pub struct Waker(Arc<Bell>);

impl Waker {
    pub fn wake(&self) {
        self.0.ring();
    }
}

/// The handle of a running worker: [`wake`](Worker::wake) runs a turn at
/// once; dropping it stops the worker and joins its thread (a pass under
/// way finishes first; none is cut in the middle).
pub struct Worker {
    bell: Arc<Bell>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// Starts `job` on a thread of its own. `on_pass` hears what each pass
    /// did (the shell emits an event from it).
    pub fn start<J: Job>(
        job: J,
        clock: Arc<dyn Clock>,
        on_pass: impl FnMut(&J::Done) + Send + 'static,
    ) -> std::io::Result<Worker> {
        let bell = Arc::new(Bell::default());
        let inside = bell.clone();
        let thread = std::thread::Builder::new()
            .name(J::NAME.to_owned())
            .spawn(move || run(job, &*clock, &inside, on_pass))?;
        Ok(Worker {
            bell,
            thread: Some(thread),
        })
    }

    pub fn wake(&self) {
        self.bell.ring();
    }

    pub fn waker(&self) -> Waker {
        Waker(self.bell.clone())
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.bell.stop();
        if let Some(t) = self.thread.take() {
            // A panic inside was caught and logged turn by turn; one that
            // escaped the runner itself has nothing left to report.
            let _ = t.join();
        }
    }
}

fn run<J: Job>(mut job: J, clock: &dyn Clock, bell: &Arc<Bell>, mut on_pass: impl FnMut(&J::Done)) {
    job.started(Waker(bell.clone()));
    let mut until = clock.now() + job.first_wait();
    loop {
        let woken = clock.wait(bell, until);
        if bell.stopped() {
            return;
        }
        if woken {
            let settle = job.settle();
            if !settle.is_zero() {
                clock.sleep(bell, settle);
                if bell.stopped() {
                    return;
                }
                bell.take();
            }
        }
        let now = clock.now();
        match catch_unwind(AssertUnwindSafe(|| job.turn(now, woken))) {
            Ok(turn) => {
                // The next turn's time is set before the callback, which a
                // test uses to know the pass ended before it moves the clock.
                until = clock.now() + turn.next;
                if let Some(done) = &turn.done {
                    on_pass(done);
                }
            }
            Err(_) => {
                tracing::error!(code = "internal", "{}: a pass failed unexpectedly", J::NAME);
                // Counted from the turn's start: the panic's report may
                // take a while, and a fake clock must not race with it.
                until = now + job.after_fault();
            }
        }
    }
}

#[cfg(test)]
mod tests;
