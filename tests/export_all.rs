//! "Take everything with you" (issue 16 item 4): the demo team exported into
//! one folder and read back by independent readers: every photo original
//! byte-identical in a folder named for its car, names every file system
//! accepts, each `.eml` parsed by Python's email package, the `.ics` by
//! python icalendar, the spreadsheets by openpyxl, README.txt in both
//! languages; a cancelled export leaves no folder at all.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

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
    assert_eq!(report.emails + report.emails_missing, made);
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
