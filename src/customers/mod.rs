//! Customers with what they want, and the team's dealers.

mod handover;
pub mod import;
pub mod interactions;
pub mod matching;
mod model;
mod records;
pub mod reply_time;
mod users;

pub use interactions::{
    Channel, Inquiry, Interaction, InteractionInput, InteractionKind, INQUIRY_WINDOW_DAYS,
};
pub use matching::{CustomerMatch, MatchReason, VehicleMatch};
pub use model::*;

pub(crate) use records::save_customer as save_customer_in;
pub(crate) use users::{save_user as save_user_in, set_me as set_me_in};
