//! `lotbook customers list|match|import|export`.

use clap::Subcommand;
use std::path::{Path, PathBuf};

use lotbook::export::Export;
use lotbook::{Result, Store};

use crate::print;

#[derive(Subcommand)]
pub enum CustomersCmd {
    List {
        #[arg(long, short)]
        query: Option<String>,
    },
    /// The cars on every lot ranked by fit to this customer's wants
    Match {
        customer: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Import customers from FILE: .xlsx, .xls or .csv (UTF-8 or CP949), chosen by the
    /// extension; all rows or none. Phones are normalised (010-1234-5678); a row with the
    /// phone or e-mail of an existing customer is skipped, or written over with --update
    #[command(alias = "import-csv")]
    Import {
        file: PathBuf,
        /// The sheet to read (default: the first)
        #[arg(long)]
        sheet: Option<String>,
        /// Write rows that are already customers over them (default: skip them)
        #[arg(long)]
        update: bool,
    },
    /// Export every customer to FILE: .xlsx (typed cells, Korean headers) or .csv (UTF-8 with
    /// BOM), chosen by the extension; text that would start a formula gets a ' in front
    #[command(alias = "export-csv")]
    Export { file: PathBuf },
}

pub fn run(dir: &Path, json: bool, cmd: CustomersCmd) -> Result<()> {
    match cmd {
        CustomersCmd::Import {
            file,
            sheet,
            update,
        } => {
            lotbook::sheets::Format::of(&file)?;
            let mut store = Store::open(dir)?;
            let req = lotbook::sheets::SheetRequest {
                path: file.to_string_lossy().into_owned(),
                sheet,
                duplicates: if update {
                    lotbook::sheets::DuplicateAction::Update
                } else {
                    lotbook::sheets::DuplicateAction::Skip
                },
                ..Default::default()
            };
            let r = store.import_customer_file(&req, Default::default())?;
            print(json, &r, |r| {
                format!(
                    "Imported {}: {} new, {} updated, {} already customers skipped",
                    file.display(),
                    r.inserted,
                    r.updated,
                    r.skipped
                )
            })
        }
        CustomersCmd::Export { file } => {
            crate::export(dir, json, Export::Customers, "customers", &file)
        }
        CustomersCmd::List { query } => {
            let store = Store::open(dir)?;
            let list = store.list_customers(&lotbook::customers::CustomerQuery {
                text: query,
                assigned_user_id: None,
            })?;
            print(json, &list, |l| {
                l.iter()
                    .map(|c| {
                        format!(
                            "{}  {}  {}  {}  {}",
                            c.id,
                            c.name,
                            c.phone,
                            c.region,
                            c.wants.models.join(", ")
                        )
                    })
                    .chain(std::iter::once(format!("{} customers", l.len())))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        CustomersCmd::Match { customer, limit } => {
            let store = Store::open(dir)?;
            let list = store.match_vehicles(&customer, limit)?;
            print(json, &list, |l| {
                l.iter()
                    .map(|m| {
                        let v = &m.vehicle;
                        let why: Vec<&str> = m.reasons.iter().map(|r| r.ko.as_str()).collect();
                        format!(
                            "{:>3}  {}  {} {} {} {}  {}  {}  ({})",
                            m.score,
                            v.id,
                            v.year,
                            v.make,
                            v.model,
                            v.trim,
                            lotbook::mail::format::price(v.price_krw, lotbook::condition::Lang::Ko),
                            v.lot_name,
                            why.join(", ")
                        )
                    })
                    .chain(std::iter::once(format!("{} matching cars", l.len())))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
}
