//! The MIME structure of the email, written by mail-builder:
//!
//! ```text
//! multipart/alternative
//! ├─ text/plain                 the same content as words
//! └─ multipart/related
//!    ├─ text/html               refers to the images by cid:
//!    └─ image/png, image/jpeg…  inline, base64
//! ```
//! Korean names and subject are RFC 2047 encoded words; bodies are UTF-8.

use mail_builder::headers::address::Address;
use mail_builder::headers::message_id::MessageId;
use mail_builder::mime::MimePart;
use mail_builder::MessageBuilder;

use crate::error::{Error, Result};

#[derive(Debug, Clone)]
pub struct Inline {
    pub cid: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

pub struct Parts<'a> {
    pub from_name: &'a str,
    pub from_addr: &'a str,
    pub to_name: &'a str,
    pub to_addr: &'a str,
    pub subject: &'a str,
    pub message_id: &'a str,
    pub html: &'a str,
    pub text: &'a str,
    pub inline: Vec<Inline>,
}

fn address<'a>(name: &'a str, addr: &'a str) -> Address<'a> {
    if name.is_empty() {
        Address::new_address(None::<&str>, addr)
    } else {
        Address::new_address(Some(name), addr)
    }
}

/// Addresses the message (a draft may have no sender or recipient yet) and writes it.
fn write<'a>(mut m: MessageBuilder<'a>, p: &Parts<'a>) -> Result<Vec<u8>> {
    if !p.from_addr.is_empty() {
        m = m.from(address(p.from_name, p.from_addr));
    }
    if !p.to_addr.is_empty() {
        m = m.to(address(p.to_name, p.to_addr));
    }
    m.write_to_vec()
        .map_err(|e| Error::Other(format!("email could not be written: {e}")))
}

pub fn build(p: &Parts) -> Result<Vec<u8>> {
    let mut related = vec![MimePart::new("text/html", p.html)];
    related.extend(p.inline.iter().map(|i| {
        MimePart::new(i.content_type, i.bytes.as_slice())
            .inline()
            .cid(i.cid.as_str())
    }));
    let body = MimePart::new(
        "multipart/alternative",
        vec![
            MimePart::new("text/plain", p.text),
            MimePart::new("multipart/related", related),
        ],
    );
    let m = MessageBuilder::new()
        .message_id(MessageId::new(p.message_id))
        .subject(p.subject)
        .body(body);
    write(m, p)
}

/// The same message as a draft: `X-Unsent: 1` makes Outlook (and Apple Mail
/// and Thunderbird) open it for editing and sending rather than as received.
pub fn as_draft(message: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(message.len() + 16);
    out.extend_from_slice(b"X-Unsent: 1\r\n");
    out.extend_from_slice(message);
    out
}

/// A file attached to a notice (an `.ics` invitation).
pub struct Attachment {
    pub content_type: &'static str,
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A short message without inline images (a visit confirmation, a recall
/// notice): text and HTML alternatives, and attachments.
pub fn build_notice(p: &Parts, attachments: &[Attachment]) -> Result<Vec<u8>> {
    let mut m = MessageBuilder::new()
        .message_id(MessageId::new(p.message_id))
        .subject(p.subject)
        .text_body(p.text)
        .html_body(p.html);
    for a in attachments {
        m = m.attachment(a.content_type, a.name.as_str(), a.bytes.as_slice());
    }
    write(m, p)
}
