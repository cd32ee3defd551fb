//! Who may open the data folder beside the window's store: the background
//! workers (sync, outbox, automatic backups) and the commands that work on a
//! connection of their own enter the gate and hold a pass while they have
//! the folder open. A restore closes the gate, waits for them to leave, has
//! the folder alone (the core restore needs its lock alone), and opens the
//! gate again. A worker that keeps a connection (sync) checks `closed` and
//! lets it go, and opens the folder again afterwards.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

#[derive(Default)]
pub struct DataGate {
    state: Mutex<Inside>,
    left: Condvar,
}

#[derive(Default)]
struct Inside {
    closed: bool,
    passes: usize,
}

/// Held while the folder is open; leaving drops it.
pub struct Pass(Arc<DataGate>);

impl Drop for Pass {
    fn drop(&mut self) {
        let mut s = self.0.inside();
        s.passes = s.passes.saturating_sub(1);
        self.0.left.notify_all();
    }
}

impl DataGate {
    fn inside(&self) -> MutexGuard<'_, Inside> {
        // A panic elsewhere never locks the folder for good.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A pass, or None while a restore has the folder (try again later).
    pub fn enter(self: &Arc<Self>) -> Option<Pass> {
        let mut s = self.inside();
        if s.closed {
            return None;
        }
        s.passes += 1;
        Some(Pass(self.clone()))
    }

    pub fn closed(&self) -> bool {
        self.inside().closed
    }

    /// Closes the gate (no new pass), `nudge`s whoever waits inside, waits
    /// up to `wait` for every pass to be dropped, runs `f` alone and opens
    /// the gate again. None when another restore runs or a pass was not
    /// dropped in time (then nothing ran).
    pub fn alone<T>(&self, wait: Duration, nudge: impl Fn(), f: impl FnOnce() -> T) -> Option<T> {
        {
            let mut s = self.inside();
            if s.closed {
                return None;
            }
            s.closed = true;
        }
        nudge();
        let s = self.inside();
        let (s, _) = self
            .left
            .wait_timeout_while(s, wait, |s| s.passes > 0)
            .unwrap_or_else(|p| p.into_inner());
        let empty = s.passes == 0;
        drop(s);
        let out = empty.then(f);
        self.inside().closed = false;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restore_waits_for_passes_and_refuses_new_ones() {
        let gate = Arc::new(DataGate::default());
        let pass = gate.enter().unwrap();
        let g = gate.clone();
        // The worker leaves only once the restore has closed the gate: no
        // race with how soon the restore starts on a loaded machine.
        let worker = std::thread::spawn(move || {
            while !g.closed() {
                std::thread::sleep(Duration::from_millis(1));
            }
            std::thread::sleep(Duration::from_millis(20));
            let closed = g.closed();
            drop(pass);
            closed
        });
        let ran = gate.alone(Duration::from_secs(5), || {}, || gate.enter().is_none());
        assert_eq!(ran, Some(true), "ran alone, no pass meanwhile");
        assert!(worker.join().unwrap(), "closed while the worker was inside");
        assert!(gate.enter().is_some(), "open again");
        let held = gate.enter().unwrap();
        assert_eq!(gate.alone(Duration::from_millis(50), || {}, || ()), None);
        drop(held);
        assert!(!gate.closed());
    }
}
