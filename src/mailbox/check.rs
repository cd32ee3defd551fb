//! One pass over the mailbox: INBOX, then the Sent folder, each from where
//! this computer last stopped (by UID, started over when the folder's
//! UIDVALIDITY changes). A customer's reply arriving with the dealer's
//! answer in the same pass is logged first, so the answer closes it.

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::account::{account_name, imap_password};
use super::decode;
use super::imap::{self, Conn, Trouble};
use super::model::{
    ImapSettings, MailboxItem, MailboxOutcome, MailboxReport, MailboxState, MailboxStatus,
};
use super::record::{self, message_file, Context, Role};
use crate::db::{utc_text, Store};
use crate::error::Result;

/// Network waits: a server that does not answer in this long is "offline".
pub const TIMEOUT: Duration = Duration::from_secs(30);
/// On the first look at a folder, mail of these last days is read (not
/// the whole history of the mailbox).
const FIRST_LOOK_DAYS: i64 = 14;
/// At most this many messages per folder and pass; the rest come next pass.
const BATCH: usize = 200;

fn status(
    state: MailboxState,
    now: DateTime<Utc>,
    message: impl Into<String>,
    idle: bool,
) -> MailboxStatus {
    MailboxStatus {
        state,
        checked_at: Some(utc_text(now)),
        message: message.into(),
        idle,
    }
}

fn trouble_status(t: Trouble, now: DateTime<Utc>) -> MailboxStatus {
    match t {
        Trouble::Offline(m) => status(MailboxState::Offline, now, m, false),
        Trouble::Refused(m) => status(
            MailboxState::WrongPassword,
            now,
            format!(
                "the server refused the username or password ({m}); fix them in Settings › Mailbox"
            ),
            false,
        ),
        Trouble::Insecure(m) => status(MailboxState::Insecure, now, m, false),
        Trouble::Failed(m) => status(MailboxState::Failed, now, m, false),
    }
}

/// One pass now (the CLI's `mailbox check`, the app's "check now"). A
/// refused login is tried once more here: the dealer asked.
pub fn check_once(store: &mut Store, now: DateTime<Utc>) -> Result<MailboxReport> {
    let (report, conn) = pass(store, now)?;
    if let Some(c) = conn {
        c.logout();
    }
    Ok(report)
}

/// A pass; returns the connection still open on INBOX (for IDLE) when all went well.
pub(crate) fn pass(store: &mut Store, now: DateTime<Utc>) -> Result<(MailboxReport, Option<Conn>)> {
    let Some(settings) = store.imap_account()? else {
        let s = store.mailbox_status()?;
        return Ok((
            MailboxReport {
                status: s,
                items: Vec::new(),
            },
            None,
        ));
    };
    let Some(password) = imap_password(&settings)? else {
        let s = status(
            MailboxState::Failed,
            now,
            "no password is stored for the IMAP account; enter it in Settings › Mailbox",
            false,
        );
        store.save_mailbox_status(&s)?;
        return Ok((
            MailboxReport {
                status: s,
                items: Vec::new(),
            },
            None,
        ));
    };
    let mut items = Vec::new();
    let result = imap::connect(&settings, &password, TIMEOUT).and_then(|mut conn| {
        read_folders(store, &settings, &mut conn, now, &mut items).map(|r| (conn, r))
    });
    let (status, conn) = match result {
        Ok((conn, Ok(()))) => {
            let idle = conn.idle;
            (status(MailboxState::Ok, now, "", idle), Some(conn))
        }
        Ok((_, Err(e))) => return Err(e),
        Err(t) => (trouble_status(t, now), None),
    };
    if status.state != MailboxState::Ok {
        tracing::info!(state = %status.state, "mailbox: {}", status.message);
    }
    store.save_mailbox_status(&status)?;
    Ok((MailboxReport { status, items }, conn))
}

/// Reads INBOX then Sent; a network trouble ends the pass (what was read
/// is kept), a database error is returned inside.
fn read_folders(
    store: &mut Store,
    settings: &ImapSettings,
    conn: &mut Conn,
    now: DateTime<Utc>,
    items: &mut Vec<MailboxItem>,
) -> std::result::Result<Result<()>, Trouble> {
    let sent = conn.sent_folder()?;
    if let Err(e) = read_folder(store, settings, conn, "INBOX", false, now, items)? {
        return Ok(Err(e));
    }
    if let Some(sent) = sent {
        if let Err(e) = read_folder(store, settings, conn, &sent, true, now, items)? {
            return Ok(Err(e));
        }
    }
    // Left open on INBOX for IDLE.
    conn.examine("INBOX")?;
    Ok(Ok(()))
}

fn read_folder(
    store: &mut Store,
    settings: &ImapSettings,
    conn: &mut Conn,
    folder: &str,
    is_sent: bool,
    now: DateTime<Utc>,
    items: &mut Vec<MailboxItem>,
) -> std::result::Result<Result<()>, Trouble> {
    let role = if is_sent { Role::Sent } else { Role::Inbox };
    let account = account_name(settings);
    let validity = conn.examine(folder)?;
    let known = match record::place(store.conn(), &account, folder) {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    let (after, since) = match known {
        Some((v, last)) if v == validity => (last, None),
        _ => (
            0,
            Some((now - chrono::Duration::days(FIRST_LOOK_DAYS)).date_naive()),
        ),
    };
    let uids = conn.new_uids(after, since)?;
    if uids.is_empty() && known.is_none_or(|(v, _)| v != validity) {
        // Remember the folder even when empty, so the next look is by UID.
        if let Err(e) =
            store.transact(|tx| record::set_place(tx, &account, folder, validity, after))
        {
            return Ok(Err(e));
        }
    }
    let own = own_addresses(store, settings);
    let me = store.me().ok().flatten().map(|u| u.id);
    for uid in uids.into_iter().take(BATCH) {
        let Some(fetched) = conn.fetch(uid)? else {
            continue;
        };
        let letter = decode::read(&fetched.raw);
        let cx = Context {
            own: &own,
            me: me.as_deref(),
            now,
        };
        let written = store.transact(|tx| {
            let d = match &letter {
                Some(l) => Some(record::record(tx, l, role, fetched.internal_date, &cx)?),
                None => None,
            };
            record::set_place(tx, &account, folder, validity, uid)?;
            Ok(d)
        });
        let done = match written {
            Ok(d) => d,
            Err(e) => return Ok(Err(e)),
        };
        let Some(letter) = letter else {
            items.push(MailboxItem {
                folder: super::charset::decode_folder_name(folder),
                uid,
                message_id: String::new(),
                from: String::new(),
                subject: String::new(),
                outcome: MailboxOutcome::Skipped,
                customer_id: None,
                reason: "not a readable e-mail".into(),
            });
            continue;
        };
        let Some(done) = done else { continue };
        if matches!(
            done.outcome,
            MailboxOutcome::Logged | MailboxOutcome::Matched | MailboxOutcome::Offered
        ) {
            keep_file(store.data_dir(), &letter.message_id, &fetched.raw);
        }
        items.push(MailboxItem {
            folder: super::charset::decode_folder_name(folder),
            uid,
            message_id: letter.message_id,
            from: letter.from_addr,
            subject: letter.subject,
            outcome: done.outcome,
            customer_id: done.customer_id,
            reason: done.reason,
        });
    }
    Ok(Ok(()))
}

/// Keeps the raw message so the dealer can open it from the log; a
/// failure costs only that (the inquiry is already logged).
fn keep_file(data_dir: &Path, message_id: &str, raw: &[u8]) {
    let path = message_file(data_dir, message_id);
    if path.exists() {
        return;
    }
    let written = path
        .parent()
        .map(std::fs::create_dir_all)
        .unwrap_or(Ok(()))
        .map_err(|e| e.to_string())
        .and_then(|_| crate::fsutil::write_atomic(&path, raw).map_err(|e| e.to_string()));
    if let Err(e) = written {
        tracing::warn!(
            "mailbox: the message could not be kept in {}: {e}",
            path.display()
        );
    }
}

/// The dealer's own addresses: mail from them in INBOX is not an inquiry.
fn own_addresses(store: &Store, settings: &ImapSettings) -> Vec<String> {
    let mut own = Vec::new();
    if settings.username.contains('@') {
        own.push(settings.username.trim().to_lowercase());
    }
    if let Ok(Some(smtp)) = store.smtp_account() {
        own.push(smtp.from_addr.trim().to_lowercase());
    }
    own
}

impl Store {
    /// The kept raw message of an interaction logged from mail, if this
    /// computer has it (another computer's mailbox read may not be here).
    pub fn mail_message_file(&self, interaction_id: &str) -> Result<Option<std::path::PathBuf>> {
        use rusqlite::OptionalExtension;
        let id: Option<Option<String>> = self
            .conn()
            .prepare_cached("SELECT message_id FROM interactions WHERE id = ?1")?
            .query_row([interaction_id], |r| r.get(0))
            .optional()?;
        let Some(Some(message_id)) = id else {
            return Ok(None);
        };
        let path = message_file(self.data_dir(), &message_id);
        Ok(path.is_file().then_some(path))
    }
}
