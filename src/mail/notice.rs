//! Short notices that are not the photo email (a visit confirmation, a
//! recall notice): text and HTML, maybe an attachment, queued in the outbox
//! with a history row like every email.

use super::mime::{self, Attachment, Mailbox, Parts};
use super::sends::NewSend;
use super::{MailSend, SendOutput, SendState, SentVehicle, SmtpSettings};
use crate::condition::Lang;
use crate::db::{new_id, Store};
use crate::error::{Error, Result};

pub struct Notice<'a> {
    pub customer_id: &'a str,
    pub to_name: &'a str,
    pub to_addr: &'a str,
    pub subject: &'a str,
    pub text: &'a str,
    pub html: &'a str,
    pub lang: Lang,
    /// The cars it is about (history).
    pub contents: &'a [SentVehicle],
    /// What it was, for the history ("visit confirmation", "campaign: …").
    pub detail: &'a str,
    pub attachments: &'a [Attachment],
}

/// The plain text as a minimal HTML body: escaped, line breaks kept.
pub fn text_html(text: &str) -> String {
    format!(
        "<!doctype html><html><body><p style=\"font-family:sans-serif;line-height:1.6\">{}</p></body></html>",
        minijinja::HtmlEscape(text).to_string().replace('\n', "<br>\n")
    )
}

impl Store {
    /// The SMTP account to send from, or why there is none.
    pub fn sending_account(&self) -> Result<SmtpSettings> {
        self.smtp_account()?
            .filter(|a| !a.from_addr.is_empty())
            .ok_or_else(|| {
                Error::invalid(
                    "from_addr",
                    crate::error::ErrorCode::NoSender,
                    "set up the SMTP account (Settings › Email) before sending",
                )
            })
    }

    /// Queues `n`; its address is checked first (refused naming the customer).
    pub fn queue_notice(&mut self, account: &SmtpSettings, n: &Notice) -> Result<MailSend> {
        let to = Mailbox::recipient(n.to_name, n.to_addr)?.ok_or_else(|| {
            Error::invalid(
                "email",
                crate::error::ErrorCode::NoEmail,
                format!("{} has no email address", n.to_name),
            )
        })?;
        let from = Mailbox::sender(&account.from_name, &account.from_addr)?;
        let send_id = new_id();
        let message_id = mime::message_id(&send_id, from.as_ref());
        let message = mime::build_notice(
            &Parts {
                from: from.as_ref(),
                to: Some(&to),
                subject: n.subject,
                message_id: &message_id,
                html: n.html,
                text: n.text,
                inline: Vec::new(),
            },
            n.attachments,
        )?;
        let me = self.me()?.map(|u| u.id);
        self.enqueue(
            &NewSend {
                id: &send_id,
                customer_id: n.customer_id,
                shortlist_id: None,
                output: SendOutput::Smtp,
                state: SendState::Queued,
                to_addr: to.addr(),
                subject: n.subject,
                lang: n.lang,
                contents: n.contents,
                bytes: message.len() as u64,
                message_id: &message_id,
                detail: n.detail,
                user_id: me.as_deref(),
            },
            &message,
        )
    }
}
