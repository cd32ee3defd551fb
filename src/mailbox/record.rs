//! What one message becomes on the customer log, decided and written in
//! one transaction with the folder's new position.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::decode::{looks_like_inquiry, Letter};
use super::model::MailboxOutcome;
use crate::db::utc_text;
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Inbox,
    Sent,
}

/// What was done with a message, for the pass's report.
pub struct Done {
    pub outcome: MailboxOutcome,
    pub customer_id: Option<String>,
    pub reason: String,
}

fn done(outcome: MailboxOutcome, customer_id: Option<String>, reason: impl Into<String>) -> Done {
    Done {
        outcome,
        customer_id,
        reason: reason.into(),
    }
}

/// An id made from the message (and customer): the same mail read on two
/// computers writes the same row, which sync then merges.
pub(crate) fn mail_id(parts: &[&str]) -> String {
    let mut h = blake3::Hasher::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update(&[0]);
    }
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&h.finalize().as_bytes()[..16]);
    uuid::Builder::from_custom_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .to_string()
}

/// Where a logged message's raw bytes are kept on this computer.
pub fn message_file(data_dir: &Path, message_id: &str) -> PathBuf {
    let name = blake3::hash(message_id.as_bytes()).to_hex();
    data_dir
        .join("mail")
        .join("received")
        .join(format!("{}.eml", &name[..32]))
}

/// A single line for a header-like column (no control characters).
fn line(s: &str, max: usize) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    cleaned.trim().chars().take(max).collect()
}

fn summary(head: &str, subject: &str, preview: &str) -> String {
    let parts: Vec<&str> = [head, subject, preview]
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts
        .join("\n")
        .chars()
        .take(crate::validate::LONG_TEXT_MAX)
        .collect()
}

fn customer_by_address(conn: &Connection, addr: &str) -> Result<Option<String>> {
    if addr.is_empty() {
        return Ok(None);
    }
    Ok(conn
        .prepare_cached(
            "SELECT id FROM customers WHERE lower(trim(email)) = ?1
             ORDER BY updated_at DESC, id LIMIT 1",
        )?
        .query_row([addr], |r| r.get(0))
        .optional()?)
}

fn already_logged(conn: &Connection, message_id: &str) -> Result<bool> {
    let found: Option<i64> = conn
        .prepare_cached(
            "SELECT 1 FROM interactions WHERE message_id = ?1
             UNION ALL SELECT 1 FROM mail_leads WHERE message_id = ?1 LIMIT 1",
        )?
        .query_row([message_id], |r| r.get(0))
        .optional()?;
    Ok(found.is_some())
}

struct SendHit {
    customer_id: String,
    shortlist_id: Option<String>,
    cars: usize,
    lang: String,
}

/// Lotbook's own e-mail this message answers (by In-Reply-To/References).
fn answered_send(conn: &Connection, refs: &[String]) -> Result<Option<SendHit>> {
    let mut stmt = conn.prepare_cached(
        "SELECT customer_id, shortlist_id, contents, lang FROM mail_sends WHERE message_id = ?1",
    )?;
    // The nearest reference is the last; In-Reply-To comes first in `refs`.
    for r in refs {
        let hit = stmt
            .query_row([r], |row| {
                let contents: String = row.get(2)?;
                let cars = serde_json::from_str::<Vec<serde_json::Value>>(&contents)
                    .map(|v| v.len())
                    .unwrap_or(0);
                Ok(SendHit {
                    customer_id: row.get(0)?,
                    shortlist_id: row.get(1)?,
                    cars,
                    lang: row.get(3)?,
                })
            })
            .optional()?;
        if hit.is_some() {
            return Ok(hit);
        }
    }
    Ok(None)
}

/// The customer of an earlier mail in the same thread already on the log.
fn thread_customer(conn: &Connection, refs: &[String]) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT customer_id FROM interactions WHERE message_id = ?1 ORDER BY at DESC LIMIT 1",
    )?;
    for r in refs {
        if let Some(c) = stmt.query_row([r], |row| row.get(0)).optional()? {
            return Ok(Some(c));
        }
    }
    Ok(None)
}

struct Entry<'a> {
    kind: &'a str,
    customer_id: &'a str,
    at: &'a str,
    summary: &'a str,
    user_id: Option<&'a str>,
    message_id: &'a str,
    shortlist_id: Option<&'a str>,
}

fn insert(conn: &Connection, e: &Entry) -> Result<()> {
    let now = crate::db::now_utc();
    let id = mail_id(&[e.kind, e.message_id, e.customer_id]);
    conn.prepare_cached(
        "INSERT INTO interactions (id, customer_id, kind, channel, at, summary, user_id, send_id,
                                   message_id, shortlist_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, 'email', ?4, ?5, ?6, NULL, ?7, ?8, ?9, ?9)
         ON CONFLICT (id) DO NOTHING",
    )?
    .execute(params![
        id,
        e.customer_id,
        e.kind,
        e.at,
        e.summary,
        e.user_id,
        e.message_id,
        e.shortlist_id,
        now
    ])?;
    Ok(())
}

/// "답장: 추천 차량 3대" in the language the e-mail went out in.
fn reply_head(hit: &SendHit) -> String {
    if hit.lang == "en" {
        format!("Reply: {} recommended cars", hit.cars)
    } else {
        format!("답장: 추천 차량 {}대", hit.cars)
    }
}

pub struct Context<'a> {
    /// The dealer's own addresses (the IMAP login, the SMTP sender).
    pub own: &'a [String],
    pub me: Option<&'a str>,
    pub now: DateTime<Utc>,
}

/// Decides and writes what `letter` becomes.
pub fn record(
    conn: &Connection,
    letter: &Letter,
    role: Role,
    internal_date: Option<DateTime<Utc>>,
    cx: &Context,
) -> Result<Done> {
    let at = utc_text(letter.date.or(internal_date).unwrap_or(cx.now).min(cx.now));
    let subject = line(&letter.subject, 1000);
    match role {
        Role::Inbox => inbox(conn, letter, &at, &subject, cx),
        Role::Sent => sent(conn, letter, &at, &subject, cx),
    }
}

fn inbox(conn: &Connection, l: &Letter, at: &str, subject: &str, cx: &Context) -> Result<Done> {
    use MailboxOutcome::*;
    if cx.own.contains(&l.from_addr) {
        return Ok(done(Skipped, None, "sent from your own address"));
    }
    if already_logged(conn, &l.message_id)? {
        return Ok(done(Skipped, None, "already logged"));
    }
    if let Some(hit) = answered_send(conn, &l.refs)? {
        let text = summary(&reply_head(&hit), subject, &l.preview);
        insert(
            conn,
            &Entry {
                kind: "inquiry",
                customer_id: &hit.customer_id,
                at,
                summary: &text,
                user_id: None,
                message_id: &l.message_id,
                shortlist_id: hit.shortlist_id.as_deref(),
            },
        )?;
        return Ok(done(
            Matched,
            Some(hit.customer_id),
            "a reply to Lotbook's e-mail (matched by Message-ID)",
        ));
    }
    let known = match customer_by_address(conn, &l.from_addr)? {
        Some(c) => Some((c, "from a customer's address")),
        None => thread_customer(conn, &l.refs)?.map(|c| (c, "in a thread already on the log")),
    };
    if let Some((customer_id, why)) = known {
        let text = summary("", subject, &l.preview);
        insert(
            conn,
            &Entry {
                kind: "inquiry",
                customer_id: &customer_id,
                at,
                summary: &text,
                user_id: None,
                message_id: &l.message_id,
                shortlist_id: None,
            },
        )?;
        return Ok(done(Logged, Some(customer_id), why));
    }
    if let Some(why) = l.automated {
        return Ok(done(Skipped, None, why));
    }
    if l.from_addr.is_empty() || crate::validate::email("from", &l.from_addr).is_err() {
        return Ok(done(Skipped, None, "no usable sender address"));
    }
    if !looks_like_inquiry(l) {
        return Ok(done(
            Skipped,
            None,
            "from an unknown address and does not read like an inquiry",
        ));
    }
    let now = crate::db::now_utc();
    conn.prepare_cached(
        "INSERT INTO mail_leads (id, message_id, from_addr, from_name, subject, preview, at, state,
                                 customer_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'new', NULL, ?8, ?8)
         ON CONFLICT (id) DO NOTHING",
    )?
    .execute(params![
        mail_id(&["lead", &l.message_id]),
        l.message_id,
        l.from_addr,
        line(&l.from_name, 1000),
        subject,
        l.preview,
        at,
        now
    ])?;
    Ok(done(
        Offered,
        None,
        "from an unknown address; offered as a new customer",
    ))
}

fn sent(conn: &Connection, l: &Letter, at: &str, subject: &str, cx: &Context) -> Result<Done> {
    use MailboxOutcome::*;
    let own: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM mail_sends WHERE message_id = ?1 LIMIT 1")?
        .query_row([&l.message_id], |r| r.get(0))
        .optional()?;
    if own.is_some() {
        return Ok(done(
            Skipped,
            None,
            "Lotbook's own e-mail, already on the log",
        ));
    }
    if already_logged(conn, &l.message_id)? {
        return Ok(done(Skipped, None, "already logged"));
    }
    let mut customers: Vec<String> = Vec::new();
    for addr in &l.recipients {
        if let Some(c) = customer_by_address(conn, addr)? {
            if !customers.contains(&c) {
                customers.push(c);
            }
        }
    }
    if customers.is_empty() {
        if let Some(c) = thread_customer(conn, &l.refs)? {
            customers.push(c);
        }
    }
    if customers.is_empty() {
        return Ok(done(Skipped, None, "not sent to a customer"));
    }
    let text = summary("", subject, &l.preview);
    for c in &customers {
        insert(
            conn,
            &Entry {
                kind: "reply",
                customer_id: c,
                at,
                summary: &text,
                user_id: cx.me,
                message_id: &l.message_id,
                shortlist_id: None,
            },
        )?;
    }
    Ok(done(
        Reply,
        customers.into_iter().next(),
        "your reply from another mail program (Sent)",
    ))
}

/// This computer's place in a folder: (UIDVALIDITY, last UID read).
pub fn place(conn: &Connection, account: &str, folder: &str) -> Result<Option<(u32, u32)>> {
    Ok(conn
        .prepare_cached(
            "SELECT uidvalidity, last_uid FROM mailbox_folders WHERE account = ?1 AND folder = ?2",
        )?
        .query_row([account, folder], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

pub fn set_place(
    conn: &Connection,
    account: &str,
    folder: &str,
    uidvalidity: u32,
    last_uid: u32,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO mailbox_folders (account, folder, uidvalidity, last_uid, checked_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (account, folder) DO UPDATE SET uidvalidity = excluded.uidvalidity,
             last_uid = excluded.last_uid, checked_at = excluded.checked_at",
    )?
    .execute(params![
        account,
        folder,
        uidvalidity,
        last_uid,
        crate::db::now_utc()
    ])?;
    Ok(())
}
