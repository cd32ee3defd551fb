//! Condition reports modelled on the Korean 자동차 성능·상태점검기록부: basics,
//! the panel diagram's marks, mechanical items, tyres, consumables, and a
//! generated summary a buyer reads first.

mod catalog;
pub mod diagram;
pub mod disclosures;
pub mod items;
mod lang;
mod model;
pub mod panels;
mod preview;
mod records;
pub mod summary;

pub use catalog::{catalog, is_part, ConditionCatalog, MarkInfo, SectionInfo, TyreInfo};
pub use disclosures::{disclosures, Disclosure};
pub use lang::Lang;
pub use model::{
    ConditionInput, ConditionReport, Flood, ItemState, OdometerState, PanelMark, Recall, Tuning,
    UseHistory, VinCheck,
};
pub use panels::{Mark, PanelInfo, PanelRank, PANELS};
pub use preview::{marks_of, preview, ConditionPreview};
