//! `lotbook vehicles list|import|export`.

use clap::Subcommand;
use std::path::{Path, PathBuf};

use lotbook::export::Export;
use lotbook::inventory::{VehicleQuery, VehicleStatus};
use lotbook::{Error, Result, Store};

use crate::print;

#[derive(Subcommand)]
pub enum VehiclesCmd {
    /// List vehicles, newest stock first
    List {
        /// Search text, e.g. "SM5" or "월평"
        #[arg(long, short)]
        query: Option<String>,
        /// Lot name or id
        #[arg(long)]
        lot: Option<String>,
        /// in_stock, reserved, sold or withdrawn
        #[arg(long)]
        status: Option<String>,
        #[arg(long, default_value_t = 1000)]
        limit: u32,
    },
    /// Import vehicles from FILE: .xlsx, .xls or .csv (UTF-8 or CP949), chosen by the
    /// extension; all rows or none. Problems name the row Excel shows; the app and sync keep
    /// working while it runs
    #[command(alias = "import-csv")]
    Import {
        file: PathBuf,
        /// The sheet to read (default: the first)
        #[arg(long)]
        sheet: Option<String>,
    },
    /// Export every vehicle to FILE: .xlsx (typed cells, Korean headers) or .csv (UTF-8 with
    /// BOM), chosen by the extension; text that would start a formula gets a ' in front
    #[command(alias = "export-csv")]
    Export { file: PathBuf },
}

pub fn run(dir: &Path, json: bool, cmd: VehiclesCmd) -> Result<()> {
    match cmd {
        VehiclesCmd::List {
            query,
            lot,
            status,
            limit,
        } => list(dir, json, query, lot, status, limit),
        VehiclesCmd::Import { file, sheet } => {
            lotbook::sheets::Format::of(&file)?;
            let mut store = Store::open(dir)?;
            let req = lotbook::sheets::SheetRequest {
                path: file.to_string_lossy().into_owned(),
                sheet,
                ..Default::default()
            };
            let r = store.import_vehicle_file(&req, Default::default())?;
            print(json, &r, |r| {
                let mut s = format!(
                    "Imported {}: {} new, {} updated",
                    file.display(),
                    r.inserted,
                    r.updated
                );
                if !r.lots_created.is_empty() {
                    s.push_str(&format!("; new lots: {}", r.lots_created.join(", ")));
                }
                s
            })
        }
        VehiclesCmd::Export { file } => {
            crate::export(dir, json, Export::Vehicles, "vehicles", &file)
        }
    }
}

fn list(
    dir: &Path,
    json: bool,
    query: Option<String>,
    lot: Option<String>,
    status: Option<String>,
    limit: u32,
) -> Result<()> {
    let store = Store::open(dir)?;
    let lot_id = match lot {
        None => None,
        Some(l) => Some(
            store
                .list_lots()?
                .into_iter()
                .find(|x| x.name == l || x.id == l)
                .map(|x| x.id)
                .ok_or_else(|| {
                    Error::invalid(
                        "lot",
                        lotbook::error::ErrorCode::UnknownLot,
                        format!("--lot: no lot named {l:?}"),
                    )
                })?,
        ),
    };
    let status = match status {
        None => None,
        Some(s) => Some(VehicleStatus::parse(&s).ok_or_else(|| {
            Error::invalid(
                "status",
                lotbook::error::ErrorCode::InvalidStatus,
                format!("--status must be one of in_stock, reserved, sold, withdrawn; got {s:?}"),
            )
        })?),
    };
    let page = store.list_vehicles(&VehicleQuery {
        text: query,
        lot_id,
        status,
        limit: Some(limit),
        ..Default::default()
    })?;
    print(json, &page, |p| {
        let mut lines: Vec<String> = p
            .items
            .iter()
            .map(|v| {
                format!(
                    "{}  {} {} {}  {}  {}  {} km  {}  {}  {}",
                    v.id,
                    v.make,
                    v.model,
                    v.trim,
                    v.year,
                    v.plate,
                    v.odometer_km,
                    lotbook::mail::format::price(v.price_krw, lotbook::condition::Lang::Ko),
                    v.lot_name,
                    v.status
                )
            })
            .collect();
        lines.push(format!("{} of {} vehicles", p.items.len(), p.total));
        lines.join("\n")
    })
}
