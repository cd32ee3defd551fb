//! `lotbook recalls …`: import a maker's recall file, list the cars it
//! concerns, close one car's recall (done / not applicable).

use std::path::{Path, PathBuf};

use clap::Subcommand;

use lotbook::recalls::{CarRecall, RecallClose, RecallFileRequest, RecallState};
use lotbook::sheets::SheetRequest;
use lotbook::{Result, Store};

#[derive(Subcommand)]
pub enum RecallsCmd {
    /// Import a recall or service campaign from FILE (.xlsx, .xls or .csv): campaign code,
    /// title, remedy, deadline and VINs or VIN ranges (KMH…000100~000250, or from/to columns);
    /// every car whose VIN it lists gets an open recall record. All rows or none
    Import {
        file: PathBuf,
        /// The sheet to read (default: the first)
        #[arg(long)]
        sheet: Option<String>,
        /// The maker the file comes from (the column mapping is remembered per maker)
        #[arg(long, default_value = "")]
        maker: String,
    },
    /// Every car's recall record, open ones by the nearest deadline
    List {
        /// Only the open ones
        #[arg(long)]
        open: bool,
    },
    /// Record the recall CODE as done on the car with VIN
    Done {
        vin: String,
        code: String,
        /// Who did it (default: this computer's user)
        #[arg(long)]
        by: Option<String>,
        /// The day, YYYY-MM-DD (default: today)
        #[arg(long)]
        on: Option<String>,
    },
    /// Record the recall CODE as not applying to the car with VIN
    Na {
        vin: String,
        code: String,
        #[arg(long)]
        reason: String,
    },
}

fn line(r: &CarRecall) -> String {
    let mut s = format!(
        "{}\t{}\t{}\t{}\t{}",
        r.code, r.vin, r.vehicle_label, r.vehicle_status, r.state
    );
    if let Some(d) = &r.deadline {
        s.push_str(&format!("\tdeadline {d}"));
    }
    match r.state {
        RecallState::Done => s.push_str(&format!(
            "\t{} {}",
            r.done_on.clone().unwrap_or_default(),
            r.done_by
        )),
        RecallState::NotApplicable => s.push_str(&format!("\t{}", r.reason)),
        RecallState::Open => {}
    }
    if let Some(o) = &r.owner {
        let told = o.told.map(|t| t.to_string()).unwrap_or("not told".into());
        let email = if o.email.is_empty() {
            "no e-mail"
        } else {
            &o.email
        };
        s.push_str(&format!("\towner {} ({email}, {told})", o.customer_name));
    }
    s
}

pub fn run(dir: &Path, json: bool, cmd: RecallsCmd) -> Result<()> {
    let mut store = Store::open(dir)?;
    match cmd {
        RecallsCmd::Import { file, sheet, maker } => {
            lotbook::sheets::Format::of(&file)?;
            let req = RecallFileRequest {
                file: SheetRequest {
                    path: file.to_string_lossy().into_owned(),
                    sheet,
                    ..Default::default()
                },
                maker,
            };
            let r = store.import_recall_file(&req, Default::default())?;
            crate::print(json, &r, |r| {
                let codes: Vec<String> = r
                    .recalls
                    .iter()
                    .map(|c| format!("{} {}", c.code, c.title).trim().to_owned())
                    .collect();
                format!(
                    "Imported {}: {}; {} VINs or ranges, {} cars matched ({} in stock, {} sold), {} new records, {} matched no car",
                    file.display(),
                    codes.join(", "),
                    r.vins,
                    r.matched,
                    r.in_stock,
                    r.sold,
                    r.new_records,
                    r.unmatched
                )
            })
        }
        RecallsCmd::List { open } => {
            let all = store.list_car_recalls(open)?;
            crate::print(json, &all, |all| {
                if all.is_empty() {
                    return "No recall records.".into();
                }
                all.iter().map(line).collect::<Vec<_>>().join("\n")
            })
        }
        RecallsCmd::Done { vin, code, by, on } => {
            let r = store.find_car_recall(&vin, &code)?;
            let r = store.close_car_recall(&RecallClose {
                id: r.id,
                state: RecallState::Done,
                done_on: on,
                done_by: by.unwrap_or_default(),
                reason: String::new(),
            })?;
            crate::print(json, &r, line)
        }
        RecallsCmd::Na { vin, code, reason } => {
            let r = store.find_car_recall(&vin, &code)?;
            let r = store.close_car_recall(&RecallClose {
                id: r.id,
                state: RecallState::NotApplicable,
                done_on: None,
                done_by: String::new(),
                reason,
            })?;
            crate::print(json, &r, line)
        }
    }
}
