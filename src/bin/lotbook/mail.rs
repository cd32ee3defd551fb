//! `lotbook compose`, `lotbook outbox ...`, `lotbook settings smtp ...`

use clap::{Args, Subcommand};
use std::io::Read;
use std::path::{Path, PathBuf};

use lotbook::mail::{
    account, Budget, BudgetPreset, ComposeRequest, ComposeVehicle, ComposedMail, MailSend,
    SmtpSecurity, SmtpSettings,
};
use lotbook::{Error, Result, Store};

use crate::{lang, print};

#[derive(Args)]
pub struct ComposeArgs {
    /// The customer's id
    #[arg(long)]
    customer: String,
    /// Vehicle ids, comma-separated, in the order the email shows them
    #[arg(long, value_delimiter = ',', required = true)]
    vehicles: Vec<String>,
    /// Size budget in MB (default: the Gmail preset, 25 MB)
    #[arg(long, value_name = "N", conflicts_with = "budget")]
    budget_mb: Option<u32>,
    /// Size budget preset: gmail (25 MB), naver (10 MB), outlook (20 MB)
    #[arg(long)]
    budget: Option<String>,
    /// ko or en
    #[arg(long, default_value = "ko")]
    lang: String,
    /// A personal line after the greeting
    #[arg(long, default_value = "")]
    message: String,
    /// Write an .eml draft here (opens for editing in Outlook, Apple Mail, Thunderbird)
    #[arg(long, value_name = "FILE.eml", required_unless_present_any = ["send", "export"])]
    out: Option<PathBuf>,
    /// Queue it in the outbox to send through the SMTP account instead
    #[arg(long, conflicts_with_all = ["out", "export"])]
    send: bool,
    /// Write a folder for messengers and print (numbered photos, message.txt, print.html) inside DIR
    #[arg(long, value_name = "DIR", conflicts_with = "out")]
    export: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum OutboxCmd {
    /// Send every message that is due through the SMTP account
    Send,
    /// List the outbox: waiting, failed and sent messages
    List,
    /// Put a failed message back in the queue
    Retry { id: String },
}

#[derive(Subcommand)]
pub enum SettingsCmd {
    /// This device's SMTP account (the password goes to the OS keychain)
    #[command(subcommand)]
    Smtp(SmtpCmd),
    /// This device's mailbox (IMAP) account (the password goes to the OS keychain)
    #[command(subcommand)]
    Imap(crate::mailbox::ImapCmd),
}

#[derive(Subcommand)]
pub enum SmtpCmd {
    /// Show the account (never the password)
    Show,
    /// Set up the account
    Set(SmtpArgs),
    /// Forget the account and its keychain password
    Clear,
}

#[derive(Args)]
pub struct SmtpArgs {
    /// gmail, naver or daum: fills in host, port and security
    #[arg(long)]
    preset: Option<String>,
    #[arg(long)]
    host: Option<String>,
    #[arg(long)]
    port: Option<u16>,
    /// starttls, tls or none
    #[arg(long)]
    security: Option<String>,
    #[arg(long, default_value = "")]
    username: String,
    /// The address customers see and reply to (default: the username)
    #[arg(long)]
    from_addr: Option<String>,
    #[arg(long, default_value = "")]
    from_name: String,
    /// Read the password (an app password) from standard input
    #[arg(long, conflicts_with = "password_env")]
    password_stdin: bool,
    /// Read the password from this environment variable
    #[arg(long, value_name = "VAR")]
    password_env: Option<String>,
}

fn budget(a: &ComposeArgs) -> Result<Budget> {
    match (&a.budget, a.budget_mb) {
        (_, Some(mb)) => Ok(Budget::megabytes(mb)),
        (Some(p), None) => BudgetPreset::parse(p)
            .filter(|p| *p != BudgetPreset::Custom)
            .map(Budget::preset)
            .ok_or_else(|| {
                Error::invalid(
                    "budget",
                    lotbook::error::ErrorCode::InvalidBudget,
                    format!("--budget must be gmail, naver or outlook; got {p:?}"),
                )
            }),
        (None, None) => Ok(Budget::preset(BudgetPreset::Gmail)),
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

#[derive(serde::Serialize)]
struct Composed<'a> {
    send: &'a MailSend,
    subject: &'a str,
    to: &'a str,
    encoded_bytes: u64,
    budget_bytes: u64,
    html_bytes: usize,
    images: usize,
    photo_edge: u32,
    photo_quality: i32,
}

pub fn compose(dir: &Path, json: bool, a: ComposeArgs) -> Result<()> {
    let mut store = Store::open(dir)?;
    let req = ComposeRequest {
        customer_id: a.customer.clone(),
        vehicles: a
            .vehicles
            .iter()
            .map(|v| ComposeVehicle {
                vehicle_id: v.trim().to_owned(),
                photo_ids: None,
            })
            .collect(),
        lang: lang(&a.lang)?,
        budget: budget(&a)?,
        shortlist_id: None,
        introduce_user_id: None,
        message: a.message.clone(),
    };
    let (send, mail): (MailSend, ComposedMail) = match (&a.out, &a.export) {
        (Some(out), _) => store.save_eml(&req, out)?,
        (None, Some(parent)) => {
            let (send, _, mail) = store.export_shortlist(&req, parent)?;
            (send, mail)
        }
        (None, None) => store.queue_mail(&req)?,
    };
    let out = Composed {
        send: &send,
        subject: &mail.subject,
        to: &mail.to_addr,
        encoded_bytes: mail.encoded_bytes,
        budget_bytes: mail.budget_bytes,
        html_bytes: mail.html.len(),
        images: mail.images.len(),
        photo_edge: mail.photo_edge,
        photo_quality: mail.photo_quality,
    };
    print(json, &out, |c| {
        let whereto = if a.send {
            "Queued in the outbox (run `lotbook outbox send`)".to_owned()
        } else if a.export.is_some() {
            format!("Exported to {}", c.send.detail)
        } else {
            format!("Saved the draft to {}", c.send.detail)
        };
        format!(
            "{whereto}: \"{}\" to {}, {} of {} budget, {} images, photos at {} px",
            c.subject,
            if c.to.is_empty() {
                "(no address)"
            } else {
                c.to
            },
            mb(c.encoded_bytes),
            mb(c.budget_bytes),
            c.images,
            c.photo_edge
        )
    })
}

pub fn outbox(dir: &Path, json: bool, cmd: OutboxCmd) -> Result<()> {
    let mut store = Store::open(dir)?;
    match cmd {
        OutboxCmd::Send => {
            drop(store);
            let r = lotbook::mail::outbox::send_pass(dir)?;
            print(json, &r, |r| {
                let mut lines = vec![format!(
                    "Sent {}, waiting to retry {}, failed {}",
                    r.sent, r.retrying, r.failed
                )];
                lines.extend(
                    r.entries
                        .iter()
                        .filter(|e| !e.last_error.is_empty() && e.state.as_str() != "sent")
                        .map(|e| format!("  {} {}: {}", e.id, e.to_addr, e.last_error)),
                );
                lines.join("\n")
            })
        }
        OutboxCmd::List => {
            let list = store.outbox()?;
            print(json, &list, |l| {
                l.iter()
                    .map(|e| {
                        let mut s = format!(
                            "{}  {:<8} {}  {}  (tries {})",
                            e.id, e.state, e.to_addr, e.subject, e.attempts
                        );
                        if !e.last_error.is_empty() {
                            s.push_str(&format!("\n    {}", e.last_error));
                        }
                        s
                    })
                    .chain(std::iter::once(format!("{} messages", l.len())))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        OutboxCmd::Retry { id } => {
            store.retry_outbox(&id)?;
            print(json, &serde_json::json!({ "queued": id }), |_| {
                format!("{id} is queued again")
            })
        }
    }
}

fn read_password(a: &SmtpArgs) -> Result<Option<String>> {
    if a.password_stdin {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Error::Other(format!("reading the password from standard input: {e}")))?;
        let pw = s.trim_end_matches(['\r', '\n']).to_owned();
        return Ok(Some(pw).filter(|p| !p.is_empty()));
    }
    a.password_env.as_deref().map(password_from_env).transpose()
}

/// `--password-env VAR`: the password held by that environment variable.
pub(crate) fn password_from_env(var: &str) -> Result<String> {
    std::env::var(var).map_err(|_| {
        Error::invalid(
            "password",
            lotbook::error::ErrorCode::NoPassword,
            format!("--password-env: the environment variable {var} is not set"),
        )
    })
}

/// `--security`: starttls, tls or none.
pub(crate) fn security(s: &str) -> Result<SmtpSecurity> {
    SmtpSecurity::parse(s).ok_or_else(|| {
        Error::invalid(
            "security",
            lotbook::error::ErrorCode::InvalidSecurity,
            format!("--security must be starttls, tls or none; got {s:?}"),
        )
    })
}

pub fn settings(dir: &Path, json: bool, cmd: SettingsCmd) -> Result<()> {
    let mut store = Store::open(dir)?;
    let SettingsCmd::Smtp(cmd) = cmd else {
        return Err(Error::Other("not an SMTP setting".into()));
    };
    let show = |s: &SmtpSettings| {
        format!(
            "{}:{} ({}) as {:?}, from {} <{}>, password {}",
            s.host,
            s.port,
            s.security,
            s.username,
            s.from_name,
            s.from_addr,
            if s.has_password {
                "in the keychain"
            } else {
                "not set"
            }
        )
    };
    match cmd {
        SmtpCmd::Show => {
            let s = store.smtp_settings()?;
            print(json, &s, |s| match s {
                Some(s) => show(s),
                None => "No SMTP account is set up".to_owned(),
            })
        }
        SmtpCmd::Clear => {
            store.clear_smtp_settings()?;
            print(json, &serde_json::json!({ "cleared": true }), |_| {
                "The SMTP account and its password were removed".to_owned()
            })
        }
        SmtpCmd::Set(a) => {
            let preset = match &a.preset {
                Some(p) => Some(
                    account::presets()
                        .into_iter()
                        .find(|x| &x.key == p)
                        .ok_or_else(|| {
                            Error::invalid(
                                "preset",
                                lotbook::error::ErrorCode::InvalidPreset,
                                format!("--preset must be gmail, naver or daum; got {p:?}"),
                            )
                        })?,
                ),
                None => None,
            };
            let security = match &a.security {
                Some(s) => security(s)?,
                None => preset
                    .as_ref()
                    .map_or(SmtpSecurity::StartTls, |p| p.security),
            };
            let settings = SmtpSettings {
                host: a
                    .host
                    .clone()
                    .or_else(|| preset.as_ref().map(|p| p.host.clone()))
                    .unwrap_or_default(),
                port: a
                    .port
                    .or_else(|| preset.as_ref().map(|p| p.port))
                    .unwrap_or(587),
                security,
                username: a.username.clone(),
                from_addr: a.from_addr.clone().unwrap_or_else(|| a.username.clone()),
                from_name: a.from_name.clone(),
                has_password: false,
            };
            let password = read_password(&a)?;
            let s = store.save_smtp_settings(&settings, password.as_deref())?;
            print(json, &s, |s| format!("Saved: {}", show(s)))
        }
    }
}
