//! A dealer's Windows user name is often Korean (`C:\Users\김민수\...`) and
//! cloud-drive folders nest deep: data folders past Windows' old
//! 260-character limit and a Korean shared folder deeper still hold a car,
//! its photo, a backup and a sync between two computers. (On Linux this is
//! the plain case; the CI runs the same test on Windows and macOS.) Data
//! folders stay under SQLite's 512 bytes on Unix (see src/db/file.rs).

use crate::common;

use lotbook::sync::sync_once;
use lotbook::Store;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

/// `root` + a Korean user's folders until the path is over 280 characters.
fn deep(root: &Path, leaf: &str) -> PathBuf {
    let mut p = root
        .join("Users")
        .join("김민수")
        .join("OneDrive - 대전오토");
    while p.to_string_lossy().chars().count() < 280 {
        p = p.join("Lotbook data");
    }
    p.join(leaf)
}

/// Korean all the way down: over 300 characters and 700 bytes (no SQLite
/// file lives in the shared folder).
fn deep_korean(root: &Path, leaf: &str) -> PathBuf {
    let mut p = root.join("사용자").join("김민수");
    let mut n = 1;
    while p.to_string_lossy().chars().count() < 300 {
        p = p.join(format!("대전 중고차 매장 자료 보관함 {n}번 폴더"));
        n += 1;
    }
    p.join(leaf)
}

#[test]
fn korean_names_and_long_paths_hold_cars_photos_backups_and_sync() {
    let tmp = tempfile::tempdir().unwrap();
    let a_dir = deep(tmp.path(), "매장 컴퓨터");
    let b_dir = deep(tmp.path(), "사무실 노트북");
    let share = deep_korean(tmp.path(), "팀 공유 폴더 (네이버 MYBOX)");
    std::fs::create_dir_all(&share).unwrap();
    assert!(a_dir.to_string_lossy().chars().count() > 260);

    let mut a = Store::open(&a_dir).unwrap();
    let car = common::car(&mut a);
    let photo = std::fs::read_dir(common::test_photos().join("orientation"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("jpg")))
        .expect("a JPEG among the test photos");
    let summary = a
        .import_photos(&car, &[photo], &AtomicBool::new(false), |_| {})
        .unwrap();
    assert_eq!(summary.progress.imported, 1, "{summary:?}");
    let backup = lotbook::backup::backup_now(&a).unwrap();
    assert!(
        Path::new(&backup.path).starts_with(&a_dir),
        "{}",
        backup.path
    );
    assert_eq!(backup.photos, Some(1));
    sync_once(&mut a, &share, None).unwrap();

    let mut b = Store::open(&b_dir).unwrap();
    sync_once(&mut b, &share, None).unwrap();
    let got = b.get_vehicle(&car).unwrap();
    assert_eq!(got.id, car);
    let photos = b.list_photos(&car).unwrap();
    assert_eq!(photos.len(), 1);
    // The shared folder carried the photo at its shared size.
    let shared = b.photos().shared_path(&photos[0].hash).unwrap();
    assert!(shared.is_file(), "{}", shared.display());
}
