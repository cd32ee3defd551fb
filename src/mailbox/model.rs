//! What the mailbox's settings, status and passes look like over IPC.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::mail::SmtpSecurity;
use crate::text_enum;

/// The dealer's IMAP account on this device; the password is in the OS
/// keychain, never here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImapSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: String,
    /// Whether a password is stored in the keychain for this account.
    #[serde(default)]
    pub has_password: bool,
}

/// A mail service's IMAP server, for the settings form and the CLI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImapPreset {
    pub key: String,
    pub label: String,
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    /// What the dealer must do first (turn IMAP on, make an app password).
    pub hint_ko: String,
    pub hint_en: String,
}

text_enum! {
    /// How the last look at the mailbox went.
    pub enum MailboxState {
        NotSet = "not_set",
        Ok = "ok",
        // No network or the server is away: normal, tried again later.
        Offline = "offline",
        // The server refused the username or password: not tried again
        // until the settings change.
        WrongPassword = "wrong_password",
        // No secure connection (an untrusted certificate, STARTTLS
        // refused): tried again at the usual pace, as it rarely mends soon.
        Insecure = "insecure",
        Failed = "failed",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MailboxStatus {
    pub state: MailboxState,
    /// When the mailbox was last looked at (RFC 3339 UTC).
    pub checked_at: Option<String>,
    /// Plain English detail for the CLI and the log (the UI words the state).
    pub message: String,
    /// Whether the server offers IDLE (new mail is seen at once).
    pub idle: bool,
}

text_enum! {
    /// What a pass did with one message.
    pub enum MailboxOutcome {
        // An inquiry on a known customer's log.
        Logged = "logged",
        // A reply to Lotbook's own e-mail, on that customer and shortlist.
        Matched = "matched",
        // The dealer's reply (Sent folder) to a customer.
        Reply = "reply",
        // Offered as "new customer?".
        Offered = "offered",
        Skipped = "skipped",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MailboxItem {
    pub folder: String,
    pub uid: u32,
    pub message_id: String,
    pub from: String,
    pub subject: String,
    pub outcome: MailboxOutcome,
    pub customer_id: Option<String>,
    /// Why, in plain English (skipped: the reason).
    pub reason: String,
}

/// One pass over the mailbox: the status and what happened to each new message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MailboxReport {
    pub status: MailboxStatus,
    pub items: Vec<MailboxItem>,
}

impl MailboxReport {
    pub fn count(&self, outcome: MailboxOutcome) -> usize {
        self.items.iter().filter(|i| i.outcome == outcome).count()
    }
}

text_enum! {
    pub enum LeadState {
        New = "new",
        Accepted = "accepted",
        Dismissed = "dismissed",
    }
}

/// A message from an unknown address that looks like an inquiry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MailLead {
    pub id: String,
    pub message_id: String,
    pub from_addr: String,
    pub from_name: String,
    pub subject: String,
    pub preview: String,
    /// When it was sent (RFC 3339 UTC).
    pub at: String,
    pub state: LeadState,
    pub customer_id: Option<String>,
}
