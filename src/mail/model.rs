//! What crosses to the UI and the CLI about composing and sending mail.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::condition::Lang;
use crate::text_enum;

text_enum! {
    /// The mail service the customer reads with: sets the size budget.
    pub enum BudgetPreset {
        Gmail = "gmail",
        Naver = "naver",
        Outlook = "outlook",
        Custom = "custom",
    }
}

impl BudgetPreset {
    /// Each service's limit on one message, in MB as it counts them (the
    /// encoded message, attachments in base64 included).
    pub fn megabytes(self) -> Option<u32> {
        match self {
            BudgetPreset::Gmail => Some(25),
            BudgetPreset::Naver => Some(10),
            BudgetPreset::Outlook => Some(20),
            BudgetPreset::Custom => None,
        }
    }
}

/// The size budget of one email: a preset, or a custom size in MB.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Budget {
    pub preset: BudgetPreset,
    /// Used when `preset` is `custom`; 1–50.
    pub custom_mb: Option<u32>,
}

impl Budget {
    pub fn preset(preset: BudgetPreset) -> Budget {
        Budget {
            preset,
            custom_mb: None,
        }
    }

    pub fn megabytes(mb: u32) -> Budget {
        Budget {
            preset: BudgetPreset::Custom,
            custom_mb: Some(mb),
        }
    }

    /// The budget in bytes (1 MB = 1,000,000 bytes: the stricter reading of
    /// what services call a megabyte, so a message that fits here fits there).
    pub fn bytes(&self) -> crate::Result<u64> {
        let mb = match (self.preset.megabytes(), self.custom_mb) {
            (Some(mb), _) => mb,
            (None, Some(mb)) if (1..=50).contains(&mb) => mb,
            (None, got) => {
                return Err(crate::Error::invalid(
                    "budget",
                    crate::error::ErrorCode::InvalidBudget,
                    format!("a custom size budget must be 1 to 50 MB, got {got:?}"),
                ))
            }
        };
        Ok(u64::from(mb) * 1_000_000)
    }
}

/// One car of an email and the photos chosen for it (`None`: the default).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComposeVehicle {
    pub vehicle_id: String,
    pub photo_ids: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComposeRequest {
    pub customer_id: String,
    pub vehicles: Vec<ComposeVehicle>,
    pub lang: Lang,
    pub budget: Budget,
    /// The shortlist it is made from, for its history.
    pub shortlist_id: Option<String>,
    /// Introduce this colleague (a handover): the greeting becomes the
    /// introduction, and cars are optional.
    pub introduce_user_id: Option<String>,
    /// A personal line from the dealer after the greeting (optional).
    pub message: String,
}

/// One image in the email, as it went in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComposedImage {
    pub cid: String,
    pub vehicle_id: String,
    /// The photo's id; None for the condition diagram.
    pub photo_id: Option<String>,
    /// The photo's content hash (the app previews its email size by it).
    pub hash: Option<String>,
    /// The diagram as a `data:` URL, for the preview (None for photos).
    pub data_url: Option<String>,
    pub width: u32,
    pub height: u32,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// A composed email: the real HTML (for the preview), its plain-text twin,
/// and the sizes that decided how far photos were shrunk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComposedMail {
    pub subject: String,
    pub to_name: String,
    pub to_addr: String,
    pub from_name: String,
    pub from_addr: String,
    pub html: String,
    pub text: String,
    pub images: Vec<ComposedImage>,
    /// The whole message as it goes out (encoded), and the budget.
    #[ts(type = "number")]
    pub encoded_bytes: u64,
    #[ts(type = "number")]
    pub budget_bytes: u64,
    /// Long edge and JPEG quality the photos were sent at.
    pub photo_edge: u32,
    pub photo_quality: i32,
    pub message_id: String,
}

text_enum! {
    /// How an email left Lotbook.
    pub enum SendOutput {
        Eml = "eml",
        Smtp = "smtp",
        Export = "export",
    }
}

text_enum! {
    /// `saved`: a draft file or an export, sent by the dealer's own means.
    pub enum SendState {
        Saved = "saved",
        Queued = "queued",
        Sent = "sent",
        Failed = "failed",
    }
}

/// What one email held: a car and the photos of it that went in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SentVehicle {
    pub vehicle_id: String,
    pub photo_ids: Vec<String>,
}

/// The history of one email made for a customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MailSend {
    pub id: String,
    pub customer_id: String,
    pub shortlist_id: Option<String>,
    pub output: SendOutput,
    pub state: SendState,
    pub to_addr: String,
    pub subject: String,
    pub lang: Lang,
    pub contents: Vec<SentVehicle>,
    #[ts(type = "number")]
    pub bytes: i64,
    /// The file it was saved to, or why sending failed.
    pub detail: String,
    pub created_at: String,
    pub updated_at: String,
}

text_enum! {
    pub enum OutboxState {
        Queued = "queued",
        Sending = "sending",
        Sent = "sent",
        Failed = "failed",
    }
}

/// One message of this device's outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OutboxEntry {
    pub id: String,
    pub to_addr: String,
    pub subject: String,
    pub state: OutboxState,
    pub attempts: u32,
    pub next_attempt_at: String,
    /// auth_failed, auth_unsupported, recipient_refused, rejected, unreachable, …
    pub error_code: Option<String>,
    /// The server's words or the network's, for the dealer.
    pub last_error: String,
    pub queued_at: String,
    pub sent_at: Option<String>,
}

/// What one pass over the outbox did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OutboxReport {
    pub sent: u32,
    /// Failed for now; tried again later.
    pub retrying: u32,
    /// Failed for good (authentication, refused recipient).
    pub failed: u32,
    pub entries: Vec<OutboxEntry>,
}

text_enum! {
    /// `starttls` (port 587), `tls` from the first byte (SMTPS, port 465), or
    /// `none`: only for a relay on this computer or a test server.
    pub enum SmtpSecurity {
        StartTls = "starttls",
        Tls = "tls",
        None = "none",
    }
}

/// The dealer's SMTP account on this device. The password is not here: it
/// lives in the OS keychain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: String,
    pub from_name: String,
    pub from_addr: String,
    /// Whether a password is stored in the keychain for this account.
    #[serde(default)]
    pub has_password: bool,
}

/// A mail service's server, for the settings form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SmtpPreset {
    pub key: String,
    pub label: String,
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    /// What the dealer must do first, e.g. create an app password.
    pub hint_ko: String,
    pub hint_en: String,
}

/// A file or folder written for the dealer, and its history row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SavedMail {
    pub send: MailSend,
    pub path: String,
}

/// One editable template of the email and its default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MailTemplate {
    /// subject, greeting, closing, intro_subject or intro.
    pub part: String,
    pub lang: Lang,
    pub source: String,
    pub default_source: String,
}

text_enum! {
    /// The stages of composing an email, in order.
    pub enum ComposeStep {
        Diagrams = "diagrams",
        Photos = "photos",
        Fitting = "fitting",
        Building = "building",
    }
}

/// Sent while an email is composed (a tight budget re-encodes every photo).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComposeProgress {
    pub step: ComposeStep,
    /// For `photos`: photos ready out of `total`; for `fitting`: the size
    /// tried (1 = the stored email size) out of the sizes there are.
    pub done: u32,
    pub total: u32,
}
