//! The IMAP side of a pass, read-only: folders are opened with EXAMINE and
//! messages fetched with BODY.PEEK, so the server never changes a flag.

use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use imap::extensions::idle::WaitOutcome;
use imap_proto::NameAttribute;
use std::io::{BufRead, BufReader, Write};

use super::charset::decode_folder_name;
use super::model::ImapSettings;
use crate::mail::SmtpSecurity;

/// A message larger than this is read by its header only (a customer's
/// photos are not needed to log the inquiry).
const FULL_FETCH_MAX: u32 = 10 * 1024 * 1024;
/// Folders named as the services name their sent mail, when the server
/// does not mark it with the SPECIAL-USE \Sent attribute.
const SENT_NAMES: &[&str] = &[
    "Sent",
    "Sent Messages",
    "Sent Items",
    "Sent Mail",
    "[Gmail]/Sent Mail",
    "INBOX.Sent",
    "보낸메일함",
    "보낸편지함",
    "보낸 편지함",
];

/// Why a connection or a command failed, as the pass reports it.
#[derive(Debug)]
pub enum Trouble {
    /// No network, the server away or gone mid-pass: normal, tried later.
    Offline(String),
    /// The server refused the username or password.
    Refused(String),
    /// No secure connection: a certificate the system does not trust, a
    /// name that does not match it, or STARTTLS refused.
    Insecure(String),
    /// Anything else (a server that answers nonsense).
    Failed(String),
}

impl From<imap::Error> for Trouble {
    fn from(e: imap::Error) -> Self {
        match e {
            imap::Error::Io(e) => Trouble::Offline(e.to_string()),
            imap::Error::ConnectionLost | imap::Error::Bye(_) => {
                Trouble::Offline("the server closed the connection".into())
            }
            other => Trouble::Failed(other.to_string()),
        }
    }
}

pub struct Conn {
    session: imap::Session<imap::Connection>,
    pub idle: bool,
}

pub struct Fetched {
    pub raw: Vec<u8>,
    pub internal_date: Option<DateTime<Utc>>,
}

fn tcp(host: &str, port: u16, timeout: Duration) -> Result<TcpStream, Trouble> {
    let addrs = (host, port)
        .to_socket_addrs()
        .map_err(|e| Trouble::Offline(format!("{host} could not be found: {e}")))?;
    let mut last = None;
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, timeout) {
            Ok(s) => {
                let _ = s.set_read_timeout(Some(timeout));
                let _ = s.set_write_timeout(Some(timeout));
                return Ok(s);
            }
            Err(e) => last = Some(e),
        }
    }
    Err(Trouble::Offline(match last {
        Some(e) => format!("{host}:{port} did not answer: {e}"),
        None => format!("{host} has no address"),
    }))
}

fn tls(host: &str, stream: TcpStream) -> Result<imap::Connection, Trouble> {
    let connector = native_tls::TlsConnector::new().map_err(|e| Trouble::Failed(e.to_string()))?;
    connector
        .connect(host, stream)
        .map(|s| Box::new(s) as imap::Connection)
        .map_err(|e| match e {
            native_tls::HandshakeError::Failure(e) => {
                Trouble::Insecure(format!("the secure connection to {host} failed: {e}"))
            }
            native_tls::HandshakeError::WouldBlock(_) => {
                Trouble::Offline(format!("{host} did not finish the secure connection"))
            }
        })
}

/// The plain-text start of a STARTTLS connection: the greeting, then
/// `STARTTLS` and its OK (the client library keeps its own version private).
fn starttls(host: &str, stream: &TcpStream) -> Result<(), Trouble> {
    let offline = |e: std::io::Error| Trouble::Offline(e.to_string());
    let mut reader = BufReader::new(stream.try_clone().map_err(offline)?);
    let mut line = String::new();
    reader.read_line(&mut line).map_err(offline)?;
    (&*stream).write_all(b"lb0 STARTTLS\r\n").map_err(offline)?;
    loop {
        line.clear();
        if reader.read_line(&mut line).map_err(offline)? == 0 {
            return Err(Trouble::Offline("the server closed the connection".into()));
        }
        if let Some(answer) = line.strip_prefix("lb0 ") {
            return if answer.to_ascii_uppercase().starts_with("OK") {
                Ok(())
            } else {
                Err(Trouble::Insecure(format!(
                    "{host} refused STARTTLS: {}",
                    answer.trim()
                )))
            };
        }
    }
}

/// Connects and logs in. A refused login is `Refused`, never retried here.
pub fn connect(s: &ImapSettings, password: &str, timeout: Duration) -> Result<Conn, Trouble> {
    let stream = tcp(&s.host, s.port, timeout)?;
    let conn: imap::Connection = match s.security {
        SmtpSecurity::None => Box::new(stream),
        SmtpSecurity::Tls => tls(&s.host, stream)?,
        SmtpSecurity::StartTls => {
            starttls(&s.host, &stream)?;
            tls(&s.host, stream)?
        }
    };
    let mut client = imap::Client::new(conn);
    if s.security != SmtpSecurity::StartTls {
        client.read_greeting()?;
    }
    let mut session = client
        .login(&s.username, password)
        .map_err(|(e, _)| match e {
            imap::Error::No(no) => Trouble::Refused(no.information),
            other => Trouble::from(other),
        })?;
    let idle = session
        .capabilities()
        .map(|c| c.has_str("IDLE"))
        .unwrap_or(false);
    Ok(Conn { session, idle })
}

impl Conn {
    /// The Sent folder: the one marked \Sent, else one of the usual names.
    pub fn sent_folder(&mut self) -> Result<Option<String>, Trouble> {
        let names = self.session.list(Some(""), Some("*"))?;
        let marked = names
            .iter()
            .find(|n| n.attributes().contains(&NameAttribute::Sent))
            .map(|n| n.name().to_owned());
        if marked.is_some() {
            return Ok(marked);
        }
        for wanted in SENT_NAMES {
            if let Some(n) = names
                .iter()
                .find(|n| decode_folder_name(n.name()).eq_ignore_ascii_case(wanted))
            {
                return Ok(Some(n.name().to_owned()));
            }
        }
        Ok(None)
    }

    /// Opens `folder` read-only; returns its UIDVALIDITY.
    pub fn examine(&mut self, folder: &str) -> Result<u32, Trouble> {
        let mailbox = self.session.examine(folder)?;
        Ok(mailbox.uid_validity.unwrap_or(0))
    }

    /// UIDs of the open folder after `after`; on a first look (`since`),
    /// those that arrived since that day instead of the whole history.
    pub fn new_uids(&mut self, after: u32, since: Option<NaiveDate>) -> Result<Vec<u32>, Trouble> {
        let query = match since {
            Some(day) => format!("SINCE {}", day.format("%d-%b-%Y")),
            None => format!("UID {}:*", after.saturating_add(1)),
        };
        let mut uids: Vec<u32> = self
            .session
            .uid_search(query)?
            .into_iter()
            .filter(|u| *u > after)
            .collect();
        uids.sort_unstable();
        Ok(uids)
    }

    /// One message's bytes (its header only when it is very large).
    pub fn fetch(&mut self, uid: u32) -> Result<Option<Fetched>, Trouble> {
        let meta = self
            .session
            .uid_fetch(uid.to_string(), "(UID RFC822.SIZE INTERNALDATE)")?;
        let Some(m) = meta.iter().find(|f| f.uid == Some(uid)) else {
            return Ok(None); // gone since the search
        };
        let internal_date = m.internal_date().map(|d| d.with_timezone(&Utc));
        let whole = m.size.unwrap_or(0) <= FULL_FETCH_MAX;
        let query = if whole {
            "(UID BODY.PEEK[])"
        } else {
            "(UID BODY.PEEK[HEADER])"
        };
        let fetched = self.session.uid_fetch(uid.to_string(), query)?;
        let raw = fetched
            .iter()
            .find(|f| f.uid == Some(uid))
            .and_then(|f| if whole { f.body() } else { f.header() })
            .map(|b| b.to_vec());
        Ok(raw.map(|raw| Fetched { raw, internal_date }))
    }

    /// Waits on the open folder with IDLE up to `wait`; true when the
    /// server said something changed.
    pub fn idle_wait(&mut self, wait: Duration) -> Result<bool, Trouble> {
        let outcome = self
            .session
            .idle()
            .timeout(wait)
            .keepalive(false)
            .wait_while(imap::extensions::idle::stop_on_any)?;
        Ok(outcome == WaitOutcome::MailboxChanged)
    }

    pub fn logout(mut self) {
        let _ = self.session.logout();
    }
}
