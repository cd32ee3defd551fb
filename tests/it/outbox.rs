//! The outbox against a real SMTP server on localhost (aiosmtpd, started by
//! each test: tests/it/support/smtp_server.py), with the password in the
//! tests' keychain (a folder, `common::fake_keychain`); one test, a send
//! killed midway, goes through the CLI and the real OS keychain.

use crate::common;
use crate::support::smtp;

use smtp::Server;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use lotbook::condition::Lang;
use lotbook::customers::InteractionKind;
use lotbook::mail::account::smtp_password;
use lotbook::mail::smtp::SmtpSender;
use lotbook::mail::{Budget, BudgetPreset, OutboxState, SendState, SmtpSecurity, SmtpSettings};
use lotbook::Store;

fn entry(store: &Store, id: &str) -> lotbook::mail::OutboxEntry {
    store
        .outbox()
        .unwrap()
        .into_iter()
        .find(|e| e.id == id)
        .unwrap()
}

/// A username unique to this test run, so tests never share a keychain entry.
fn user(dir: &Path, name: &str) -> String {
    format!(
        "{name}-{}@lotbook.test",
        dir.file_name().unwrap().to_string_lossy()
    )
}

fn settings(port: u16, username: &str) -> SmtpSettings {
    SmtpSettings {
        host: "127.0.0.1".into(),
        port,
        security: SmtpSecurity::None,
        username: username.into(),
        from_name: "김민수".into(),
        from_addr: "minsu.kim@daejeon-motors.kr".into(),
        has_password: false,
    }
}

/// A demo store with the Seoul customer's email for three cars queued.
fn queued(store: &mut Store) -> (String, String) {
    let seoul = common::customer_named(store, "이준혁");
    let cars: Vec<String> = store
        .match_vehicles(&seoul.id, 3)
        .unwrap()
        .into_iter()
        .map(|m| m.vehicle.id)
        .collect();
    let req = common::compose_request(
        &seoul.id,
        &cars,
        Lang::Ko,
        Budget::preset(BudgetPreset::Naver),
    );
    let (send, _) = store.queue_mail(&req).expect("queue");
    assert_eq!(send.state, SendState::Queued);
    (seoul.id, send.id)
}

fn sender(store: &Store) -> SmtpSender {
    let s = store.smtp_settings().unwrap().unwrap();
    let pw = smtp_password(&s).unwrap();
    SmtpSender::new(&s, pw.as_deref()).unwrap()
}

#[test]
fn message_arrives_intact_with_the_keychain_password() {
    let (dir, mut store) = common::demo_store();
    let username = user(dir.path(), "minsu");
    let server = Server::start(
        &dir.path().join("mx"),
        0,
        &["--auth", &format!("{username}:app-pass-1234")],
    );
    let s = settings(server.port, &username);
    let saved = store.save_smtp_settings(&s, Some("app-pass-1234")).unwrap();
    assert!(saved.has_password);
    // Never in the database or a file of the data dir.
    let db = std::fs::read(dir.path().join("lotbook.sqlite3")).unwrap();
    assert!(!db.windows(13).any(|w| w == b"app-pass-1234"));
    let (customer, id) = queued(&mut store);

    let report = store.send_outbox(&sender(&store), Utc::now()).unwrap();
    assert_eq!((report.sent, report.retrying, report.failed), (1, 0, 0));
    let got = server.received();
    assert_eq!(got.len(), 1);
    let kept = std::fs::read(dir.path().join(format!("mail/sent/{id}.eml"))).unwrap();
    // SMTP ends DATA on a line of its own: only trailing line ends may differ.
    let trim = |b: &[u8]| {
        b.len()
            - b.iter()
                .rev()
                .take_while(|c| matches!(c, b'\r' | b'\n'))
                .count()
    };
    assert_eq!(trim(&got[0]), trim(&kept), "received as composed");
    assert!(
        got[0][..trim(&kept)] == kept[..trim(&kept)],
        "received byte for byte"
    );
    assert!(!dir.path().join(format!("mail/outbox/{id}.eml")).exists());
    assert_eq!(store.get_send(&id).unwrap().state, SendState::Sent);
    let log = store.list_interactions(&customer).unwrap();
    assert!(log
        .iter()
        .any(|i| i.kind == InteractionKind::Email && i.send_id.as_deref() == Some(id.as_str())));
    // A second pass sends nothing again.
    let again = store.send_outbox(&sender(&store), Utc::now()).unwrap();
    assert_eq!(again.sent, 0);
    assert_eq!(server.received().len(), 1);
    store.clear_smtp_settings().unwrap();
    assert_eq!(smtp_password(&s).unwrap(), None, "keychain entry removed");
}

#[test]
fn waits_while_the_server_is_down_and_goes_when_it_is_back() {
    let (dir, mut store) = common::demo_store();
    // Down, with its port held: nothing else can take it meanwhile.
    let mut server = Server::down(&dir.path().join("mx"), &[]);
    let port = server.port;
    store.save_smtp_settings(&settings(port, ""), None).unwrap();
    let (_, id) = queued(&mut store);
    let t0 = Utc::now();
    let report = store.send_outbox(&sender(&store), t0).unwrap();
    assert_eq!((report.sent, report.retrying), (0, 1));
    let e = entry(&store, &id);
    assert_eq!(e.state, OutboxState::Queued);
    assert_eq!(e.error_code.as_deref(), Some("unreachable"));
    assert!(
        e.last_error.contains("could not be reached"),
        "{}",
        e.last_error
    );
    assert!(
        e.next_attempt_at > t0.to_rfc3339(),
        "waits before the next try"
    );
    // Not due yet: nothing is tried.
    let early = store.send_outbox(&sender(&store), t0).unwrap();
    assert_eq!(early.retrying + early.sent, 0);
    // The app is closed and opened again: the message is still there.
    drop(store);
    let mut store = Store::open(dir.path()).unwrap();
    server.up();
    let later = t0 + chrono::Duration::minutes(2);
    let report = store.send_outbox(&sender(&store), later).unwrap();
    assert_eq!(report.sent, 1);
    assert_eq!(server.received().len(), 1);
}

#[test]
fn rejection_and_bad_password_fail_for_good_with_the_reason() {
    let (dir, mut store) = common::demo_store();
    let server = Server::start(&dir.path().join("mx"), 0, &["--reject-rcpt", "junhyuk"]);
    store
        .save_smtp_settings(&settings(server.port, ""), None)
        .unwrap();
    let (_, id) = queued(&mut store);
    let report = store.send_outbox(&sender(&store), Utc::now()).unwrap();
    assert_eq!(report.failed, 1);
    let e = entry(&store, &id);
    assert_eq!(e.state, OutboxState::Failed);
    assert_eq!(e.error_code.as_deref(), Some("recipient_refused"));
    assert!(
        e.last_error.contains("Recipient address rejected"),
        "{}",
        e.last_error
    );
    let send = store.get_send(&id).unwrap();
    assert_eq!(send.state, SendState::Failed);
    assert!(
        send.detail.contains("refused the recipient"),
        "{}",
        send.detail
    );
    // Failed messages are not retried by themselves.
    let again = store.send_outbox(&sender(&store), Utc::now()).unwrap();
    assert_eq!(again.failed + again.sent + again.retrying, 0);
    drop(server);

    let username = user(dir.path(), "wrongpw");
    let server = Server::start(
        &dir.path().join("mx2"),
        0,
        &["--auth", &format!("{username}:right")],
    );
    store
        .save_smtp_settings(&settings(server.port, &username), Some("wrong"))
        .unwrap();
    store.retry_outbox(&id).unwrap();
    let report = store.send_outbox(&sender(&store), Utc::now()).unwrap();
    assert_eq!(report.failed, 1);
    let e = entry(&store, &id);
    assert_eq!(e.error_code.as_deref(), Some("auth_failed"));
    assert!(
        e.last_error.contains("username or password"),
        "{}",
        e.last_error
    );
    assert!(server.received().is_empty());
    store.clear_smtp_settings().unwrap();
}

/// A server that offers no way to log in the client speaks (a plain port of
/// a server that wants TLS first, or only CRAM-MD5) is a setting to fix,
/// not a network failure: one try, failed with its own code, no retry.
#[test]
fn a_server_offering_no_usable_login_stops_and_says_why() {
    for extra in [&[][..], &["--auth-cram-md5-only"][..]] {
        let (dir, mut store) = common::demo_store();
        let server = Server::start(&dir.path().join("mx"), 0, extra);
        let s = store
            .save_smtp_settings(&settings(server.port, "minsu.kim"), None)
            .unwrap();
        let (_, id) = queued(&mut store);
        let sender = SmtpSender::new(&s, Some("app-password")).unwrap();
        let t0 = Utc::now();
        let report = store.send_outbox(&sender, t0).unwrap();
        assert_eq!((report.failed, report.retrying), (1, 0), "{extra:?}");
        let e = entry(&store, &id);
        assert_eq!(e.state, OutboxState::Failed, "{extra:?}");
        assert_eq!(e.error_code.as_deref(), Some("auth_unsupported"));
        assert_eq!(e.attempts, 1);
        assert!(
            e.last_error.contains("no way to log in") && e.last_error.contains("587"),
            "{}",
            e.last_error
        );
        assert_eq!(store.get_send(&id).unwrap().state, SendState::Failed);
        // Nothing is tried again by itself, however long it waits.
        let later = store
            .send_outbox(&sender, t0 + chrono::Duration::days(1))
            .unwrap();
        assert_eq!(later.failed + later.sent + later.retrying, 0);
        assert_eq!(entry(&store, &id).attempts, 1);
        assert!(server.received().is_empty());
    }
}

#[test]
fn a_send_killed_midway_is_sent_once_more_and_nothing_is_lost() {
    let (dir, mut store) = common::demo_store();
    let username = user(dir.path(), "kill");
    let auth = format!("{username}:pw");
    let mut stall = Server::start(
        &dir.path().join("stall"),
        0,
        &["--stall-data", "--auth", &auth],
    );
    let port = stall.port;
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_lotbook"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(args)
            .env("LB_TEST_PW", "pw")
            .env_remove("LOTBOOK_DATA_DIR")
            .output()
            .unwrap()
    };
    let (_, id) = queued(&mut store);
    drop(store);
    let set = run(&[
        "settings",
        "smtp",
        "set",
        "--host",
        "127.0.0.1",
        "--port",
        &port.to_string(),
        "--security",
        "none",
        "--username",
        &username,
        "--from-addr",
        "minsu.kim@daejeon-motors.kr",
        "--password-env",
        "LB_TEST_PW",
    ]);
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    let shown = run(&["settings", "smtp", "show"]);
    assert!(String::from_utf8_lossy(&shown.stdout).contains("password in the keychain"));

    let mut child = Command::new(env!("CARGO_BIN_EXE_lotbook"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["outbox", "send"])
        .env_remove("LOTBOOK_DATA_DIR")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let marker = dir.path().join("stall/stalled");
    let start = Instant::now();
    while !marker.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "send never reached DATA"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    let list = run(&["--json", "outbox", "list"]);
    let entries: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(entries[0]["id"], id.as_str());
    assert_eq!(entries[0]["state"], "sending", "left mid-send");

    // The server works again on the same port (it never let go of it):
    // the next pass sends it, once.
    stall.restart(
        &dir.path().join("mx"),
        &["--auth", &format!("{username}:pw")],
    );
    let server = stall;
    let send = run(&["--json", "outbox", "send"]);
    assert!(
        send.status.success(),
        "{}",
        String::from_utf8_lossy(&send.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&send.stdout).unwrap();
    assert_eq!(report["sent"], 1);
    assert_eq!(server.received().len(), 1);
    let again = run(&["--json", "outbox", "send"]);
    let report: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(report["sent"], 0);
    assert_eq!(server.received().len(), 1, "sent at most once more");
    assert!(run(&["check"]).status.success());
    let clear = run(&["settings", "smtp", "clear"]);
    assert!(clear.status.success());
}

#[test]
fn backoff_grows_to_an_hour() {
    use lotbook::mail::outbox::backoff;
    let minutes: Vec<i64> = (1..=9).map(|n| backoff(n).num_minutes()).collect();
    assert_eq!(minutes, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
}

#[test]
fn starttls_with_an_untrusted_certificate_sends_nothing_and_says_why() {
    let (dir, mut store) = common::demo_store();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    let made = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
        ])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let username = user(dir.path(), "tls");
    let server = Server::start(
        &dir.path().join("mx"),
        0,
        &[
            "--starttls-cert",
            cert.to_str().unwrap(),
            "--starttls-key",
            key.to_str().unwrap(),
            "--auth",
            &format!("{username}:secret"),
        ],
    );
    let mut s = settings(server.port, &username);
    s.security = SmtpSecurity::StartTls;
    store.save_smtp_settings(&s, Some("secret")).unwrap();
    let (_, id) = queued(&mut store);
    let report = store.send_outbox(&sender(&store), Utc::now()).unwrap();
    assert_eq!(report.sent, 0);
    let e = entry(&store, &id);
    assert_eq!(e.error_code.as_deref(), Some("tls"), "{e:?}");
    // Never sent over an unverified connection; tried again later (a captive
    // Wi-Fi portal fails the same way and passes once the dealer logs in).
    assert_eq!(e.state, OutboxState::Queued);
    assert!(
        e.last_error.contains("secure connection"),
        "{}",
        e.last_error
    );
    assert!(server.received().is_empty());
    store.clear_smtp_settings().unwrap();
}

#[test]
fn a_deleted_customer_takes_the_queued_mail_along_and_the_rest_still_goes() {
    let (dir, mut store) = common::demo_store();
    let server = Server::start(&dir.path().join("mx"), 0, &[]);
    store
        .save_smtp_settings(&settings(server.port, ""), None)
        .unwrap();
    let (customer, gone) = queued(&mut store);
    // Another customer's email waits behind it.
    let other = common::customer_named(&store, "신유나");
    let car = store.match_vehicles(&other.id, 1).unwrap()[0]
        .vehicle
        .id
        .clone();
    let req = common::compose_request(
        &other.id,
        &[car],
        Lang::Ko,
        Budget::preset(BudgetPreset::Gmail),
    );
    let (kept, _) = store.queue_mail(&req).unwrap();
    // A colleague deletes the first customer (here, or by sync) while it waits.
    store.delete_customer(&customer).unwrap();
    assert!(store.outbox().unwrap().iter().all(|e| e.id != gone));
    assert!(store.get_send(&gone).is_err());
    let report = store.send_outbox(&sender(&store), Utc::now()).unwrap();
    assert_eq!((report.sent, report.failed), (1, 0), "{report:?}");
    assert_eq!(store.get_send(&kept.id).unwrap().state, SendState::Sent);
    assert_eq!(server.received().len(), 1);
}
