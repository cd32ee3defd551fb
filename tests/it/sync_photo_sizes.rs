//! The shared folder's photo size policy (src/photos/shared.rs): by default
//! the folder carries each photo at its shared size, the original stays on
//! the computer that imported it, and a colleague's computer shows the
//! photo, makes its thumbnail and composes an e-mail from the shared size;
//! a team setting keeps sending originals. Through a real folder.

use crate::common;
use crate::support::{sync_net::dump, synth};

use lotbook::condition::Lang;
use lotbook::mail::{Budget, BudgetPreset};
use lotbook::photos::{prepare, PhotoSize};
use lotbook::Store;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

struct Pair {
    _tmp: TempDir,
    a: Store,
    b: Store,
    folder: PathBuf,
    car: String,
    /// Bytes of the originals imported on A.
    originals: u64,
}

/// A imports `photos` camera-like 4000x3000 JPEGs into one car; B is empty.
fn pair(photos: u64, setting: Option<&str>) -> Pair {
    let tmp = TempDir::new().unwrap();
    let folder = tmp.path().join("share");
    std::fs::create_dir_all(&folder).unwrap();
    let mut a = Store::open(&tmp.path().join("a")).unwrap();
    let b = Store::open(&tmp.path().join("b")).unwrap();
    if let Some(v) = setting {
        a.set_team_setting("sync.photo_files", v).unwrap();
    }
    let lot = common::lot(&mut a, "대전오토월드");
    let car = a.save_vehicle(&common::vehicle(&lot, "SM520")).unwrap().id;
    let lib = a.photos().clone();
    let mut originals = 0;
    for n in 0..photos {
        let jpeg = synth::jpeg(n + 11, 4000, 3000);
        originals += jpeg.len() as u64;
        let p = prepare::prepare_bytes(&lib, &format!("IMG_{n}.jpg"), &jpeg).unwrap();
        a.attach_photo(&car, &p).unwrap();
    }
    Pair {
        _tmp: tmp,
        a,
        b,
        folder,
        car,
        originals,
    }
}

fn sync(store: &mut Store, folder: &Path) -> lotbook::sync::SyncReport {
    lotbook::sync::sync_once(store, folder, None).unwrap()
}

/// Every photo file in the folder: (name, bytes).
fn blobs(folder: &Path) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let root = folder.join("lotbook-sync/blobs");
    for shard in std::fs::read_dir(root).into_iter().flatten().flatten() {
        for f in std::fs::read_dir(shard.path()).unwrap().flatten() {
            let name = f.file_name().to_string_lossy().into_owned();
            if !name.starts_with('.') {
                out.push((name, f.metadata().unwrap().len()));
            }
        }
    }
    out.sort();
    out
}

fn long_edge(jpeg: &[u8]) -> u32 {
    let h = turbojpeg::Decompressor::new()
        .unwrap()
        .read_header(jpeg)
        .unwrap();
    h.width.max(h.height) as u32
}

#[test]
fn a_colleague_holds_the_shared_size_and_composes_an_email_from_it() {
    let mut t = pair(3, None);
    let sent = sync(&mut t.a, &t.folder);
    assert_eq!(sent.blobs_sent, 3);
    let got = sync(&mut t.b, &t.folder);
    assert_eq!((got.blobs_fetched, got.blobs_missing), (3, 0));
    assert_eq!(dump(&t.a), dump(&t.b), "the rows converge");

    // The folder holds the shared sizes (named by their own hash), not the
    // originals, and far fewer bytes.
    let photos = t.a.list_photos(&t.car).unwrap();
    let files = blobs(&t.folder);
    let mut want: Vec<String> = photos
        .iter()
        .map(|p| {
            format!(
                "{}.jpeg",
                p.shared_hash.as_deref().expect("recorded at import")
            )
        })
        .collect();
    want.sort();
    assert_eq!(files.iter().map(|f| f.0.clone()).collect::<Vec<_>>(), want);
    let shared: u64 = files.iter().map(|f| f.1).sum();
    assert!(
        shared * 4 < t.originals,
        "{shared} bytes shared for {} of originals",
        t.originals
    );

    // A keeps the originals; B holds the shared size (A's screen size,
    // byte for byte) and no original.
    let lib_a = t.a.photos().clone();
    let lib_b = t.b.photos().clone();
    for p in &photos {
        assert!(lib_a.original_path(&p.hash, p.format).unwrap().is_file());
        assert!(!lib_b.original_path(&p.hash, p.format).unwrap().is_file());
        let held = std::fs::read(lib_b.held_shared(&p.hash).expect("shared size")).unwrap();
        let screen_a =
            std::fs::read(lib_a.derived_path(PhotoSize::Screen, &p.hash).unwrap()).unwrap();
        assert_eq!(held, screen_a);
        assert_eq!(long_edge(&held), PhotoSize::Screen.long_edge());
        // The screen shows it and a thumbnail is made from it.
        for size in [PhotoSize::Screen, PhotoSize::Thumb] {
            let path = prepare::ensure_derived(&lib_b, size, &p.hash).unwrap();
            assert_eq!(
                long_edge(&std::fs::read(path).unwrap()),
                size.long_edge(),
                "{size:?}"
            );
        }
    }
    let check = lotbook::backup::check_store(t.b.data_dir()).unwrap();
    assert!(check.ok, "{:?}", check.problems);

    // B composes an e-mail from the shared sizes: the photos go at the
    // e-mail's largest size, as on A, and within the budget.
    for budget in [
        Budget::preset(BudgetPreset::Gmail),
        Budget::preset(BudgetPreset::Naver),
        Budget::megabytes(1),
    ] {
        let compose = |s: &mut Store| {
            let customer = common::customer(s, "이준혁", "junhyuk.lee@naver.com");
            let mut req = common::compose_request(&customer, &[t.car.clone()], Lang::Ko, budget);
            common::all_photos(s, &mut req);
            s.compose(&req).unwrap()
        };
        let (on_a, on_b) = (compose(&mut t.a), compose(&mut t.b));
        let m = &on_b.mail;
        assert!(m.encoded_bytes <= m.budget_bytes, "{m:?}");
        assert_eq!(m.photo_edge, on_a.mail.photo_edge);
        for bytes in &on_b.image_bytes {
            assert!(long_edge(bytes) <= 1600);
        }
    }
    // With room, the photos go at the e-mail's largest size.
    let customer = common::customer(&mut t.b, "김민지", "minji@naver.com");
    let mut req = common::compose_request(
        &customer,
        &[t.car.clone()],
        Lang::Ko,
        Budget::preset(BudgetPreset::Gmail),
    );
    common::all_photos(&t.b, &mut req);
    assert_eq!(t.b.compose(&req).unwrap().mail.photo_edge, 1600);

    // Nothing is fetched or sent again, and nothing waits.
    sync(&mut t.a, &t.folder);
    let again = sync(&mut t.b, &t.folder);
    assert_eq!(
        (again.blobs_fetched, again.blobs_missing, again.blobs_sent),
        (0, 0, 0)
    );
    let waiting: i64 =
        t.b.conn()
            .query_row("SELECT count(*) FROM sync_missing_blobs", [], |r| r.get(0))
            .unwrap();
    assert_eq!(waiting, 0);

    // B deletes a photo and undoes it: the shared size is enough, the row
    // (with its shared hash) goes back, and A fetches nothing.
    let gone = t.b.delete_photo(&photos[0].id).unwrap();
    t.b.restore_photo(&gone).unwrap();
    let back = sync(&mut t.b, &t.folder);
    assert_eq!(back.blobs_sent, 0);
    let on_a = sync(&mut t.a, &t.folder);
    assert_eq!((on_a.blobs_fetched, on_a.blobs_missing), (0, 0));
    assert_eq!(dump(&t.a), dump(&t.b));
    assert_eq!(blobs(&t.folder).len(), 3);
}

#[test]
fn a_team_with_room_keeps_sending_originals() {
    let mut t = pair(1, Some("originals"));
    sync(&mut t.a, &t.folder);
    let got = sync(&mut t.b, &t.folder);
    assert_eq!(got.blobs_fetched, 1);
    let p = &t.b.list_photos(&t.car).unwrap()[0];
    let original = t.b.photos().original_path(&p.hash, p.format).unwrap();
    assert_eq!(std::fs::metadata(original).unwrap().len(), t.originals);
    assert!(t.b.photos().held_shared(&p.hash).is_none());
    let files = blobs(&t.folder);
    assert_eq!(files, vec![(format!("{}.jpeg", p.hash), t.originals)]);
    // Any other value is refused, with its own code.
    let e =
        t.a.set_team_setting("sync.photo_files", "half")
            .unwrap_err();
    assert_eq!(e.code(), lotbook::error::ErrorCode::InvalidChoice);
}

#[test]
fn a_damaged_shared_file_is_refused_and_fetched_once_whole() {
    let mut t = pair(1, None);
    sync(&mut t.a, &t.folder);
    let (name, _) = blobs(&t.folder).remove(0);
    let path = t
        .folder
        .join("lotbook-sync/blobs")
        .join(&name[..2])
        .join(&name);
    let whole = std::fs::read(&path).unwrap();
    // Cut short, as a cloud drive still copying it leaves it.
    std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();
    let got = sync(&mut t.b, &t.folder);
    assert_eq!((got.blobs_fetched, got.blobs_missing), (0, 1));
    assert!(got.notices.iter().any(|n| n.code == "photo_damaged"));
    let p = &t.b.list_photos(&t.car).unwrap()[0];
    assert!(t.b.photos().held_shared(&p.hash).is_none());
    assert!(prepare::ensure_derived(t.b.photos(), PhotoSize::Thumb, &p.hash).is_err());
    std::fs::write(&path, &whole).unwrap();
    let got = sync(&mut t.b, &t.folder);
    assert_eq!((got.blobs_fetched, got.blobs_missing), (1, 0));
    assert!(prepare::ensure_derived(t.b.photos(), PhotoSize::Thumb, &p.hash).is_ok());
}
