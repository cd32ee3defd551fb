//! "Take everything with you" (issue 16 item 4): the demo team exported into
//! one folder and read back by independent readers: every photo original
//! byte-identical in a folder named for its car, names every file system
//! accepts, each `.eml` parsed by Python's email package, the `.ics` by
//! python icalendar, the spreadsheets by openpyxl, README.txt in both
//! languages; a cancelled export leaves no folder at all.

use crate::common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

use lotbook::condition::Lang;
use lotbook::export::all::{layout, ExportAllControl, ExportAllProgress};
use lotbook::Store;
use serde_json::Value;

fn python(script: &str, arg: &Path) -> Value {
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(arg)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json from python")
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    out.sort();
    out
}

/// Every name under `root` is one Windows and macOS accept, and no two in
/// one folder differ only in case.
fn assert_names_safe(root: &Path) {
    let mut seen = HashSet::new();
    for path in files_in(root) {
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        assert!(
            !name
                .chars()
                .any(|c| r#"/\:*?"<>|"#.contains(c) || c.is_control()),
            "{name:?}"
        );
        assert!(!name.ends_with('.') && !name.ends_with(' '), "{name:?}");
        assert!(!name.starts_with('.'), "hidden {name:?}");
        let stem = name
            .split('.')
            .next()
            .unwrap()
            .trim_end()
            .to_ascii_uppercase();
        assert!(
            !["CON", "PRN", "AUX", "NUL", "COM1", "LPT1"].contains(&stem.as_str()),
            "{name:?}"
        );
        assert!(seen.insert(name.to_lowercase()), "duplicate {name:?}");
        if path.is_dir() {
            assert_names_safe(&path);
        }
    }
}

fn count(store: &Store, sql: &str) -> u32 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

const EML: &str = r#"
import sys, os, json, email
from email import policy
out = []
for root, _, files in os.walk(sys.argv[1]):
    for f in sorted(files):
        m = email.message_from_bytes(open(os.path.join(root, f), 'rb').read(), policy=policy.default)
        body = m.get_body(preferencelist=('plain', 'html'))
        out.append({"file": f, "subject": str(m['subject'] or ''), "to": str(m['to'] or ''),
                    "defects": [str(d) for d in m.defects], "body": bool(body and body.get_content().strip())})
print(json.dumps(out, ensure_ascii=False))
"#;

const ICS: &str = r#"
import sys, json, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
ev = cal.walk('VEVENT')
print(json.dumps({"events": len(ev), "uids": [str(e['UID']) for e in ev],
  "summaries": [str(e['SUMMARY']) for e in ev],
  "tz": [str(t['TZID']) for t in cal.walk('VTIMEZONE')]}, ensure_ascii=False))
"#;

const SHEETS: &str = r#"
import sys, os, json, csv, openpyxl
out = {}
for f in sorted(os.listdir(sys.argv[1])):
    p = os.path.join(sys.argv[1], f)
    if f.endswith('.xlsx'):
        ws = openpyxl.load_workbook(p).worksheets[0]
        out[f] = {"rows": ws.max_row - 1, "header": [c.value for c in ws[1]], "freeze": ws.freeze_panes}
    else:
        raw = open(p, 'rb').read()
        assert raw.startswith(b'\xef\xbb\xbf'), f
        rows = list(csv.reader(raw[3:].decode('utf-8').splitlines()))
        out[f] = {"rows": len(rows) - 1, "header": rows[0]}
print(json.dumps(out, ensure_ascii=False))
"#;

#[test]
fn the_demo_team_taken_out_in_open_formats() {
    let (_data, mut store) = common::demo_store();
    lotbook::demo::fill_photos(&mut store).expect("demo photos");
    let parent = tempfile::TempDir::new().unwrap();
    let dir = parent.path().join("가져가기");
    let mut steps = Vec::new();
    let mut progress = |p: &ExportAllProgress| steps.push(p.clone());
    let report = store
        .export_all_to(
            &dir,
            ExportAllControl {
                cancel: None,
                progress: Some(&mut progress),
                lang: Lang::Ko,
            },
        )
        .expect("export all");
    assert_eq!(report.path, dir.display().to_string());
    // Only the finished folder: no partial one beside it.
    assert_eq!(files_in(parent.path()), vec![dir.clone()]);
    assert!(steps.len() > 10, "progress heard {} times", steps.len());
    assert!(steps.iter().all(|p| p.done <= p.total));

    // Photos: every car's gallery, in order, byte-identical to the originals.
    let photos_dir = dir.join(layout::PHOTOS);
    let all_photos = count(&store, "SELECT count(*) FROM photos");
    assert!(all_photos > 40, "{all_photos}");
    assert_eq!(report.photos, all_photos);
    assert_eq!(report.photos_missing, 0);
    let ids: Vec<String> = store
        .conn()
        .prepare("SELECT id FROM vehicles")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut folders_used = HashSet::new();
    let mut copied = 0;
    for id in &ids {
        let v = store.get_vehicle(id).unwrap();
        let photos = store.list_photos(id).unwrap();
        if photos.is_empty() {
            continue;
        }
        let want: Vec<[u8; 32]> = photos
            .iter()
            .map(|p| {
                let path = store.photos().original_path(&p.hash, p.format).unwrap();
                *blake3::hash(&std::fs::read(path).unwrap()).as_bytes()
            })
            .collect();
        let base = format!("{} {} {}", v.plate, v.make, v.model);
        // The car's folder: its name, or its name with (2) … when two cars share it.
        let found = files_in(&photos_dir).into_iter().find(|f| {
            let name = f.file_name().unwrap().to_str().unwrap();
            (name == base || name.starts_with(&format!("{base} (")))
                && !folders_used.contains(f)
                && files_in(f)
                    .iter()
                    .map(|p| *blake3::hash(&std::fs::read(p).unwrap()).as_bytes())
                    .collect::<Vec<_>>()
                    == want
        });
        let found = found.unwrap_or_else(|| panic!("no folder with the photos of {base}"));
        let first = files_in(&found)[0].clone();
        assert!(
            first
                .file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("01"),
            "{first:?}"
        );
        folders_used.insert(found);
        copied += photos.len() as u32;
    }
    assert_eq!(copied, all_photos);
    assert_names_safe(&dir);

    // Condition reports: the print page (with its diagram inline) and the SVG.
    let reports = count(&store, "SELECT count(*) FROM condition_reports");
    assert!(reports > 0);
    assert_eq!(report.condition_reports, reports);
    let (mut html, mut svg) = (0, 0);
    for car in files_in(&dir.join(layout::CONDITION)) {
        for f in files_in(&car) {
            let text = std::fs::read_to_string(&f).unwrap();
            match f.extension().and_then(|e| e.to_str()) {
                Some("html") => {
                    html += 1;
                    assert!(text.contains("성능·상태 점검 기록") && text.contains("<svg"));
                    assert!(text.contains("주요 장치") && text.contains("점검자"));
                }
                Some("svg") => {
                    svg += 1;
                    assert!(text.trim_start().starts_with("<svg"), "{f:?}");
                }
                other => panic!("unexpected {other:?}"),
            }
        }
    }
    assert_eq!((html, svg), (reports, reports));

    // Emails: each one made that is on this computer, parsed by Python.
    let made = count(&store, "SELECT count(*) FROM mail_sends");
    assert!(report.emails > 0);
    assert_eq!(
        report.emails + report.emails_not_kept + report.emails_missing,
        made
    );
    assert_eq!(
        report.emails_missing, 0,
        "nothing this computer kept is gone"
    );
    let emails = python(EML, &dir.join(layout::EMAILS));
    let emails = emails.as_array().unwrap();
    assert_eq!(emails.len() as u32, report.emails);
    for m in emails {
        assert_eq!(m["defects"], serde_json::json!([]), "{m}");
        assert!(m["body"].as_bool().unwrap(), "{m}");
        assert!(!m["subject"].as_str().unwrap().is_empty(), "{m}");
        assert!(m["file"].as_str().unwrap().ends_with(".eml"));
    }

    // Visits: one calendar with every booking.
    let visits = count(&store, "SELECT count(*) FROM visits");
    assert!(visits > 0);
    assert_eq!(report.visits, visits);
    let ics = python(ICS, &dir.join(layout::CALENDAR));
    assert_eq!(ics["events"], visits);
    assert_eq!(ics["tz"], serde_json::json!(["Asia/Seoul"]));
    assert!(ics["summaries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s.as_str().unwrap().starts_with("방문: ")));

    // Spreadsheets: every kind both ways, as many rows as the store holds.
    let sheets = python(SHEETS, &dir.join(layout::SHEETS));
    let sheets = sheets.as_object().unwrap();
    assert_eq!(sheets.len(), 10, "{sheets:?}");
    let vehicles = count(&store, "SELECT count(*) FROM vehicles");
    let customers = count(&store, "SELECT count(*) FROM customers");
    assert_eq!((report.vehicles, report.customers), (vehicles, customers));
    for ext in ["xlsx", "csv"] {
        assert_eq!(sheets[&format!("차량 vehicles.{ext}")]["rows"], vehicles);
        assert_eq!(sheets[&format!("고객 customers.{ext}")]["rows"], customers);
    }
    assert_eq!(sheets["차량 vehicles.xlsx"]["freeze"], "A2");
    assert_eq!(
        sheets["고객 customers.xlsx"]["header"],
        sheets["고객 customers.csv"]["header"]
    );

    // README.txt in Korean and English, naming each folder.
    let readme = std::fs::read_to_string(dir.join(layout::README)).unwrap();
    assert!(readme.contains("[한국어]") && readme.contains("[English]"));
    assert!(readme.contains("이 폴더에는") && readme.contains("This folder holds"));
    for name in [
        layout::SHEETS,
        layout::PHOTOS,
        layout::CONDITION,
        layout::EMAILS,
        layout::CALENDAR,
    ] {
        assert_eq!(readme.matches(name).count(), 2, "{name}");
    }
    assert!(readme.contains(&format!("사진 {all_photos}장")));
    assert!(!readme.replace("\r\n", "").contains('\n'), "CRLF lines");

    // The same folder again is refused by name; nothing is touched.
    let again = store.export_all_to(&dir, ExportAllControl::default());
    let message = again.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message.contains("가져가기") && message.contains("not empty"),
        "{message}"
    );
}

#[test]
fn a_cancelled_export_leaves_no_folder() {
    let (_data, mut store) = common::demo_store();
    lotbook::demo::fill_photos(&mut store).expect("demo photos");
    let parent = tempfile::TempDir::new().unwrap();
    let cancel = AtomicBool::new(false);
    // Cancelled half-way through the photos.
    let mut progress = |p: &ExportAllProgress| {
        if p.step == lotbook::export::all::ExportStep::Photos && p.done >= 20 {
            cancel.store(true, Ordering::Relaxed);
        }
    };
    let r = store.export_all_into(
        parent.path(),
        ExportAllControl {
            cancel: Some(&cancel),
            progress: Some(&mut progress),
            lang: Lang::Ko,
        },
    );
    assert!(matches!(r, Err(lotbook::Error::Cancelled)), "{r:?}");
    assert_eq!(files_in(parent.path()), Vec::<PathBuf>::new());

    // Into the same parent afterwards: a dated folder, whole.
    let r = store
        .export_all_into(parent.path(), ExportAllControl::default())
        .expect("export");
    let made = files_in(parent.path());
    assert_eq!(made.len(), 1);
    assert_eq!(r.path, made[0].display().to_string());
    let name = made[0].file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("Lotbook 내보내기 "), "{name}");
    assert!(made[0].join(layout::README).is_file());
}

#[test]
fn a_car_named_with_forbidden_characters_gets_a_safe_unique_folder() {
    let (_data, mut store) = common::store();
    let lot = common::lot(&mut store, "월평동");
    let mut ids = Vec::new();
    // One with a plate, two without (named by make, model and year alike).
    for plate in ["CON", "", ""] {
        let mut v = common::vehicle(&lot, "SM5/SM7:*?");
        v.plate = plate.into();
        v.make = "르노<삼성>".into();
        ids.push(store.save_vehicle(&v).unwrap().id);
    }
    for id in &ids {
        store.save_condition(&common::condition_report(id)).unwrap();
    }
    let parent = tempfile::TempDir::new().unwrap();
    let dir = parent.path().join("out");
    let r = store
        .export_all_to(&dir, ExportAllControl::default())
        .expect("export");
    assert_eq!(r.condition_reports, 3);
    let names: Vec<String> = files_in(&dir.join(layout::CONDITION))
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        names,
        vec![
            "CON 르노_삼성_ SM5_SM7___",
            "르노_삼성_ SM5_SM7___ 2003",
            "르노_삼성_ SM5_SM7___ 2003 (2)"
        ]
    );
    assert_names_safe(&dir);
    let car = dir.join(layout::CONDITION).join(&names[0]);
    let files: Vec<String> = files_in(&car)
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap().to_owned())
        .collect();
    assert_eq!(files, vec!["2026-11-20 점검.html", "2026-11-20 점검.svg"]);
    // What a dealer typed is text on the page, never markup.
    let page = std::fs::read_to_string(car.join("2026-11-20 점검.html")).unwrap();
    assert!(page.contains("르노&lt;삼성&gt;"));
}

#[test]
fn cli_export_all_prints_one_line_and_refuses_a_used_folder() {
    let data = tempfile::TempDir::new().unwrap();
    let o = common::lotbook(data.path(), &["demo", "--no-photos"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = tempfile::TempDir::new().unwrap();
    let dir = out.path().join("everything");
    let o = common::lotbook(data.path(), &["export-all", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.starts_with("Exported everything to "), "{text}");
    assert!(dir.join(layout::README).is_file());

    let o = common::lotbook(data.path(), &["export-all", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("lotbook: ") && err.contains("not empty"),
        "{err}"
    );

    let o = common::lotbook(data.path(), &["export-all"]);
    assert_eq!(o.status.code(), Some(2));

    let o = common::lotbook(
        data.path(),
        &[
            "--json",
            "export-all",
            out.path().join("j").to_str().unwrap(),
        ],
    );
    assert!(o.status.success());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["photos"], 0);
    assert!(v["vehicles"].as_u64().unwrap() > 0);
}

/// Inserts a copy of the history row `from` as an email the SMTP outbox made.
fn smtp_copy(store: &Store, from: &str, subject: &str) -> String {
    let id = lotbook::db::new_id();
    store
        .conn()
        .execute(
            "INSERT INTO mail_sends (id, customer_id, shortlist_id, output, state, to_addr, subject,
                                     lang, contents, bytes, message_id, detail, user_id,
                                     created_at, updated_at)
             SELECT ?1, customer_id, shortlist_id, 'smtp', 'sent', to_addr, ?2, lang, contents,
                    bytes, message_id, '', user_id, created_at, updated_at
               FROM mail_sends WHERE id = ?3",
            rusqlite::params![id, subject, from],
        )
        .unwrap();
    id
}

#[test]
fn emails_never_kept_as_files_are_listed_with_why_not_counted_missing() {
    let (data, mut store) = common::store();
    let car = common::car(&mut store);
    let customer = common::customer(&mut store, "이준혁", "junhyuk@example.com");
    let req = common::compose_request(
        &customer,
        &[car],
        Lang::Ko,
        lotbook::mail::Budget::preset(lotbook::mail::BudgetPreset::Gmail),
    );
    let drafts = tempfile::TempDir::new().unwrap();
    // A draft whose file is still there: taken as it is.
    let (kept, _) = store
        .save_eml(&req, &drafts.path().join("kept.eml"))
        .unwrap();
    // A draft whose file the dealer moved away since.
    let gone_draft = drafts.path().join("moved.eml");
    store.save_eml(&req, &gone_draft).unwrap();
    std::fs::remove_file(&gone_draft).unwrap();
    // A folder for a messenger: never an email file.
    let (folder_send, folder, _) = store.export_shortlist(&req, drafts.path()).unwrap();
    assert!(folder.is_dir());
    // Sent by a colleague's computer (synced history row, no outbox row here).
    smtp_copy(&store, &kept.id, "다른 컴퓨터에서 보낸 메일");
    // Queued here, its file since lost (e.g. a restored backup: records only).
    let lost = smtp_copy(&store, &kept.id, "파일이 없어진 메일");
    store
        .conn()
        .execute(
            "INSERT INTO outbox (id, file, to_addr, subject, state, next_attempt_at, queued_at)
             VALUES (?1, ?2, 'junhyuk@example.com', 's', 'sent', '2026-12-01T00:00:00.000Z',
                     '2026-12-01T00:00:00.000Z')",
            rusqlite::params![lost, format!("mail/outbox/{lost}.eml")],
        )
        .unwrap();

    let parent = tempfile::TempDir::new().unwrap();
    let dir = parent.path().join("out");
    let r = store
        .export_all_to(&dir, ExportAllControl::default())
        .expect("export");
    assert_eq!(r.emails, 1, "{r:?}");
    assert_eq!(r.emails_not_kept, 3, "{r:?}");
    assert_eq!(
        r.emails_missing, 1,
        "only the file this computer had: {r:?}"
    );
    let readme = std::fs::read_to_string(dir.join(layout::README)).unwrap();
    let ko = &readme[..readme.find("[English]").unwrap()];
    let en = &readme[readme.find("[English]").unwrap()..];
    assert!(
        ko.contains("아래 메일 4통은 메일 파일이 없어 넣지 못했습니다"),
        "{ko}"
    );
    assert!(ko.contains("메신저용 폴더로 만든 것이라") && ko.contains(folder_send.detail.as_str()));
    assert!(ko.contains(gone_draft.to_str().unwrap()));
    assert!(ko.contains("다른 컴퓨터에서 보낸 메일") && ko.contains("그 컴퓨터에 있습니다"));
    assert!(ko.contains("파일이 없어진 메일") && ko.contains("백업에는 기록만 있고"));
    assert!(en.contains("These 4 emails are not here"), "{en}");
    assert!(en.contains("made as a folder for a messenger"));
    assert!(en.contains("saved as a draft file that is not there now"));
    assert!(en.contains("sent (or to be sent) by another computer"));
    assert!(en.contains("this computer's file of it is gone"));
    assert!(
        !en.contains("메신저용"),
        "no Korean reasons in the English part"
    );
    drop(data);
}

#[test]
fn condition_pages_are_written_in_the_language_asked_and_as_honest_as_the_app() {
    let (_data, mut store) = common::store();
    let car = common::car(&mut store);
    let mut input = common::condition_report(&car);
    input.flood = lotbook::condition::Flood::Partial;
    input.use_history = lotbook::condition::UseHistory::Rental;
    store.save_condition(&input).unwrap();
    for (lang, folder) in [(Lang::En, "en"), (Lang::Ko, "ko")] {
        let parent = tempfile::TempDir::new().unwrap();
        let dir = parent.path().join(folder);
        store
            .export_all_to(
                &dir,
                ExportAllControl {
                    lang,
                    ..Default::default()
                },
            )
            .expect("export");
        let car_dir = &files_in(&dir.join(layout::CONDITION))[0];
        let files: Vec<String> = files_in(car_dir)
            .iter()
            .map(|p| p.file_name().unwrap().to_str().unwrap().to_owned())
            .collect();
        let stem = match lang {
            Lang::En => "2026-11-20 inspection",
            Lang::Ko => "2026-11-20 점검",
        };
        assert_eq!(files, vec![format!("{stem}.html"), format!("{stem}.svg")]);
        let page = std::fs::read_to_string(car_dir.join(format!("{stem}.html"))).unwrap();
        match lang {
            Lang::En => {
                assert!(page.contains("<html lang=\"en\">"));
                for words in [
                    "Used car condition report",
                    // The verdict (an exchanged outer panel is no accident)
                    // and every history finding, as the app's badges.
                    "<p class=\"summary\">No accident · ",
                    "Flood history (partial)",
                    "Former rental car",
                    "1 item needs attention",
                    "Needs attention",
                    "Engine",
                    "Not checked",
                    "Marked panels",
                    "Inspector: 김민수",
                    "does not replace the statutory inspection record",
                ] {
                    assert!(page.contains(words), "{words} missing");
                }
                // No fixed Korean word: only what the dealer typed is Korean.
                for korean in [
                    "성능·상태",
                    "미점검",
                    "점검자",
                    "주요 장치",
                    "무사고",
                    "침수",
                ] {
                    assert!(!page.contains(korean), "{korean} in the English page");
                }
            }
            Lang::Ko => {
                assert!(page.contains("<html lang=\"ko\">"));
                for words in [
                    "중고자동차 성능·상태 점검 기록",
                    "<p class=\"summary\">무사고 · ",
                    "침수 이력 (일부)",
                    "렌트 사용 이력",
                    "점검 필요 1",
                    "미점검",
                    "점검자: 김민수",
                ] {
                    assert!(page.contains(words), "{words} missing");
                }
                assert!(!page.contains("Not checked") && !page.contains("Inspector"));
            }
        }
    }
}

#[test]
fn cli_export_all_takes_the_language_from_lang_or_the_environment() {
    let data = tempfile::TempDir::new().unwrap();
    let o = common::lotbook(data.path(), &["demo", "--no-photos"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = tempfile::TempDir::new().unwrap();
    let pages = |dir: &Path| -> String {
        let mut all = String::new();
        for car in files_in(&dir.join(layout::CONDITION)) {
            for f in files_in(&car) {
                if f.extension().is_some_and(|e| e == "html") {
                    all.push_str(&std::fs::read_to_string(&f).unwrap());
                }
            }
        }
        all
    };
    let en = out.path().join("en");
    let o = common::lotbook(
        data.path(),
        &["export-all", en.to_str().unwrap(), "--lang", "en"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(pages(&en).contains("Used car condition report"));
    assert!(!pages(&en).contains("중고자동차 성능·상태 점검 기록"));

    let from_env = out.path().join("env");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_lotbook"))
        .args(["--data-dir", data.path().to_str().unwrap()])
        .args(["export-all", from_env.to_str().unwrap()])
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(pages(&from_env).contains("Used car condition report"));

    let bad = common::lotbook(
        data.path(),
        &[
            "export-all",
            out.path().join("x").to_str().unwrap(),
            "--lang",
            "fr",
        ],
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--lang must be ko or en"));
}
