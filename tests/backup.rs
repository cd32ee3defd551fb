//! Backups, restore and the integrity check.

mod common;

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

    let safety = backup::restore(dir.path(), std::path::Path::new(&info.path)).unwrap();
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
    let pre = backup::check(std::path::Path::new(&safety.path)).unwrap();
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
    let first = backup::auto_backup(&store).unwrap();
    assert!(first.is_some());
    assert!(
        backup::auto_backup(&store).unwrap().is_none(),
        "at most once a day"
    );
    // Thirty old automatic backups, one a day: rotation keeps 7 daily + 4 weekly.
    let backups = dir.path().join(backup::BACKUP_DIR);
    let src = std::path::PathBuf::from(&first.unwrap().path);
    for d in 1..=30 {
        let day = chrono::Local::now().date_naive() - chrono::Duration::days(d);
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
    assert!(!list.iter().any(|b| b.path.contains(
        &(chrono::Local::now().date_naive() - chrono::Duration::days(30))
            .format("%Y%m%d")
            .to_string()
    )));
}
