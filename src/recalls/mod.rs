//! Manufacturers' recall and service campaigns: read from their files
//! (`.xlsx`/`.csv`, columns mapped as every import maps them), matched to
//! the cars by VIN, and kept per car as a record that is open until done or
//! found not to apply. A car in stock with an open recall is badged and its
//! sale asks first; sold cars' owners are told through a campaign.
//!
//! - `vin`: VINs and ranges as files write them;
//! - `file`: the file's columns and rows;
//! - `import`: preview and import;
//! - `matching`: cars that came after the file;
//! - `records`: the per-car records (list, done, not applicable);
//! - `owners`: the owners' campaign and Today's section.

mod file;
mod import;
mod matching;
mod model;
mod owners;
mod records;
pub mod vin;

pub(crate) use matching::match_cars;
pub use model::*;
pub use records::open_recall_notice;
