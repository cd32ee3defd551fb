//! The outbox: every email sent through SMTP waits here until it is out.
//!
//! A message is written to `mail/outbox/<id>.eml` (synced, renamed into
//! place) before its row exists, so nothing queued is lost if the app is
//! killed. A pass takes an OS lock on `mail/outbox/.lock` for its whole run:
//! two passes (the app and the CLI) never send the same message, and a row
//! left `sending` by a pass that died (its lock died with it) is sent again,
//! at most once more. Temporary failures wait with back-off; permanent ones
//! (a wrong password, a server offering no login, a refused recipient)
//! stop and say why.

use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Row};

use super::compose::Draft;
use super::model::{
    ComposeRequest, ComposedMail, MailSend, OutboxEntry, OutboxReport, OutboxState, SavedMail,
    SendOutput, SendState,
};
use super::sends::{self, NewSend};
use super::smtp::{SendFailure, Sender};
use crate::customers::interactions::log_in;
use crate::customers::{Channel, InteractionInput, InteractionKind};
use crate::db::{now_utc, utc_text, Store};
use crate::error::{Error, Result};
use crate::fsutil::write_atomic;

const OUTBOX_DIR: &str = "mail/outbox";
const SENT_DIR: &str = "mail/sent";
/// After n failed tries the next waits 1, 2, 4 … minutes, at most an hour.
const MAX_BACKOFF_MINUTES: i64 = 60;

const COLUMNS: &str = "id, to_addr, subject, state, attempts, next_attempt_at, error_code, \
                       last_error, queued_at, sent_at";

fn from_row(r: &Row) -> rusqlite::Result<OutboxEntry> {
    Ok(OutboxEntry {
        id: r.get(0)?,
        to_addr: r.get(1)?,
        subject: r.get(2)?,
        state: r.get(3)?,
        attempts: r.get(4)?,
        next_attempt_at: r.get(5)?,
        error_code: r.get(6)?,
        last_error: r.get(7)?,
        queued_at: r.get(8)?,
        sent_at: r.get(9)?,
    })
}

pub fn backoff(attempts: u32) -> Duration {
    let exp = attempts.saturating_sub(1).min(6);
    Duration::minutes((1i64 << exp).min(MAX_BACKOFF_MINUTES))
}

/// Plain words for a failure, by its code; the server's own words follow.
fn explain(f: &SendFailure) -> String {
    let why = match f.code {
        "auth_failed" => "The mail server refused the username or password. For Gmail, Naver and Daum use an app password",
        "auth_unsupported" => "The server offered no way to log in: check the port and security setting; Naver and Gmail need 587 with STARTTLS or 465 with SSL/TLS",
        "recipient_refused" => "The mail server refused the recipient's address",
        "rejected" => "The mail server refused the message",
        "deferred" => "The mail server asked to try again later",
        "tls" => "The secure connection to the mail server failed; check the server name and security setting",
        "invalid_address" => "An address is not valid",
        "missing_file" => "The saved message is missing from this computer; compose it again",
        "maybe_sent" => "Sending was interrupted twice, so the customer may already have it; check your Sent folder before sending again",
        "internal" => "This message could not be handled",
        _ => "The mail server could not be reached; the message waits and is sent when it can be",
    };
    format!("{why}: {}", f.message)
}

/// What `send_outbox` works from.
struct Due {
    id: String,
    file: String,
    to_addr: String,
    /// Left 'sending' by a pass that died.
    interrupted: bool,
    /// …and that had happened to it once already.
    interrupted_before: bool,
}

impl Store {
    fn outbox_dir(&self, sub: &str) -> PathBuf {
        self.data_dir().join(sub)
    }

    /// Composes and queues an email for sending; nothing goes out until the
    /// outbox is sent. Returns the history row and the composed mail.
    pub fn queue_mail(&mut self, req: &ComposeRequest) -> Result<(MailSend, ComposedMail)> {
        let draft = self.compose(req)?;
        if draft.mail.to_addr.is_empty() {
            return Err(Error::invalid(
                "email",
                crate::error::ErrorCode::NoEmail,
                format!(
                    "{} has no email address; add one to the customer, or save the email as a draft",
                    draft.mail.to_name
                ),
            ));
        }
        if draft.mail.from_addr.is_empty() {
            return Err(Error::invalid(
                "from_addr",
                crate::error::ErrorCode::NoSender,
                "set up the SMTP account (Settings › Email) before sending",
            ));
        }
        let me = self.me()?.map(|u| u.id);
        let id = crate::db::new_id();
        let send = self.enqueue(
            &NewSend::of_draft(
                &id,
                req,
                &draft,
                SendOutput::Smtp,
                SendState::Queued,
                "",
                me.as_deref(),
            ),
            &draft.message,
        )?;
        Ok((send, draft.mail))
    }

    /// Queues a finished message: its file first (synced, renamed), then its
    /// history row and outbox row in one transaction.
    pub(crate) fn enqueue(&mut self, send: &NewSend, message: &[u8]) -> Result<MailSend> {
        let id = send.id;
        let rel = format!("{OUTBOX_DIR}/{id}.eml");
        let path = self.data_dir().join(&rel);
        std::fs::create_dir_all(self.outbox_dir(OUTBOX_DIR))
            .map_err(|e| Error::io(&self.outbox_dir(OUTBOX_DIR), e))?;
        write_atomic(&path, message)?;
        let queued = self.transact(|tx| {
            sends::record(tx, send)?;
            let now = now_utc();
            tx.prepare_cached(
                "INSERT INTO outbox (id, file, to_addr, subject, state, next_attempt_at, queued_at)
                 VALUES (?1, ?2, ?3, ?4, 'queued', ?5, ?5)",
            )?
            .execute(params![id, rel, send.to_addr, send.subject, now])?;
            Ok(())
        });
        if let Err(e) = queued {
            let _ = std::fs::remove_file(&path);
            return Err(e);
        }
        self.get_send(id)
    }

    /// Composes an email and saves it as an `.eml` draft (`X-Unsent: 1`)
    /// that opens for editing in Outlook, Apple Mail and Thunderbird.
    pub fn save_eml(
        &mut self,
        req: &ComposeRequest,
        out: &Path,
    ) -> Result<(MailSend, ComposedMail)> {
        let draft = self.compose(req)?;
        write_atomic(out, &super::mime::as_draft(&draft.message))?;
        let send = self.record_saved(req, &draft, SendOutput::Eml, out)?;
        Ok((send, draft.mail))
    }

    /// The history row of a draft or export written to `place`.
    pub(crate) fn record_saved(
        &mut self,
        req: &ComposeRequest,
        draft: &Draft,
        output: SendOutput,
        place: &Path,
    ) -> Result<MailSend> {
        let id = crate::db::new_id();
        let me = self.me()?.map(|u| u.id);
        let detail = place.display().to_string();
        self.transact(|tx| {
            record_send(
                tx,
                &id,
                req,
                draft,
                output,
                SendState::Saved,
                &detail,
                me.as_deref(),
            )
        })?;
        self.get_send(&id)
    }

    /// Saves the .eml draft to `path`, or as "<customer> <date>.eml" in the
    /// Downloads folder.
    pub fn save_eml_to(&mut self, req: &ComposeRequest, path: Option<&Path>) -> Result<SavedMail> {
        let path = match path {
            Some(p) => p.to_owned(),
            None => {
                let dir = default_save_dir();
                std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
                let name = self.get_customer(&req.customer_id)?.name;
                let date = crate::time::file_date(chrono::Utc::now(), self.team_zone()?);
                crate::fsutil::unique_path(&dir, &format!("{name} {date}"), ".eml")
            }
        };
        let (send, _) = self.save_eml(req, &path)?;
        Ok(SavedMail {
            send,
            path: path.display().to_string(),
        })
    }

    /// This device's outbox, waiting and failed first, then the sent.
    pub fn outbox(&self) -> Result<Vec<OutboxEntry>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM outbox
             ORDER BY state = 'sent', queued_at DESC, id DESC"
        ))?;
        let rows = stmt
            .query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Puts a failed message back in the queue, to go on the next pass.
    pub fn retry_outbox(&mut self, id: &str) -> Result<()> {
        self.transact(|tx| {
            let n = tx
                .prepare_cached(
                    "UPDATE outbox SET state = 'queued', next_attempt_at = ?2, error_code = NULL
                     WHERE id = ?1 AND state = 'failed'",
                )?
                .execute(params![id, now_utc()])?;
            if n == 0 {
                return Err(Error::NotFound {
                    what: "failed message in the outbox",
                    id: id.to_owned(),
                });
            }
            sends::set_state(tx, id, SendState::Queued, "")
        })
    }

    /// Sends every message that is due, one by one. Returns at once (with
    /// nothing done) when another pass holds the outbox. A message that
    /// cannot be handled is marked failed with the reason; the others go on.
    pub fn send_outbox(&mut self, sender: &dyn Sender, now: DateTime<Utc>) -> Result<OutboxReport> {
        let dir = self.outbox_dir(OUTBOX_DIR);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let lock_path = dir.join(".lock");
        let lock = File::create(&lock_path).map_err(|e| Error::io(&lock_path, e))?;
        if lock.try_lock().is_err() {
            return Ok(OutboxReport {
                entries: self.outbox()?,
                ..Default::default()
            });
        }
        let from = self
            .smtp_account()?
            .map(|s| s.from_addr)
            .unwrap_or_default();
        let mut report = OutboxReport::default();
        // Rows left 'sending' are stale: their pass died and its lock with it.
        let due: Vec<Due> = self
            .conn()
            .prepare_cached(
                "SELECT id, file, to_addr, state = 'sending', error_code IS 'interrupted' FROM outbox
                 WHERE (state = 'queued' AND next_attempt_at <= ?1) OR state = 'sending'
                 ORDER BY queued_at, id",
            )?
            .query_map([utc_text(now)], |r| {
                Ok(Due {
                    id: r.get(0)?,
                    file: r.get(1)?,
                    to_addr: r.get(2)?,
                    interrupted: r.get(3)?,
                    interrupted_before: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        for d in due {
            let state = match self.send_one(sender, &from, &d, now) {
                Ok(state) => state,
                Err(e) => {
                    let f = SendFailure {
                        permanent: true,
                        code: "internal",
                        message: e.to_string(),
                    };
                    self.record_failure(&d.id, &f, now)?;
                    OutboxState::Failed
                }
            };
            match state {
                OutboxState::Sent => report.sent += 1,
                OutboxState::Failed => report.failed += 1,
                _ => report.retrying += 1,
            }
        }
        drop(lock);
        report.entries = self.outbox()?;
        Ok(report)
    }

    fn send_one(
        &mut self,
        sender: &dyn Sender,
        from: &str,
        d: &Due,
        now: DateTime<Utc>,
    ) -> Result<OutboxState> {
        // Interrupted twice mid-send: the customer may have it twice already.
        if d.interrupted && d.interrupted_before {
            let f = SendFailure {
                permanent: true,
                code: "maybe_sent",
                message: "sending was interrupted twice".into(),
            };
            self.record_failure(&d.id, &f, now)?;
            return Ok(OutboxState::Failed);
        }
        let send = self.get_send(&d.id)?;
        // Marked before the first byte goes out: if this process dies now,
        // the next pass knows the message may have left and sends it once more.
        self.transact(|tx| {
            tx.prepare_cached(
                "UPDATE outbox SET state = 'sending', attempts = attempts + 1,
                    error_code = CASE WHEN ?2 THEN 'interrupted' ELSE error_code END
                 WHERE id = ?1",
            )?
            .execute(rusqlite::params![d.id, d.interrupted])?;
            Ok(())
        })?;
        let attempts: u32 =
            self.conn()
                .query_row("SELECT attempts FROM outbox WHERE id = ?1", [&d.id], |r| {
                    r.get(0)
                })?;
        let path = self.data_dir().join(&d.file);
        let sent_rel = format!("{SENT_DIR}/{}.eml", d.id);
        let sent_path = self.data_dir().join(&sent_rel);
        // A pass that died after moving the file but before its commit.
        let source = if path.is_file() {
            path.clone()
        } else {
            sent_path.clone()
        };
        let result = match std::fs::read(&source) {
            Ok(message) => sender.send(from, &d.to_addr, &message),
            Err(e) => Err(SendFailure {
                permanent: true,
                code: "missing_file",
                message: format!("{}: {e}", source.display()),
            }),
        };
        if let Err(f) = result {
            return self.record_failure_after(&d.id, &f, attempts, now);
        }
        // The server has it: record that first, so nothing can send it again.
        let at = utc_text(now);
        self.transact(|tx| {
            tx.prepare_cached(
                "UPDATE outbox SET state = 'sent', sent_at = ?2, file = ?3, error_code = NULL, last_error = '' WHERE id = ?1",
            )?
            .execute(params![d.id, at, sent_rel])?;
            sends::set_state(tx, &d.id, SendState::Sent, "")
        })?;
        // Then, best effort: the sent copy in mail/sent/ and the customer's log.
        if source != sent_path {
            let moved = std::fs::create_dir_all(self.outbox_dir(SENT_DIR))
                .and_then(|_| crate::fsutil::rename(&source, &sent_path));
            if let Err(e) = moved {
                tracing::warn!("outbox: keeping the sent copy at {}: {e}", source.display());
                self.transact(|tx| {
                    tx.execute(
                        "UPDATE outbox SET file = ?2 WHERE id = ?1",
                        params![d.id, d.file],
                    )?;
                    Ok(())
                })?;
            }
        }
        let logged = self.transact(|tx| {
            log_in(
                tx,
                &InteractionInput {
                    customer_id: send.customer_id.clone(),
                    kind: InteractionKind::Email,
                    channel: Channel::Email,
                    at: Some(at.clone()),
                    summary: send.subject.clone(),
                },
                None,
                Some(&d.id),
            )
            .map(drop)
        });
        if let Err(e) = logged {
            tracing::warn!("outbox: sent {} but could not log it: {e}", d.id);
        }
        Ok(OutboxState::Sent)
    }

    fn record_failure(&mut self, id: &str, f: &SendFailure, now: DateTime<Utc>) -> Result<()> {
        self.record_failure_after(id, f, u32::MAX, now).map(drop)
    }

    /// Temporary failures wait their back-off; permanent ones stop with the reason.
    fn record_failure_after(
        &mut self,
        id: &str,
        f: &SendFailure,
        attempts: u32,
        now: DateTime<Utc>,
    ) -> Result<OutboxState> {
        let message = explain(f);
        let (state, next) = if f.permanent {
            (OutboxState::Failed, now)
        } else {
            (OutboxState::Queued, now + backoff(attempts))
        };
        self.transact(|tx| {
            tx.prepare_cached(
                "UPDATE outbox SET state = ?2, next_attempt_at = ?3, error_code = ?4, last_error = ?5 WHERE id = ?1",
            )?
            .execute(params![id, state, utc_text(next), f.code, message])?;
            if f.permanent {
                sends::set_state(tx, id, SendState::Failed, &message)?;
            }
            Ok(())
        })?;
        Ok(state)
    }
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn record_send(
    tx: &rusqlite::Connection,
    id: &str,
    req: &ComposeRequest,
    draft: &Draft,
    output: SendOutput,
    state: SendState,
    detail: &str,
    user_id: Option<&str>,
) -> Result<()> {
    sends::record(
        tx,
        &NewSend::of_draft(id, req, draft, output, state, detail, user_id),
    )
}

impl<'a> NewSend<'a> {
    /// The history row of the composed `draft` of `req`.
    pub(crate) fn of_draft(
        id: &'a str,
        req: &'a ComposeRequest,
        draft: &'a Draft,
        output: SendOutput,
        state: SendState,
        detail: &'a str,
        user_id: Option<&'a str>,
    ) -> Self {
        NewSend {
            id,
            customer_id: &req.customer_id,
            shortlist_id: req.shortlist_id.as_deref(),
            output,
            state,
            to_addr: &draft.mail.to_addr,
            subject: &draft.mail.subject,
            lang: req.lang,
            contents: &draft.contents,
            bytes: draft.mail.encoded_bytes,
            message_id: &draft.mail.message_id,
            detail,
            user_id,
        }
    }
}

/// One pass over the outbox of the store in `data_dir`, on a connection of
/// its own, so the app's other work never waits for a mail server. Does
/// nothing (and says so) when no SMTP account is set up.
pub fn send_pass(data_dir: &Path) -> Result<OutboxReport> {
    let mut store = Store::open_beside(data_dir)?;
    let settings = store.smtp_account()?.ok_or_else(|| {
        Error::invalid(
            "smtp",
            crate::error::ErrorCode::NoSmtp,
            "no SMTP account is set up (Settings › Email, or `lotbook settings smtp set`)",
        )
    })?;
    let password = super::account::smtp_password(&settings)?;
    let sender = super::smtp::SmtpSender::new(&settings, password.as_deref()).map_err(|f| {
        Error::invalid(
            "security",
            crate::error::ErrorCode::parse(f.code).unwrap_or(crate::error::ErrorCode::Other),
            explain(&f),
        )
    })?;
    store.send_outbox(&sender, Utc::now())
}

/// Where drafts and exports go unless the dealer picks a place:
/// `$LOTBOOK_SAVE_DIR` if set (tests use it), else the OS's Downloads folder
/// (where a double-click opens the .eml), else home.
pub fn default_save_dir() -> PathBuf {
    std::env::var_os(SAVE_DIR_ENV)
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(dirs::download_dir)
        .or_else(dirs::home_dir)
        .unwrap_or_else(|| PathBuf::from("."))
}

pub const SAVE_DIR_ENV: &str = "LOTBOOK_SAVE_DIR";
