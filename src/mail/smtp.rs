//! Sending one finished message through the dealer's SMTP server (lettre,
//! blocking: the outbox runs on a worker thread), and reading its failures
//! as the dealer needs them: try again later, or stop and say why.

use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::transport::smtp::SmtpTransport;
use lettre::Transport;

use super::model::{SmtpSecurity, SmtpSettings};

/// How long one step of the conversation may take before it counts as a
/// network failure (and the message waits for the next try).
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// Why a message did not go.
#[derive(Debug, Clone, PartialEq)]
pub struct SendFailure {
    /// Retrying cannot help (wrong password, refused recipient).
    pub permanent: bool,
    /// auth_failed, auth_unsupported, recipient_refused, rejected,
    /// unreachable, tls, deferred, invalid_address.
    pub code: &'static str,
    pub message: String,
}

/// Something that can deliver a message: the real SMTP server, or a stand-in.
pub trait Sender {
    fn send(&self, from: &str, to: &str, message: &[u8]) -> Result<(), SendFailure>;
}

pub struct SmtpSender {
    transport: SmtpTransport,
}

fn tls_failure(e: impl std::fmt::Display) -> SendFailure {
    SendFailure {
        permanent: true,
        code: "tls",
        message: format!("the secure connection could not be set up: {e}"),
    }
}

impl SmtpSender {
    pub fn new(s: &SmtpSettings, password: Option<&str>) -> Result<SmtpSender, SendFailure> {
        let params = || TlsParameters::new(s.host.clone()).map_err(tls_failure);
        let tls = match s.security {
            SmtpSecurity::StartTls => Tls::Required(params()?),
            SmtpSecurity::Tls => Tls::Wrapper(params()?),
            SmtpSecurity::None => Tls::None,
        };
        let mut b = SmtpTransport::builder_dangerous(s.host.as_str())
            .port(s.port)
            .tls(tls)
            .timeout(Some(TIMEOUT));
        if !s.username.is_empty() {
            b = b.credentials(Credentials::new(
                s.username.clone(),
                password.unwrap_or_default().to_owned(),
            ));
        }
        Ok(SmtpSender {
            transport: b.build(),
        })
    }
}

fn classify(e: &lettre::transport::smtp::Error) -> SendFailure {
    let text = e.to_string();
    let code = e.status().map(|c| c.to_string()).unwrap_or_default();
    let (permanent, kind) = if no_usable_login(e) {
        // A setting to fix (usually the port or security), not the network:
        // trying again cannot help.
        (true, "auth_unsupported")
    } else if ["530", "534", "535"].iter().any(|c| code.starts_with(c)) {
        (true, "auth_failed")
    } else if ["550", "551", "553"].iter().any(|c| code.starts_with(c)) {
        (true, "recipient_refused")
    } else if e.is_permanent() {
        (true, "rejected")
    } else if e.is_transient() {
        (false, "deferred")
    } else if e.is_tls() || looks_like_tls(&text) {
        // A bad certificate or a wrong security setting; a captive Wi-Fi
        // portal looks the same and passes later, so it waits and retries.
        (false, "tls")
    } else {
        (false, "unreachable")
    };
    SendFailure {
        permanent,
        code: kind,
        message: text,
    }
}

/// The server offered no AUTH mechanism lettre speaks (PLAIN, LOGIN), or no
/// AUTH at all, while a username is set: typically a plain port of a server
/// that offers AUTH only after TLS. lettre has no kind for it, only a client
/// error with this text (tests/it/outbox.rs pins it against a real server).
fn no_usable_login(e: &lettre::transport::smtp::Error) -> bool {
    e.is_client()
        && e.to_string()
            .contains("No compatible authentication mechanism")
}

/// lettre reports a failed TLS handshake as a connection error; its text
/// (from the platform's TLS library) says what it was.
fn looks_like_tls(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["certificate", "ssl", "tls", "handshake"]
        .iter()
        .any(|w| lower.contains(w))
}

fn address(field: &str, a: &str) -> Result<lettre::Address, SendFailure> {
    a.parse().map_err(|_| SendFailure {
        permanent: true,
        code: "invalid_address",
        message: format!("the {field} address {a:?} is not a valid email address"),
    })
}

impl Sender for SmtpSender {
    fn send(&self, from: &str, to: &str, message: &[u8]) -> Result<(), SendFailure> {
        let envelope = Envelope::new(
            Some(address("sender", from)?),
            vec![address("recipient", to)?],
        )
        .map_err(|e| SendFailure {
            permanent: true,
            code: "invalid_address",
            message: e.to_string(),
        })?;
        self.transport
            .send_raw(&envelope, message)
            .map(|_| ())
            .map_err(|e| classify(&e))
    }
}
