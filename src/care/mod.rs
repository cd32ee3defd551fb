//! Care after the sale: sales and their follow-ups (the 1M call), recall
//! and service campaigns, and the Today screen that puts it all in front
//! of the dealer.

pub mod campaigns;
pub mod followups;
pub mod model;
pub mod sales;
pub mod schedule;
pub mod today;

pub use model::*;
pub use today::Today;
