//! Photo import as a door (issue 14, finding 9): whatever sits in a folder
//! a dealer drags in (a FIFO named `.jpg`, a link to a device, a link loop,
//! folders nested without end) is reported by name and never hangs, loops
//! or stops the rest of the batch.
#![cfg(unix)]

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use lotbook::photos::{ImportResult, ImportSummary};
use lotbook::Store;

fn photo(n: u32) -> PathBuf {
    common::test_photos().join(format!("orientation/landscape_{n}.jpg"))
}

fn car(store: &mut Store) -> String {
    let lot = common::lot(store, "월평동");
    store
        .save_vehicle(&common::vehicle(&lot, "SM520"))
        .unwrap()
        .id
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Far beyond what importing a few small photos takes (under a few seconds
/// in a debug build); only a hung import gets near it. Not a speed check.
const DEADLINE: Duration = Duration::from_secs(120);

/// `lotbook --json photos import` as a child process; killed and failed if it
/// has not finished by the deadline, so a hang cannot stall CI.
fn cli_import(data: &Path, vehicle: &str, paths: &[PathBuf]) -> serde_json::Value {
    let out_path = data.join("import-stdout.json");
    let err_path = data.join("import-stderr.txt");
    let mut child = Command::new(env!("CARGO_BIN_EXE_lotbook"))
        .arg("--data-dir")
        .arg(data)
        .args(["--json", "photos", "import", "--vehicle", vehicle])
        .args(paths)
        .env_remove("LOTBOOK_DATA_DIR")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("spawn lotbook");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "the import did not finish within {DEADLINE:?}: it hangs (killed)\nstderr: {}",
                std::fs::read_to_string(&err_path).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    assert!(status.success(), "import failed: {stderr}");
    serde_json::from_slice(&std::fs::read(&out_path).unwrap()).expect("summary json")
}

/// (file name of the path, kind, code, message) of each item.
fn items(summary: &serde_json::Value) -> Vec<(String, String, String, String)> {
    summary["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            let path = PathBuf::from(i["path"].as_str().unwrap());
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                i["result"]["kind"].as_str().unwrap().to_owned(),
                i["result"]["code"].as_str().unwrap_or("").to_owned(),
                i["result"]["message"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

/// A store with one car, closed again so the CLI can open it.
fn data_dir_with_a_car() -> (tempfile::TempDir, String) {
    let (dir, mut store) = common::store();
    let v = car(&mut store);
    drop(store);
    (dir, v)
}

fn assert_fifo_refused(item: &(String, String, String, String)) {
    let (name, kind, code, message) = item;
    assert_eq!((name.as_str(), kind.as_str()), ("x.jpg", "refused"));
    assert_eq!(code, "unreadable", "{message}");
    assert!(message.starts_with("x.jpg: "), "names the file: {message}");
    assert!(
        message.contains("named pipe (FIFO)"),
        "says what it is: {message}"
    );
}

#[test]
fn a_fifo_named_jpg_in_a_folder_is_reported_and_the_rest_imports() {
    let (dir, v) = data_dir_with_a_car();
    let card = dir.path().join("card");
    std::fs::create_dir(&card).unwrap();
    std::fs::copy(photo(1), card.join("a.jpg")).unwrap();
    mkfifo(&card.join("x.jpg"));
    std::fs::copy(photo(2), card.join("z.jpg")).unwrap();

    let summary = cli_import(dir.path(), &v, &[card]);
    let items = items(&summary);
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(items[0].1, "imported", "{items:?}");
    assert_fifo_refused(&items[1]);
    assert_eq!(items[2].1, "imported", "{items:?}");
    assert_eq!(summary["progress"]["imported"], 2);
    assert_eq!(summary["progress"]["refused"], 1);
}

#[test]
fn a_fifo_named_directly_is_reported_and_the_rest_imports() {
    let (dir, v) = data_dir_with_a_car();
    let fifo = dir.path().join("x.jpg");
    mkfifo(&fifo);

    let summary = cli_import(dir.path(), &v, &[photo(1), fifo, photo(2)]);
    let items = items(&summary);
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(items[0].1, "imported", "{items:?}");
    assert_fifo_refused(&items[1]);
    assert_eq!(items[2].1, "imported", "{items:?}");
}

fn import(store: &mut Store, vehicle: &str, paths: &[PathBuf]) -> ImportSummary {
    store
        .import_photos(vehicle, paths, &AtomicBool::new(false), |_| {})
        .unwrap()
}

/// (path relative to `root`, code or "imported"/"duplicate", message).
fn outcomes(s: &ImportSummary, root: &Path) -> Vec<(String, String, String)> {
    s.items
        .iter()
        .map(|i| {
            let path = Path::new(&i.path);
            let rel = path
                .strip_prefix(root)
                .unwrap_or(path)
                .display()
                .to_string();
            match &i.result {
                ImportResult::Imported { .. } => (rel, "imported".into(), String::new()),
                ImportResult::Duplicate { .. } => (rel, "duplicate".into(), String::new()),
                ImportResult::Refused { code, message } => (rel, code.clone(), message.clone()),
            }
        })
        .collect()
}

#[test]
fn links_to_devices_are_refused_and_links_to_photos_imported() {
    let (dir, mut store) = common::store();
    let v = car(&mut store);
    let card = dir.path().join("card");
    std::fs::create_dir(&card).unwrap();
    std::os::unix::fs::symlink("/dev/null", card.join("null.jpg")).unwrap();
    std::os::unix::fs::symlink(photo(3), card.join("linked.jpg")).unwrap();

    let s = import(&mut store, &v, std::slice::from_ref(&card));
    let got = outcomes(&s, &card);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].0, "linked.jpg");
    assert_eq!(got[0].1, "imported", "{got:?}");
    let (path, code, message) = &got[1];
    assert_eq!(
        (path.as_str(), code.as_str()),
        ("null.jpg", "unreadable"),
        "{message}"
    );
    assert!(message.starts_with("null.jpg: is a device"), "{message}");
}

#[test]
fn a_link_loop_is_reported_once_and_not_followed() {
    let (dir, mut store) = common::store();
    let v = car(&mut store);
    let shared = dir.path().join("shared");
    let a = shared.join("a");
    std::fs::create_dir_all(&a).unwrap();
    std::fs::copy(photo(1), a.join("img.jpg")).unwrap();
    // a/b -> a: a walk that follows it sees a/b/img.jpg, a/b/b/img.jpg, …
    std::os::unix::fs::symlink(&a, a.join("b")).unwrap();
    // A second way into a folder already walked is not walked again.
    std::os::unix::fs::symlink(&a, shared.join("c")).unwrap();

    let s = import(&mut store, &v, std::slice::from_ref(&shared));
    let got = outcomes(&s, &shared);
    assert_eq!(got.len(), 3, "{got:#?}");
    assert_eq!(
        (got[0].0.as_str(), got[0].1.as_str()),
        ("a/b", "unreadable")
    );
    assert!(
        got[0]
            .2
            .starts_with("shared/a/b: is a link back to shared/a")
            && got[0].2.contains("loop"),
        "{}",
        got[0].2
    );
    assert_eq!(
        (got[1].0.as_str(), got[1].1.as_str()),
        ("a/img.jpg", "imported")
    );
    assert_eq!((got[2].0.as_str(), got[2].1.as_str()), ("c", "unreadable"));
    assert!(
        got[2]
            .2
            .starts_with("shared/c: is the same folder as shared/a"),
        "{}",
        got[2].2
    );
    assert_eq!(store.list_photos(&v).unwrap().len(), 1);
}

#[test]
fn a_link_out_of_the_folder_is_reported_not_walked() {
    let (dir, mut store) = common::store();
    let v = car(&mut store);
    let private = dir.path().join("private");
    std::fs::create_dir(&private).unwrap();
    std::fs::copy(photo(4), private.join("passport.jpg")).unwrap();
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::copy(photo(5), shared.join("car.jpg")).unwrap();
    // A colleague's link to somewhere else on this computer (or to `/`).
    std::os::unix::fs::symlink(&private, shared.join("docs")).unwrap();
    std::os::unix::fs::symlink("/", shared.join("everything")).unwrap();

    let s = import(&mut store, &v, std::slice::from_ref(&shared));
    let got = outcomes(&s, &shared);
    assert_eq!(got.len(), 3, "{got:#?}");
    assert_eq!(
        (got[0].0.as_str(), got[0].1.as_str()),
        ("car.jpg", "imported")
    );
    let (path, code, message) = &got[1];
    assert_eq!((path.as_str(), code.as_str()), ("docs", "unreadable"));
    assert!(
        message.starts_with("shared/docs: is a link to a folder outside"),
        "{message}"
    );
    // `/` holds the folder itself: a loop, reported as one.
    let (path, code, message) = &got[2];
    assert_eq!((path.as_str(), code.as_str()), ("everything", "unreadable"));
    assert!(
        message
            .starts_with("shared/everything: is a link back to /, a folder it is inside (a loop)"),
        "{message}"
    );
    assert_eq!(store.list_photos(&v).unwrap().len(), 1);
}

#[test]
fn folders_nested_without_end_are_cut_off_with_a_message() {
    let (dir, mut store) = common::store();
    let v = car(&mut store);
    let root = dir.path().join("archive");
    let mut deep = root.clone();
    for level in 1..=lotbook::photos::walk::MAX_DEPTH + 3 {
        deep = deep.join(format!("d{level}"));
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::copy(photo(1 + level as u32 % 8), deep.join("p.jpg")).unwrap();
    }

    let s = import(&mut store, &v, std::slice::from_ref(&root));
    let got = outcomes(&s, &root);
    let max = lotbook::photos::walk::MAX_DEPTH;
    // A photo in each of the MAX_DEPTH folders, and the next folder once.
    assert_eq!(got.len(), max + 1, "{got:#?}");
    let (cut, photos): (Vec<_>, Vec<_>) = got.iter().partition(|(_, c, _)| c == "unreadable");
    assert!(photos
        .iter()
        .all(|(_, c, _)| c == "imported" || c == "duplicate"));
    let [(path, _, message)] = cut.as_slice() else {
        panic!("one folder cut off: {got:#?}")
    };
    assert_eq!(path.matches('/').count(), max, "{path}");
    assert!(
        message.contains(&format!("more than {max} folders deep")),
        "{message}"
    );
}
