//! The `.ics` invitation holds whatever a dealer (or another computer) wrote
//! in a note, a lot's name or the team's name as RFC 5545 TEXT (issue 14,
//! finding 6): escaped, line breaks as `\n`, folded at 75 octets without
//! splitting a character. Read back with Python's `icalendar`.

use crate::common;

use std::path::Path;

use lotbook::calendar::{VisitInput, VisitKind};
use lotbook::Store;
use serde_json::Value;

const READ: &str = r#"
import sys, json, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
events = cal.walk('VEVENT')
print(json.dumps({
    "events": len(events),
    "timezones": [str(t['TZID']) for t in cal.walk('VTIMEZONE')],
    "description": str(events[0].get('DESCRIPTION', '')) if events else None,
    "summary": str(events[0].get('SUMMARY', '')) if events else None,
    "location": str(events[0].get('LOCATION', '')) if events else None,
    "start": events[0].decoded('DTSTART').isoformat() if events and 'DTSTART' in events[0] else None,
}, ensure_ascii=False))
"#;

fn read(file: &Path) -> Value {
    let out = std::process::Command::new("python3")
        .args(["-c", READ])
        .arg(file)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "icalendar could not read the file: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// RFC 5545 3.1: lines end in CRLF (no bare CR or LF) and are at most 75
/// octets, each a whole UTF-8 text.
fn assert_lines(ics: &[u8]) {
    for (i, &b) in ics.iter().enumerate() {
        match b {
            b'\r' => assert_eq!(ics.get(i + 1), Some(&b'\n'), "bare CR at byte {i}"),
            b'\n' => assert_eq!(
                i.checked_sub(1).map(|j| ics[j]),
                Some(b'\r'),
                "bare LF at {i}"
            ),
            _ => {}
        }
    }
    let text = std::str::from_utf8(ics).expect("UTF-8");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
}

/// The text a TEXT value is read back as: CR LF and a bare CR are line breaks.
fn normalised(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

fn book(store: &mut Store, note: &str, lot: &str) -> String {
    let customer = common::customer_named(store, "이준혁").id;
    let dealer = store.list_users().unwrap()[0].id.clone();
    store
        .save_visit(&VisitInput {
            id: None,
            kind: VisitKind::Visit,
            customer_id: Some(customer),
            user_id: Some(dealer),
            start_at: "2026-12-05T12:00:00+09:00".into(),
            minutes: 60,
            lot_ids: vec![lot.into()],
            vehicle_ids: vec![],
            note: note.into(),
            allow_overlap: true,
        })
        .unwrap()
        .id
}

#[test]
fn a_note_cannot_end_the_event_or_start_another() {
    let (dir, mut store) = common::demo_store();
    let lot = store.list_lots().unwrap()[0].clone();
    let notes = [
        "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:hacked".to_owned(),
        "x\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil\nSUMMARY:hacked\nEND:VEVENT\nBEGIN:VEVENT"
            .to_owned(),
        format!(
            "첫 줄\r둘째 줄; 쉼표, 역슬래시 \\ 끝\r\n{}\n마지막",
            "가나다라마바사아자차카타파하 ".repeat(60)
        ),
        format!("{}\r", "é🚗한".repeat(200)),
    ];
    for (i, note) in notes.iter().enumerate() {
        let id = book(&mut store, note, &lot.id);
        let ics = store.visit_ics(&id).unwrap();
        let file = dir.path().join(format!("visit-{i}.ics"));
        std::fs::write(&file, &ics).unwrap();
        let got = read(&file);
        assert_eq!(got["events"], 1, "note {i}: {ics}");
        assert_eq!(got["timezones"], serde_json::json!(["Asia/Seoul"]));
        assert_eq!(
            got["description"].as_str().unwrap(),
            normalised(note).trim(),
            "note {i}"
        );
        assert_eq!(got["start"], "2026-12-05T12:00:00+09:00");
        assert_lines(ics.as_bytes());
    }
}

#[test]
fn names_that_came_by_sync_stay_inside_their_own_field() {
    let (dir, mut store) = common::demo_store();
    let lot = store.list_lots().unwrap()[0].clone();
    // Written as a change from another computer would be: no form.
    let name = "월평동;\r\nEND:VEVENT\r\nBEGIN:VEVENT";
    let address = format!(
        "대전 서구 월평동 285-3, 2층; \"A\"동\r{}",
        "한밭대로 큰길가 주유소 옆 ".repeat(20)
    );
    store
        .conn()
        .execute(
            "UPDATE lots SET name = ?1, address = ?2 WHERE id = ?3",
            rusqlite::params![name, address, lot.id],
        )
        .unwrap();
    let team = "대전모터스\r\nBEGIN:VALARM\r\nTRIGGER:-PT1M";
    store
        .set_setting(lotbook::mail::TEAM_NAME_KEY, team)
        .unwrap();
    let id = book(&mut store, "", &lot.id);
    let ics = store.visit_ics(&id).unwrap();
    let file = dir.path().join("visit.ics");
    std::fs::write(&file, &ics).unwrap();
    let got = read(&file);
    assert_eq!(got["events"], 1, "{ics}");
    assert!(!ics.contains("\r\nBEGIN:VALARM"), "{ics}");
    assert_eq!(
        got["location"].as_str().unwrap(),
        normalised(&format!("{name} ({address})"))
    );
    assert!(
        got["summary"]
            .as_str()
            .unwrap()
            .starts_with(&normalised(team)),
        "{got}"
    );
    assert_lines(ics.as_bytes());
}
