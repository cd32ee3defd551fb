//! Visits and blocked time: the dealers' calendar without double-booking,
//! "running late" updates, walk-ins handed to whoever is free, and `.ics`
//! invitations.

pub mod conflicts;
pub mod ics;
mod invite;
pub mod model;
pub mod visits;

pub use model::*;
