//! What the editor shows while the dealer marks panels: the summary in both
//! languages and the diagram, computed by the same code as a saved report.

use serde::Serialize;
use ts_rs::TS;

use super::diagram;
use super::model::{ConditionInput, Flood};
use super::panels::Mark;
use super::summary::{self, Lang, SummaryInput};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ConditionPreview {
    pub summary_ko: String,
    pub summary_en: String,
    pub accident: bool,
    /// The diagram as SVG, panels as `<g data-panel="…">`.
    pub svg: String,
}

/// The verdict of a report's marks and history: (Korean, English, accident).
pub(super) fn verdict(input: &ConditionInput) -> (String, String, bool) {
    let marks = marks_of(input);
    let s = SummaryInput {
        marks: &marks,
        flood: input.flood != Flood::None,
        fire: input.fire,
    };
    (
        summary::summary(&s, Lang::Ko),
        summary::summary(&s, Lang::En),
        summary::is_accident(&marks),
    )
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
    let (summary_ko, summary_en, accident) = verdict(input);
    ConditionPreview {
        summary_ko,
        summary_en,
        accident,
        svg: diagram::svg(&marks_of(input), lang, selected),
    }
}
