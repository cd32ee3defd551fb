//! What the editor shows while the dealer marks panels: the summary in both
//! languages and the diagram, computed by the same code as a saved report.

use serde::Serialize;
use ts_rs::TS;

use super::diagram;
use super::disclosures::{disclosures, Disclosure};
use super::model::ConditionInput;
use super::panels::Mark;
use super::summary::{self, Lang, SummaryInput};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ConditionPreview {
    pub summary_ko: String,
    pub summary_en: String,
    pub accident: bool,
    /// What the report discloses beyond the marks, for the app to word.
    pub disclosures: Vec<Disclosure>,
    /// The diagram as SVG, panels as `<g data-panel="…">`.
    pub svg: String,
}

/// The verdict of a report's marks and history, with its disclosures.
pub(super) struct Verdict {
    pub summary_ko: String,
    pub summary_en: String,
    pub accident: bool,
    pub disclosures: Vec<Disclosure>,
}

pub(super) fn verdict(input: &ConditionInput) -> Verdict {
    let marks = marks_of(input);
    let disclosures = disclosures(input);
    let s = SummaryInput {
        marks: &marks,
        disclosures: &disclosures,
    };
    Verdict {
        summary_ko: summary::summary(&s, Lang::Ko),
        summary_en: summary::summary(&s, Lang::En),
        accident: summary::is_accident(&marks),
        disclosures,
    }
}

pub fn marks_of(input: &ConditionInput) -> Vec<(String, Vec<Mark>)> {
    input
        .panels
        .iter()
        .map(|p| (p.panel.clone(), p.marks.clone()))
        .collect()
}

/// Unsaved input is fine: unknown panels are simply not drawn or counted.
pub fn preview(input: &ConditionInput, lang: Lang, selected: Option<&str>) -> ConditionPreview {
    let v = verdict(input);
    ConditionPreview {
        summary_ko: v.summary_ko,
        summary_en: v.summary_en,
        accident: v.accident,
        disclosures: v.disclosures,
        svg: diagram::svg(&marks_of(input), lang, selected),
    }
}
