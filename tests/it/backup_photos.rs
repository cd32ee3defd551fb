//! Backups that hold everything: database and photo originals, verified by
//! a manifest, shared photo files per location, restore on another computer,
//! killed backups, damaged backups, the second location.

use crate::common;
use crate::support::fake_photos;

use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use lotbook::backup::{self, BackupProgress};
use lotbook::Store;

fn photo_store(n: u64) -> (tempfile::TempDir, Store, Vec<String>) {
    let (dir, mut store) = common::demo_store();
    let mut hashes = fake_photos::add(&mut store, 0, n, 20_000);
    // One original used by two photo rows: stored once.
    let again = fake_photos::add(&mut store, 0, 1, 20_000);
    assert_eq!(again[0], hashes[0]);
    hashes.sort();
    (dir, store, hashes)
}

/// Every file under `dir`, relative path → blake3.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return out;
    }
    for e in walkdir(dir) {
        let rel = e.strip_prefix(dir).unwrap().display().to_string();
        let hash = blake3::hash(&std::fs::read(&e).unwrap())
            .to_hex()
            .to_string();
        out.insert(rel, hash);
    }
    out
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if e.file_type().unwrap().is_dir() {
            out.extend(walkdir(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn count(store: &Store, table: &str) -> u32 {
    store
        .conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn run(store: &Store, location: &Path) -> (backup::BackupInfo, Vec<BackupProgress>) {
    let never = AtomicBool::new(false);
    let mut seen = Vec::new();
    let info = backup::backup_into(store, location, false, &never, &mut |p| {
        seen.push(p.clone())
    })
    .unwrap();
    (info, seen)
}

#[test]
fn backup_restores_on_another_computer_with_every_photo_byte_identical() {
    let (dir, store, hashes) = photo_store(25);
    let info = backup::backup_now(&store).unwrap();
    assert!(!info.legacy && Path::new(&info.path).is_dir());
    assert_eq!(info.photos, Some(25));
    assert_eq!(info.vehicles, Some(40));
    assert_eq!(info.app_version.as_deref(), Some(env!("CARGO_PKG_VERSION")));
    assert!(backup::verify(Path::new(&info.path)).unwrap().ok);
    let vehicles = count(&store, "vehicles");
    let customers = count(&store, "customers");
    let photos = count(&store, "photos");
    let old_device = store.device_id();
    drop(store);

    // "Another computer": only the backup folder and its location's photos
    // travel (copied elsewhere, as from a USB drive).
    let usb = tempfile::TempDir::new().unwrap();
    copy_tree(&dir.path().join(backup::BACKUP_DIR), usb.path());
    let moved = usb.path().join(&info.name);
    let preview = backup::preview(&moved).unwrap();
    assert_eq!(
        (preview.vehicles, preview.customers, preview.photos),
        (Some(vehicles), Some(customers), Some(25))
    );
    assert_eq!(preview.taken_at, info.taken_at);

    let other = tempfile::TempDir::new().unwrap();
    let saved = backup::restore(other.path(), &moved).unwrap();
    assert!(saved.is_none(), "nothing to save in an empty folder");
    let report = backup::check_store(other.path()).unwrap();
    assert!(report.ok, "{report:?}");
    let restored = Store::open(other.path()).unwrap();
    assert_eq!(count(&restored, "vehicles"), vehicles);
    assert_eq!(count(&restored, "customers"), customers);
    assert_eq!(count(&restored, "photos"), photos);
    assert_ne!(restored.device_id(), old_device, "a new device incarnation");
    let lib = restored.photos().clone();
    for hash in &hashes {
        let file = lib
            .original_path(hash, lotbook::photos::PhotoFormat::Jpeg)
            .unwrap();
        let original = dir.path().join(file.strip_prefix(other.path()).unwrap());
        let got = std::fs::read(&file).unwrap();
        assert_eq!(blake3::hash(&got).to_hex().as_str(), hash);
        assert_eq!(got, std::fs::read(original).unwrap(), "byte-identical");
    }
    assert!(
        !other.path().join("restore-photos.partial").exists(),
        "staging removed"
    );
}

fn copy_tree(from: &Path, to: &Path) {
    for file in walkdir(from) {
        let dest = to.join(file.strip_prefix(from).unwrap());
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&file, &dest).unwrap();
    }
}

#[test]
fn a_second_backup_with_nothing_changed_copies_no_photo() {
    let (dir, mut store, _) = photo_store(30);
    let location = dir.path().join("usb");
    let (first, seen) = run(&store, &location);
    assert_eq!(seen.last().unwrap().copied, 30);
    let files = tree(&location.join(backup::PHOTOS_DIR));
    assert_eq!(files.len(), 30);
    let (second, seen) = run(&store, &location);
    assert_eq!(seen.last().unwrap().copied, 0, "no photo copied");
    assert_eq!(tree(&location.join(backup::PHOTOS_DIR)), files);
    assert_ne!(first.path, second.path);
    // A new photo: only it is copied.
    fake_photos::add(&mut store, 1000, 1, 5_000);
    let (third, seen) = run(&store, &location);
    assert_eq!(seen.last().unwrap().copied, 1);
    assert_eq!(third.photos, Some(31));
}

#[test]
fn a_backup_killed_at_any_step_is_never_listed_and_the_next_one_cleans_up() {
    let (dir, store, _) = photo_store(6);
    let location = dir.path().join(backup::BACKUP_DIR);
    let (_, steps) = run(&store, &location);
    let before = backup::list(&store).unwrap();
    assert_eq!(before.len(), 1);
    let kept = tree(&location);
    // Steps: database 0/1, 1/1, each photo, finishing 0/1, 1/1 (just
    // before the rename). A panic there stands for a kill: no clean-up runs.
    for kill_at in 0..steps.len() {
        let never = AtomicBool::new(false);
        let mut n = 0;
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
            backup::backup_into(&store, &location, true, &never, &mut |_| {
                if n == kill_at {
                    panic!("killed at step {kill_at}");
                }
                n += 1;
            })
        }));
        assert!(result.is_err(), "killed at step {kill_at}");
        let listed = backup::list(&store).unwrap();
        assert_eq!(
            listed, before,
            "killed at step {kill_at}: nothing new listed"
        );
        for e in std::fs::read_dir(&location).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".partial") {
                let err = backup::restore(&dir.path().join("elsewhere"), &e.path()).unwrap_err();
                assert!(err.to_string().contains("unfinished"), "{err}");
            }
        }
    }
    // The next backup removes the dead ones; the earlier backup is whole.
    let (last, _) = run(&store, &location);
    let partials: Vec<_> = std::fs::read_dir(&location)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".partial"))
        .collect();
    assert!(partials.is_empty(), "{partials:?}");
    assert_eq!(backup::list(&store).unwrap().len(), 2);
    for b in [&before[0], &last] {
        assert!(backup::verify(Path::new(&b.path)).unwrap().ok);
    }
    for (file, hash) in kept {
        if file.starts_with(backup::PHOTOS_DIR) {
            assert_eq!(tree(&location).get(&file), Some(&hash), "{file} untouched");
        }
    }
}

#[test]
fn a_truncated_or_tampered_backup_is_refused_by_name_and_nothing_changes() {
    let (dir, store, hashes) = photo_store(8);
    let location = dir.path().join("usb");
    let (good, _) = run(&store, &location);
    drop(store);

    // The computer it is restored onto: its own data, no photos yet.
    let (other, other_store) = common::store();
    let device = other_store.device_id();
    drop(other_store);
    let snapshot = tree(other.path());

    let copy_of_good = |name: &str| -> PathBuf {
        let to = location.join(name);
        copy_tree(Path::new(&good.path), &to);
        to
    };
    let cases: Vec<(PathBuf, String)> = {
        let mut cases = Vec::new();
        // Truncated database copy.
        let b = copy_of_good("manual-20260101-090000001");
        let db = b.join(backup::DB_COPY);
        let bytes = std::fs::read(&db).unwrap();
        std::fs::write(&db, &bytes[..bytes.len() / 2]).unwrap();
        cases.push((b, db.display().to_string()));
        // Unparsable manifest.
        let b = copy_of_good("manual-20260101-090000002");
        let m = b.join(backup::MANIFEST_FILE);
        std::fs::write(&m, b"{ not json").unwrap();
        cases.push((b, m.display().to_string()));
        // A manifest path trying to leave the location.
        let b = copy_of_good("manual-20260101-090000003");
        let m = b.join(backup::MANIFEST_FILE);
        let text = std::fs::read_to_string(&m).unwrap();
        let first = format!("photos/{}/{}.jpg", &hashes[0][..2], hashes[0]);
        assert!(text.contains(&first));
        std::fs::write(&m, text.replace(&first, "../../../etc/passwd")).unwrap();
        cases.push((b, "../../../etc/passwd".into()));
        cases
    };
    for (backup_dir, named) in &cases {
        let err = backup::restore(other.path(), backup_dir).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains(named.as_str()), "{msg} should name {named}");
        assert_eq!(tree(other.path()), snapshot, "nothing changed: {msg}");
        assert!(!backup::verify(backup_dir).unwrap().ok);
    }
    // A tampered photo (last, as the photo files are shared in the location).
    let victim = location.join(format!("photos/{}/{}.jpg", &hashes[3][..2], hashes[3]));
    let mut bytes = std::fs::read(&victim).unwrap();
    bytes[100] ^= 0xFF;
    std::fs::remove_file(&victim).unwrap();
    std::fs::write(&victim, &bytes).unwrap();
    let err = backup::restore(other.path(), Path::new(&good.path)).unwrap_err();
    assert!(err.to_string().contains(&hashes[3]), "{err}");
    assert_eq!(tree(other.path()), snapshot, "nothing changed");
    let report = backup::verify(Path::new(&good.path)).unwrap();
    assert!(!report.ok);
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert!(report.problems[0].contains(&hashes[3]) && report.problems[0].contains("damaged"));
    // A missing one is named too.
    std::fs::remove_file(&victim).unwrap();
    let report = backup::verify(Path::new(&good.path)).unwrap();
    assert!(
        report.problems[0].contains("missing"),
        "{:?}",
        report.problems
    );
    let store = Store::open(other.path()).unwrap();
    assert_eq!(store.device_id(), device, "the data was not touched");
}

#[test]
fn the_second_location_waits_while_missing_and_is_written_when_back() {
    let (dir, mut store, _) = photo_store(5);
    let drive = tempfile::TempDir::new().unwrap();
    let usb = drive.path().join("USB");
    std::fs::create_dir(&usb).unwrap();
    backup::set_second_location(&mut store, Some(&usb)).unwrap();
    // Inside the data folder is refused.
    assert!(backup::set_second_location(&mut store, Some(dir.path())).is_err());

    // Unplugged.
    let away = drive.path().join("unplugged");
    std::fs::rename(&usb, &away).unwrap();
    // One fixed time for both passes: the day cannot turn between them.
    let noon = noon();
    let outcomes = backup::auto_backup_everywhere_at(&store, noon).unwrap();
    assert!(outcomes[0].backup.is_some(), "backups/ is written");
    assert!(
        outcomes[1].waiting && outcomes[1].error.is_none(),
        "{outcomes:?}"
    );
    assert!(!usb.exists(), "the missing folder is never created");
    let locs = backup::locations(&store).unwrap();
    assert!(locs[1].waiting && locs[1].backups.is_empty());

    // Back: the next pass writes it (backups/ has today's already).
    std::fs::rename(&away, &usb).unwrap();
    let outcomes =
        backup::auto_backup_everywhere_at(&store, noon + chrono::Duration::minutes(5)).unwrap();
    assert!(outcomes[0].backup.is_none());
    let written = outcomes[1].backup.as_ref().expect("written when back");
    assert!(written.path.starts_with(&usb.display().to_string()));
    assert_eq!(written.photos, Some(5));
    assert!(backup::verify(Path::new(&written.path)).unwrap().ok);
    let locs = backup::locations(&store).unwrap();
    assert!(!locs[1].waiting && locs[1].backups.len() == 1);
    // Forgotten: only backups/ is left.
    backup::set_second_location(&mut store, None).unwrap();
    assert_eq!(backup::locations(&store).unwrap().len(), 1);
}

#[test]
fn rotation_prunes_and_photos_no_backup_names_are_collected() {
    let (dir, mut store, _) = photo_store(4);
    let location = dir.path().join(backup::BACKUP_DIR);
    let gone = fake_photos::add(&mut store, 500, 1, 3_000).remove(0);
    let (old, _) = run(&store, &location);
    // Days before a fixed one, the day of `noon()` in Seoul (the team's zone).
    let day = |d: i64| {
        (chrono::NaiveDate::from_ymd_opt(2026, 10, 15).unwrap() - chrono::Duration::days(d))
            .format("%Y%m%d")
            .to_string()
    };
    std::fs::rename(
        &old.path,
        location.join(format!("auto-{}-090000000", day(60))),
    )
    .unwrap();
    // The photo goes from the data; thirty later daily backups lack it.
    store
        .conn()
        .execute("DELETE FROM photos WHERE hash = ?1", [&gone])
        .unwrap();
    let (later, _) = run(&store, &location);
    for d in 1..=30 {
        copy_tree(
            Path::new(&later.path),
            &location.join(format!("auto-{}-090000000", day(d))),
        );
    }
    std::fs::remove_dir_all(&later.path).unwrap();
    let gone_file = location.join(format!("photos/{}/{gone}.jpg", &gone[..2]));
    assert!(gone_file.is_file());
    let taken = backup::auto_backup_at(&store, noon()).unwrap();
    assert!(taken.is_some());
    let list = backup::list(&store).unwrap();
    assert!((7..=12).contains(&list.len()), "{}", list.len());
    assert!(!gone_file.exists(), "collected once no backup names it");
    for b in &list {
        assert!(backup::verify(Path::new(&b.path)).unwrap().ok, "{}", b.name);
    }
}

#[test]
fn old_database_only_backups_are_listed_previewed_and_restored() {
    let (dir, store, _) = photo_store(3);
    let location = dir.path().join(backup::BACKUP_DIR);
    std::fs::create_dir_all(&location).unwrap();
    let legacy = location.join("auto-20250101-090000.sqlite3");
    backup::backup_to(&store, &legacy).unwrap();
    let list = backup::list(&store).unwrap();
    assert_eq!(list.len(), 1);
    assert!(list[0].legacy && list[0].automatic);
    let preview = backup::preview(&legacy).unwrap();
    assert_eq!(preview.vehicles, Some(40));
    assert!(backup::verify(&legacy).unwrap().ok);
    drop(store);
    let saved = backup::restore(dir.path(), &legacy).unwrap().unwrap();
    assert!(!saved.legacy, "the current data is saved as a full backup");
    assert_eq!(saved.photos, Some(3));
    assert!(backup::check_store(dir.path()).unwrap().ok);
}

#[test]
fn a_backup_process_killed_at_random_moments_never_leaves_a_listed_backup() {
    let (dir, store, _) = photo_store(400);
    drop(store);
    let usb = tempfile::TempDir::new().unwrap();
    // Kill moments spread over a backup's life (a pseudo-random walk, so a
    // failure can be replayed), then one that is let finish.
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut whole = 0;
    for round in 0..8 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let after_ms = 20 + x % 600;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_lotbook"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(["backup", "--out"])
            .arg(usb.path())
            .env_remove("LOTBOOK_DATA_DIR")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(after_ms));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() {
            whole += 1;
        }
        // Whatever the moment, every backup there is whole.
        for e in std::fs::read_dir(usb.path()).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with("manual-") && !name.contains(".partial") {
                let report = backup::verify(&e.path()).unwrap();
                assert!(
                    report.ok,
                    "round {round} ({after_ms} ms): {name}: {:?}",
                    report.problems
                );
            }
        }
    }
    let out = common::lotbook(
        dir.path(),
        &["backup", "--out", usb.path().to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: Vec<_> = std::fs::read_dir(usb.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("manual-"))
        .collect();
    assert!(
        listed.iter().all(|n| !n.contains(".partial")),
        "the finished backup removed the killed ones: {listed:?}"
    );
    assert_eq!(listed.len(), whole + 1, "{listed:?}");
}

#[test]
fn a_restore_into_the_open_data_folder_reopens_it_with_the_backup() {
    let (dir, mut store, hashes) = photo_store(3);
    let info = backup::backup_now(&store).unwrap();
    let vehicles = count(&store, "vehicles");
    let lot = common::lot(&mut store, "새 전시장");
    let added = store
        .save_vehicle(&common::vehicle(&lot, "SM520"))
        .unwrap()
        .id;
    assert_eq!(count(&store, "vehicles"), vehicles + 1);

    // An unreadable backup is refused before the store is closed.
    let junk = dir.path().join("manual-20260101-090000000");
    std::fs::create_dir(&junk).unwrap();
    let (store, refused) = backup::restore_open(store, &junk);
    let store = store.unwrap();
    assert!(!refused.ok && refused.error.is_some(), "{refused:?}");
    assert_eq!(refused.vehicles, Some(vehicles + 1), "data as it was");
    assert!(store.get_vehicle(&added).is_ok());

    // Another connection to the folder (a worker the shell did not stop):
    // refused as busy, the data still there and the store open again.
    let beside = Store::open_beside(dir.path()).unwrap();
    let (store, busy) = backup::restore_open(store, Path::new(&info.path));
    let store = store.unwrap();
    assert!(!busy.ok, "{busy:?}");
    assert!(busy.error.as_deref().unwrap().contains("using"), "{busy:?}");
    assert!(store.get_vehicle(&added).is_ok());
    drop(beside);

    let (store, outcome) = backup::restore_open(store, Path::new(&info.path));
    let mut store = store.unwrap();
    assert!(outcome.ok, "{outcome:?}");
    assert_eq!(outcome.vehicles, Some(vehicles));
    assert_eq!(outcome.photos, Some(count(&store, "photos")));
    assert!(
        store.get_vehicle(&added).is_err(),
        "the car added after the backup is gone"
    );
    let saved = outcome.saved_to.expect("the data it replaced was saved");
    let saved_info = backup::preview(Path::new(&saved)).unwrap();
    assert_eq!(saved_info.vehicles, Some(vehicles + 1));
    // The reopened store is usable and the folder is sound.
    common::lot(&mut store, "다시 연 전시장");
    let report = backup::check_store(dir.path()).unwrap();
    assert!(report.ok, "{report:?}");
    for hash in &hashes {
        let file = lotbook::photos::PhotoLibrary::at(dir.path())
            .original_path(hash, lotbook::photos::PhotoFormat::Jpeg)
            .unwrap();
        assert!(file.is_file());
    }
}

#[test]
fn a_photo_sync_had_not_fetched_is_restored_from_the_location_and_check_is_clean() {
    let (dir, store, hashes) = photo_store(3);
    let usb = tempfile::TempDir::new().unwrap();
    run(&store, usb.path());
    // Later this computer lacks one original (as when sync has the row and
    // not yet the file): the next backup lists it as not held.
    let lib = store.photos().clone();
    let gone = &hashes[1];
    let file = lib
        .original_path(gone, lotbook::photos::PhotoFormat::Jpeg)
        .unwrap();
    let bytes = std::fs::read(&file).unwrap();
    std::fs::remove_file(&file).unwrap();
    store
        .conn()
        .execute(
            "INSERT INTO sync_missing_blobs (hash, format)
             SELECT DISTINCT hash, format FROM photos WHERE hash = ?1",
            [gone],
        )
        .unwrap();
    assert!(
        backup::check_store(dir.path()).unwrap().ok,
        "awaited by sync"
    );
    let (second, _) = run(&store, usb.path());
    let m: serde_json::Value = serde_json::from_slice(
        &std::fs::read(Path::new(&second.path).join(backup::MANIFEST_FILE)).unwrap(),
    )
    .unwrap();
    assert_eq!(m["photos_not_held"], serde_json::json!([gone]));
    drop(store);

    // Restored on another computer with the CLI: the location still had
    // that original from the first backup, so it comes back too.
    let other = tempfile::TempDir::new().unwrap();
    let o = common::lotbook(other.path(), &["restore", &second.path]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = common::lotbook(other.path(), &["check"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success() && out.starts_with("OK: "), "{out}");
    let restored = lotbook::photos::PhotoLibrary::at(other.path());
    for hash in &hashes {
        let file = restored
            .original_path(hash, lotbook::photos::PhotoFormat::Jpeg)
            .unwrap();
        assert!(file.is_file(), "{hash} restored");
    }
    let back = restored
        .original_path(gone, lotbook::photos::PhotoFormat::Jpeg)
        .unwrap();
    assert_eq!(std::fs::read(back).unwrap(), bytes, "byte-identical");
    // A tampered copy in the location is not taken (sync still awaits it).
    let third = tempfile::TempDir::new().unwrap();
    let in_usb = usb
        .path()
        .join(backup::PHOTOS_DIR)
        .join(&gone[..2])
        .join(format!("{gone}.jpg"));
    std::fs::write(&in_usb, b"not the photo").unwrap();
    let o = common::lotbook(third.path(), &["restore", &second.path]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let not_taken = lotbook::photos::PhotoLibrary::at(third.path())
        .original_path(gone, lotbook::photos::PhotoFormat::Jpeg)
        .unwrap();
    assert!(!not_taken.exists());
    assert!(
        common::lotbook(third.path(), &["check"]).status.success(),
        "awaited by sync, as before"
    );
    drop(dir);
}

/// 2026-10-15 12:00 in Seoul: the automatic backups' "now", fixed.
fn noon() -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    chrono::Utc.with_ymd_and_hms(2026, 10, 15, 3, 0, 0).unwrap()
}
