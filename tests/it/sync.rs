//! Sync between real data folders through a real shared folder, driven by
//! the CLI as a colleague's computer would run it, and every fault a shared
//! folder throws at it.

use crate::common;
use crate::support::sync_net;

use common::lotbook;
use lotbook::inventory::VehicleInput;
use lotbook::Store;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;
use sync_net::dump;
use tempfile::TempDir;

fn sync(dir: &Path, folder: &Path) -> serde_json::Value {
    let out = lotbook(
        dir,
        &["--json", "sync", "--folder", folder.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "sync of {} failed: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn sync_fails(dir: &Path, folder: &Path, env: &[(&str, &str)], extra: &[&str]) -> (String, String) {
    let mut cmd = lotbook_cli();
    cmd.arg("--data-dir")
        .arg(dir)
        .args(["--json", "sync", "--folder"])
        .arg(folder)
        .args(extra);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert!(!out.status.success(), "sync should have failed");
    let shape: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (
        shape["code"].as_str().unwrap_or_default().to_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn check_ok(dir: &Path) {
    let out = lotbook(dir, &["check"]);
    assert!(
        out.status.success(),
        "check: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

fn dump_of(dir: &Path) -> String {
    dump(&Store::open(dir).unwrap())
}

fn first_car(dir: &Path) -> String {
    let store = Store::open(dir).unwrap();
    let id = store
        .conn()
        .query_row("SELECT id FROM vehicles ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    id
}

fn set_price(dir: &Path, car: &str, price: i64) {
    let mut store = Store::open(dir).unwrap();
    let mut v = VehicleInput::from(store.get_vehicle(car).unwrap());
    v.price_krw = price;
    store.save_vehicle(&v).unwrap();
}

/// Sets the price with a clock that has seen `seen` (a stamp of another
/// device), so this edit is stamped after it.
fn set_price_after(dir: &Path, car: &str, price: i64, seen: u64) {
    let mut store = Store::open(dir).unwrap();
    store.clock().observe(&lotbook::db::clock::format_hlc(seen));
    let mut v = VehicleInput::from(store.get_vehicle(car).unwrap());
    v.price_krw = price;
    store.save_vehicle(&v).unwrap();
}

fn price(dir: &Path, car: &str) -> i64 {
    Store::open(dir)
        .unwrap()
        .get_vehicle(car)
        .unwrap()
        .price_krw
}

struct Team {
    _tmp: TempDir,
    a: PathBuf,
    b: PathBuf,
    folder: PathBuf,
}

/// Computer A holds the demo team (no photos); B is new; both use one folder.
fn team() -> Team {
    let tmp = TempDir::new().unwrap();
    let (a, b, folder) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("share"),
    );
    std::fs::create_dir_all(&folder).unwrap();
    assert!(lotbook(&a, &["demo", "--no-photos"]).status.success());
    Team {
        _tmp: tmp,
        a,
        b,
        folder,
    }
}

fn segments_of(folder: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let devices = folder.join("lotbook-sync/devices");
    for d in std::fs::read_dir(devices).into_iter().flatten().flatten() {
        for s in std::fs::read_dir(d.path().join("segments"))
            .into_iter()
            .flatten()
            .flatten()
        {
            out.push(s.path());
        }
    }
    out.sort();
    out
}

#[test]
fn two_computers_converge_through_the_cli_with_photos_and_a_conflict() {
    let t = team();
    let car = first_car(&t.a);
    let photo = common::test_photos().join("orientation/landscape_6.jpg");
    let out = lotbook(
        &t.a,
        &[
            "photos",
            "import",
            "--vehicle",
            &car,
            photo.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let first = sync(&t.a, &t.folder);
    assert_eq!(first["segments_written"], 1);
    assert_eq!(first["blobs_sent"], 1);
    let got = sync(&t.b, &t.folder);
    assert_eq!(got["segments_applied"], 1);
    assert_eq!(got["blobs_fetched"], 1);
    assert_eq!(dump_of(&t.a), dump_of(&t.b));
    check_ok(&t.b);
    // B's copy of the photo is its shared size (A's screen size; the
    // original stays on A), and the app can show it.
    let b = Store::open(&t.b).unwrap();
    let p = &b.list_photos(&car).unwrap()[0];
    let shared = b.photos().held_shared(&p.hash).expect("the shared size");
    let a_screen = Store::open(&t.a)
        .unwrap()
        .photos()
        .derived_path(lotbook::photos::PhotoSize::Screen, &p.hash)
        .unwrap();
    assert_eq!(
        std::fs::read(&shared).unwrap(),
        std::fs::read(a_screen).unwrap()
    );
    lotbook::photos::prepare::ensure_derived(
        b.photos(),
        lotbook::photos::PhotoSize::Thumb,
        &p.hash,
    )
    .unwrap();
    drop(b);

    // Both change the same car's price; B's is the later one and wins on both.
    set_price(&t.a, &car, 11_000_000);
    // B's edit is the later one because B's clock has seen A's newest
    // stamp (as it would have by syncing first), not because time passed.
    let a_last = Store::open(&t.a).unwrap().clock().last();
    set_price_after(&t.b, &car, 12_000_000, a_last);
    sync(&t.a, &t.folder);
    sync(&t.b, &t.folder);
    sync(&t.a, &t.folder);
    assert_eq!(price(&t.a, &car), 12_000_000);
    assert_eq!(price(&t.b, &car), 12_000_000);
    assert_eq!(dump_of(&t.a), dump_of(&t.b));

    // A keeps the overwritten value in the car's history, by whom and when.
    let a = Store::open(&t.a).unwrap();
    let history = lotbook::sync::history::row_history(&a, "vehicles", &car, 20).unwrap();
    let price_change = history
        .iter()
        .find(|h| h.column == "price_krw" && h.value == "12000000")
        .expect("B's price in A's history");
    assert_eq!(price_change.replaced.as_deref(), Some("11000000"));
    assert!(price_change.replaced_other && price_change.current);

    // An idle pass writes and applies nothing.
    let idle = sync(&t.a, &t.folder);
    assert_eq!(
        (
            idle["segments_written"].as_u64(),
            idle["segments_applied"].as_u64()
        ),
        (Some(0), Some(0))
    );
}

#[test]
fn a_sync_killed_at_any_moment_converges_on_the_next_run() {
    let t = team();
    // Enough changes that a pass takes a while: 40 cars × 400 edits.
    {
        let mut a = Store::open(&t.a).unwrap();
        a.transact(|tx| {
            for i in 0..400 {
                tx.execute("UPDATE vehicles SET notes = '메모 ' || ?1", [i])?;
            }
            Ok(())
        })
        .unwrap();
    }
    // B exists (an empty store) before its first pass can be cut off.
    assert!(lotbook(&t.b, &["sync", "--status"]).status.success());
    for kill_after in [5u64, 30, 80, 150, 300] {
        for dir in [&t.a, &t.b] {
            let mut child = lotbook_cli()
                .arg("--data-dir")
                .arg(dir)
                .args(["sync", "--folder"])
                .arg(&t.folder)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(Duration::from_millis(kill_after));
            let _ = child.kill();
            let _ = child.wait();
            check_ok(dir);
        }
    }
    sync(&t.a, &t.folder);
    sync(&t.b, &t.folder);
    sync(&t.a, &t.folder);
    assert_eq!(dump_of(&t.a), dump_of(&t.b));
    check_ok(&t.a);
    check_ok(&t.b);
    // No temporary files left in the folder's listing that a reader would use.
    for seg in segments_of(&t.folder) {
        let name = seg.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with('.') || lotbook::sync::layout::parse_segment_name(&name).is_some()
        );
    }
}

#[test]
fn truncated_and_duplicated_segments_wait_or_are_ignored() {
    let t = team();
    sync(&t.a, &t.folder);
    let seg = segments_of(&t.folder).pop().unwrap();
    let whole = std::fs::read(&seg).unwrap();
    // Half-copied by the cloud drive: B skips it and has nothing yet.
    std::fs::write(&seg, &whole[..whole.len() / 2]).unwrap();
    std::fs::write(
        seg.with_file_name("0000000001 (conflicted copy 2026-12-01).seg"),
        &whole,
    )
    .unwrap();
    let r = sync(&t.b, &t.folder);
    assert_eq!(r["segments_applied"], 0);
    let reasons: Vec<String> = r["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["reason"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        reasons.iter().any(|r| r.contains("incomplete")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r.contains("duplicate copy")),
        "{reasons:?}"
    );
    assert_eq!(Store::open(&t.b).unwrap().list_lots().unwrap().len(), 0);
    // The copy completes: the next pass applies it, once.
    std::fs::write(&seg, &whole).unwrap();
    assert_eq!(sync(&t.b, &t.folder)["segments_applied"], 1);
    assert_eq!(sync(&t.b, &t.folder)["segments_applied"], 0);
    assert_eq!(dump_of(&t.a), dump_of(&t.b));
}

#[test]
fn a_segment_months_late_and_out_of_order_still_counts() {
    let t = team();
    sync(&t.a, &t.folder);
    sync(&t.b, &t.folder);
    let car = first_car(&t.a);
    set_price(&t.a, &car, 9_000_000);
    sync(&t.a, &t.folder); // segment 2
    set_price(&t.a, &car, 8_000_000);
    {
        let mut a = Store::open(&t.a).unwrap();
        a.delete_vehicle(&first_car(&t.a)).unwrap();
    }
    sync(&t.a, &t.folder); // segment 3
                           // Segment 2 is held back (a NAS that was offline for months).
    let segs = segments_of(&t.folder);
    let two = segs
        .iter()
        .find(|p| p.ends_with("0000000002.seg"))
        .unwrap()
        .clone();
    let held = std::fs::read(&two).unwrap();
    std::fs::remove_file(&two).unwrap();
    sync(&t.b, &t.folder);
    assert!(
        Store::open(&t.b).unwrap().get_vehicle(&car).is_err(),
        "deleted by segment 3"
    );
    std::fs::write(&two, held).unwrap();
    let late = sync(&t.b, &t.folder);
    assert_eq!(late["segments_applied"], 1);
    // The older edit does not bring the deleted car back.
    assert!(Store::open(&t.b).unwrap().get_vehicle(&car).is_err());
    assert_eq!(dump_of(&t.a), dump_of(&t.b));
}

#[test]
fn a_folder_that_is_gone_is_offline_not_an_error_and_loses_nothing() {
    let t = team();
    let gone = t.folder.join("unplugged-nas");
    let (code, message) = sync_fails(&t.a, &gone, &[], &[]);
    assert_eq!(code, "unreachable");
    assert!(message.contains("not reachable"), "{message}");
    let status = lotbook(&t.a, &["--json", "sync", "--status"]);
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert!(status["pending_changes"].as_i64().unwrap() > 2000);
    // Nothing was created where the NAS should be.
    assert!(!gone.exists());
    std::fs::create_dir_all(&gone).unwrap();
    assert_eq!(sync(&t.a, &gone)["segments_written"], 1);
    check_ok(&t.a);
}

#[test]
fn a_full_folder_says_so_and_keeps_the_changes_here() {
    let t = team();
    let mnt = t.folder.join("small");
    std::fs::create_dir_all(&mnt).unwrap();
    // A 256 KB tmpfs in a private mount namespace: a real "disk full".
    let script = format!(
        "mount -t tmpfs -o size=256k tmpfs '{m}' && head -c 240000 /dev/zero > '{m}/filler' && \
         '{bin}' --data-dir '{a}' sync --folder '{m}'; echo \"exit=$?\"",
        m = mnt.display(),
        bin = env!("CARGO_BIN_EXE_lotbook"),
        a = t.a.display()
    );
    let out = Command::new("unshare")
        .args(["-r", "-m", "sh", "-c", &script])
        .output()
        .expect("unshare (util-linux) runs the full-disk test");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("exit=1"), "{stdout} {stderr}");
    assert!(stderr.contains("shared folder is full"), "{stderr}");
    check_ok(&t.a);
    // Everything still waits to be sent, and goes once there is room.
    assert_eq!(sync(&t.a, &t.folder)["segments_written"], 1);
    sync(&t.b, &t.folder);
    assert_eq!(dump_of(&t.a), dump_of(&t.b));
}

#[test]
fn a_computer_put_back_from_an_old_copy_carries_on_as_a_new_device() {
    let t = team();
    sync(&t.a, &t.folder);
    let db = t.a.join(lotbook::db::DB_FILE);
    let old_copy = t.folder.parent().unwrap().join("old-copy.sqlite3");
    {
        let store = Store::open(&t.a).unwrap();
        lotbook::backup::backup_to(&store, &old_copy).unwrap();
    }
    let car = first_car(&t.a);
    set_price(&t.a, &car, 7_000_000); // sent in segment 2, then "lost"
    sync(&t.a, &t.folder);
    let old_id = Store::open(&t.a).unwrap().device_id();
    // Put back by hand (not `lotbook restore`), so the device id is the old one.
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
    std::fs::copy(&old_copy, &db).unwrap();
    assert_ne!(price(&t.a, &car), 7_000_000, "the copy predates the change");
    let lot_name = "복구 후 새 매장";
    common::lot(&mut Store::open(&t.a).unwrap(), lot_name);

    let r = sync(&t.a, &t.folder);
    let notices = r["notices"].to_string();
    assert!(notices.contains("carries on as a new device"), "{notices}");
    let a = Store::open(&t.a).unwrap();
    assert_ne!(a.device_id(), old_id);
    // Its lost change came back from its old journal, and its new lot went out.
    assert_eq!(a.get_vehicle(&car).unwrap().price_krw, 7_000_000);
    drop(a);
    sync(&t.b, &t.folder);
    let b = Store::open(&t.b).unwrap();
    assert!(b.list_lots().unwrap().iter().any(|l| l.name == lot_name));
    assert_eq!(b.get_vehicle(&car).unwrap().price_krw, 7_000_000);
    drop(b);
    // The old device's segment numbers were never written twice.
    let old_segs: Vec<_> = segments_of(&t.folder)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(&old_id))
        .collect();
    assert_eq!(old_segs.len(), 2);
    sync(&t.a, &t.folder);
    assert_eq!(dump_of(&t.a), dump_of(&t.b));
}

#[test]
fn a_segment_of_a_newer_format_is_refused_by_name_and_the_rest_goes_on() {
    let t = team();
    sync(&t.a, &t.folder);
    let other = "01900000-0000-7000-8000-000000000001";
    let dir = t.folder.join("lotbook-sync/devices").join(other);
    std::fs::create_dir_all(dir.join("segments")).unwrap();
    std::fs::write(
        dir.join("device.json"),
        r#"{"device":"01900000-0000-7000-8000-000000000001","name":"박부장 PC","user":"박정호"}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("segments/0000000001.seg"),
        b"LOTBOOK-SEGMENT\n{\"format\":2,\"device\":\"01900000-0000-7000-8000-000000000001\",\"number\":1,\"count\":0,\"bytes\":0,\"blake3\":\"\"}\n",
    )
    .unwrap();
    let r = sync(&t.b, &t.folder);
    assert_eq!(r["segments_applied"], 1, "A's segment still applies");
    let skipped = r["skipped"].to_string();
    assert!(
        skipped.contains("newer Lotbook") && skipped.contains("박부장 PC"),
        "{skipped}"
    );
    assert_eq!(dump_of(&t.a), dump_of(&t.b));
    // Told again next time (it is not marked applied).
    assert!(sync(&t.b, &t.folder)["skipped"]
        .to_string()
        .contains("newer Lotbook"));
}

#[test]
fn an_encrypted_team_needs_the_right_passphrase_and_a_wrong_one_writes_nothing() {
    let t = team();
    let env = [("TEAM_PASS", "대전모터스 2026!")];
    let run = |dir: &Path, pass: &str| {
        lotbook_cli()
            .arg("--data-dir")
            .arg(dir)
            .args([
                "--json",
                "sync",
                "--passphrase-env",
                "TEAM_PASS",
                "--folder",
            ])
            .arg(&t.folder)
            .env("TEAM_PASS", pass)
            .output()
            .unwrap()
    };
    assert!(run(&t.a, env[0].1).status.success());
    // Nothing readable in the folder: plates and names are sealed.
    for seg in segments_of(&t.folder) {
        let bytes = std::fs::read(seg).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains("르노삼성"));
    }
    let devices_before = std::fs::read_dir(t.folder.join("lotbook-sync/devices"))
        .unwrap()
        .count();
    let (code, _) = sync_fails(&t.b, &t.folder, &[], &[]);
    assert_eq!(code, "passphrase_needed");
    let (code, message) = sync_fails(
        &t.b,
        &t.folder,
        &[("TEAM_PASS", "틀린 암호")],
        &["--passphrase-env", "TEAM_PASS"],
    );
    assert_eq!(code, "passphrase_wrong");
    assert!(message.contains("passphrase is wrong"), "{message}");
    assert_eq!(
        std::fs::read_dir(t.folder.join("lotbook-sync/devices"))
            .unwrap()
            .count(),
        devices_before,
        "a wrong passphrase writes nothing"
    );
    let ok = run(&t.b, env[0].1);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert_eq!(dump_of(&t.a), dump_of(&t.b));
}

/// The CLI, with the tests' keychain.
fn lotbook_cli() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lotbook"));
    cmd.env(lotbook::keychain::FOLDER_ENV, common::fake_keychain());
    cmd
}
