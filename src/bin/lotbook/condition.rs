//! `lotbook condition ...`

use clap::Subcommand;
use std::path::{Path, PathBuf};

use lotbook::condition::{diagram, ConditionReport};
use lotbook::{Error, Result, Store};

use crate::{lang, print};

#[derive(Subcommand)]
pub enum ConditionCmd {
    /// Show a vehicle's current condition report (the latest inspection)
    Show {
        /// The vehicle's id
        vehicle: String,
    },
    /// Render the current report's panel diagram to a PNG (for email or print)
    Render {
        vehicle: String,
        #[arg(long, value_name = "FILE.png")]
        out: PathBuf,
        /// ko or en
        #[arg(long, default_value = "ko")]
        lang: String,
    },
}

fn current(store: &Store, vehicle: &str) -> Result<ConditionReport> {
    store
        .current_condition(vehicle)?
        .ok_or_else(|| Error::NotFound {
            what: "condition report for vehicle",
            id: vehicle.to_owned(),
        })
}

pub fn run(dir: &Path, json: bool, cmd: ConditionCmd) -> Result<()> {
    let store = Store::open(dir)?;
    match cmd {
        ConditionCmd::Show { vehicle } => {
            let report = current(&store, &vehicle)?;
            print(json, &report, |r| {
                let mut lines = vec![
                    format!(
                        "{} ({}, {})",
                        r.summary_ko, r.input.inspected_on, r.input.inspector
                    ),
                    r.summary_en.clone(),
                ];
                lines.extend(r.input.panels.iter().map(|p| {
                    let marks: String = p.marks.iter().map(|m| m.as_str()).collect();
                    let name = lotbook::condition::panels::panel(&p.panel).map_or("?", |i| i.ko);
                    format!("  {marks:<4} {name} ({})", p.panel)
                }));
                if !r.input.comment.is_empty() {
                    lines.push(format!("  {}", r.input.comment));
                }
                lines.join("\n")
            })
        }
        ConditionCmd::Render {
            vehicle,
            out,
            lang: l,
        } => {
            let l = lang(&l)?;
            let report = current(&store, &vehicle)?;
            let marks = lotbook::condition::marks_of(&report.input);
            let png = diagram::png(&diagram::svg(&marks, l, None), 2.0)?;
            lotbook::fsutil::write_atomic(&out, &png)?;
            print(
                json,
                &serde_json::json!({ "path": out, "bytes": png.len() }),
                |_| {
                    format!(
                        "Wrote the condition diagram to {} ({} bytes)",
                        out.display(),
                        png.len()
                    )
                },
            )
        }
    }
}
