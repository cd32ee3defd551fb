//! A real IMAP server (Dovecot) on loopback for the mailbox tests, started
//! per test by tests/it/support/dovecot_server.py and stopped on drop.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub const REQUIRE_ENV: &str = "LOTBOOK_REQUIRE_DOVECOT";

/// Whether Dovecot is here; without it the test is skipped with a clear
/// message, unless LOTBOOK_REQUIRE_DOVECOT is set (CI), when it fails.
pub fn available() -> bool {
    let found = ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"]
        .iter()
        .any(|p| Path::new(p).exists());
    if !found {
        if std::env::var_os(REQUIRE_ENV).is_some() {
            panic!(
                "dovecot is not installed (apt-get install dovecot-imapd) and {REQUIRE_ENV} is set"
            );
        }
        eprintln!("SKIPPED: dovecot is not installed (apt-get install dovecot-imapd); set {REQUIRE_ENV} to make this a failure");
    }
    found
}

pub struct Dovecot {
    child: Child,
    pub port: u16,
    /// IMAPS (TLS from the first byte), when started with [`Dovecot::start_tls`].
    pub tls_port: Option<u16>,
    pub dir: PathBuf,
    pub user: String,
    pub password: String,
}

impl Dovecot {
    /// Starts a server with its mail in `dir` (kept across restarts); port 0: any free one.
    pub fn start(dir: &Path, user: &str, password: &str, port: u16) -> Dovecot {
        Self::launch(dir, user, password, port, false)
    }

    /// Also IMAPS on a port of its own and STARTTLS on `port`, with a
    /// self-signed certificate for localhost at [`Dovecot::cert`].
    pub fn start_tls(dir: &Path, user: &str, password: &str) -> Dovecot {
        Self::launch(dir, user, password, 0, true)
    }

    /// The server's self-signed certificate (PEM), for a client to trust.
    pub fn cert(&self) -> PathBuf {
        self.dir.join("cert.pem")
    }

    fn launch(dir: &Path, user: &str, password: &str, port: u16, tls: bool) -> Dovecot {
        let mut child = Command::new("python3")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/support/dovecot_server.py"))
            .arg("--dir")
            .arg(dir)
            .args(["--user", user, "--password", password])
            .args(["--port", &port.to_string()])
            .args(tls.then_some("--tls"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start dovecot_server.py");
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        let mut ports = line
            .strip_prefix("READY ")
            .unwrap_or_else(|| panic!("dovecot did not start: {line:?}"))
            .split_whitespace()
            .map(|p| p.parse::<u16>().expect("a port"));
        let port = ports.next().expect("the IMAP port");
        Dovecot {
            child,
            port,
            tls_port: ports.next(),
            dir: dir.to_owned(),
            user: user.into(),
            password: password.into(),
        }
    }

    fn session(&self) -> imap::Session<imap::Connection> {
        let tcp = std::net::TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let mut client = imap::Client::new(Box::new(tcp) as imap::Connection);
        client.read_greeting().unwrap();
        client
            .login(&self.user, &self.password)
            .map_err(|(e, _)| e)
            .unwrap()
    }

    /// Puts a message into `folder` as a mail program would (IMAP APPEND).
    pub fn append(&self, folder: &str, raw: &[u8]) {
        let mut s = self.session();
        s.append(folder, raw).finish().unwrap();
        let _ = s.logout();
    }

    /// The flags of every message in `folder`, read without changing them.
    pub fn flags(&self, folder: &str) -> Vec<Vec<String>> {
        let mut s = self.session();
        let mb = s.examine(folder).unwrap();
        if mb.exists == 0 {
            return Vec::new();
        }
        let fetched = s.fetch("1:*", "FLAGS").unwrap();
        let out = fetched
            .iter()
            .map(|f| f.flags().iter().map(|fl| format!("{fl:?}")).collect())
            .collect();
        let _ = s.logout();
        out
    }

    pub fn count(&self, folder: &str) -> u32 {
        let mut s = self.session();
        let n = s.examine(folder).unwrap().exists;
        let _ = s.logout();
        n
    }

    /// Failed logins the server saw.
    pub fn refused_logins(&self) -> usize {
        std::fs::read_to_string(self.dir.join("dovecot.log"))
            .unwrap_or_default()
            .matches("auth failed")
            .count()
    }

    pub fn stop(mut self) {
        self.kill();
    }

    fn kill(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        self.kill();
    }
}
