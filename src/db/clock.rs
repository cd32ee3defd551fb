//! The hybrid logical clock that stamps every captured change.
//!
//! Timestamps are uhlc's NTP64 values (32.32 fixed-point seconds since the
//! Unix epoch) written
//! as 16 lower-case hex digits, so they sort as text in time order. The
//! device id that breaks ties is stored beside them, not inside.

use std::time::Duration;
use uhlc::{HLCBuilder, Timestamp, HLC, ID, NTP64};
use uuid::Uuid;

pub struct Clock {
    hlc: HLC,
}

impl Clock {
    /// A clock for `device` that never goes below `floor`, the newest stamp
    /// this database already holds: a wall clock set back between runs must
    /// not make new changes look older than old ones.
    pub fn new(device: Uuid, floor: Option<&str>) -> Self {
        let id = ID::try_from(u128::from_le_bytes(*device.as_bytes()))
            // A zero UUID is the only failure; UUIDv7 always has version bits set.
            .unwrap_or_else(|_| ID::rand());
        let hlc = HLCBuilder::new()
            .with_id(id)
            // Our own floor may be far ahead of a wrong wall clock; remote
            // skew is bounded by sync, which checks before it calls observe().
            .with_max_delta(Duration::from_secs(100 * 365 * 24 * 3600))
            .build();
        let clock = Clock { hlc };
        if let Some(floor) = floor {
            clock.observe(floor);
        }
        clock
    }

    /// A new timestamp, strictly greater than every one issued or observed.
    pub fn now(&self) -> String {
        format_hlc(self.hlc.new_timestamp().get_time().as_u64())
    }

    /// Moves the clock past `hlc` (a stamp from this or another device).
    /// Unparseable input is ignored: it cannot be ordered against anything.
    pub fn observe(&self, hlc: &str) {
        if let Some(time) = parse_hlc(hlc) {
            let ts = Timestamp::new(NTP64(time), *self.hlc.get_id());
            // Cannot exceed the 100-year delta set above for a parsed u64 stamp
            // within NTP64's era; if it ever did, keeping the old clock is safe.
            let _ = self.hlc.update_with_timestamp(&ts);
        }
    }
}

pub fn format_hlc(time: u64) -> String {
    format!("{time:016x}")
}

pub fn parse_hlc(s: &str) -> Option<u64> {
    if s.len() != 16 {
        return None;
    }
    u64::from_str_radix(s, 16).ok()
}

#[cfg(test)]
mod tests;
