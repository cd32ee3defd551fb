//! Backups of a colleague's computer, which holds photos at the team's
//! shared size instead of the camera original (src/photos/shared.rs): the
//! backup stores those files, verify checks them, a restore gives them back
//! where that computer keeps them, and rotation keeps them. Through a real
//! shared folder.

use crate::common;
use crate::support::synth;

use lotbook::backup;
use lotbook::photos::{prepare, PhotoSize};
use lotbook::Store;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

struct Colleague {
    tmp: TempDir,
    /// B: holds the shared sizes only.
    b: Store,
    /// (original hash, shared hash) of each photo.
    photos: Vec<(String, String)>,
}

/// A imports `n` photos and syncs; B syncs and holds their shared sizes.
fn colleague(n: u64) -> Colleague {
    let tmp = TempDir::new().unwrap();
    let folder = tmp.path().join("share");
    std::fs::create_dir_all(&folder).unwrap();
    let mut a = Store::open(&tmp.path().join("a")).unwrap();
    let mut b = Store::open(&tmp.path().join("b")).unwrap();
    let lot = common::lot(&mut a, "대전오토월드");
    let car = a.save_vehicle(&common::vehicle(&lot, "SM520")).unwrap().id;
    let lib = a.photos().clone();
    for i in 0..n {
        let jpeg = synth::jpeg(i + 31, 2400, 1800);
        let p = prepare::prepare_bytes(&lib, &format!("IMG_{i}.jpg"), &jpeg).unwrap();
        a.attach_photo(&car, &p).unwrap();
    }
    lotbook::sync::sync_once(&mut a, &folder, None).unwrap();
    let got = lotbook::sync::sync_once(&mut b, &folder, None).unwrap();
    assert_eq!((got.blobs_fetched, got.blobs_missing), (n as u32, 0));
    let mut photos: Vec<(String, String)> = b
        .list_photos(&car)
        .unwrap()
        .into_iter()
        .map(|p| (p.hash, p.shared_hash.expect("recorded at import")))
        .collect();
    photos.sort();
    for (hash, _) in &photos {
        assert!(b.photos().held_shared(hash).is_some());
    }
    drop(a);
    Colleague { tmp, b, photos }
}

fn manifest(backup_dir: &str) -> serde_json::Value {
    serde_json::from_slice(
        &std::fs::read(Path::new(backup_dir).join(backup::MANIFEST_FILE)).unwrap(),
    )
    .unwrap()
}

fn shared_in(location: &Path, shared_hash: &str) -> PathBuf {
    location
        .join(backup::PHOTOS_DIR)
        .join("shared")
        .join(&shared_hash[..2])
        .join(format!("{shared_hash}.jpg"))
}

fn take(store: &Store, location: &Path) -> backup::BackupInfo {
    let never = std::sync::atomic::AtomicBool::new(false);
    backup::backup_into(store, location, false, &never, &mut |_| {}).unwrap()
}

#[test]
fn a_colleagues_backup_holds_its_shared_sizes_and_restores_them() {
    let t = colleague(3);
    let location = t.tmp.path().join("usb");
    let info = take(&t.b, &location);
    assert_eq!(info.photos, Some(3), "every photo is held by the backup");

    // The manifest lists them as shared sizes, none as not held, and the
    // location holds each once, byte for byte.
    let m = manifest(&info.path);
    assert_eq!(m["photos"], serde_json::json!([]));
    assert_eq!(m["photos_not_held"], serde_json::json!([]));
    let entries = m["shared_photos"].as_array().unwrap();
    assert_eq!(entries.len(), 3);
    for (hash, shared_hash) in &t.photos {
        let e = entries
            .iter()
            .find(|e| e["original"] == hash.as_str())
            .expect("listed");
        assert_eq!(e["blake3"], shared_hash.as_str());
        let file = shared_in(&location, shared_hash);
        let held = std::fs::read(t.b.photos().held_shared(hash).unwrap()).unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), held);
        assert_eq!(e["bytes"], held.len() as u64);
        assert_eq!(
            e["path"],
            file.strip_prefix(&location)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        );
    }
    let report = backup::verify(Path::new(&info.path)).unwrap();
    assert!(report.ok, "{:?}", report.problems);
    assert_eq!(report.photos, 3);

    // A second backup copies nothing again.
    let mut copied = 0;
    let never = std::sync::atomic::AtomicBool::new(false);
    let second = backup::backup_into(&t.b, &location, false, &never, &mut |p| {
        copied = p.copied;
    })
    .unwrap();
    assert_eq!(copied, 0);
    assert_eq!(
        manifest(&second.path)["shared_photos"]
            .as_array()
            .unwrap()
            .len(),
        3
    );

    // Restored into a fresh data folder, with the shared folder gone: the
    // colleague has its photos back, shown, and nothing awaits sync.
    std::fs::remove_dir_all(t.tmp.path().join("share")).unwrap();
    let fresh = t.tmp.path().join("fresh");
    backup::restore(&fresh, Path::new(&info.path)).unwrap();
    let restored = Store::open(&fresh).unwrap();
    let lib = restored.photos().clone();
    for (hash, shared_hash) in &t.photos {
        let file = lib.held_shared(hash).expect("shared size restored");
        let bytes = std::fs::read(file).unwrap();
        assert_eq!(blake3::hash(&bytes).to_hex().as_str(), shared_hash);
        for size in [PhotoSize::Screen, PhotoSize::Thumb] {
            assert!(
                prepare::ensure_derived(&lib, size, hash).is_ok(),
                "{size:?}"
            );
        }
    }
    let waiting: i64 = restored
        .conn()
        .query_row("SELECT count(*) FROM sync_missing_blobs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(waiting, 0);
    let check = backup::check_store(&fresh).unwrap();
    assert!(check.ok, "{:?}", check.problems);
    let rows: Vec<(String, lotbook::photos::PhotoFormat)> = restored
        .conn()
        .prepare("SELECT hash, format FROM photos")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), 3);
    for (hash, format) in rows {
        assert!(lib.holds(&hash, format), "{hash} held after restore");
    }
}

#[test]
fn a_damaged_shared_size_fails_verify_and_refuses_the_restore() {
    let t = colleague(2);
    let location = t.tmp.path().join("usb");
    let info = take(&t.b, &location);
    let (hash, shared_hash) = &t.photos[1];
    let file = shared_in(&location, shared_hash);
    let whole = std::fs::read(&file).unwrap();
    std::fs::write(&file, &whole[..whole.len() / 2]).unwrap();
    let report = backup::verify(Path::new(&info.path)).unwrap();
    assert!(!report.ok);
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert!(report.problems[0].contains(&format!("{shared_hash}.jpg")));
    assert!(report.problems[0].contains("damaged"));

    let fresh = t.tmp.path().join("fresh");
    let e = backup::restore(&fresh, Path::new(&info.path)).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("does not match its checksum in manifest.json")
            && msg.contains("nothing was changed")
            && msg.contains(&format!("{shared_hash}.jpg")),
        "{msg}"
    );
    assert!(!lotbook::photos::PhotoLibrary::at(&fresh)
        .shared_path(hash)
        .unwrap()
        .exists());
    assert!(!fresh.join(lotbook::db::DB_FILE).exists());

    // Missing altogether: verify names it; restore refuses.
    std::fs::remove_file(&file).unwrap();
    let report = backup::verify(Path::new(&info.path)).unwrap();
    assert!(
        report.problems[0].contains("missing"),
        "{:?}",
        report.problems
    );
    let e = backup::restore(&fresh, Path::new(&info.path)).unwrap_err();
    assert!(
        e.to_string()
            .contains("is missing from the backup location"),
        "{e}"
    );
}

#[test]
fn a_shared_size_path_out_of_the_location_refuses_the_restore() {
    let t = colleague(1);
    let location = t.tmp.path().join("usb");
    let info = take(&t.b, &location);
    let path = Path::new(&info.path).join(backup::MANIFEST_FILE);
    let mut m = manifest(&info.path);
    m["shared_photos"][0]["path"] = "../../a/lotbook.sqlite3".into();
    std::fs::write(&path, serde_json::to_vec(&m).unwrap()).unwrap();
    let fresh = t.tmp.path().join("fresh");
    let e = backup::restore(&fresh, Path::new(&info.path)).unwrap_err();
    assert!(
        e.to_string()
            .contains("which is not a photo path of a backup location; refused"),
        "{e}"
    );
    assert!(!backup::verify(Path::new(&info.path)).unwrap().ok);
}

#[test]
fn rotation_keeps_the_shared_sizes_kept_backups_name() {
    let t = colleague(2);
    let info = backup::backup_now(&t.b).unwrap();
    let location = t.b.data_dir().join(backup::BACKUP_DIR);
    // A shared size no backup names (its backup was deleted by hand).
    let stray_hash = "ee".repeat(32);
    let stray = shared_in(&location, &stray_hash);
    std::fs::create_dir_all(stray.parent().unwrap()).unwrap();
    std::fs::write(&stray, b"old").unwrap();
    backup::prune(&t.b).unwrap();
    assert!(!stray.exists(), "collected once no backup names it");
    for (_, shared_hash) in &t.photos {
        assert!(shared_in(&location, shared_hash).is_file());
    }
    assert!(backup::verify(Path::new(&info.path)).unwrap().ok);
}
