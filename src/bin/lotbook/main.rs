//! `lotbook`: the headless, scriptable face of the core (SPEC section 3).
//! Exit status 0 on success; otherwise one clear line on stderr and status 1
//! (2 for a command line clap rejects).

mod backups;
mod care;
mod condition;
mod customers;
mod demo;
mod export_all;
mod inquiries;
mod lots;
mod mail;
mod mailbox;
mod photos;
mod recalls;
mod space;
mod sync;
mod team_settings;
mod users;
mod vehicles;

use clap::{Parser, Subcommand};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

use lotbook::export::Export;
use lotbook::{Error, ErrorShape, Result, Store};

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
    Vehicles(vehicles::VehiclesCmd),
    /// List customers
    #[command(subcommand)]
    Customers(customers::CustomersCmd),
    /// List the team's dealers (their ids are what --dealer takes)
    #[command(subcommand)]
    Users(users::UsersCmd),
    /// List the lots (their ids are what --lot takes)
    #[command(subcommand)]
    Lots(lots::LotsCmd),
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
    /// Show and set the team's shared settings (team name, reply deadline, visit buffer,
    /// follow-up schedule, time zone, photo files in the shared folder); they travel with sync
    #[command(subcommand)]
    TeamSettings(team_settings::TeamSettingsCmd),
    /// Log and list customer inquiries (overdue ones first)
    #[command(subcommand)]
    Inquiries(inquiries::InquiriesCmd),
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
    /// How much space the team uses where: the shared folder (journals, photo files, snapshots)
    /// and this computer's data folder (database, originals, shared-size photos, derived sizes,
    /// backups)
    Space {
        /// The shared folder (default: the one chosen in the app's Sync settings)
        #[arg(long, value_name = "DIR")]
        folder: Option<PathBuf>,
    },
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
    /// Manufacturers' recall files: import, list the cars they concern, record done / not applicable
    #[command(subcommand)]
    Recalls(recalls::RecallsCmd),
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

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, so `println!` into a closed pipe (`lotbook … | head`)
    // panics with a backtrace; a command-line tool ends quietly instead.
    #[cfg(unix)]
    // SAFETY: set once, first thing in main, before any thread is started.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    let json = cli.json;
    // The same daily log as the app's (without one the command still
    // runs), and stderr when LOTBOOK_LOG or RUST_LOG asks.
    let _log = lotbook::logging::init_for_cli(lotbook::logging::default_dir(None).as_deref());
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::warn!(code = %e.code(), "command failed: {e}");
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

/// `--lang`: ko or en.
fn lang(s: &str) -> Result<lotbook::condition::Lang> {
    lotbook::condition::Lang::parse(s).ok_or_else(|| {
        Error::invalid(
            "lang",
            lotbook::error::ErrorCode::InvalidLang,
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
        Command::Demo { no_photos } => demo::run(&dir, json, no_photos),
        Command::Vehicles(cmd) => vehicles::run(&dir, json, cmd),
        Command::Customers(cmd) => customers::run(&dir, json, cmd),
        Command::Users(cmd) => users::run(&dir, json, cmd),
        Command::Lots(cmd) => lots::run(&dir, json, cmd),
        Command::Inquiries(cmd) => inquiries::run(&dir, json, cmd),
        Command::Compose(args) => mail::compose(&dir, json, args),
        Command::Outbox(cmd) => mail::outbox(&dir, json, cmd),
        Command::Settings(mail::SettingsCmd::Imap(cmd)) => mailbox::settings(&dir, json, cmd),
        Command::Settings(cmd) => mail::settings(&dir, json, cmd),
        Command::TeamSettings(cmd) => team_settings::run(&dir, json, cmd),
        Command::Mailbox(cmd) => mailbox::run(&dir, json, cmd),
        Command::Photos(cmd) => photos::run(&dir, json, cmd),
        Command::Condition(cmd) => condition::run(&dir, json, cmd),
        Command::Sync(args) => sync::run(&dir, json, args),
        Command::ExportAll {
            dir: out,
            lang: chosen,
        } => export_all::run(&dir, json, &out, chosen),
        // Before the store is opened: a wrong file name costs nothing.
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
        Command::Recalls(cmd) => recalls::run(&dir, json, cmd),
        Command::Backup { out } => backups::backup_cmd(&dir, json, out),
        Command::Backups(cmd) => backups::run(&dir, json, cmd),
        Command::Restore { file } => backups::restore_cmd(&dir, json, &file),
        Command::Check => backups::check_cmd(&dir, json),
        Command::Space { folder } => space::run(&dir, json, folder.as_deref()),
    }
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
