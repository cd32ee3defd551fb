//! Backups, restore and the integrity check.

use crate::common;

use chrono::{TimeZone, Utc};
use lotbook::backup;
use lotbook::db::DB_FILE;
use lotbook::inventory::VehicleQuery;
use lotbook::Store;

#[test]
fn backup_then_restore_brings_the_data_back() {
    let (dir, mut store) = common::demo_store();
    let info = backup::backup_now(&store).unwrap();
    assert!(!info.automatic && info.bytes > 0);
    let before = store.list_vehicles(&VehicleQuery::default()).unwrap().total;
    let old_device = store.device_id().to_owned();
    let victim = store.list_vehicles(&VehicleQuery::default()).unwrap().items[0]
        .id
        .clone();
    store.delete_vehicle(&victim).unwrap();
    drop(store);

    let safety = backup::restore(dir.path(), std::path::Path::new(&info.path))
        .unwrap()
        .expect("the database it replaced was saved");
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        store.list_vehicles(&VehicleQuery::default()).unwrap().total,
        before
    );
    assert!(store.get_vehicle(&victim).is_ok());
    assert_ne!(
        store.device_id(),
        old_device,
        "a restored database is a new device incarnation"
    );
    // The state just before the restore was kept.
    let pre = backup::check(&std::path::Path::new(&safety.path).join(backup::DB_COPY)).unwrap();
    assert!(pre.ok && pre.vehicles as u32 == before - 1, "{pre:?}");
}

#[test]
fn restore_refuses_a_damaged_file_and_keeps_the_data() {
    let (dir, store) = common::demo_store();
    let total = store.list_vehicles(&VehicleQuery::default()).unwrap().total;
    drop(store);
    let bad = dir.path().join("not-a-backup.sqlite3");
    std::fs::write(&bad, b"hello, I am not a database").unwrap();
    let err = backup::restore(dir.path(), &bad).unwrap_err();
    assert!(err.to_string().contains("not-a-backup.sqlite3"), "{err}");
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        store.list_vehicles(&VehicleQuery::default()).unwrap().total,
        total
    );
}

#[test]
fn check_reports_a_corrupted_copy() {
    let (dir, store) = common::demo_store();
    let copy = dir.path().join("copy.sqlite3");
    backup::backup_to(&store, &copy).unwrap();
    let ok = backup::check(&copy).unwrap();
    assert!(ok.ok, "{ok:?}");
    assert_eq!(ok.vehicles, 40);
    // Scribble over the middle pages of the copy (past the header page).
    let mut bytes = std::fs::read(&copy).unwrap();
    let page = 4096;
    assert!(bytes.len() > page * 6);
    for b in &mut bytes[page * 2..page * 5] {
        *b = 0x5A;
    }
    std::fs::write(&copy, &bytes).unwrap();
    let bad = backup::check(&copy).unwrap();
    assert!(!bad.ok);
    assert!(!bad.problems.is_empty());
    assert!(
        bad.problems
            .iter()
            .any(|p| p.contains("damaged") || p.contains("integrity")),
        "{:?}",
        bad.problems
    );
    // The live database is untouched and still sound.
    assert!(backup::check(&dir.path().join(DB_FILE)).unwrap().ok);
}

#[test]
fn automatic_backup_runs_once_a_day_and_rotates() {
    let (dir, store) = common::demo_store();
    // A fixed time, not the clock: 2026-10-15 12:00 in Seoul (the team's
    // zone), so no run of this test straddles midnight.
    let noon = Utc.with_ymd_and_hms(2026, 10, 15, 3, 0, 0).unwrap();
    let first = backup::auto_backup_at(&store, noon).unwrap();
    assert!(first.is_some());
    let first = first.unwrap();
    assert!(
        first.path.contains("auto-20261015-120000"),
        "{}",
        first.path
    );
    // 23:59:59 the same day in Seoul: still today's backup.
    let late = noon + chrono::Duration::seconds(12 * 3600 - 1);
    assert!(
        backup::auto_backup_at(&store, late).unwrap().is_none(),
        "at most once a day"
    );
    // One second later it is the next day in Seoul: a new one.
    let next = backup::auto_backup_at(&store, late + chrono::Duration::seconds(1)).unwrap();
    assert!(
        next.is_some_and(|b| b.path.contains("auto-20261016-000000")),
        "a new day, a new backup"
    );
    // Thirty old automatic backups, one a day: rotation keeps 7 daily + 4 weekly.
    let backups = dir.path().join(backup::BACKUP_DIR);
    // Older versions' database-only files rotate with the new folders.
    let src = std::path::PathBuf::from(&first.path).join(backup::DB_COPY);
    let day0 = chrono::NaiveDate::from_ymd_opt(2026, 10, 15).unwrap();
    for d in 1..=30 {
        let day = day0 - chrono::Duration::days(d);
        std::fs::copy(
            &src,
            backups.join(format!("auto-{}-090000.sqlite3", day.format("%Y%m%d"))),
        )
        .unwrap();
    }
    let manual = backup::backup_now(&store).unwrap();
    backup::prune(&store).unwrap();
    let list = backup::list(&store).unwrap();
    let autos = list.iter().filter(|b| b.automatic).count();
    assert!((7..=11).contains(&autos), "kept {autos} automatic backups");
    assert!(
        list.iter().any(|b| b.path == manual.path),
        "manual backups are never pruned"
    );
    assert!(!list.iter().any(|b| b.path.contains("20260915")));
}

fn vehicle_ids(store: &Store) -> Vec<String> {
    let mut ids: Vec<String> = store
        .list_vehicles(&VehicleQuery {
            limit: Some(1000),
            ..Default::default()
        })
        .unwrap()
        .items
        .into_iter()
        .map(|v| v.id)
        .collect();
    ids.sort();
    ids
}

/// Files in the data folder, backups/ and photos/ aside.
fn data_files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != backup::BACKUP_DIR && n != "photos")
        .collect();
    names.sort();
    names
}

#[test]
fn a_backup_whose_upgrade_fails_is_refused_and_the_live_data_stays_usable() {
    let (dir, mut store) = common::demo_store();
    // A backup "from an older version" that already holds a table the next
    // migration creates: bringing it up to date fails.
    let crafted = dir.path().join("old-version.sqlite3");
    backup::backup_to(&store, &crafted).unwrap();
    {
        let conn = rusqlite::Connection::open(&crafted).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        conn.pragma_update(None, "user_version", v - 1).unwrap();
    }
    assert!(
        backup::check(&crafted).unwrap().ok,
        "a sound file otherwise"
    );
    let good = backup::backup_now(&store).unwrap();
    let lot = common::lot(&mut store, "새 전시장");
    store.save_vehicle(&common::vehicle(&lot, "SM520")).unwrap();
    let before = vehicle_ids(&store);
    let device = store.device_id();
    drop(store);
    let files_before = data_files(dir.path());

    let err = backup::restore(dir.path(), &crafted).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("old-version.sqlite3") && msg.contains("migration"),
        "{msg}"
    );
    assert!(msg.contains("left as it was"), "{msg}");
    // The live data is what it was, and usable.
    let report = backup::check_store(dir.path()).unwrap();
    assert!(report.ok, "{report:?}");
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(vehicle_ids(&store), before);
    assert_eq!(store.device_id(), device, "not touched at all");
    drop(store);
    assert_eq!(data_files(dir.path()), files_before, "nothing left behind");

    // A sound backup still restores, and the copy it saved first restores too.
    let safety = backup::restore(dir.path(), std::path::Path::new(&good.path))
        .unwrap()
        .expect("saved first");
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(vehicle_ids(&store).len(), before.len() - 1);
    drop(store);
    backup::restore(dir.path(), std::path::Path::new(&safety.path)).unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(vehicle_ids(&store), before);
    assert!(backup::check_store(dir.path()).unwrap().ok);
}

#[test]
fn partial_files_of_a_killed_backup_are_never_backups_and_go_at_the_next_backup() {
    let (dir, store) = common::demo_store();
    let backups = dir.path().join(backup::BACKUP_DIR);
    std::fs::create_dir_all(&backups).unwrap();
    // What a backup killed after its copy, and one killed mid-copy, leave.
    let whole = backups.join("manual-20260101-090000000.sqlite3.partial");
    let copy = dir.path().join("copy.sqlite3");
    backup::backup_to(&store, &copy).unwrap();
    std::fs::rename(&copy, &whole).unwrap();
    let half = backups.join("auto-20260102-090000000.sqlite3.partial");
    let bytes = std::fs::read(&whole).unwrap();
    std::fs::write(&half, &bytes[..bytes.len() / 2]).unwrap();

    assert!(backup::list(&store).unwrap().is_empty(), "never listed");
    for partial in [&whole, &half] {
        let err = backup::restore(dir.path(), partial).unwrap_err();
        assert!(
            err.to_string().contains("unfinished"),
            "{}: {err}",
            partial.display()
        );
    }
    backup::backup_now(&store).unwrap();
    assert!(
        !whole.exists() && !half.exists(),
        "removed at the next backup"
    );
    assert_eq!(backup::list(&store).unwrap().len(), 1);
}

#[test]
fn restore_is_refused_while_lotbook_has_the_data_folder_open() {
    let (dir, store) = common::demo_store();
    let info = backup::backup_now(&store).unwrap();
    let before = vehicle_ids(&store);
    // `store` stands for the app, still open on this folder.
    let err = backup::restore(dir.path(), std::path::Path::new(&info.path)).unwrap_err();
    assert!(err.to_string().contains("close"), "{err}");
    assert_eq!(vehicle_ids(&store), before);
    drop(store);
    backup::restore(dir.path(), std::path::Path::new(&info.path)).unwrap();
}
