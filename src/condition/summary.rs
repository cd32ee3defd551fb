//! The one-line verdict a buyer reads first, from the panel marks and the
//! report's disclosures: "무사고 · 렌트 사용 이력 · 외판 교환 1 (앞 펜더 좌) · 흠집 2".
//! Accident history comes first, then every history finding (flood and fire
//! first), never left out; items marked for attention are counted.

use super::disclosures::Disclosure;
pub use super::lang::Lang;
use super::panels::{counts_as_accident, panel, Mark, PanelInfo, PANELS};
use crate::mail::labels;

/// What the summary is made from: each marked panel with its marks, and the
/// report's disclosures (see [`super::disclosures::disclosures`]).
pub struct SummaryInput<'a> {
    pub marks: &'a [(String, Vec<Mark>)],
    pub disclosures: &'a [Disclosure],
}

fn name(info: &PanelInfo, lang: Lang) -> &'static str {
    match lang {
        Lang::Ko => info.ko,
        Lang::En => info.en,
    }
}

/// The mark as a word in the summary's sentences ("1 outer panel welded").
fn mark_word(mark: Mark, lang: Lang) -> &'static str {
    match (mark, lang) {
        (Mark::Welded, Lang::En) => "welded",
        _ => mark.name(lang),
    }
}

/// Blemish counts read as nouns: "흠집 2" / "2 scratches".
fn blemish(mark: Mark, n: usize, lang: Lang) -> String {
    match lang {
        Lang::Ko => format!("{} {n}", mark_word(mark, lang)),
        Lang::En => {
            let (one, many) = match mark {
                Mark::Scratched => ("scratch", "scratches"),
                Mark::Dented => ("dent", "dents"),
                Mark::Corroded => ("corrosion spot", "corrosion spots"),
                _ => ("damaged panel", "damaged panels"),
            };
            format!("{n} {}", if n == 1 { one } else { many })
        }
    }
}

pub fn summary(input: &SummaryInput, lang: Lang) -> String {
    let mut marked: Vec<(&PanelInfo, &Vec<Mark>)> = input
        .marks
        .iter()
        .filter_map(|(key, marks)| panel(key).map(|p| (p, marks)))
        .filter(|(_, marks)| !marks.is_empty())
        .collect();
    // Panels are named in the form's order, whatever order they came in.
    marked.sort_by_key(|(p, _)| PANELS.iter().position(|x| x.key == p.key));
    let mut parts = Vec::new();

    // Accident: repairs of frame or welded-on panels, each named.
    let accident: Vec<String> = marked
        .iter()
        .filter(|(p, _)| counts_as_accident(p))
        .flat_map(|(p, marks)| {
            marks
                .iter()
                .filter(|m| m.is_repair())
                .map(move |m| format!("{} {}", name(p, lang), mark_word(*m, lang)))
        })
        .collect();
    parts.push(match (accident.is_empty(), lang) {
        (true, Lang::Ko) => "무사고".to_owned(),
        (true, Lang::En) => "No accident".to_owned(),
        (false, Lang::Ko) => format!("사고 ({})", accident.join(", ")),
        (false, Lang::En) => format!("Accident history ({})", accident.join(", ")),
    });
    parts.extend(
        input
            .disclosures
            .iter()
            .filter(|d| !d.is_item())
            .map(|d| labels::disclosure(d, lang)),
    );

    // Simple repairs of bolted outer panels (단순수리), counted and named.
    for mark in [Mark::Exchanged, Mark::Welded] {
        let panels: Vec<&str> = marked
            .iter()
            .filter(|(p, marks)| !counts_as_accident(p) && marks.contains(&mark))
            .map(|(p, _)| name(p, lang))
            .collect();
        if panels.is_empty() {
            continue;
        }
        let n = panels.len();
        parts.push(match lang {
            Lang::Ko => format!("외판 {} {n} ({})", mark_word(mark, lang), panels.join(", ")),
            Lang::En => format!(
                "{n} outer panel{} {} ({})",
                if n == 1 { "" } else { "s" },
                mark_word(mark, lang),
                panels.join(", ")
            ),
        });
    }

    // Blemishes, counted by panel.
    for mark in [Mark::Scratched, Mark::Dented, Mark::Corroded, Mark::Damaged] {
        let n = marked
            .iter()
            .filter(|(_, marks)| marks.contains(&mark))
            .count();
        if n > 0 {
            parts.push(blemish(mark, n, lang));
        }
    }
    let attention = input.disclosures.iter().filter(|d| d.is_item()).count();
    if attention > 0 {
        parts.push(labels::attention_count(attention, lang));
    }
    parts.join(" · ")
}

/// Whether the marks make the car 사고 (see [`counts_as_accident`]).
pub fn is_accident(marks: &[(String, Vec<Mark>)]) -> bool {
    marks.iter().any(|(key, m)| {
        panel(key).is_some_and(counts_as_accident) && m.iter().any(|m| m.is_repair())
    })
}
