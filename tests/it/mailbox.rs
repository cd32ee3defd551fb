//! The dealer's mailbox against a real IMAP server (Dovecot on loopback):
//! Korean mail in UTF-8, EUC-KR and ISO-2022-KR logged on the customer's
//! log, a reply to Lotbook's e-mail matched by its Message-ID, a stranger
//! offered as a new customer, the dealer's reply in Sent closing the
//! inquiry on Today, the server going away and back, a wrong password not
//! retried, and nothing changed on the server.

use crate::common;
use crate::support::imap_server;

use std::path::Path;
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use chrono::Utc;
use imap_server::Dovecot;
use lotbook::mail::SmtpSecurity;
use lotbook::mailbox::{
    check_once, ImapSettings, MailboxOutcome, MailboxReport, MailboxState, MailboxWorker,
    WorkerOptions,
};
use lotbook::Store;

const PASSWORD: &str = "app-password-1";

/// A username unique to this test run, so tests never share a keychain entry.
fn user(dir: &Path, name: &str) -> String {
    format!(
        "{name}-{}@lotbook.test",
        dir.file_name().unwrap().to_string_lossy().to_lowercase()
    )
}

fn connect(store: &mut Store, server: &Dovecot, password: &str) {
    store
        .save_imap_settings(
            &ImapSettings {
                host: "127.0.0.1".into(),
                port: server.port,
                security: SmtpSecurity::None,
                username: server.user.clone(),
                has_password: false,
            },
            Some(password),
        )
        .unwrap();
}

fn customer_id(store: &Store, email: &str) -> String {
    store
        .conn()
        .query_row("SELECT id FROM customers WHERE email = ?1", [email], |r| {
            r.get(0)
        })
        .unwrap()
}

fn utf8_mail(from: &str, to: &str, id: &str, subject: &str, body: &str, hours_ago: i64) -> Vec<u8> {
    let date = (Utc::now() - chrono::Duration::hours(hours_ago)).to_rfc2822();
    format!(
        "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{id}>\r\nDate: {date}\r\n\
MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n"
    )
    .into_bytes()
}

fn item<'a>(report: &'a MailboxReport, message_id: &str) -> &'a lotbook::mailbox::MailboxItem {
    report
        .items
        .iter()
        .find(|i| i.message_id == message_id)
        .unwrap_or_else(|| panic!("{message_id} not in {:#?}", report.items))
}

#[test]
fn korean_mail_becomes_inquiries_and_a_reply_in_sent_closes_them() {
    if !imap_server::available() {
        return;
    }
    let (dir, mut store) = common::demo_store();
    let mail_dir = tempfile::TempDir::new().unwrap();
    let server = Dovecot::start(mail_dir.path(), &user(dir.path(), "dealer"), PASSWORD, 0);
    connect(&mut store, &server, PASSWORD);

    let seoul = customer_id(&store, "junhyuk.lee@naver.com");
    let songpa = customer_id(&store, "yuna.shin@daum.net");
    // Lotbook's photo e-mail to the Seoul customer: its Message-ID is kept.
    let list = store.list_shortlists(&seoul).unwrap().remove(0);
    let cars: Vec<String> = list
        .items
        .iter()
        .map(|i| i.vehicle.id.clone())
        .take(3)
        .collect();
    store.set_shortlist_vehicles(&list.id, &cars).unwrap();
    store
        .save_eml(
            &lotbook::mail::ComposeRequest {
                shortlist_id: Some(list.id.clone()),
                ..common::compose_request(
                    &seoul,
                    &cars,
                    lotbook::condition::Lang::Ko,
                    lotbook::mail::Budget::preset(lotbook::mail::BudgetPreset::Gmail),
                )
            },
            &dir.path().join("draft.eml"),
        )
        .unwrap();
    let sent_id: String = store
        .conn()
        .query_row(
            "SELECT message_id FROM mail_sends WHERE shortlist_id = ?1",
            [&list.id],
            |r| r.get(0),
        )
        .unwrap();

    // UTF-8 from the Seoul customer, after the photo e-mail went out.
    server.append(
        "INBOX",
        &utf8_mail(
            "이준혁 <junhyuk.lee@naver.com>",
            &server.user,
            "seoul-1@naver.com",
            "SM520 문의드립니다",
            "토요일 12시에 볼 수 있을까요?\r\n\r\n> 이전 메일",
            1,
        ),
    );
    // EUC-KR with a ks_c_5601-1987 encoded-word subject from the Songpa customer.
    let mut euc = format!(
        "From: =?ks_c_5601-1987?B?vcXAr7Oq?= <yuna.shin@daum.net>\r\nTo: {}\r\n\
Subject: =?ks_c_5601-1987?B?vsa53ba8ILvnwfggv+TDuyDA1LTPtNk=?=\r\nMessage-ID: <songpa-1@daum.net>\r\n\
Date: {}\r\nContent-Type: text/plain; charset=euc-kr\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
        server.user,
        Utc::now().to_rfc2822()
    )
    .into_bytes();
    euc.extend_from_slice(&encoding_rs::EUC_KR.encode("흰색이면 좋겠습니다.\r\n").0);
    server.append("INBOX", &euc);
    // ISO-2022-KR ("안녕") from the Seoul customer's other message.
    let iso = format!(
        "From: junhyuk.lee@naver.com\r\nTo: {}\r\nSubject: =?ISO-2022-KR?B?GyQpQw4+SDNnDw==?=\r\n\
Message-ID: <seoul-iso@naver.com>\r\nDate: {}\r\nContent-Type: text/plain; charset=ISO-2022-KR\r\n\r\n\
\x1b$)C\x0e\x3e\x48\x33\x67\x0f\r\n",
        server.user,
        Utc::now().to_rfc2822()
    );
    server.append("INBOX", iso.as_bytes());
    // A reply to Lotbook's e-mail from an address the customer never gave.
    let reply = format!(
        "From: Lee <lee.at.work@company.co.kr>\r\nTo: {}\r\nSubject: Re: 추천 차량\r\n\
Message-ID: <seoul-work-1@company.co.kr>\r\nIn-Reply-To: <{sent_id}>\r\nReferences: <{sent_id}>\r\n\
Date: {}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n두 번째 차가 마음에 듭니다.\r\n",
        server.user,
        Utc::now().to_rfc2822()
    );
    server.append("INBOX", reply.as_bytes());
    // A stranger asking about a car, and a newsletter.
    server.append(
        "INBOX",
        &utf8_mail(
            "박새손 <new.buyer@gmail.com>",
            &server.user,
            "stranger-1@gmail.com",
            "아반떼 매물 아직 있나요?",
            "가격 조정 가능한지 궁금합니다.",
            1,
        ),
    );
    let mut news = utf8_mail(
        "뉴스 <news@autonews.kr>",
        &server.user,
        "news-1@autonews.kr",
        "이번 주 중고차 시세",
        "시세 안내",
        1,
    );
    news.splice(0..0, b"List-Id: <weekly.autonews.kr>\r\n".iter().copied());
    server.append("INBOX", &news);

    let report = check_once(&mut store, Utc::now()).unwrap();
    assert_eq!(report.status.state, MailboxState::Ok, "{:?}", report.status);
    assert_eq!(
        item(&report, "seoul-1@naver.com").outcome,
        MailboxOutcome::Logged
    );
    assert_eq!(
        item(&report, "songpa-1@daum.net").outcome,
        MailboxOutcome::Logged
    );
    assert_eq!(
        item(&report, "songpa-1@daum.net").subject,
        "아반떼 사진 요청 입니다"
    );
    assert_eq!(item(&report, "seoul-iso@naver.com").subject, "안녕");
    let matched = item(&report, "seoul-work-1@company.co.kr");
    assert_eq!(matched.outcome, MailboxOutcome::Matched);
    assert_eq!(matched.customer_id.as_deref(), Some(seoul.as_str()));
    assert_eq!(
        item(&report, "stranger-1@gmail.com").outcome,
        MailboxOutcome::Offered
    );
    let news = item(&report, "news-1@autonews.kr");
    assert_eq!(news.outcome, MailboxOutcome::Skipped);
    assert!(news.reason.contains("list"), "{}", news.reason);

    // On the logs: subject and first lines, Korean decoded, quoted text cut.
    let log = store.list_interactions(&seoul).unwrap();
    let first = log
        .iter()
        .find(|i| i.message_id.as_deref() == Some("seoul-1@naver.com"))
        .unwrap();
    assert_eq!(
        first.summary,
        "SM520 문의드립니다\n토요일 12시에 볼 수 있을까요?"
    );
    let answer = log
        .iter()
        .find(|i| i.message_id.as_deref() == Some("seoul-work-1@company.co.kr"))
        .unwrap();
    assert!(
        answer.summary.starts_with("답장: 추천 차량 3대\n"),
        "{}",
        answer.summary
    );
    assert_eq!(answer.shortlist_id.as_deref(), Some(list.id.as_str()));
    assert!(
        store.mail_message_file(&first.id).unwrap().is_some(),
        "the .eml is kept"
    );
    let songpa_log = store.list_interactions(&songpa).unwrap();
    assert!(songpa_log
        .iter()
        .any(|i| i.summary == "아반떼 사진 요청 입니다\n흰색이면 좋겠습니다."));

    // Today, two days on: the unanswered mail inquiries are overdue, first.
    let later = Utc::now() + chrono::Duration::days(2);
    let since = lotbook::db::utc_text(Utc::now() - chrono::Duration::days(30));
    let today = store.inquiries(&since, later).unwrap();
    let pos = |id: &str| {
        today
            .iter()
            .position(|q| q.interaction.message_id.as_deref() == Some(id))
            .unwrap()
    };
    assert!(today[pos("seoul-1@naver.com")].overdue);
    assert!(today[..pos("seoul-1@naver.com")].iter().all(|q| q.overdue));
    assert!(today[pos("songpa-1@daum.net")].replied_at.is_none());

    // A second pass reads nothing again.
    let again = check_once(&mut store, Utc::now()).unwrap();
    assert!(again.items.is_empty(), "{:#?}", again.items);

    // The dealer answers from the webmail: the reply lands in Sent.
    server.append(
        "Sent",
        &utf8_mail(
            &server.user,
            "이준혁 <junhyuk.lee@naver.com>",
            "dealer-reply-1@lotbook.test",
            "Re: SM520 문의드립니다",
            "네, 토요일 12시에 뵙겠습니다.",
            0,
        ),
    );
    let report = check_once(&mut store, Utc::now()).unwrap();
    let r = item(&report, "dealer-reply-1@lotbook.test");
    assert_eq!(r.outcome, MailboxOutcome::Reply);
    assert_eq!(r.folder, "Sent");
    let today = store.inquiries(&since, later).unwrap();
    let q = today
        .iter()
        .find(|q| q.interaction.message_id.as_deref() == Some("seoul-1@naver.com"))
        .unwrap();
    assert!(
        q.replied_at.is_some() && !q.overdue,
        "closed by the reply: {q:?}"
    );

    // The stranger: accepted as a customer with the inquiry on their log.
    let leads = store.mail_leads().unwrap();
    assert_eq!(leads.len(), 1);
    assert_eq!(leads[0].from_name, "박새손");
    let new_customer = store.accept_mail_lead(&leads[0].id).unwrap();
    assert_eq!(
        store.get_customer(&new_customer).unwrap().email,
        "new.buyer@gmail.com"
    );
    assert!(store
        .list_interactions(&new_customer)
        .unwrap()
        .iter()
        .any(|i| i.message_id.as_deref() == Some("stranger-1@gmail.com")));
    assert!(store.mail_leads().unwrap().is_empty());
    server.append(
        "INBOX",
        &utf8_mail(
            "x@spam.kr",
            &server.user,
            "stranger-2@spam.kr",
            "차량 구매 문의?",
            "",
            0,
        ),
    );
    check_once(&mut store, Utc::now()).unwrap();
    let lead = store.mail_leads().unwrap().remove(0);
    store.dismiss_mail_lead(&lead.id).unwrap();
    assert!(store.mail_leads().unwrap().is_empty());

    // Nothing deleted, moved or marked read on the server.
    assert_eq!(server.count("INBOX"), 7);
    assert_eq!(server.count("Sent"), 1);
    for folder in ["INBOX", "Sent"] {
        for flags in server.flags(folder) {
            assert!(
                flags.iter().all(|f| !f.contains("Seen")
                    && !f.contains("Deleted")
                    && !f.contains("Flagged")),
                "{folder}: {flags:?}"
            );
        }
    }
    // The inquiries from mail are captured for sync like every inquiry.
    let captured: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM changes c JOIN interactions i ON i.id = c.row_id
             WHERE c.tbl = 'interactions' AND c.col = 'message_id' AND i.message_id IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(captured >= 6, "captured {captured}");
}

fn next(
    rx: &Receiver<MailboxReport>,
    within: Duration,
    want: impl Fn(&MailboxReport) -> bool,
) -> MailboxReport {
    let until = Instant::now() + within;
    loop {
        let left = until.saturating_duration_since(Instant::now());
        let r = rx
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("no such pass within {within:?}"));
        if want(&r) {
            return r;
        }
    }
}

fn quick() -> WorkerOptions {
    WorkerOptions {
        poll_every: Duration::from_secs(2),
        idle_slice: Duration::from_millis(500),
        retry_after: Duration::from_millis(500),
        ..WorkerOptions::default()
    }
}

#[test]
fn the_worker_waits_out_the_server_going_away_and_sees_new_mail() {
    if !imap_server::available() {
        return;
    }
    let (dir, mut store) = common::demo_store();
    let mail_dir = tempfile::TempDir::new().unwrap();
    let server = Dovecot::start(mail_dir.path(), &user(dir.path(), "dealer"), PASSWORD, 0);
    let (port, name) = (server.port, server.user.clone());
    connect(&mut store, &server, PASSWORD);
    let (tx, rx) = channel();
    let worker = MailboxWorker::start(dir.path().to_owned(), quick(), move |r| {
        let _ = tx.send(r.clone());
    });
    let first = next(&rx, Duration::from_secs(20), |_| true);
    assert_eq!(first.status.state, MailboxState::Ok, "{:?}", first.status);
    assert!(first.status.idle, "dovecot offers IDLE");

    // The server goes away: offline, quietly.
    server.stop();
    let offline = next(&rx, Duration::from_secs(20), |r| {
        r.status.state != MailboxState::Ok
    });
    assert_eq!(
        offline.status.state,
        MailboxState::Offline,
        "{:?}",
        offline.status
    );
    assert_eq!(store.mailbox_status().unwrap().state, MailboxState::Offline);

    // Back on the same port with the same mail; a customer writes.
    let server = Dovecot::start(mail_dir.path(), &name, PASSWORD, port);
    next(&rx, Duration::from_secs(20), |r| {
        r.status.state == MailboxState::Ok
    });
    server.append(
        "INBOX",
        &utf8_mail(
            "junhyuk.lee@naver.com",
            &server.user,
            "seoul-back@naver.com",
            "다시 문의",
            "서버가 돌아왔네요",
            0,
        ),
    );
    let seen = next(&rx, Duration::from_secs(20), |r| !r.items.is_empty());
    assert_eq!(
        item(&seen, "seoul-back@naver.com").outcome,
        MailboxOutcome::Logged
    );
    worker.stop();
    assert_eq!(server.flags("INBOX").len(), 1);
    assert!(server.flags("INBOX")[0].iter().all(|f| !f.contains("Seen")));
}

#[test]
fn a_wrong_password_says_so_once_and_is_not_retried() {
    if !imap_server::available() {
        return;
    }
    let (dir, mut store) = common::store();
    let mail_dir = tempfile::TempDir::new().unwrap();
    let server = Dovecot::start(mail_dir.path(), &user(dir.path(), "dealer"), PASSWORD, 0);
    connect(&mut store, &server, "not-the-password");
    let (tx, rx) = channel();
    let worker = MailboxWorker::start(dir.path().to_owned(), quick(), move |r| {
        let _ = tx.send(r.clone());
    });
    let first = next(&rx, Duration::from_secs(20), |_| true);
    assert_eq!(first.status.state, MailboxState::WrongPassword);
    assert!(
        first
            .status
            .message
            .contains("refused the username or password"),
        "{}",
        first.status.message
    );
    // Several polls later the server still saw one refused login.
    for _ in 0..3 {
        let r = next(&rx, Duration::from_secs(20), |_| true);
        assert_eq!(r.status.state, MailboxState::WrongPassword);
    }
    assert_eq!(server.refused_logins(), 1, "tried once, not in a loop");

    // The dealer fixes the password: the next pass logs in.
    connect(&mut store, &server, PASSWORD);
    worker.wake();
    next(&rx, Duration::from_secs(20), |r| {
        r.status.state == MailboxState::Ok
    });
    worker.stop();
    assert_eq!(server.refused_logins(), 1);
}

#[test]
fn the_cli_sets_up_the_account_and_reports_a_pass() {
    if !imap_server::available() {
        return;
    }
    let dir = tempfile::TempDir::new().unwrap();
    let data = dir.path().join("data");
    let mail_dir = tempfile::TempDir::new().unwrap();
    let server = Dovecot::start(mail_dir.path(), &user(dir.path(), "cli"), PASSWORD, 0);
    let cli = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_lotbook"))
            .arg("--data-dir")
            .arg(&data)
            .args(args)
            .env("LOTBOOK_E2E_PW", PASSWORD)
            .output()
            .unwrap()
    };
    let port = server.port.to_string();
    let set = cli(&[
        "settings",
        "imap",
        "set",
        "--host",
        "127.0.0.1",
        "--port",
        &port,
        "--security",
        "none",
        "--username",
        &server.user,
        "--password-env",
        "LOTBOOK_E2E_PW",
    ]);
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    assert!(String::from_utf8_lossy(&set.stdout).contains("password in the keychain"));
    let preset = cli(&[
        "settings",
        "imap",
        "set",
        "--preset",
        "hotmail",
        "--username",
        "x",
    ]);
    assert!(!preset.status.success());
    server.append(
        "INBOX",
        &utf8_mail(
            "모르는 분 <who@example.kr>",
            &server.user,
            "cli-1@example.kr",
            "시승 가능한가요?",
            "",
            0,
        ),
    );
    let out = cli(&["--json", "mailbox", "check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["status"]["state"], "ok");
    assert_eq!(report["items"][0]["outcome"], "offered");
    assert_eq!(report["items"][0]["subject"], "시승 가능한가요?");
    let text = cli(&["mailbox", "check"]);
    assert!(String::from_utf8_lossy(&text.stdout)
        .contains("0 logged, 0 matched, 0 replies, 0 offered, 0 skipped"));
}

/// The presets (Naver, Daum, Gmail) all speak TLS: the account is read over
/// IMAPS and over STARTTLS with the server's certificate checked; a
/// certificate this computer does not trust is refused with a plain message
/// (and no mail is read over that connection).
#[test]
fn tls_and_starttls_are_read_with_the_certificate_checked() {
    if !imap_server::available() {
        return;
    }
    let dir = tempfile::TempDir::new().unwrap();
    let mail_dir = tempfile::TempDir::new().unwrap();
    let server = Dovecot::start_tls(mail_dir.path(), &user(dir.path(), "tls"), PASSWORD);
    let tls_port = server.tls_port.expect("an IMAPS port").to_string();
    let plain_port = server.port.to_string();
    server.append(
        "INBOX",
        &utf8_mail(
            "모르는 분 <who@example.kr>",
            &server.user,
            "tls-1@example.kr",
            "시승 가능한가요?",
            "",
            0,
        ),
    );
    // The CLI is a process of its own: its trust store can be told about
    // the test server's certificate (OpenSSL reads SSL_CERT_FILE).
    let run = |data: &Path, trust: bool, args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_lotbook"));
        cmd.arg("--data-dir").arg(data).args(args);
        cmd.env("LOTBOOK_E2E_PW", PASSWORD)
            .env_remove("SSL_CERT_DIR");
        if trust {
            cmd.env("SSL_CERT_FILE", server.cert());
        } else {
            cmd.env_remove("SSL_CERT_FILE");
        }
        cmd.output().unwrap()
    };
    for (name, security, port) in [
        ("tls", "tls", &tls_port),
        ("starttls", "starttls", &plain_port),
    ] {
        let account = [
            "settings",
            "imap",
            "set",
            "--host",
            "localhost",
            "--port",
            port,
            "--security",
            security,
            "--username",
            &server.user,
            "--password-env",
            "LOTBOOK_E2E_PW",
        ];
        let data = dir.path().join(name);
        let set = run(&data, true, &account);
        assert!(
            set.status.success(),
            "{}",
            String::from_utf8_lossy(&set.stderr)
        );
        let out = run(&data, true, &["--json", "mailbox", "check"]);
        assert!(
            out.status.success(),
            "{security}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["status"]["state"], "ok", "{security}: {report}");
        assert_eq!(
            report["items"][0]["subject"], "시승 가능한가요?",
            "{security}"
        );

        // The same account on a computer that does not trust the certificate.
        let wary = dir.path().join(format!("{name}-wary"));
        run(&wary, false, &account);
        let out = run(&wary, false, &["--json", "mailbox", "check"]);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !text.contains("시승 가능한가요?"),
            "{security}: mail read over an untrusted connection: {text}"
        );
        assert!(
            text.contains("certificate verify failed"),
            "{security}: the refusal says why: {text}"
        );
        // Its own state, which the app words as a security problem.
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            report["status"]["state"], "insecure",
            "{security}: {report}"
        );
    }
    // Nothing was marked read by either pass.
    assert!(server
        .flags("INBOX")
        .iter()
        .all(|f| f.iter().all(|fl| !fl.contains("Seen"))));
}
