//! Snapshots and retired segments through a real shared folder: a new
//! computer joins from a snapshot and holds what a computer that replayed
//! every segment holds; a damaged snapshot is skipped for an older one or
//! for replay; a computer away for months comes back after its missing
//! segments were retired, and joins from the snapshot, or is told plainly
//! what to do when no snapshot can be read.

use crate::common;
use crate::support::sync_net::dump;

use lotbook::inventory::VehicleInput;
use lotbook::sync::{sync_once, write_snapshot, SyncReport};
use lotbook::Store;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

struct Team {
    folder: TempDir,
    dirs: Vec<TempDir>,
    stores: Vec<Store>,
}

impl Team {
    /// `n` computers; the first has the demo team and everyone has it.
    fn new(n: usize) -> Team {
        let folder = TempDir::new().unwrap();
        let dirs: Vec<TempDir> = (0..n).map(|_| TempDir::new().unwrap()).collect();
        let stores: Vec<Store> = dirs
            .iter()
            .map(|d| Store::open(d.path()).unwrap())
            .collect();
        let mut t = Team {
            folder,
            dirs,
            stores,
        };
        lotbook::demo::fill(&mut t.stores[0]).unwrap();
        for i in 0..n {
            t.sync(i);
        }
        t
    }

    fn sync(&mut self, i: usize) -> SyncReport {
        sync_once(&mut self.stores[i], self.folder.path(), None)
            .unwrap_or_else(|e| panic!("sync of computer {i}: {e}"))
    }

    fn snapshot(&mut self, i: usize) -> String {
        write_snapshot(&mut self.stores[i], self.folder.path(), None)
            .unwrap()
            .expect("a snapshot is written")
    }

    fn join(&mut self) -> usize {
        let dir = TempDir::new().unwrap();
        self.stores.push(Store::open(dir.path()).unwrap());
        self.dirs.push(dir);
        self.stores.len() - 1
    }

    fn root(&self) -> PathBuf {
        self.folder.path().join("lotbook-sync")
    }

    fn segments_of(&self, i: usize) -> Vec<PathBuf> {
        let dir = self
            .root()
            .join("devices")
            .join(self.stores[i].device_id())
            .join("segments");
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|es| es.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        v.sort();
        v
    }

    /// Some days of work on computer `i`: prices changed again and again,
    /// a car sold off the list, a car stocked; a pass after each.
    fn work(&mut self, i: usize, rounds: usize) {
        for r in 0..rounds {
            let cars: Vec<String> = ids(&self.stores[i], "vehicles");
            let store = &mut self.stores[i];
            for (k, car) in cars.iter().take(4).enumerate() {
                let mut v = VehicleInput::from(store.get_vehicle(car).unwrap());
                v.price_krw = (10 + r as i64 * 3 + k as i64) * 1_000_000;
                v.notes = format!("{r}번째 가격 조정");
                store.save_vehicle(&v).unwrap();
            }
            if r % 3 == 2 {
                if let Some(car) = cars.last() {
                    store.delete_vehicle(car).unwrap();
                }
            }
            let lot = ids(store, "lots")[0].clone();
            store.save_vehicle(&common::vehicle(&lot, "SM520")).unwrap();
            self.sync(i);
        }
    }
}

fn ids(store: &Store, table: &str) -> Vec<String> {
    store
        .conn()
        .prepare(&format!("SELECT id FROM {table} ORDER BY id"))
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

fn has_notice(r: &SyncReport, code: &str) -> bool {
    r.notices.iter().any(|n| n.code == code)
}

/// Flips a byte near the end of `path` (a damaged copy).
fn damage(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let at = bytes.len() - 10;
    bytes[at] ^= 0x20;
    std::fs::write(path, bytes).unwrap();
}

/// Makes computer `i`'s files in the folder look `days` old.
fn away(t: &Team, i: usize, days: u64) {
    let then = std::time::SystemTime::now() - std::time::Duration::from_secs(days * 24 * 3600);
    let dir = t.root().join("devices").join(t.stores[i].device_id());
    let f = std::fs::File::options()
        .write(true)
        .open(dir.join("applied.json"))
        .unwrap();
    f.set_modified(then).unwrap();
}

#[test]
fn a_new_computer_joins_from_a_snapshot_and_holds_what_replay_gives() {
    let mut t = Team::new(2);
    t.work(0, 6);
    t.work(1, 3);
    t.sync(0);
    t.sync(1);
    let name = t.snapshot(0);
    // One computer joins by replay (no snapshot in its way: it reads the
    // segments), one from the snapshot.
    let replay_dir = TempDir::new().unwrap();
    let replay_folder = TempDir::new().unwrap();
    copy_dir(&t.root(), &replay_folder.path().join("lotbook-sync"));
    std::fs::remove_dir_all(replay_folder.path().join("lotbook-sync/snapshots")).unwrap();
    let mut replayed = Store::open(replay_dir.path()).unwrap();
    let r = sync_once(&mut replayed, replay_folder.path(), None).unwrap();
    assert!(r.segments_applied >= 9, "{r:?}");

    let new = t.join();
    let r = t.sync(new);
    assert!(has_notice(&r, "snapshot_loaded"), "{:?}", r.notices);
    assert!(r
        .notices
        .iter()
        .any(|n| n.params.get("file") == Some(&name)));
    assert_eq!(r.segments_applied, 0, "everything was in the snapshot");
    let joined = dump(&t.stores[new]);
    assert_eq!(joined, dump(&replayed));
    assert_eq!(joined, dump(&t.stores[0]));
    assert_eq!(joined, dump(&t.stores[1]));
    // It is one of the team: what comes next is applied as segments, and
    // its own changes go out and are not taken for the others'.
    t.work(0, 1);
    let r = t.sync(new);
    assert_eq!(r.segments_applied, 1);
    assert_eq!(r.changes_sent, 0, "nothing of the snapshot is sent back");
    t.work(new, 1);
    t.sync(0);
    t.sync(1);
    assert_eq!(dump(&t.stores[new]), dump(&t.stores[0]));
    assert_eq!(dump(&t.stores[new]), dump(&t.stores[1]));
}

#[test]
fn a_damaged_snapshot_is_skipped_for_an_older_one_or_for_replay() {
    let mut t = Team::new(2);
    t.work(0, 3);
    t.sync(1);
    let older = t.snapshot(1);
    t.work(0, 3);
    t.sync(1);
    let newer = t.snapshot(1);
    damage(&t.root().join("snapshots").join(&newer));
    let new = t.join();
    let r = t.sync(new);
    assert!(
        r.notices
            .iter()
            .any(|n| n.code == "snapshot_skipped" && n.params.get("file") == Some(&newer)),
        "{:?}",
        r.notices
    );
    assert!(r
        .notices
        .iter()
        .any(|n| n.code == "snapshot_loaded" && n.params.get("file") == Some(&older)));
    assert!(r.segments_applied >= 3, "the rest by replay: {r:?}");
    assert_eq!(dump(&t.stores[new]), dump(&t.stores[0]));

    // Both damaged (one half-copied): plain replay.
    let path = t.root().join("snapshots").join(&older);
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let last = t.join();
    let r = t.sync(last);
    assert!(!has_notice(&r, "snapshot_loaded"), "{:?}", r.notices);
    assert_eq!(dump(&t.stores[last]), dump(&t.stores[0]));
}

#[test]
fn a_snapshot_of_an_older_lotbook_gives_way_to_one_that_knows_every_table() {
    let mut t = Team::new(2);
    t.work(0, 3);
    t.sync(1);
    let current = t.snapshot(1);
    t.work(0, 3);
    t.sync(1);
    let older = t.snapshot(1);
    // The newer snapshot, as a Lotbook one schema version behind would have
    // written it: it covers more, but lacks what a newer table holds.
    let path = t.root().join("snapshots").join(&older);
    let text = std::fs::read(&path).unwrap();
    let now = format!("\"schema\":{}", lotbook::db::migrate::SCHEMA_VERSION);
    let was = format!("\"schema\":{}", lotbook::db::migrate::SCHEMA_VERSION - 1);
    let at = text
        .windows(now.len())
        .position(|w| w == now.as_bytes())
        .expect("the header names its schema");
    let mut changed = text[..at].to_vec();
    changed.extend_from_slice(was.as_bytes());
    changed.extend_from_slice(&text[at + now.len()..]);
    std::fs::write(&path, changed).unwrap();

    let new = t.join();
    let r = t.sync(new);
    assert!(
        r.notices
            .iter()
            .any(|n| n.code == "snapshot_loaded" && n.params.get("file") == Some(&current)),
        "{:?}",
        r.notices
    );
    assert!(r.segments_applied >= 3, "the rest by segments: {r:?}");
    assert_eq!(dump(&t.stores[new]), dump(&t.stores[0]));
}

#[test]
fn a_computer_away_for_months_comes_back_after_its_segments_were_retired() {
    let mut t = Team::new(3);
    // Computer 2 goes quiet; 0 and 1 work on.
    t.work(0, 5);
    t.work(1, 2);
    t.sync(0);
    t.sync(1);
    t.sync(0);
    let before = t.segments_of(0).len();
    t.snapshot(0);
    // Computer 2 is still waited for: only the first segment, which it
    // has, is retired.
    assert_eq!(t.sync(0).segments_retired, 1);
    assert_eq!(t.segments_of(0).len(), before - 1);
    // Months later it is not waited for any more.
    away(&t, 2, 120);
    let r = t.sync(0);
    assert!(r.segments_retired > 0, "{r:?}");
    assert!(t.segments_of(0).len() < before);
    // It comes back: the segments it lacks are gone, the snapshot has them.
    let r = t.sync(2);
    assert!(has_notice(&r, "snapshot_loaded"), "{:?}", r.notices);
    t.sync(0);
    t.sync(1);
    assert_eq!(dump(&t.stores[2]), dump(&t.stores[0]));
    assert_eq!(dump(&t.stores[1]), dump(&t.stores[0]));
    // A new computer joins after the retirement, too.
    let new = t.join();
    t.sync(new);
    assert_eq!(dump(&t.stores[new]), dump(&t.stores[0]));
}

#[test]
fn a_computer_missing_retired_segments_without_a_readable_snapshot_is_told_what_to_do() {
    let mut t = Team::new(3);
    t.work(0, 4);
    t.sync(1);
    let name = t.snapshot(0);
    away(&t, 2, 120);
    assert!(t.sync(0).segments_retired > 0);
    damage(&t.root().join("snapshots").join(&name));
    let e = sync_once(&mut t.stores[2], t.folder.path(), None).unwrap_err();
    assert_eq!(e.code(), lotbook::error::ErrorCode::HistoryRetired);
    assert!(e.to_string().contains("Update Lotbook"), "{e}");
    // The Sync page shows it by its code.
    let status = lotbook::sync::state::status(&t.stores[2]).unwrap();
    assert_eq!(status.code.as_deref(), Some("history_retired"));
    // Another computer writes a new snapshot: it joins from that one.
    t.snapshot(1);
    let r = t.sync(2);
    assert!(has_notice(&r, "snapshot_loaded"), "{:?}", r.notices);
    assert_eq!(dump(&t.stores[2]), dump(&t.stores[0]));
}

#[test]
fn an_encrypted_team_seals_its_snapshots() {
    let folder = TempDir::new().unwrap();
    let (_a_dir, mut a) = common::demo_store();
    let pass = Some("대전모터스 2026!");
    sync_once(&mut a, folder.path(), pass).unwrap();
    let name = write_snapshot(&mut a, folder.path(), pass)
        .unwrap()
        .unwrap();
    let bytes = std::fs::read(folder.path().join("lotbook-sync/snapshots").join(&name)).unwrap();
    assert!(!String::from_utf8_lossy(&bytes).contains("르노삼성"));
    let b_dir = TempDir::new().unwrap();
    let mut b = Store::open(b_dir.path()).unwrap();
    let r = sync_once(&mut b, folder.path(), pass).unwrap();
    assert!(has_notice(&r, "snapshot_loaded"), "{:?}", r.notices);
    assert_eq!(dump(&b), dump(&a));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}
