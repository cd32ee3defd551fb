//! The hybrid logical clock that stamps every captured change.
//!
//! A stamp is 32.32 fixed-point seconds since the Unix epoch (the high 32
//! bits are whole seconds), written as 16 lower-case hex digits so stamps
//! sort as text in time order. The device id that breaks ties is stored
//! beside them, not inside.
//!
//! The clock policy (README, Team sync): a stamp is never below one this
//! clock issued or observed, and never more than [`MAX_DRIFT_SECS`] ahead
//! of this computer's wall clock because of another computer: remote stamps
//! further ahead are held by sync, not observed. A wall clock outside
//! [`WALL_MIN_SECS`]..[`WALL_MAX_SECS`] is plainly wrong: no stamp is
//! issued ([`ClockError`]), so nothing is written under it; reads go on.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// How far another computer's stamps may be ahead of our wall clock and
/// still move our clock (Actual Budget and Evolu use the same 5 minutes).
pub const MAX_DRIFT_SECS: u64 = 5 * 60;
/// 2025-01-01T00:00:00Z: a wall clock before this is wrong (a flat CMOS battery).
pub const WALL_MIN_SECS: i64 = 1_735_689_600;
/// 2100-01-01T00:00:00Z: after this is wrong too, and far from the end of
/// 32-bit seconds (2106) that stamps cannot pass.
pub const WALL_MAX_SECS: i64 = 4_102_444_800;

/// This computer's wall clock is outside the range any real date is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockError {
    /// What the wall clock reads, in seconds since the epoch.
    pub wall_secs: i64,
}

impl std::fmt::Display for ClockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "this computer's clock reads {}, which cannot be right: set the date and time of \
             this computer, then try again (nothing was saved; your data can still be read)",
            wall_date(self.wall_secs)
        )
    }
}

impl std::error::Error for ClockError {}

/// `secs` as a date for messages ("2107-03-01").
pub fn wall_date(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| format!("{secs} seconds after 1970"))
}

/// The computer's wall clock, plus an offset tests set to play a computer
/// whose clock is wrong (deterministically, without faketime).
#[derive(Debug, Default)]
pub struct Wall {
    offset_secs: AtomicI64,
}

impl Wall {
    /// Makes this clock read `secs` ahead of the real one (negative: behind).
    pub fn set_offset(&self, secs: i64) {
        self.offset_secs.store(secs, Ordering::SeqCst);
    }

    pub fn offset(&self) -> i64 {
        self.offset_secs.load(Ordering::SeqCst)
    }

    /// Seconds since the epoch (negative before 1970), with the fraction in
    /// 1/2^32 s, as the wall clock reads them now.
    fn read(&self) -> (i64, u32) {
        let (secs, nanos) = match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => (d.as_secs() as i64, d.subsec_nanos()),
            Err(e) => (-(e.duration().as_secs() as i64) - 1, 0),
        };
        let frac = ((u64::from(nanos) << 32) / 1_000_000_000) as u32;
        (secs.saturating_add(self.offset()), frac)
    }

    /// Seconds since the epoch the wall clock reads, right or wrong.
    pub fn secs(&self) -> i64 {
        self.read().0
    }

    /// The wall clock as a stamp value, or why it cannot be one.
    pub fn stamp(&self) -> Result<u64, ClockError> {
        let (secs, frac) = self.read();
        if !(WALL_MIN_SECS..WALL_MAX_SECS).contains(&secs) {
            return Err(ClockError { wall_secs: secs });
        }
        Ok(((secs as u64) << 32) | u64::from(frac))
    }

    /// The newest stamp another computer may hand us that still moves our
    /// clock: `MAX_DRIFT_SECS` ahead of the wall clock.
    pub fn drift_limit(&self) -> Result<u64, ClockError> {
        Ok(self.stamp()? + (MAX_DRIFT_SECS << 32))
    }
}

pub struct Clock {
    /// The newest stamp issued or observed.
    last: Mutex<u64>,
    wall: Wall,
}

impl Clock {
    /// A clock that never goes below `floor` (the newest stamp this database
    /// holds within the drift limit, see `Store::open`): a wall clock set
    /// back between runs must not make new changes look older than old ones.
    pub fn new(floor: Option<&str>) -> Self {
        let clock = Clock {
            last: Mutex::new(0),
            wall: Wall::default(),
        };
        if let Some(floor) = floor {
            clock.observe(floor);
        }
        clock
    }

    pub fn wall(&self) -> &Wall {
        &self.wall
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, u64> {
        // The guarded value is a plain number: a panic elsewhere cannot leave it half-written.
        self.last.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A new stamp, strictly greater than every one issued or observed, or
    /// an error when the wall clock is plainly wrong.
    pub fn now(&self) -> Result<String, ClockError> {
        let wall = self.wall.stamp()?;
        let mut last = self.lock();
        let next = wall.max(last.saturating_add(1));
        *last = next;
        Ok(format_hlc(next))
    }

    /// Moves the clock past `hlc`. Unparseable input is ignored: it cannot
    /// be ordered against anything. Callers bound remote stamps first
    /// (sync holds what is beyond [`Wall::drift_limit`]).
    pub fn observe(&self, hlc: &str) {
        if let Some(time) = parse_hlc(hlc) {
            let mut last = self.lock();
            *last = (*last).max(time);
        }
    }

    /// Sets the clock back to `floor` (or to nothing issued): used only when
    /// this computer's own stamps beyond the drift limit are being
    /// re-stamped (a clock that was ahead and has been put right).
    pub fn rebase(&self, floor: Option<&str>) {
        *self.lock() = floor.and_then(parse_hlc).unwrap_or(0);
    }

    /// The newest stamp issued or observed.
    pub fn last(&self) -> u64 {
        *self.lock()
    }
}

pub fn format_hlc(time: u64) -> String {
    format!("{time:016x}")
}

pub fn parse_hlc(s: &str) -> Option<u64> {
    if s.len() != 16 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u64::from_str_radix(s, 16).ok()
}

impl From<ClockError> for crate::error::Error {
    fn from(e: ClockError) -> Self {
        crate::error::Error::ClockWrong(e.to_string())
    }
}

#[cfg(test)]
mod tests;
