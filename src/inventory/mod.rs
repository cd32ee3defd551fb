//! Lots and vehicles: records, validation, the filtered and searched list,
//! and CSV import/export.

pub mod csv;
mod lots;
mod model;
pub(crate) mod new_rows;
mod query;
pub(crate) mod validate;
mod vehicles;

pub use model::*;
pub use validate::vin_is_valid;

pub(crate) use lots::save_lot as save_lot_in;
pub(crate) use vehicles::require_vehicle;
pub(crate) use vehicles::save_vehicle as save_vehicle_in;
