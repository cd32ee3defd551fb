//! A real SMTP server on localhost for the tests (aiosmtpd, started per
//! test from tests/it/support/smtp_server.py), writing what it receives.
//! Its port is its own for the whole test: a server "down" holds it while
//! refusing connections, a "restart" serves anew on it. No other program
//! can take it in between (no port picked, released and hoped for).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub struct Server {
    child: Child,
    out: BufReader<std::process::ChildStdout>,
    pub port: u16,
    maildir: PathBuf,
}

impl Server {
    /// A server serving on `port` (0: one the system picks).
    pub fn start(maildir: &Path, port: u16, extra: &[&str]) -> Server {
        Server::spawn(maildir, port, extra)
    }

    /// A server that is down: its port refuses connections until [`Server::up`].
    pub fn down(maildir: &Path, extra: &[&str]) -> Server {
        let mut args = vec!["--down"];
        args.extend_from_slice(extra);
        Server::spawn(maildir, 0, &args)
    }

    /// Starts serving on the port held since [`Server::down`].
    pub fn up(&mut self) {
        self.command("up");
    }

    /// Serves from now on as a fresh server with `extra` options and
    /// `maildir`, on the same port (what was stalled stays stalled).
    pub fn restart(&mut self, maildir: &Path, extra: &[&str]) {
        let mut line = format!("restart --maildir {}", maildir.display());
        for a in extra {
            assert!(
                !a.contains(char::is_whitespace),
                "one word per option: {a:?}"
            );
            line.push(' ');
            line.push_str(a);
        }
        self.command(&line);
        self.maildir = maildir.to_owned();
    }

    fn command(&mut self, line: &str) {
        let stdin = self.child.stdin.as_mut().expect("the server's stdin");
        writeln!(stdin, "{line}").expect("tell the SMTP server");
        stdin.flush().expect("tell the SMTP server");
        let mut answer = String::new();
        self.out
            .read_line(&mut answer)
            .expect("the SMTP server's answer");
        assert_eq!(answer.trim(), "OK", "the SMTP server refused {line:?}");
    }

    fn spawn(maildir: &Path, port: u16, extra: &[&str]) -> Server {
        let mut child = Command::new("python3")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/support/smtp_server.py"))
            .arg("--maildir")
            .arg(maildir)
            .args(["--port", &port.to_string()])
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            // Refused handshakes print tracebacks there; the tests check outcomes.
            .stderr(Stdio::null())
            .spawn()
            .expect("start the SMTP server (python3 with aiosmtpd)");
        let mut out = BufReader::new(child.stdout.take().expect("the server's stdout"));
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let port = line
            .strip_prefix("READY ")
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or_else(|| panic!("SMTP server did not start: {line:?}"));
        Server {
            child,
            out,
            port,
            maildir: maildir.to_owned(),
        }
    }

    pub fn received(&self) -> Vec<Vec<u8>> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.maildir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect();
        files.sort();
        files.iter().map(|p| std::fs::read(p).unwrap()).collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
