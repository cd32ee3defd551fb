//! The MIME structure of the email, written by mail-builder:
//!
//! ```text
//! multipart/alternative
//! ├─ text/plain                 the same content as words
//! └─ multipart/related
//!    ├─ text/html               refers to the images by cid:
//!    └─ image/png, image/jpeg…  inline, base64
//! ```
//! Korean names and subject are RFC 2047 encoded words (mail-builder
//! encodes line breaks and control characters in them too, so no name or
//! subject can start a header of its own); bodies are UTF-8. An address gets
//! into a header only as a [`Mailbox`], which only the one address check
//! ([`crate::validate::email`]) makes: a customer row that arrived by sync
//! with `Bcc:` in its email is refused here, naming the customer.

use std::borrow::Cow;

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

/// A display name and an address that passed [`crate::validate::email`]:
/// the only way an address reaches a header.
#[derive(Debug, Clone, PartialEq)]
pub struct Mailbox {
    name: String,
    addr: String,
}

impl Mailbox {
    /// The customer's mailbox; `None` when they have no address. An address
    /// the check refuses is an error naming the customer (code
    /// `invalid_customer_email`, the value shown escaped).
    pub fn recipient(customer_name: &str, addr: &str) -> Result<Option<Mailbox>> {
        let checked = crate::validate::email("email", addr).map_err(|_| {
            Error::invalid(
                "email",
                crate::error::ErrorCode::InvalidCustomerEmail,
                format!(
                    "the email address of customer {} is not valid ({addr:?}); correct it on the customer's page",
                    customer_name.escape_debug()
                ),
            )
        })?;
        Ok(Self::of(customer_name, checked))
    }

    /// The sender's mailbox (the SMTP account, or this computer's dealer);
    /// `None` when there is no address yet (a draft may have none).
    pub fn sender(name: &str, addr: &str) -> Result<Option<Mailbox>> {
        let checked = crate::validate::email("from_addr", addr).map_err(|_| {
            Error::invalid(
                "from_addr",
                crate::error::ErrorCode::InvalidSender,
                format!(
                    "the sender address {addr:?} is not valid; correct it in Settings › Email or in your profile"
                ),
            )
        })?;
        Ok(Self::of(name, checked))
    }

    fn of(name: &str, addr: String) -> Option<Mailbox> {
        (!addr.is_empty()).then(|| Mailbox {
            name: one_line(name).trim().to_owned(),
            addr,
        })
    }

    pub fn addr(&self) -> &str {
        &self.addr
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// What follows the `@` (for Message-IDs).
    pub fn domain(&self) -> &str {
        self.addr.rsplit_once('@').map_or("", |(_, d)| d)
    }

    fn header(&self) -> Address<'_> {
        let name = (!self.name.is_empty()).then_some(self.name.as_str());
        Address::new_address(name, self.addr.as_str())
    }
}

/// A name or subject as one line: line breaks and other control characters
/// become spaces. mail-builder already keeps them from starting a header
/// (it encodes or folds them); this keeps them out of what the reader sees.
fn one_line(s: &str) -> Cow<'_, str> {
    if s.chars().any(char::is_control) {
        Cow::Owned(
            s.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

/// A Message-ID for a message from `from`: `<id>@<sender's domain>`.
pub fn message_id(id: &str, from: Option<&Mailbox>) -> String {
    let domain = from.map(Mailbox::domain).unwrap_or("lotbook.local");
    format!("{id}@{domain}")
}

pub struct Parts<'a> {
    pub from: Option<&'a Mailbox>,
    pub to: Option<&'a Mailbox>,
    pub subject: &'a str,
    pub message_id: &'a str,
    pub html: &'a str,
    pub text: &'a str,
    pub inline: Vec<Inline>,
}

/// Addresses the message (a draft may have no sender or recipient yet) and writes it.
fn write<'a>(mut m: MessageBuilder<'a>, p: &Parts<'a>) -> Result<Vec<u8>> {
    if let Some(from) = p.from {
        m = m.from(from.header());
    }
    if let Some(to) = p.to {
        m = m.to(to.header());
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
        .subject(one_line(p.subject))
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
        .subject(one_line(p.subject))
        .text_body(p.text)
        .html_body(p.html);
    for a in attachments {
        m = m.attachment(a.content_type, a.name.as_str(), a.bytes.as_slice());
    }
    write(m, p)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// mail-builder itself never lets a line break in a name or subject
    /// start a header (checked without [`one_line`]'s help).
    #[test]
    fn the_library_keeps_line_breaks_inside_their_header() {
        for evil in [
            "Kim\r\nBcc: spy@evil.example",
            "Kim\nBcc: spy@evil.example",
            "Kim\rBcc: spy@evil.example",
            "김민수\r\nBcc: spy@evil.example",
            "Kim\r\n\r\nbody",
            "Kim\u{0}\u{7}\r\nBcc: spy@evil.example",
        ] {
            for subject_too_long in [false, true] {
                let subject = if subject_too_long {
                    format!("{evil} {}", "x".repeat(90))
                } else {
                    evil.to_owned()
                };
                let raw = MessageBuilder::new()
                    .from(Address::new_address(Some(evil), "kim@naver.com"))
                    .to(Address::new_address(Some(evil), "lee@naver.com"))
                    .subject(subject.as_str())
                    .text_body("hello")
                    .write_to_string()
                    .unwrap();
                let head = raw.split("\r\n\r\n").next().unwrap();
                for line in head.split("\r\n") {
                    assert!(
                        line.starts_with([' ', '\t']) || line.contains(':'),
                        "{evil:?}: {line:?}"
                    );
                    assert!(!line.starts_with("Bcc"), "{evil:?}: {head}");
                    assert!(!line.contains(['\r', '\n', '\0', '\u{7}']), "{line:?}");
                }
                // No blank line inside the header either: every header
                // (Content-Type is written last) comes before the body.
                assert!(
                    head.contains("\r\nContent-Type: text/plain"),
                    "{evil:?}: {head}"
                );
            }
        }
    }

    #[test]
    fn names_and_subjects_are_one_line() {
        assert_eq!(one_line("a\r\nb\tc\u{0}"), "a  b c ");
        assert!(matches!(one_line("김민수"), Cow::Borrowed(_)));
        let m = Mailbox::recipient("Lee\r\nBcc: x", "lee@naver.com")
            .unwrap()
            .unwrap();
        assert_eq!(m.name(), "Lee  Bcc: x");
        let (field, code) = match Mailbox::recipient("이준혁", "lee@naver.com\r\nBcc: x@y.com") {
            Err(Error::Invalid(f)) => (f.field, f.code),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            (field.as_str(), code.as_str()),
            ("email", "invalid_customer_email")
        );
        assert_eq!(Mailbox::recipient("이준혁", " ").unwrap(), None);
    }
}
