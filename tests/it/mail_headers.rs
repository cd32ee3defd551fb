//! What goes into an email's headers (issue 14, finding 6): an address is
//! written only after the one address check (`validate::email`), whatever
//! door it came through (sync writes rows without the form); names and
//! subjects cannot start a header of their own; a Korean sender name is an
//! encoded word a strict reader takes without a defect. Every message is
//! read back by Python's `email` package (tests/it/support/header_check.py).

use crate::common;

use std::path::{Path, PathBuf};

use lotbook::calendar::{VisitInput, VisitKind};
use lotbook::care::{CampaignFilter, CampaignInput, RecipientState, SaleInput};
use lotbook::condition::Lang;
use lotbook::mail::{Budget, BudgetPreset, ComposeRequest, SmtpSecurity, SmtpSettings};
use lotbook::Store;
use serde_json::Value;

/// Each file's headers as Python's strict policy reads them.
fn headers(files: &[PathBuf]) -> Vec<Value> {
    let out = std::process::Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/support/header_check.py"))
        .args(files)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "header_check.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("header_check.py prints JSON");
    v.as_array().expect("a list").clone()
}

fn header_names(h: &Value) -> Vec<String> {
    h["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap().to_ascii_lowercase())
        .collect()
}

/// An SMTP account as 김민수 (nothing is sent in these tests).
fn account(store: &mut Store) {
    store
        .save_smtp_settings(
            &SmtpSettings {
                host: "127.0.0.1".into(),
                port: 2525,
                security: SmtpSecurity::None,
                username: String::new(),
                from_name: "김민수".into(),
                from_addr: "minsu.kim@daejeon-motors.kr".into(),
                has_password: false,
            },
            None,
        )
        .unwrap();
}

/// Writes a customer's email straight into the database, as a change
/// applied from another computer does (the form is never asked).
fn set_email_raw(store: &Store, customer_id: &str, email: &str) {
    let n = store
        .conn()
        .execute(
            "UPDATE customers SET email = ?1 WHERE id = ?2",
            rusqlite::params![email, customer_id],
        )
        .unwrap();
    assert_eq!(n, 1);
}

fn set_name_raw(store: &Store, customer_id: &str, name: &str) {
    store
        .conn()
        .execute(
            "UPDATE customers SET name = ?1 WHERE id = ?2",
            rusqlite::params![name, customer_id],
        )
        .unwrap();
}

fn request(store: &Store, customer_id: &str, lang: Lang) -> ComposeRequest {
    let cars: Vec<String> = store
        .match_vehicles(customer_id, 2)
        .unwrap()
        .into_iter()
        .map(|m| m.vehicle.id)
        .collect();
    common::compose_request(
        customer_id,
        &cars,
        lang,
        Budget::preset(BudgetPreset::Gmail),
    )
}

fn visit(store: &mut Store, customer_id: &str, note: &str) -> String {
    let dealer = store.list_users().unwrap()[0].id.clone();
    store
        .save_visit(&VisitInput {
            id: None,
            kind: VisitKind::Visit,
            customer_id: Some(customer_id.into()),
            user_id: Some(dealer),
            start_at: "2026-12-05T12:00:00+09:00".into(),
            minutes: 60,
            lot_ids: vec![],
            vehicle_ids: vec![],
            note: note.into(),
            allow_overlap: true,
        })
        .unwrap()
        .id
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    out.retain(|p| p.extension().is_some_and(|e| e == "eml"));
    out.sort();
    out
}

/// Addresses that reached a customer row without the form. Each would add a
/// header, a second recipient or a display name of the sender's choosing.
const HOSTILE: &[&str] = &[
    "kim@naver.com\r\nBcc: spy@evil.example",
    "kim@naver.com\nReply-To: spy@evil.example",
    "kim@naver.com\rBcc: spy@evil.example",
    "spy@evil.example, kim@naver.com",
    "\"Kim\" <spy@evil.example>",
    "kim@naver.com>\r\nBcc: <spy@evil.example",
    "kim@naver.com\0",
    "kim@naver.com; spy@evil.example",
];

#[test]
fn an_address_that_came_by_sync_is_refused_at_compose_naming_the_customer() {
    let (dir, mut store) = common::demo_store();
    account(&mut store);
    // The demo's recall notices went out already; they stay as history.
    let sent_before = store.outbox().unwrap().len();
    let seoul = common::customer_named(&store, "이준혁").id;
    let colleague = store
        .list_users()
        .unwrap()
        .into_iter()
        .find(|u| u.name == "박정호")
        .unwrap()
        .id;
    let visit_id = visit(&mut store, &seoul, "");
    let save_dir = dir.path().join("drafts");
    std::fs::create_dir_all(&save_dir).unwrap();
    for bad in HOSTILE {
        set_email_raw(&store, &seoul, bad);
        let req = request(&store, &seoul, Lang::Ko);
        let mut intro = req.clone();
        intro.vehicles.clear();
        intro.introduce_user_id = Some(colleague.clone());
        let draft = save_dir.join("draft.eml");
        let refusals = [
            ("compose", common::field_error(store.compose(&req))),
            ("queue", common::field_error(store.queue_mail(&req))),
            ("draft", common::field_error(store.save_eml(&req, &draft))),
            ("handover", common::field_error(store.compose(&intro))),
            (
                "visit",
                common::field_error(store.queue_visit_confirmation(&visit_id, Lang::En)),
            ),
        ];
        for (what, (field, code, message)) in refusals {
            assert_eq!(field, "email", "{what} {bad:?}");
            assert_eq!(code, "invalid_customer_email", "{what} {bad:?}");
            assert!(message.contains("이준혁"), "{what}: {message}");
            // The message is one line: the bad value is shown escaped.
            assert!(!message.contains(['\r', '\n', '\0']), "{what}: {message:?}");
        }
        assert!(!draft.exists(), "no draft is written for {bad:?}");
    }
    assert!(
        files_in(&dir.path().join("mail/outbox")).is_empty(),
        "nothing was queued"
    );
    assert_eq!(store.outbox().unwrap().len(), sent_before);
}

#[test]
fn a_campaign_records_an_invalid_address_and_tells_the_other_owners() {
    let (dir, mut store) = common::demo_store();
    account(&mut store);
    let lot = store.list_lots().unwrap()[0].id.clone();
    let owners = [
        ("오민지", "minji.oh@naver.com"),
        ("유재석", "jaeseok.yoo@gmail.com"),
    ];
    let mut ids = Vec::new();
    for (n, (name, email)) in owners.iter().enumerate() {
        let customer = common::customer(&mut store, name, email);
        let mut v = common::vehicle(&lot, "SM520");
        v.vin = format!("KNMA4C2HM3P00{n}900");
        let car = store.save_vehicle(&v).unwrap().id;
        store
            .record_sale(&SaleInput {
                customer_id: customer.clone(),
                vehicle_id: car,
                price_krw: 3_000_000,
                delivered_on: "2026-03-01".into(),
                user_id: None,
            })
            .unwrap();
        ids.push(customer);
    }
    set_email_raw(
        &store,
        &ids[0],
        "minji.oh@naver.com\r\nBcc: spy@evil.example",
    );
    let campaign = store
        .create_campaign(&CampaignInput {
            title: "SM520 리콜".into(),
            code: "R-1".into(),
            filter: CampaignFilter {
                vin_from: Some("KNMA4C2HM3P000900".into()),
                vin_to: Some("KNMA4C2HM3P001900".into()),
                ..Default::default()
            },
            lang: Lang::Ko,
            subject: "{{ car }} 리콜 안내".into(),
            body: "{{ customer }} 님, 리콜이 있습니다.".into(),
        })
        .unwrap();
    let sent = store.send_campaign(&campaign.id).unwrap();
    let states: Vec<(String, RecipientState)> = sent
        .recipients
        .iter()
        .map(|r| (r.owner.customer_name.clone(), r.state))
        .collect();
    assert_eq!(states.len(), 2, "{states:?}");
    assert!(
        states.contains(&("오민지".into(), RecipientState::InvalidEmail)),
        "{states:?}"
    );
    assert!(
        states.contains(&("유재석".into(), RecipientState::Queued)),
        "{states:?}"
    );
    let queued = files_in(&dir.path().join("mail/outbox"));
    assert_eq!(queued.len(), 1);
    let h = &headers(&queued)[0];
    assert_eq!(h["to"]["addrs"][0], "jaeseok.yoo@gmail.com");
    let names = header_names(h);
    assert!(!names.contains(&"bcc".to_owned()), "{names:?}");

    // Fixed on the customer's page, the owner is told on the next send.
    set_email_raw(&store, &ids[0], "minji.oh@naver.com");
    let again = store.send_campaign(&campaign.id).unwrap();
    assert!(again
        .recipients
        .iter()
        .all(|r| r.state == RecipientState::Queued));
}

#[test]
fn names_and_subjects_cannot_start_a_header_of_their_own() {
    let (dir, mut store) = common::demo_store();
    account(&mut store);
    let seoul = common::customer_named(&store, "이준혁").id;
    // A customer name and the team's name as another computer might send them.
    set_name_raw(&store, &seoul, "Lee\r\nBcc: spy@evil.example");
    store
        .set_setting(
            lotbook::mail::TEAM_NAME_KEY,
            "Motors\r\nReply-To: spy@evil.example",
        )
        .unwrap();
    let visit_id = visit(&mut store, &seoul, "");
    store
        .queue_visit_confirmation(&visit_id, Lang::En)
        .expect("a valid address is queued");
    store
        .queue_mail(&request(&store, &seoul, Lang::En))
        .expect("queued");
    let draft = dir.path().join("draft.eml");
    store
        .save_eml(&request(&store, &seoul, Lang::Ko), &draft)
        .expect("draft");
    let mut files = files_in(&dir.path().join("mail/outbox"));
    assert_eq!(files.len(), 2);
    files.push(draft);
    for h in headers(&files) {
        let names = header_names(&h);
        for forbidden in ["bcc", "reply-to", "cc"] {
            assert!(!names.contains(&forbidden.to_owned()), "{names:?}");
        }
        assert_eq!(h["to"]["addrs"].as_array().unwrap().len(), 1, "{h}");
        assert_eq!(h["to"]["addrs"][0], "junhyuk.lee@naver.com", "{h}");
        assert!(
            h["to"]["names"][0].as_str().unwrap().starts_with("Lee"),
            "{h}"
        );
        let subject = h["subject"].as_str().unwrap();
        assert!(!subject.contains(['\r', '\n']), "{subject:?}");
        assert!(subject.contains("Motors"), "{subject:?}");
        assert!(h["message_defects"].as_array().unwrap().is_empty(), "{h}");
    }
}

#[test]
fn a_korean_sender_name_is_an_encoded_word_a_strict_reader_takes() {
    let (dir, mut store) = common::demo_store();
    account(&mut store);
    let seoul = common::customer_named(&store, "이준혁").id;
    let draft = dir.path().join("draft.eml");
    store
        .save_eml(&request(&store, &seoul, Lang::Ko), &draft)
        .unwrap();
    let visit_id = visit(&mut store, &seoul, "");
    store.queue_visit_confirmation(&visit_id, Lang::Ko).unwrap();
    let mut files = files_in(&dir.path().join("mail/outbox"));
    files.push(draft.clone());
    // A long Korean name with a comma and quotes (specials in a phrase).
    store
        .save_smtp_settings(
            &SmtpSettings {
                host: "127.0.0.1".into(),
                port: 2525,
                security: SmtpSecurity::None,
                username: String::new(),
                from_name: "대전모터스 \"월평\" 전시장, 김민수 실장 (중고차 상담 전문, 평일·주말 모두 상담 가능)".into(),
                from_addr: "minsu.kim@daejeon-motors.kr".into(),
                has_password: false,
            },
            None,
        )
        .unwrap();
    let long = dir.path().join("long.eml");
    store
        .save_eml(&request(&store, &seoul, Lang::Ko), &long)
        .unwrap();
    files.push(long.clone());
    let raw = std::fs::read_to_string(&draft).unwrap();
    let from_line = raw
        .lines()
        .find(|l| l.starts_with("From:"))
        .unwrap()
        .to_owned();
    assert!(
        !from_line.contains("\"=?"),
        "quoted encoded word: {from_line}"
    );
    let parsed = headers(&files);
    for (i, h) in parsed.iter().enumerate() {
        let name = h["from"]["names"][0].as_str().unwrap();
        if files[i] == long {
            // A long name takes several encoded words; Python's address
            // parser (3.11) joins adjacent encoded words of a phrase with a
            // space, where RFC 2047 6.2 says to ignore the space between them.
            let want = "대전모터스 \"월평\" 전시장, 김민수 실장 (중고차 상담 전문, 평일·주말 모두 상담 가능)";
            assert_eq!(name.replace(' ', ""), want.replace(' ', ""), "{h}");
        } else {
            assert_eq!(name, "김민수", "{h}");
        }
        assert_eq!(h["from"]["addrs"][0], "minsu.kim@daejeon-motors.kr");
        assert!(
            h["from"]["defects"].as_array().unwrap().is_empty(),
            "From defects: {h}"
        );
        assert!(
            h["to"]["defects"].as_array().unwrap().is_empty(),
            "To defects: {h}"
        );
        assert_eq!(h["to"]["names"][0], "이준혁");
        assert!(h["subject_defects"].as_array().unwrap().is_empty(), "{h}");
    }
}

#[test]
fn a_sender_address_that_came_by_sync_is_refused_too() {
    // No SMTP account: a draft is from this computer's dealer, a synced row.
    let (dir, mut store) = common::demo_store();
    let seoul = common::customer_named(&store, "이준혁").id;
    let me = store.me().unwrap().expect("the demo sets me").id;
    store
        .conn()
        .execute(
            "UPDATE users SET email = ?1 WHERE id = ?2",
            rusqlite::params!["minsu@daejeon-motors.kr\r\nBcc: spy@evil.example", me],
        )
        .unwrap();
    let draft = dir.path().join("draft.eml");
    let (field, code, message) =
        common::field_error(store.save_eml(&request(&store, &seoul, Lang::Ko), &draft));
    assert_eq!(
        (field.as_str(), code.as_str()),
        ("from_addr", "invalid_sender")
    );
    assert!(message.contains("minsu@daejeon-motors.kr"), "{message}");
    assert!(!draft.exists());
}
