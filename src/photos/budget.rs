//! How much decoding memory the photo workers may hold at once: a weighted
//! semaphore over the bytes a decode keeps alive (its pixel buffers, and for
//! a JPEG its compressed bytes). Small photos decode side by side; a photo
//! that needs the whole budget (or more) waits for the others to finish and
//! then runs alone. Waiters are served first come, first served, so a big
//! photo is never starved by a stream of small ones.
//!
//! A holder must not wait for another decode while it holds its permit (no
//! nested rayon work inside a decode), or it could wait on itself.

use std::sync::{Condvar, Mutex, MutexGuard};

/// The whole process shares one budget: an import, a compose remaking email
/// sizes and the demo all decode through it. 256 MB keeps a batch of the
/// largest photos under 500 MB of memory in all.
pub static BUDGET: DecodeBudget = DecodeBudget::new(256 * 1024 * 1024);

pub struct DecodeBudget {
    capacity: u64,
    state: Mutex<State>,
    freed: Condvar,
}

struct State {
    in_use: u64,
    /// Tickets handed out and the one allowed to go next (FIFO order).
    next_ticket: u64,
    serving: u64,
}

/// Held while a decode's memory is alive; gives its share back when dropped.
#[must_use = "the budget is released as soon as the permit is dropped"]
pub struct Permit<'a> {
    budget: &'a DecodeBudget,
    weight: u64,
}

impl std::fmt::Debug for Permit<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Permit({} bytes)", self.weight)
    }
}

impl DecodeBudget {
    pub const fn new(capacity: u64) -> DecodeBudget {
        DecodeBudget {
            capacity,
            state: Mutex::new(State {
                in_use: 0,
                next_ticket: 0,
                serving: 0,
            }),
            freed: Condvar::new(),
        }
    }

    /// Waits until `weight` bytes are free and this caller is first in line.
    /// A weight over the capacity is taken as the whole capacity: that
    /// decode runs alone rather than never.
    pub fn acquire(&self, weight: u64) -> Permit<'_> {
        let weight = weight.clamp(1, self.capacity);
        let mut state = self.lock();
        let ticket = state.next_ticket;
        state.next_ticket += 1;
        while state.serving != ticket || state.in_use + weight > self.capacity {
            state = self
                .freed
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        state.serving += 1;
        state.in_use += weight;
        drop(state);
        // The next in line may fit beside this one.
        self.freed.notify_all();
        Permit {
            budget: self,
            weight,
        }
    }

    /// The permit if `weight` fits now and nobody is waiting; never blocks.
    #[cfg(test)]
    pub fn try_acquire(&self, weight: u64) -> Option<Permit<'_>> {
        let weight = weight.clamp(1, self.capacity);
        let mut state = self.lock();
        if state.serving != state.next_ticket || state.in_use + weight > self.capacity {
            return None;
        }
        state.next_ticket += 1;
        state.serving += 1;
        state.in_use += weight;
        Some(Permit {
            budget: self,
            weight,
        })
    }

    /// Bytes held by permits now.
    #[cfg(test)]
    pub fn in_use(&self) -> u64 {
        self.lock().in_use
    }

    /// Callers blocked in [`DecodeBudget::acquire`] now.
    #[cfg(test)]
    pub fn waiting(&self) -> u64 {
        let state = self.lock();
        state.next_ticket - state.serving
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // The counters stay consistent even if a holder panicked.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut state = self.budget.lock();
        state.in_use -= self.weight;
        drop(state);
        self.budget.freed.notify_all();
    }
}

#[cfg(test)]
mod tests;
