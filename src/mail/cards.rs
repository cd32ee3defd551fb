//! The email's card of one car, as the layout templates read it: key facts,
//! price, the condition summary and findings, the diagram and the photos.

use serde::Serialize;

use super::{format, labels};
use crate::condition::{ConditionReport, Lang};
use crate::inventory::Vehicle;

#[derive(Serialize)]
pub(super) struct Fact {
    pub(super) label: &'static str,
    pub(super) value: String,
}

#[derive(Serialize)]
pub(super) struct CidRef {
    pub(super) cid: String,
}

#[derive(Serialize)]
pub(super) struct CardCondition {
    pub(super) summary: String,
    pub(super) accident: bool,
    pub(super) inspected_on: String,
    pub(super) findings: Vec<String>,
    pub(super) comment: String,
    pub(super) diagram: Option<CidRef>,
}

#[derive(Serialize)]
pub(super) struct CardPhoto {
    pub(super) cid: String,
    pub(super) caption: String,
    pub(super) alt: String,
}

#[derive(Serialize)]
pub(super) struct Card {
    pub(super) title: String,
    pub(super) price: String,
    pub(super) facts: Vec<Fact>,
    pub(super) condition: Option<CardCondition>,
    pub(super) note: String,
    pub(super) photos: Vec<CardPhoto>,
}

pub(super) fn title(v: &Vehicle) -> String {
    [
        v.year.to_string(),
        v.make.clone(),
        v.model.clone(),
        v.trim.clone(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ")
}

pub(super) fn facts(v: &Vehicle, lot_address: &str, lang: Lang) -> Vec<Fact> {
    let l = labels::Labels::of(lang);
    let mut out = vec![
        Fact {
            label: l.year,
            value: match &v.first_registration {
                Some(d) => format!(
                    "{} ({} {})",
                    v.year,
                    l.registered,
                    crate::time::format_date_text(d, lang)
                ),
                None => v.year.to_string(),
            },
        },
        Fact {
            label: l.mileage,
            value: format::km(v.odometer_km),
        },
        Fact {
            label: l.fuel,
            value: labels::fuel(v.fuel, lang).to_owned(),
        },
        Fact {
            label: l.transmission,
            value: labels::transmission(v.transmission, lang).to_owned(),
        },
    ];
    if !v.color.is_empty() {
        out.push(Fact {
            label: l.color,
            value: v.color.clone(),
        });
    }
    if !v.plate.is_empty() {
        out.push(Fact {
            label: l.plate,
            value: v.plate.clone(),
        });
    }
    out.push(Fact {
        label: l.lot,
        value: if lot_address.is_empty() {
            v.lot_name.clone()
        } else {
            format!("{} ({lot_address})", v.lot_name)
        },
    });
    out
}

/// The findings of a report a buyer should read beyond the summary line:
/// each marked panel with its marks, then every item marked for attention
/// (the report's disclosures; its history is in the summary line).
pub(super) fn findings(report: &ConditionReport, lang: Lang) -> Vec<String> {
    use crate::condition::panels::panel;
    let mut out: Vec<String> = report
        .input
        .panels
        .iter()
        .filter(|p| !p.marks.is_empty())
        .filter_map(|p| {
            let info = panel(&p.panel)?;
            let marks: Vec<&str> = p.marks.iter().map(|m| m.name(lang)).collect();
            let name = match lang {
                Lang::Ko => info.ko,
                Lang::En => info.en,
            };
            let mut s = format!("{name}: {}", marks.join(", "));
            if !p.note.is_empty() {
                s.push_str(&format!(" ({})", p.note));
            }
            Some(s)
        })
        .collect();
    out.extend(
        report
            .disclosures
            .iter()
            .filter(|d| d.is_item())
            .map(|d| labels::disclosure(d, lang)),
    );
    out
}
