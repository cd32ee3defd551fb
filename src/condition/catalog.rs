//! Everything the editor needs to draw the form, from the one catalogue the
//! core validates against, so the UI never keeps its own list of panels or
//! items.

use serde::Serialize;
use ts_rs::TS;

use super::items::{ItemInfo, StateSet, ITEMS, SECTIONS, TYRES};
use super::panels::{Mark, PanelInfo, PANELS};
use super::Lang;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SectionInfo {
    pub key: &'static str,
    pub ko: &'static str,
    pub en: &'static str,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TyreInfo {
    /// Stored as item `tyre.<key>`.
    pub key: &'static str,
    pub ko: &'static str,
    pub en: &'static str,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MarkInfo {
    pub mark: Mark,
    pub color: &'static str,
    pub ko: &'static str,
    pub en: &'static str,
}

/// The codes an item of this set can take, best first.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StateSetInfo {
    pub set: StateSet,
    pub codes: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ConditionCatalog {
    pub panels: Vec<PanelInfo>,
    pub sections: Vec<SectionInfo>,
    pub items: Vec<ItemInfo>,
    pub state_sets: Vec<StateSetInfo>,
    pub tyres: Vec<TyreInfo>,
    pub marks: Vec<MarkInfo>,
}

pub fn catalog() -> ConditionCatalog {
    ConditionCatalog {
        panels: PANELS.to_vec(),
        sections: SECTIONS
            .iter()
            .map(|&(key, ko, en)| SectionInfo { key, ko, en })
            .collect(),
        items: ITEMS.to_vec(),
        state_sets: StateSet::ALL
            .iter()
            .map(|&set| StateSetInfo {
                set,
                codes: set.codes().to_vec(),
            })
            .collect(),
        tyres: TYRES
            .iter()
            .map(|&(key, ko, en)| TyreInfo { key, ko, en })
            .collect(),
        marks: Mark::ALL
            .iter()
            .map(|&mark| MarkInfo {
                mark,
                color: mark.color(),
                ko: mark.name(Lang::Ko),
                en: mark.name(Lang::En),
            })
            .collect(),
    }
}

/// A panel key, an item key or a tyre (`tyre.fl`): what a photo can show.
pub fn is_part(key: &str) -> bool {
    super::panels::panel(key).is_some()
        || super::items::item(key).is_some()
        || key
            .strip_prefix("tyre.")
            .is_some_and(|t| TYRES.iter().any(|(k, _, _)| *k == t))
}
