//! `lotbook settings imap ...` and `lotbook mailbox ...`: the dealer's
//! mailbox (IMAP) on this device.

use std::path::Path;

use clap::{Args, Subcommand};
use lotbook::mail::SmtpSecurity;
use lotbook::mailbox::{account, check_once, ImapSettings, MailboxOutcome};
use lotbook::{Result, Store};

use crate::print;

#[derive(Subcommand)]
pub enum ImapCmd {
    /// Show the account (never the password) and how the last check went
    Show,
    /// Set up the account: --preset naver|daum|gmail, or --host/--port/--security
    Set(ImapArgs),
    /// Forget the account and its keychain password
    Clear,
}

#[derive(Args)]
pub struct ImapArgs {
    /// naver, daum or gmail: fills in host, port and security
    #[arg(long)]
    preset: Option<String>,
    #[arg(long)]
    host: Option<String>,
    #[arg(long)]
    port: Option<u16>,
    /// tls, starttls or none
    #[arg(long)]
    security: Option<String>,
    #[arg(long)]
    username: String,
    /// Read the password (an app password) from this environment variable
    #[arg(long, value_name = "VAR")]
    password_env: Option<String>,
}

#[derive(Subcommand)]
pub enum MailboxCmd {
    /// Look at the mailbox once: what was logged, matched, offered and skipped, and why
    Check,
    /// Messages from unknown senders offered as new customers
    Leads,
    /// Make a lead's sender a customer, with the message as their inquiry
    Accept { id: String },
    /// Hide a lead
    Dismiss { id: String },
}

fn show(s: &ImapSettings) -> String {
    format!(
        "{}:{} ({}) as {:?}, password {}",
        s.host,
        s.port,
        s.security,
        s.username,
        if s.has_password {
            "in the keychain"
        } else {
            "not set"
        }
    )
}

pub fn settings(dir: &Path, json: bool, cmd: ImapCmd) -> Result<()> {
    let mut store = Store::open(dir)?;
    match cmd {
        ImapCmd::Show => {
            let s = store.imap_settings()?;
            let status = store.mailbox_status()?;
            print(
                json,
                &serde_json::json!({ "settings": s, "status": status }),
                |_| match &s {
                    Some(s) => format!(
                        "{}\nLast check: {} {}",
                        show(s),
                        status.state,
                        status.message
                    ),
                    None => "No IMAP account is set up".to_owned(),
                },
            )
        }
        ImapCmd::Clear => {
            store.clear_imap_settings()?;
            print(json, &serde_json::json!({ "cleared": true }), |_| {
                "The IMAP account and its password were removed".to_owned()
            })
        }
        ImapCmd::Set(a) => {
            let mut settings = match &a.preset {
                Some(p) => account::preset(p, &a.username)?,
                None => ImapSettings {
                    host: String::new(),
                    port: 993,
                    security: SmtpSecurity::Tls,
                    username: a.username.clone(),
                    has_password: false,
                },
            };
            if let Some(h) = &a.host {
                settings.host = h.clone();
            }
            if let Some(p) = a.port {
                settings.port = p;
            }
            if let Some(s) = &a.security {
                settings.security = crate::mail::security(s)?;
            }
            let password = a
                .password_env
                .as_deref()
                .map(crate::mail::password_from_env)
                .transpose()?;
            let s = store.save_imap_settings(&settings, password.as_deref())?;
            print(json, &s, |s| format!("Saved: {}", show(s)))
        }
    }
}

pub fn run(dir: &Path, json: bool, cmd: MailboxCmd) -> Result<()> {
    let mut store = Store::open(dir)?;
    match cmd {
        MailboxCmd::Check => {
            let report = check_once(&mut store, chrono::Utc::now())?;
            print(json, &report, |r| {
                let mut out = vec![format!(
                    "Mailbox: {}{}",
                    r.status.state,
                    if r.status.message.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", r.status.message)
                    }
                )];
                for i in &r.items {
                    out.push(format!(
                        "{:<8} {} uid {} from {} {:?}: {}",
                        i.outcome, i.folder, i.uid, i.from, i.subject, i.reason
                    ));
                }
                out.push(format!(
                    "{} logged, {} matched, {} replies, {} offered, {} skipped",
                    r.count(MailboxOutcome::Logged),
                    r.count(MailboxOutcome::Matched),
                    r.count(MailboxOutcome::Reply),
                    r.count(MailboxOutcome::Offered),
                    r.count(MailboxOutcome::Skipped)
                ));
                out.join("\n")
            })
        }
        MailboxCmd::Leads => {
            let leads = store.mail_leads()?;
            print(json, &leads, |l| {
                if l.is_empty() {
                    return "No new senders".to_owned();
                }
                l.iter()
                    .map(|l| {
                        format!(
                            "{}  {} <{}>  {:?}  {}",
                            l.id, l.from_name, l.from_addr, l.subject, l.at
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        MailboxCmd::Accept { id } => {
            let customer = store.accept_mail_lead(&id)?;
            print(
                json,
                &serde_json::json!({ "customer_id": customer }),
                |_| format!("Customer {customer} created with the message as their inquiry"),
            )
        }
        MailboxCmd::Dismiss { id } => {
            store.dismiss_mail_lead(&id)?;
            print(json, &serde_json::json!({ "dismissed": id }), |_| {
                "Dismissed".to_owned()
            })
        }
    }
}
