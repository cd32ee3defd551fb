//! The photo-and-condition email (the core job): compose from a shortlist
//! within a size budget, save as an `.eml` draft, or send through the
//! dealer's SMTP account by way of a persistent outbox.

pub mod account;
mod cards;
pub mod compose;
mod export;
pub mod format;
pub mod images;
pub mod labels;
pub mod mime;
mod model;
pub mod notice;
pub mod outbox;
pub mod outbox_worker;
pub(crate) mod sends;
pub mod smtp;
pub mod templates;
mod wording;

pub use compose::Draft;
pub use model::*;

/// The team's name as it signs emails (a team setting).
pub const TEAM_NAME_KEY: &str = crate::settings::TeamKey::TeamName.as_str();
