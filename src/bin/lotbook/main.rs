//! `lotbook`: the headless, scriptable face of the core (SPEC section 3).
//! Exit status 0 on success; otherwise one clear line on stderr and status 1
//! (2 for a command line clap rejects).

mod backups;
mod care;
mod condition;
mod mail;
mod mailbox;
mod photos;
mod sync;

use clap::{Parser, Subcommand};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

use lotbook::export::Export;
use lotbook::inventory::{VehicleQuery, VehicleStatus};
use lotbook::{backup, demo, Error, ErrorShape, Result, Store};

#[derive(Parser)]
#[command(
    name = "lotbook",
    version,
    about = "Lotbook: inventory, photos and customer care for used-car dealers"
)]
struct Cli {
    /// Data folder (default: $LOTBOOK_DATA_DIR, else the app's own folder)
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Print machine-readable JSON instead of text
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fill an empty data folder with a demo team (2 lots, 40 cars with drawn photos, 17 customers, a visit, sales, a recall campaign)
    Demo {
        /// Leave the cars without photos (faster)
        #[arg(long)]
        no_photos: bool,
    },
    /// List, import and export vehicles
    #[command(subcommand)]
    Vehicles(VehiclesCmd),
    /// List customers
    #[command(subcommand)]
    Customers(CustomersCmd),
    /// Import and list vehicle photos
    #[command(subcommand)]
    Photos(photos::PhotosCmd),
    /// Show a vehicle's condition report or render its panel diagram
    #[command(subcommand)]
    Condition(condition::ConditionCmd),
    /// Compose the photo-and-condition email: save an .eml draft, or queue it to send
    Compose(mail::ComposeArgs),
    /// Send and list the outbox (emails going through the SMTP account)
    #[command(subcommand)]
    Outbox(mail::OutboxCmd),
    /// Settings of this device (the SMTP and IMAP accounts)
    #[command(subcommand)]
    Settings(mail::SettingsCmd),
    /// Log and list customer inquiries (overdue ones first)
    #[command(subcommand)]
    Inquiries(InquiriesCmd),
    /// The mailbox (IMAP): check it once, list and answer new senders
    #[command(subcommand)]
    Mailbox(mailbox::MailboxCmd),
    /// Back up the database and every photo original now (into the data folder's backups/
    /// and the second location, or into --out DIR as a backup location)
    Backup {
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// List and verify backups; choose the second backup location
    #[command(subcommand)]
    Backups(backups::BackupsCmd),
    /// Replace the data with a backup (a backup folder, or an older version's .sqlite3 file),
    /// all or nothing: checked and upgraded first, photos included; the current data is backed
    /// up before it is replaced. Close the app first.
    Restore { file: PathBuf },
    /// Check the database's integrity and report plainly
    Check,
    /// Book and list visits and blocked time (no double-booking)
    #[command(subcommand)]
    Visits(care::VisitsCmd),
    /// Record sales (follow-ups are planned from the schedule)
    #[command(subcommand)]
    Sales(care::SalesCmd),
    /// What needs doing today: inquiries, visits, follow-ups, problems
    Today,
    /// Recall and service campaigns to the owners of sold cars
    #[command(subcommand)]
    Campaigns(care::CampaignsCmd),
    /// Sync with the team's shared folder once: send this computer's changes, apply the others'
    Sync(sync::SyncArgs),
    /// Write everything into the new folder DIR in open formats: spreadsheets (.xlsx and .csv),
    /// each car's photo originals, condition reports (print page .html and diagram .svg),
    /// emails (.eml), visits (.ics) and a README.txt in Korean and English
    ExportAll {
        dir: PathBuf,
        /// The condition reports' language, ko or en (default: from LANG, else ko)
        #[arg(long)]
        lang: Option<String>,
    },
}

#[derive(Subcommand)]
enum VehiclesCmd {
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

#[derive(Subcommand)]
enum CustomersCmd {
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

#[derive(Subcommand)]
enum InquiriesCmd {
    /// Log an inquiry from a customer
    Add {
        #[arg(long)]
        customer: String,
        /// phone, email, sms, messenger, web, walk_in or other
        #[arg(long, default_value = "phone")]
        channel: String,
        /// What they asked
        #[arg(long)]
        summary: String,
        /// When (RFC 3339, default now)
        #[arg(long)]
        at: Option<String>,
    },
    /// Log a reply (or call) to a customer: answers their open inquiries
    Reply {
        #[arg(long)]
        customer: String,
        #[arg(long, default_value = "phone")]
        channel: String,
        #[arg(long, default_value = "")]
        summary: String,
        #[arg(long)]
        at: Option<String>,
    },
    /// Inquiries of the last 30 days, overdue first
    List,
    /// Export every inquiry to FILE: .xlsx (typed cells, Korean headers) or .csv (UTF-8 with
    /// BOM), chosen by the extension; text that would start a formula gets a ' in front
    #[command(alias = "export-csv")]
    Export { file: PathBuf },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    // The same daily log as the app's; without one the command still runs.
    let _log =
        lotbook::logging::default_dir(None).and_then(|d| lotbook::logging::init_for_cli(&d).ok());
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::warn!(code = e.code(), "command failed: {e}");
            if json {
                if let Ok(s) = serde_json::to_string(&ErrorShape::from(&e)) {
                    println!("{s}");
                }
            }
            // One line, whatever the message held.
            eprintln!("lotbook: {}", e.to_string().replace('\n', " "));
            ExitCode::FAILURE
        }
    }
}

fn print<T: Serialize>(json: bool, value: &T, text: impl FnOnce(&T) -> String) -> Result<()> {
    if json {
        let s = serde_json::to_string_pretty(value).map_err(|e| Error::Other(e.to_string()))?;
        println!("{s}");
    } else {
        println!("{}", text(value));
    }
    Ok(())
}

/// The user's language from the environment (LC_ALL, LC_MESSAGES, LANG):
/// English when it says so, else Korean.
fn env_lang() -> lotbook::condition::Lang {
    let set = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    if set.to_ascii_lowercase().starts_with("en") {
        lotbook::condition::Lang::En
    } else {
        lotbook::condition::Lang::Ko
    }
}

/// `--lang`: ko or en.
fn lang(s: &str) -> Result<lotbook::condition::Lang> {
    lotbook::condition::Lang::parse(s).ok_or_else(|| {
        Error::invalid(
            "lang",
            "invalid_lang",
            format!("--lang must be ko or en; got {s:?}"),
        )
    })
}

fn run(cli: Cli) -> Result<()> {
    let dir = match cli.data_dir {
        Some(d) => d,
        None => lotbook::default_data_dir()?,
    };
    let json = cli.json;
    match cli.command {
        Command::Demo { no_photos } => {
            let mut store = Store::open(&dir)?;
            let mut r = demo::fill(&mut store)?;
            if !no_photos {
                r.photos = demo::fill_photos(&mut store)?;
            }
            print(json, &r, |r| {
                format!(
                    "Demo data written to {}: {} lots, {} vehicles, {} photos, {} condition reports, {} customers, {} dealers, {} visits, {} sales, {} campaigns",
                    dir.display(),
                    r.lots,
                    r.vehicles,
                    r.photos,
                    r.conditions,
                    r.customers,
                    r.users,
                    r.visits,
                    r.sales,
                    r.campaigns
                )
            })
        }
        Command::Vehicles(VehiclesCmd::List {
            query,
            lot,
            status,
            limit,
        }) => {
            let store = Store::open(&dir)?;
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
                                "unknown_lot",
                                format!("--lot: no lot named {l:?}"),
                            )
                        })?,
                ),
            };
            let status = match status {
                None => None,
                Some(s) => Some(VehicleStatus::parse(&s).ok_or_else(|| {
                    Error::invalid("status", "invalid_status", format!("--status must be one of in_stock, reserved, sold, withdrawn; got {s:?}"))
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
        Command::Vehicles(VehiclesCmd::Import { file, sheet }) => {
            lotbook::sheets::Format::of(&file)?;
            let mut store = Store::open(&dir)?;
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
        Command::Vehicles(VehiclesCmd::Export { file }) => {
            export(&dir, json, Export::Vehicles, "vehicles", &file)
        }
        Command::Customers(CustomersCmd::Import {
            file,
            sheet,
            update,
        }) => {
            lotbook::sheets::Format::of(&file)?;
            let mut store = Store::open(&dir)?;
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
        Command::Customers(CustomersCmd::Export { file }) => {
            export(&dir, json, Export::Customers, "customers", &file)
        }
        Command::Inquiries(InquiriesCmd::Export { file }) => {
            export(&dir, json, Export::Inquiries, "inquiries", &file)
        }
        Command::Customers(CustomersCmd::List { query }) => {
            let store = Store::open(&dir)?;
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
        Command::Customers(CustomersCmd::Match { customer, limit }) => {
            let store = Store::open(&dir)?;
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
        Command::Inquiries(cmd) => inquiries(&dir, json, cmd),
        Command::Compose(args) => mail::compose(&dir, json, args),
        Command::Outbox(cmd) => mail::outbox(&dir, json, cmd),
        Command::Settings(mail::SettingsCmd::Imap(cmd)) => mailbox::settings(&dir, json, cmd),
        Command::Settings(cmd) => mail::settings(&dir, json, cmd),
        Command::Mailbox(cmd) => mailbox::run(&dir, json, cmd),
        Command::Photos(cmd) => photos::run(&dir, json, cmd),
        Command::Condition(cmd) => condition::run(&dir, json, cmd),
        Command::Sync(args) => sync::run(&dir, json, args),
        Command::ExportAll {
            dir: out,
            lang: chosen,
        } => {
            let lang = match chosen {
                Some(l) => lang(&l)?,
                None => env_lang(),
            };
            let store = Store::open(&dir)?;
            let r = store.export_all_to(
                &out,
                lotbook::export::all::ExportAllControl {
                    lang,
                    ..Default::default()
                },
            )?;
            print(json, &r, |r| {
                format!(
                    "Exported everything to {}: {} vehicles, {} customers, {} photos, {} condition reports, {} emails, {} visits{}",
                    r.path,
                    r.vehicles,
                    r.customers,
                    r.photos,
                    r.condition_reports,
                    r.emails,
                    r.visits,
                    match (r.photos_missing, r.emails_not_kept + r.emails_missing) {
                        (0, 0) => String::new(),
                        (p, m) => format!(" ({p} photos not on this computer and {m} emails with no file here were left out; README.txt lists the emails and why)"),
                    }
                )
            })
        }
        Command::Visits(care::VisitsCmd::Export { file }) => {
            export(&dir, json, Export::Visits, "visits", &file)
        }
        Command::Sales(care::SalesCmd::Export { file }) => {
            export(&dir, json, Export::Sales, "sale and follow-up rows", &file)
        }
        Command::Visits(cmd) => care::visits(&dir, json, cmd),
        Command::Sales(cmd) => care::sales(&dir, json, cmd),
        Command::Today => care::today(&dir, json),
        Command::Campaigns(cmd) => care::campaigns(&dir, json, cmd),
        Command::Backup { out } => backups::backup_cmd(&dir, json, out),
        Command::Backups(cmd) => backups::run(&dir, json, cmd),
        Command::Restore { file } => backups::restore_cmd(&dir, json, &file),
        Command::Check => {
            let path = dir.join(lotbook::db::DB_FILE);
            let report = backup::check_store(&dir)?;
            print(json, &report, |r| {
                if r.ok {
                    format!(
                        "OK: {} passed the integrity check ({} vehicles, {} customers, {} photos, schema {})",
                        r.path, r.vehicles, r.customers, r.photos, r.schema_version
                    )
                } else {
                    format!("PROBLEM: {}: {}", r.path, r.problems.join("; "))
                }
            })?;
            if report.ok {
                Ok(())
            } else {
                Err(Error::Other(format!(
                    "{} failed the integrity check; restore a backup with `lotbook restore FILE`",
                    path.display()
                )))
            }
        }
    }
}

fn channel(s: &str) -> Result<lotbook::customers::Channel> {
    lotbook::customers::Channel::parse(s).ok_or_else(|| {
        Error::invalid(
            "channel",
            "invalid_channel",
            format!(
                "--channel must be phone, email, sms, messenger, web, walk_in or other; got {s:?}"
            ),
        )
    })
}

/// `… export FILE`: the format from the extension, checked before the
/// database is opened so a wrong name costs nothing.
pub(crate) fn export(
    dir: &std::path::Path,
    json: bool,
    what: Export,
    noun: &str,
    file: &std::path::Path,
) -> Result<()> {
    lotbook::export::Format::of(file)?;
    let store = Store::open(dir)?;
    let n = store.export(what, file)?;
    print(
        json,
        &serde_json::json!({ "path": file, "rows": n }),
        |_| format!("Exported {n} {noun} to {}", file.display()),
    )
}

fn inquiries(dir: &std::path::Path, json: bool, cmd: InquiriesCmd) -> Result<()> {
    use lotbook::customers::{InteractionInput, InteractionKind};
    let mut store = Store::open(dir)?;
    let (kind, customer, ch, summary, at) = match cmd {
        InquiriesCmd::Export { file } => {
            return export(dir, json, Export::Inquiries, "inquiries", &file);
        }
        InquiriesCmd::List => {
            let now = chrono::Utc::now();
            let since = (now - chrono::Duration::days(30)).to_rfc3339();
            let list = store.inquiries(&since, now)?;
            return print(json, &list, |l| {
                l.iter()
                    .map(|q| {
                        let state = match (&q.replied_at, q.overdue) {
                            (Some(_), _) => format!("answered in {} min", q.response_minutes),
                            (None, true) => format!("OVERDUE, waiting {} min", q.response_minutes),
                            (None, false) => format!("waiting {} min", q.response_minutes),
                        };
                        format!(
                            "{}  {}  {}  {}  {}",
                            q.interaction.at,
                            q.customer_name,
                            q.interaction.channel,
                            q.interaction.summary,
                            state
                        )
                    })
                    .chain(std::iter::once(format!("{} inquiries", l.len())))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        InquiriesCmd::Add {
            customer,
            channel,
            summary,
            at,
        } => (InteractionKind::Inquiry, customer, channel, summary, at),
        InquiriesCmd::Reply {
            customer,
            channel,
            summary,
            at,
        } => (InteractionKind::Reply, customer, channel, summary, at),
    };
    let logged = store.log_interaction(&InteractionInput {
        customer_id: customer,
        kind,
        channel: channel(&ch)?,
        at,
        summary,
    })?;
    print(json, &logged, |i| {
        format!("Logged {} {} at {}", i.kind, i.id, i.at)
    })
}
