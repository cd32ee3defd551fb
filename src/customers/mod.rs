//! Customers with what they want, and the team's dealers.

mod model;
mod records;
mod users;

pub use model::*;

pub(crate) use records::save_customer as save_customer_in;
pub(crate) use users::{save_user as save_user_in, set_me as set_me_in};
