//! Archiving sold cars' photos out of the data folder into this computer's
//! backup location (src/photos/archive.rs), and bringing them back: real
//! photo files, a real backup folder and a real shared folder.

use crate::common;
use crate::support::{sync_net::dump, synth};

use lotbook::backup;
use lotbook::care::SaleInput;
use lotbook::photos::{prepare, PhotoSize};
use lotbook::Store;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use tempfile::TempDir;

const KEY: &str = "photos.archive_sold_after_days";

struct Team {
    tmp: TempDir,
    /// Imported the photos (holds the originals).
    a: Store,
    folder: PathBuf,
    car: String,
    /// The originals' bytes, by hash.
    originals: Vec<(String, Vec<u8>)>,
}

/// A imports `n` photos into a car sold on `sold_on`, and syncs.
fn team(n: u64, sold_on: &str) -> Team {
    let tmp = TempDir::new().unwrap();
    let folder = tmp.path().join("share");
    std::fs::create_dir_all(&folder).unwrap();
    let mut a = Store::open(&tmp.path().join("a")).unwrap();
    let lot = common::lot(&mut a, "대전오토월드");
    let car = a.save_vehicle(&common::vehicle(&lot, "SM520")).unwrap().id;
    let lib = a.photos().clone();
    let mut originals = Vec::new();
    for i in 0..n {
        let jpeg = synth::jpeg(i + 51, 2400, 1800);
        let p = prepare::prepare_bytes(&lib, &format!("IMG_{i}.jpg"), &jpeg).unwrap();
        a.attach_photo(&car, &p).unwrap();
        originals.push((p.hash.clone(), jpeg));
    }
    let customer = common::customer(&mut a, "이준혁", "junhyuk@example.com");
    a.record_sale(&SaleInput {
        customer_id: customer,
        vehicle_id: car.clone(),
        price_krw: 21_000_000,
        delivered_on: sold_on.into(),
        user_id: None,
    })
    .unwrap();
    sync(&mut a, &folder);
    Team {
        tmp,
        a,
        folder,
        car,
        originals,
    }
}

fn sync(store: &mut Store, folder: &Path) -> lotbook::sync::SyncReport {
    lotbook::sync::sync_once(store, folder, None).unwrap()
}

fn archive(store: &mut Store) -> lotbook::photos::archive::ArchiveReport {
    store
        .archive_photos(&AtomicBool::new(false), &mut |_| {})
        .unwrap()
}

/// Photo files in the shared folder.
fn blobs(folder: &Path) -> usize {
    walkdir::WalkDir::new(folder.join("lotbook-sync/blobs"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with('.'))
        .count()
}

fn held(store: &Store, hash: &str) -> bool {
    store
        .photos()
        .holds(hash, lotbook::photos::PhotoFormat::Jpeg)
}

#[test]
fn archiving_is_off_until_the_team_turns_it_on() {
    let mut t = team(1, "2026-01-05");
    backup::backup_now(&t.a).unwrap();
    assert_eq!(t.a.archive_sold_after_days().unwrap(), None);
    let plan = t.a.archive_plan().unwrap();
    assert_eq!((plan.after_days, plan.photos), (None, 0));
    let r = archive(&mut t.a);
    assert_eq!(r.photos, 0);
    assert!(held(&t.a, &t.originals[0].0));
    // Only the offered ages.
    for bad in ["45", "forever", "-1"] {
        let e = t.a.set_team_setting(KEY, bad).unwrap_err();
        assert_eq!(e.code(), lotbook::error::ErrorCode::InvalidChoice, "{bad}");
    }
    t.a.set_team_setting(KEY, "off").unwrap();
    assert_eq!(t.a.archive_sold_after_days().unwrap(), None);
}

#[test]
fn a_sold_car_s_photos_are_archived_and_brought_back_byte_for_byte() {
    let mut t = team(3, "2026-01-05");
    t.a.set_team_setting(KEY, "90").unwrap();
    assert_eq!(blobs(&t.folder), 3);

    // No backup holds them yet: nothing is removed.
    let r = archive(&mut t.a);
    assert_eq!((r.photos, r.refused.len()), (0, 3), "{:?}", r.refused);
    assert!(r.refused[0].contains("no backup"), "{}", r.refused[0]);
    assert!(t.originals.iter().all(|(h, _)| held(&t.a, h)));

    backup::backup_now(&t.a).unwrap();
    let plan = t.a.archive_plan().unwrap();
    assert_eq!((plan.photos, plan.vehicles, plan.waiting), (3, 1, 0));
    let before = lotbook::space::report(&t.a, None).unwrap().data;
    let r = archive(&mut t.a);
    assert_eq!((r.photos, r.vehicles), (3, 1), "{:?}", r.refused);
    assert_eq!(r.freed, plan.bytes);
    let after = lotbook::space::report(&t.a, None).unwrap().data;
    assert_eq!(after.originals, 0);
    let photo_bytes = |d: &lotbook::space::DataSpace| d.originals + d.shared_photos + d.derived;
    assert_eq!(photo_bytes(&before) - photo_bytes(&after), r.freed);
    let lib = t.a.photos().clone();
    for (hash, _) in &t.originals {
        assert!(!held(&t.a, hash));
        assert!(lib.derived_path(PhotoSize::Thumb, hash).unwrap().is_file());
        assert!(!lib.derived_path(PhotoSize::Screen, hash).unwrap().exists());
        assert!(!lib.derived_path(PhotoSize::Email, hash).unwrap().exists());
    }
    assert_eq!(t.a.archived_photos(&t.car).unwrap().here.len(), 3);
    let status = t.a.archive_status().unwrap();
    assert_eq!((status.archived, status.freed), (3, r.freed));
    assert!(
        backup::check_store(t.a.data_dir()).unwrap().ok,
        "archived is not missing"
    );

    // The importer removes the folder's copies at its next pass.
    sync(&mut t.a, &t.folder);
    assert_eq!(blobs(&t.folder), 0);
    // An e-mail is never composed without them: said plainly.
    let customer = common::customer(&mut t.a, "김민지", "minji@example.com");
    let mut req = common::compose_request(
        &customer,
        std::slice::from_ref(&t.car),
        lotbook::condition::Lang::Ko,
        lotbook::mail::Budget::preset(lotbook::mail::BudgetPreset::Gmail),
    );
    common::all_photos(&t.a, &mut req);
    let e = t.a.compose(&req).unwrap_err();
    assert_eq!(e.code(), lotbook::error::ErrorCode::PhotosArchived);

    // A later backup still names the archived files, so rotation keeps them.
    std::thread::sleep(std::time::Duration::from_millis(5));
    let next = backup::backup_now(&t.a).unwrap();
    assert_eq!(next.photos, Some(3));
    assert!(backup::verify(Path::new(&next.path)).unwrap().ok);

    // Bring back: byte-identical originals.
    let mut seen = Vec::new();
    let back =
        t.a.unarchive_vehicle(&t.car, &AtomicBool::new(false), &mut |p| seen.push(p.done))
            .unwrap();
    assert_eq!((back.restored, back.problems.len()), (3, 0));
    assert_eq!(seen, vec![0, 1, 2, 3]);
    for (hash, bytes) in &t.originals {
        let p = lib
            .original_path(hash, lotbook::photos::PhotoFormat::Jpeg)
            .unwrap();
        assert_eq!(&std::fs::read(p).unwrap(), bytes);
        assert!(prepare::ensure_derived(&lib, PhotoSize::Screen, hash).is_ok());
    }
    assert!(t.a.archived_photos(&t.car).unwrap().here.is_empty());
    t.a.compose(&req).unwrap();
    // Brought back: not archived again at once.
    assert_eq!(archive(&mut t.a).photos, 0);
}

#[test]
fn a_damaged_or_missing_backup_copy_is_never_relied_on() {
    let mut t = team(2, "2026-01-05");
    t.a.set_team_setting(KEY, "180").unwrap();
    backup::backup_now(&t.a).unwrap();
    let location = backup::primary(t.a.data_dir());
    let (h0, h1) = (&t.originals[0].0, &t.originals[1].0);
    let copy = |h: &str| location.join(format!("photos/{}/{h}.jpg", &h[..2]));
    let mut bytes = std::fs::read(copy(h0)).unwrap();
    bytes[100] ^= 0xff;
    std::fs::write(copy(h0), bytes).unwrap();
    std::fs::remove_file(copy(h1)).unwrap();
    let r = archive(&mut t.a);
    assert_eq!(r.photos, 0);
    assert!(
        r.refused.iter().any(|w| w.contains("damaged")),
        "{:?}",
        r.refused
    );
    assert!(
        r.refused.iter().any(|w| w.contains("missing")),
        "{:?}",
        r.refused
    );
    assert!(held(&t.a, h0) && held(&t.a, h1));
    assert!(t.a.archived_photos(&t.car).unwrap().here.is_empty());
}

#[test]
fn a_car_sold_recently_or_still_in_stock_keeps_its_photos() {
    let today = chrono::Utc::now().date_naive();
    let recent = (today - chrono::Duration::days(30)).to_string();
    let mut t = team(1, &recent);
    t.a.set_team_setting(KEY, "90").unwrap();
    backup::backup_now(&t.a).unwrap();
    assert_eq!(archive(&mut t.a).photos, 0);
    // The same day 100 days on: archived.
    let later = chrono::Utc::now() + chrono::Duration::days(70);
    let r =
        t.a.archive_photos_at(90, later, &AtomicBool::new(false), &mut |_| {})
            .unwrap();
    assert_eq!(r.photos, 1, "{:?}", r.refused);
}

#[test]
fn a_bringing_back_names_a_missing_copy_plainly() {
    let mut t = team(1, "2026-01-05");
    t.a.set_team_setting(KEY, "90").unwrap();
    backup::backup_now(&t.a).unwrap();
    assert_eq!(archive(&mut t.a).photos, 1);
    let location = backup::primary(t.a.data_dir());
    std::fs::remove_dir_all(location.join("photos")).unwrap();
    let back =
        t.a.unarchive_vehicle(&t.car, &AtomicBool::new(false), &mut |_| {})
            .unwrap();
    assert_eq!(back.restored, 0);
    assert!(back.problems[0].contains("missing"), "{:?}", back.problems);
    assert_eq!(t.a.archived_photos(&t.car).unwrap().here.len(), 1);
}

#[test]
fn colleagues_and_a_new_computer_converge_without_waiting_for_archived_files() {
    let mut t = team(2, "2026-01-05");
    t.a.set_team_setting(KEY, "180").unwrap();
    sync(&mut t.a, &t.folder);
    // B holds the shared sizes.
    let mut b = Store::open(&t.tmp.path().join("b")).unwrap();
    let got = sync(&mut b, &t.folder);
    assert_eq!((got.blobs_fetched, got.blobs_missing), (2, 0));

    backup::backup_now(&t.a).unwrap();
    assert_eq!(archive(&mut t.a).photos, 2);
    sync(&mut t.a, &t.folder);
    assert_eq!(blobs(&t.folder), 0);

    // B still shows them from its own copies: not archived there.
    let got = sync(&mut b, &t.folder);
    assert_eq!(got.blobs_missing, 0);
    assert_eq!(b.archived_photos(&t.car).unwrap(), Default::default());
    // B archives its own copies after its own backup; the folder is not
    // B's to clean, and nothing is sent back into it.
    backup::backup_now(&b).unwrap();
    let r = archive(&mut b);
    assert_eq!(r.photos, 2, "{:?}", r.refused);
    assert_eq!(b.archived_photos(&t.car).unwrap().here.len(), 2);
    std::thread::sleep(std::time::Duration::from_millis(5));
    let next = backup::backup_now(&b).unwrap();
    assert_eq!(next.photos, Some(2), "the shared sizes stay named");
    sync(&mut b, &t.folder);
    sync(&mut t.a, &t.folder);
    assert_eq!(blobs(&t.folder), 0);

    // A new computer: the rows, the photos shown as archived, no loop.
    let mut c = Store::open(&t.tmp.path().join("c")).unwrap();
    for _ in 0..3 {
        let got = sync(&mut c, &t.folder);
        assert_eq!((got.blobs_fetched, got.blobs_missing), (0, 0));
        assert!(got.notices.is_empty(), "{:?}", got.notices);
    }
    let status = lotbook::sync::state::status(&c).unwrap();
    assert_eq!(status.missing_photos, 0);
    let on_c = c.archived_photos(&t.car).unwrap();
    assert_eq!((on_c.here.len(), on_c.elsewhere.len()), (0, 2));
    assert!(backup::check_store(c.data_dir()).unwrap().ok);
    sync(&mut b, &t.folder);
    sync(&mut t.a, &t.folder);
    assert_eq!(dump(&t.a), dump(&b));
    assert_eq!(dump(&t.a), dump(&c));
}

#[test]
fn a_bad_archive_age_from_the_folder_is_set_aside() {
    let mut t = team(0, "2026-01-05");
    // Written past the form's check, as an older or altered Lotbook could.
    t.a.set_setting(KEY, "45").unwrap();
    sync(&mut t.a, &t.folder);
    let mut b = Store::open(&t.tmp.path().join("b")).unwrap();
    sync(&mut b, &t.folder);
    assert_eq!(b.archive_sold_after_days().unwrap(), None);
    assert_eq!(
        b.team_value(lotbook::settings::TeamKey::ArchiveSoldAfter)
            .unwrap(),
        "off"
    );
    let aside = lotbook::sync::state::set_aside(&b).unwrap();
    assert!(
        aside
            .iter()
            .any(|g| g.table == "settings" && g.reason.code == "not_allowed"),
        "{aside:?}"
    );
    // A valid value later wins as usual.
    t.a.set_team_setting(KEY, "180").unwrap();
    sync(&mut t.a, &t.folder);
    sync(&mut b, &t.folder);
    assert_eq!(b.archive_sold_after_days().unwrap(), Some(180));
}

#[test]
fn the_cli_previews_archives_and_brings_back() {
    let t = team(2, "2026-01-05");
    let dir = t.a.data_dir().to_owned();
    let car = t.car.clone();
    drop(t.a);
    let run = |args: &[&str]| {
        let o = common::lotbook(&dir, args);
        (
            o.status.success(),
            String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr),
        )
    };
    let (ok, out) = run(&["photos", "archive", "--dry-run"]);
    assert!(ok && out.contains("archiving is off"), "{out}");
    let (ok, out) = run(&["photos", "archive"]);
    assert!(!ok && out.contains("archiving is off"), "{out}");
    assert!(run(&["team-settings", "set", KEY, "90"]).0);
    assert!(run(&["backup"]).0);
    let (ok, out) = run(&["photos", "archive", "--dry-run"]);
    assert!(
        ok && out.contains("would archive 2 photos of 1 cars"),
        "{out}"
    );
    let (ok, out) = run(&["photos", "archive"]);
    assert!(ok && out.contains("archived 2 photos of 1 cars"), "{out}");
    let (ok, out) = run(&["space"]);
    assert!(
        ok && out.contains("Archived photos (sold over 90 days ago): 2"),
        "{out}"
    );
    let (ok, out) = run(&["check"]);
    assert!(ok && out.starts_with("OK"), "{out}");
    let (ok, out) = run(&["photos", "unarchive", &car]);
    assert!(ok && out.contains("2 photos brought back"), "{out}");
    drop(t.tmp);
}
