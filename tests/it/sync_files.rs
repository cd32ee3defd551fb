//! The shared folder as a door: files anyone can drop there (a huge sparse
//! file, a FIFO, a symlink to a device) are skipped with a reason while the
//! rest of the pass goes on; a killed send's leftovers are cleaned; and two
//! computers syncing under one device id (a copied data folder) never
//! overwrite each other's segments and still converge.
//! Real stores, a real folder, real passes.

use crate::common;
use crate::support::sync_net;

use lotbook::sync::layout::{self, Read};
use lotbook::sync::{segment, sync_once, SyncReport};
use lotbook::Store;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Barrier};
use std::time::{Duration, SystemTime};
use sync_net::dump;
use tempfile::TempDir;

/// A hang guard, not a speed test: a pass that blocks on a FIFO never ends.
const HANG_GUARD: Duration = Duration::from_secs(20);

struct Team {
    tmp: TempDir,
    a: PathBuf,
    b: PathBuf,
    share: PathBuf,
}

/// A has two lots and has synced; B is new; both use `share`.
fn team() -> Team {
    let tmp = TempDir::new().unwrap();
    let (a, b, share) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("share"),
    );
    std::fs::create_dir_all(&share).unwrap();
    let mut store = Store::open(&a).unwrap();
    common::lot(&mut store, "본점");
    common::lot(&mut store, "둔산동");
    pass(&mut store, &share);
    drop(Store::open(&b).unwrap());
    Team { tmp, a, b, share }
}

fn pass(store: &mut Store, share: &Path) -> SyncReport {
    sync_once(store, share, None).unwrap_or_else(|e| panic!("sync failed: {e}"))
}

/// One pass of the data folder `dir`, in a thread: fails the test if it
/// does not end within [`HANG_GUARD`].
fn pass_guarded(dir: &Path, share: &Path) -> SyncReport {
    let (tx, rx) = mpsc::channel();
    let (dir, share) = (dir.to_owned(), share.to_owned());
    std::thread::spawn(move || {
        let result = Store::open(&dir)
            .and_then(|mut s| sync_once(&mut s, &share, None))
            .map_err(|e| e.to_string());
        let _ = tx.send(result);
    });
    match rx.recv_timeout(HANG_GUARD) {
        Ok(Ok(report)) => report,
        Ok(Err(e)) => panic!("the pass failed: {e}"),
        Err(_) => panic!("the pass did not end within {HANG_GUARD:?}: it hangs on a file"),
    }
}

fn lot_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = Store::open(dir)
        .unwrap()
        .list_lots()
        .unwrap()
        .into_iter()
        .map(|l| l.name)
        .collect();
    names.sort();
    names
}

fn device_dir(share: &Path, device: &str) -> PathBuf {
    share.join("lotbook-sync/devices").join(device)
}

/// A device folder of a made-up device, with its segments folder.
fn stranger(share: &Path, n: u32) -> PathBuf {
    let dir = device_dir(share, &format!("01900000-0000-7000-8000-00000000000{n}"));
    std::fs::create_dir_all(dir.join("segments")).unwrap();
    dir
}

fn skipped_code(report: &SyncReport, file: &Path) -> Option<String> {
    let file = file.display().to_string();
    report
        .skipped
        .iter()
        .find(|s| s.file == file)
        .map(|s| s.code.clone())
}

#[test]
fn a_huge_sparse_segment_is_skipped_and_the_rest_applies() {
    let t = team();
    let junk = stranger(&t.share, 1)
        .join("segments")
        .join(layout::segment_name(1));
    // 10 GB that take no disk: reading it whole would need 10 GB of memory.
    std::fs::File::create(&junk)
        .unwrap()
        .set_len(10 << 30)
        .unwrap();
    let r = pass_guarded(&t.b, &t.share);
    assert_eq!(
        skipped_code(&r, &junk).as_deref(),
        Some("too_large"),
        "{r:?}"
    );
    assert_eq!(
        lot_names(&t.b),
        lot_names(&t.a),
        "A's segments still applied"
    );
    // And it is still skipped, not fatal, at the next pass.
    let r = pass_guarded(&t.b, &t.share);
    assert_eq!(skipped_code(&r, &junk).as_deref(), Some("too_large"));
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn a_fifo_as_a_segment_or_device_json_does_not_hang_the_pass() {
    let t = team();
    let dir = stranger(&t.share, 2);
    let seg = dir.join("segments").join(layout::segment_name(1));
    let info = dir.join("device.json");
    mkfifo(&seg);
    mkfifo(&info);
    // A second stranger with a FIFO segment only, after a real one.
    let dir3 = stranger(&t.share, 3);
    let seg3 = dir3.join("segments").join(layout::segment_name(2));
    mkfifo(&seg3);
    let r = pass_guarded(&t.b, &t.share);
    assert_eq!(
        skipped_code(&r, &seg).as_deref(),
        Some("special_file"),
        "{r:?}"
    );
    assert_eq!(
        skipped_code(&r, &info).as_deref(),
        Some("special_file"),
        "{r:?}"
    );
    assert_eq!(
        skipped_code(&r, &seg3).as_deref(),
        Some("special_file"),
        "{r:?}"
    );
    let why = &r
        .skipped
        .iter()
        .find(|s| s.code == "special_file")
        .unwrap()
        .reason;
    assert!(why.contains("named pipe"), "{why}");
    assert_eq!(lot_names(&t.b), lot_names(&t.a));
    // A's own pass is not stopped by them either.
    pass_guarded(&t.a, &t.share);
}

/// What may be written depends on FORMAT.json: a FIFO there stops the pass
/// with the file named (at once, not after waiting for a writer).
#[cfg(unix)]
#[test]
fn a_fifo_as_format_json_is_named_and_does_not_hang() {
    let t = team();
    let format = t.share.join("lotbook-sync/FORMAT.json");
    std::fs::remove_file(&format).unwrap();
    mkfifo(&format);
    let (tx, rx) = mpsc::channel();
    let (b, share) = (t.b.clone(), t.share.clone());
    std::thread::spawn(move || {
        let mut store = Store::open(&b).unwrap();
        let _ = tx.send(
            sync_once(&mut store, &share, None)
                .map(|_| ())
                .map_err(|e| e.to_string()),
        );
    });
    let e = rx
        .recv_timeout(HANG_GUARD)
        .expect("the pass hangs")
        .unwrap_err();
    assert!(e.contains("FORMAT.json") && e.contains("named pipe"), "{e}");
}

#[cfg(unix)]
#[test]
fn a_symlink_to_dev_zero_is_skipped() {
    let t = team();
    let dir = stranger(&t.share, 4);
    let seg = dir.join("segments").join(layout::segment_name(1));
    let info = dir.join("device.json");
    std::os::unix::fs::symlink("/dev/zero", &seg).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &info).unwrap();
    // A file under a segment's name, so its device.json is read.
    std::fs::write(dir.join("segments").join(layout::segment_name(2)), b"junk").unwrap();
    // A device folder, and a segments folder, that lead out of the folder.
    let outside = t.tmp.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join(layout::segment_name(1)), b"private").unwrap();
    let linked = device_dir(&t.share, "01900000-0000-7000-8000-000000000005");
    std::os::unix::fs::symlink(&outside, &linked).unwrap();
    let dir6 = device_dir(&t.share, "01900000-0000-7000-8000-000000000006");
    std::fs::create_dir_all(&dir6).unwrap();
    std::os::unix::fs::symlink(&outside, dir6.join("segments")).unwrap();
    let r = pass_guarded(&t.b, &t.share);
    assert_eq!(skipped_code(&r, &seg).as_deref(), Some("symlink"), "{r:?}");
    assert_eq!(skipped_code(&r, &info).as_deref(), Some("symlink"), "{r:?}");
    assert_eq!(
        skipped_code(&r, &linked).as_deref(),
        Some("symlink"),
        "{r:?}"
    );
    assert_eq!(
        skipped_code(&r, &dir6.join("segments")).as_deref(),
        Some("symlink"),
        "{r:?}"
    );
    assert!(
        !r.skipped.iter().any(|s| s.file.contains("outside")),
        "{r:?}"
    );
    assert_eq!(lot_names(&t.b), lot_names(&t.a));
}

fn age(path: &Path, by: Duration) {
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - by).unwrap();
}

#[test]
fn a_killed_sends_old_temporary_files_are_cleaned_but_not_another_devices() {
    let t = team();
    let a_id = Store::open(&t.a).unwrap().device_id();
    let other = "01900000-0000-7000-8000-000000000009";
    let segs = device_dir(&t.share, &a_id).join("segments");
    let blobs = t.share.join("lotbook-sync/blobs/ab");
    std::fs::create_dir_all(&blobs).unwrap();
    let tmp = |dir: &Path, name: &str, device: &str| {
        let p = dir.join(format!(".{name}.{device}.{}.tmp", lotbook::db::new_id()));
        std::fs::write(&p, b"half a segment").unwrap();
        p
    };
    let own_old = tmp(&segs, "0000000005.seg", &a_id);
    age(&own_old, Duration::from_secs(3600));
    let own_blob_old = tmp(&blobs, "ab12.jpg", &a_id);
    age(&own_blob_old, Duration::from_secs(3600));
    let own_new = tmp(&segs, "0000000006.seg", &a_id);
    let others_old = tmp(&segs, "0000000005.seg", other);
    age(&others_old, Duration::from_secs(3600));

    let mut a = Store::open(&t.a).unwrap();
    pass(&mut a, &t.share);
    assert!(
        !own_old.exists(),
        "this device's stale temporary file is removed"
    );
    assert!(!own_blob_old.exists(), "also among the photo files");
    assert!(own_new.exists(), "a fresh one may be a send in progress");
    assert!(others_old.exists(), "another device's is never touched");
    // Our own writes leave no temporary file behind.
    common::lot(&mut a, "새 매장");
    pass(&mut a, &t.share);
    let left: Vec<_> = std::fs::read_dir(&segs)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n.contains(&a_id))
        .collect();
    assert_eq!(left.len(), 1, "only the fresh leftover: {left:?}");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// A copy the open could not tell from the original (a cloned virtual
/// machine: same computer name, same path): only the folder can show it.
fn unnoticed_copy(from: &Path, to: &Path) {
    copy_dir(from, to);
    let store = Store::open(to).unwrap();
    store
        .conn()
        .execute(
            "DELETE FROM local_meta WHERE key = ?1",
            [lotbook::db::home::COPIED_KEY],
        )
        .unwrap();
}

/// Passes of every computer until none sends or applies anything.
fn settle(dirs: &[&Path], share: &Path) {
    for _ in 0..4 {
        let mut quiet = true;
        for d in dirs {
            let r = pass(&mut Store::open(d).unwrap(), share);
            quiet &= r.idle();
        }
        if quiet {
            return;
        }
    }
}

#[test]
fn two_computers_with_one_device_id_syncing_at_once_overwrite_nothing_and_converge() {
    for attempt in 0..12 {
        let t = team();
        let a2 = t.tmp.path().join("a2");
        unnoticed_copy(&t.a, &a2); // the data folder copied to a second PC
        let barrier = Arc::new(Barrier::new(2));
        let threads: Vec<_> = [
            (t.a.clone(), "A의 새 매장"),
            (a2.clone(), "복사본의 새 매장"),
        ]
        .into_iter()
        .map(|(dir, lot)| {
            let (barrier, share) = (barrier.clone(), t.share.clone());
            std::thread::spawn(move || {
                let mut store = Store::open(&dir).unwrap();
                common::lot(&mut store, lot);
                barrier.wait();
                sync_once(&mut store, &share, None).map_err(|e| e.to_string())
            })
        })
        .collect();
        for th in threads {
            // A pass may refuse with a clear error; the next one carries on.
            let _ = th.join().unwrap();
        }
        settle(&[&t.a, &a2, &t.b], &t.share);
        let ids = [&t.a, &a2].map(|d| Store::open(d).unwrap().device_id());
        assert_ne!(
            ids[0], ids[1],
            "attempt {attempt}: one of them renewed its id"
        );
        let names = lot_names(&t.b);
        for lot in ["A의 새 매장", "복사본의 새 매장"] {
            assert!(
                names.contains(&lot.to_owned()),
                "attempt {attempt}: {lot} lost: {names:?}"
            );
        }
        let b = dump(&Store::open(&t.b).unwrap());
        assert_eq!(dump(&Store::open(&t.a).unwrap()), b, "attempt {attempt}");
        assert_eq!(dump(&Store::open(&a2).unwrap()), b, "attempt {attempt}");
    }
}

#[test]
fn a_segment_of_ours_replaced_by_another_computers_is_noticed_and_nothing_is_lost() {
    let t = team();
    let a2 = t.tmp.path().join("a2");
    unnoticed_copy(&t.a, &a2);
    // The copy syncs with its own view of the folder (a cloud drive's copy
    // on the second PC), writing its segment 2 there.
    let view2 = t.tmp.path().join("share2");
    copy_dir(&t.share, &view2);
    let mut c = Store::open(&a2).unwrap();
    common::lot(&mut c, "복사본의 새 매장");
    pass(&mut c, &view2);
    drop(c);
    let mut a = Store::open(&t.a).unwrap();
    let me = a.device_id();
    common::lot(&mut a, "A의 새 매장");
    pass(&mut a, &t.share);
    // The cloud drive settles the two files of one name by keeping the copy's.
    let name = layout::segment_name(2);
    let from = device_dir(&view2, &me).join("segments").join(&name);
    let to = device_dir(&t.share, &me).join("segments").join(&name);
    std::fs::copy(&from, &to).unwrap();

    let r = pass(&mut a, &t.share);
    assert!(
        r.notices.iter().any(|n| n.code == "clone"),
        "{:?}",
        r.notices
    );
    assert_ne!(a.device_id(), me, "A carries on as a new device");
    drop(a);
    settle(&[&t.a, &t.b], &t.share);
    let names = lot_names(&t.b);
    for lot in ["A의 새 매장", "복사본의 새 매장"] {
        assert!(names.contains(&lot.to_owned()), "{lot} lost: {names:?}");
    }
    assert_eq!(
        dump(&Store::open(&t.a).unwrap()),
        dump(&Store::open(&t.b).unwrap())
    );
}

#[test]
fn a_data_folder_copied_to_another_computer_takes_its_own_id_before_it_sends() {
    let t = team();
    let a2 = t.tmp.path().join("a2");
    copy_dir(&t.a, &a2);
    let mut a = Store::open(&t.a).unwrap();
    let mut copy = Store::open(&a2).unwrap();
    let me = a.device_id();
    assert_eq!(copy.device_id(), me, "a byte copy carries the id along");
    // Both edit before either syncs: their stamps may well be equal.
    common::lot(&mut a, "A의 새 매장");
    common::lot(&mut copy, "복사본의 새 매장");
    let r = pass(&mut copy, &t.share);
    assert!(
        r.notices.iter().any(|n| n.code == "copied"),
        "{:?}",
        r.notices
    );
    assert_ne!(copy.device_id(), me, "the copy carries on as a new device");
    let r = pass(&mut a, &t.share);
    assert!(r.notices.is_empty(), "the original is left alone: {r:?}");
    assert_eq!(a.device_id(), me);
    // Opening again where it is now is not a copy.
    let id = copy.device_id();
    drop(copy);
    let mut copy = Store::open(&a2).unwrap();
    pass(&mut copy, &t.share);
    assert_eq!(copy.device_id(), id);
    // What the original goes on sending under the old id reaches the copy
    // as the folder's, never as the copy's own to send (or to leave out of
    // its snapshots).
    common::lot(&mut a, "A의 두 번째 매장");
    pass(&mut a, &t.share);
    pass(&mut copy, &t.share);
    assert!(lot_names(&a2).contains(&"A의 두 번째 매장".to_owned()));
    assert_eq!(lotbook::sync::state::pending_changes(&copy).unwrap(), 0);
    drop((a, copy));
    settle(&[&t.a, &a2, &t.b], &t.share);
    let names = lot_names(&t.b);
    for lot in ["A의 새 매장", "복사본의 새 매장"] {
        assert!(names.contains(&lot.to_owned()), "{lot} lost: {names:?}");
    }
    let b = dump(&Store::open(&t.b).unwrap());
    assert_eq!(dump(&Store::open(&t.a).unwrap()), b);
    assert_eq!(dump(&Store::open(&a2).unwrap()), b);
}

#[test]
fn a_huge_format_or_encryption_file_is_refused_by_name_without_reading_it() {
    let t = team();
    let enc = t.share.join("lotbook-sync/encryption.json");
    std::fs::File::create(&enc)
        .unwrap()
        .set_len(10 << 30)
        .unwrap();
    let mut b = Store::open(&t.b).unwrap();
    let e = sync_once(&mut b, &t.share, None).unwrap_err().to_string();
    assert!(e.contains("encryption.json") && e.contains("MB"), "{e}");
}

#[test]
fn a_big_send_is_split_into_segments_under_the_cap() {
    let t = team();
    let mut a = Store::open(&t.a).unwrap();
    let me = a.device_id();
    // Three addresses of 6 MB each (raw SQL: the form would refuse them).
    let big = "가".repeat(2 << 20);
    for i in 0..3 {
        let lot = common::lot(&mut a, &format!("큰 매장 {i}"));
        a.transact(|tx| {
            tx.execute("UPDATE lots SET address = ?2 WHERE id = ?1", [&lot, &big])?;
            Ok(())
        })
        .unwrap();
    }
    let r = pass(&mut a, &t.share);
    assert!(r.segments_written >= 2, "{r:?}");
    let dir = device_dir(&t.share, &me).join("segments");
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let len = e.metadata().unwrap().len();
        assert!(len <= 16 << 20, "{:?} is {len} bytes", e.file_name());
    }
    let b = pass(&mut Store::open(&t.b).unwrap(), &t.share);
    assert!(b.skipped.is_empty(), "{:?}", b.skipped);
    assert_eq!(b.segments_applied, r.segments_written + 1);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any bytes under a segment's name: a clear refusal or error, never a
    /// panic, and never more read than the cap.
    #[test]
    fn the_segment_reader_takes_any_bytes(
        bytes in proptest::collection::vec(any::<u8>(), 0..4096),
        cap in 0u64..4096,
    ) {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join(layout::segment_name(1));
        std::fs::write(&path, &bytes).unwrap();
        match layout::read_bounded(&path, cap).unwrap() {
            Read::Bytes(b) => {
                prop_assert!(b.len() as u64 <= cap);
                prop_assert_eq!(&b, &bytes);
                let _ = segment::decode(&b, "d1", 1, None);
            }
            Read::Refused { code, reason } => {
                prop_assert_eq!(code, "too_large");
                prop_assert!(bytes.len() as u64 > cap);
                prop_assert!(reason.contains("MB"));
            }
            Read::Missing => prop_assert!(false, "the file is there"),
        }
    }

    /// A real header in front of arbitrary bodies and header values.
    #[test]
    fn the_segment_decoder_refuses_forged_segments_clearly(
        body in proptest::collection::vec(any::<u8>(), 0..512),
        count in any::<usize>(),
        claimed in any::<u64>(),
        format in 0u32..4,
        encrypted in any::<bool>(),
        honest_sum in any::<bool>(),
    ) {
        let sum = if honest_sum { blake3::hash(&body).to_hex().to_string() } else { "0".repeat(64) };
        let header = serde_json::json!({
            "format": format, "device": "d1", "number": 1, "count": count,
            "bytes": claimed, "blake3": sum, "encrypted": encrypted,
        });
        let mut bytes = segment::MAGIC.to_vec();
        bytes.extend_from_slice(header.to_string().as_bytes());
        bytes.push(b'\n');
        bytes.extend_from_slice(&body);
        if let Ok(seg) = segment::decode(&bytes, "d1", 1, None) {
            prop_assert_eq!(seg.changes.len(), count);
        }
    }
}
