//! The follow-up schedule after a sale: its steps are a team setting's
//! value, owned (parsed and checked) by [`crate::settings::schedule`].

pub use crate::settings::schedule::{parse, Step, DEFAULT_SCHEDULE, SCHEDULE_KEY};

#[cfg(test)]
use chrono::NaiveDate;

#[cfg(test)]
mod tests;
