//! A photo import killed mid-batch (SIGKILL, no chance to clean up) leaves a
//! consistent store: every photo row has its file, and the next start clears
//! the unfinished temporary files.

use crate::common;

use common::lotbook;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = lotbook(dir, &all);
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stderr)))
}

fn photo_rows(db: &Path) -> i64 {
    let Ok(conn) =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return 0;
    };
    conn.query_row("SELECT count(*) FROM photos", [], |r| r.get(0))
        .unwrap_or(0)
}

#[test]
fn killed_import_leaves_a_consistent_store() {
    let tmp = tempfile::TempDir::new().unwrap();
    let data = tmp.path().join("data");
    let vehicles = {
        assert!(lotbook(&data, &["demo", "--no-photos"]).status.success());
        json(&data, &["vehicles", "list", "--limit", "1"])
    };
    let vehicle = vehicles["items"][0]["id"].as_str().unwrap().to_owned();

    // 40 distinct 8 MP photos: the same JPEG with different bytes after its end.
    let card = tmp.path().join("DCIM");
    std::fs::create_dir(&card).unwrap();
    let jolla = std::fs::read(common::test_photos().join("mobile/jolla.jpg")).unwrap();
    for i in 0..40u32 {
        let mut bytes = jolla.clone();
        bytes.extend_from_slice(&i.to_le_bytes());
        std::fs::write(card.join(format!("IMG_{i:04}.JPG")), bytes).unwrap();
    }

    let mut child = Command::new(env!("CARGO_BIN_EXE_lotbook"))
        .arg("--data-dir")
        .arg(&data)
        .args(["photos", "import", "--vehicle", &vehicle])
        .arg(&card)
        .env_remove("LOTBOOK_DATA_DIR")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let db = data.join(lotbook::db::DB_FILE);
    let deadline = Instant::now() + Duration::from_secs(120);
    while photo_rows(&db) < 3 {
        assert!(Instant::now() < deadline, "the import never got going");
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended before it was killed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    let imported = photo_rows(&db);
    assert!(imported < 40, "killed mid-batch ({imported} rows)");
    let report = json(&data, &["check"]);
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["photos"], imported);

    // Next start: unfinished writes are gone, and the rows are all intact.
    let list = json(&data, &["photos", "list", "--vehicle", &vehicle]);
    assert_eq!(list.as_array().unwrap().len() as i64, imported);
    let report = json(&data, &["check"]);
    assert_eq!(report["temp_files"], 0, "{report}");
    assert_eq!(report["ok"], true, "{report}");

    // Importing the card again finishes the job: nothing is lost or doubled.
    let summary = json(
        &data,
        &[
            "photos",
            "import",
            "--vehicle",
            &vehicle,
            card.to_str().unwrap(),
        ],
    );
    assert_eq!(summary["progress"]["duplicates"], imported);
    assert_eq!(summary["progress"]["imported"], 40 - imported);
}
