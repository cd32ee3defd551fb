//! Visits and blocked time: the dealers' calendar without double-booking,
//! "running late" updates, walk-ins handed to whoever is free, and `.ics`
//! invitations.

pub mod conflicts;
pub mod ics;
mod invite;
pub mod model;
pub mod visits;

pub use model::*;

/// Korea time: the team's clock for days and invitations.
pub fn kst() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(9 * 3600).expect("+09:00 is a valid offset")
}
