//! Clocks: real stores syncing through a real shared folder while one
//! computer's clock is years off (each store's wall clock is offset in the
//! test, deterministically). A clock far ahead never drags the others
//! ahead; its changes are held and it is named; once it is right again its
//! edits flow with nothing lost and everyone converges. A clock no real
//! date can have refuses writes with a message, never a panic.

use crate::support::sync_net;

use lotbook::inventory::VehicleInput;
use lotbook::{Error, Store};
use std::path::{Path, PathBuf};
use sync_net::dump;
use tempfile::TempDir;

const YEAR: i64 = 365 * 24 * 3600;

struct Office {
    _tmp: TempDir,
    folder: PathBuf,
}

impl Office {
    fn new() -> Office {
        let tmp = TempDir::new().unwrap();
        let folder = tmp.path().join("share");
        std::fs::create_dir_all(&folder).unwrap();
        Office { _tmp: tmp, folder }
    }

    fn dir(&self, name: &str) -> PathBuf {
        self._tmp.path().join(name)
    }

    fn sync(&self, store: &mut Store) -> lotbook::sync::SyncReport {
        lotbook::sync::sync_once(store, &self.folder, None)
            .unwrap_or_else(|e| panic!("sync of {} failed: {e}", store.data_dir().display()))
    }
}

/// Seconds since 1970 in the newest stamp this store issued itself.
fn newest_own_stamp_secs(store: &Store) -> i64 {
    let hlc: String = store
        .conn()
        .query_row(
            "SELECT hlc FROM changes WHERE device_id = ?1 AND tbl <> '_void' ORDER BY seq DESC LIMIT 1",
            [store.device_id()],
            |r| r.get(0),
        )
        .unwrap();
    (u64::from_str_radix(&hlc, 16).unwrap() >> 32) as i64
}

fn real_now() -> i64 {
    chrono::Utc::now().timestamp()
}

fn assert_near_now(store: &Store, who: &str) {
    let t = newest_own_stamp_secs(store);
    assert!(
        (t - real_now()).abs() < 120,
        "{who} stamped its edit {} days away from its own clock",
        (t - real_now()) / 86_400
    );
}

fn first_car(store: &Store) -> String {
    store
        .conn()
        .query_row("SELECT id FROM vehicles ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap()
}

fn edit(store: &mut Store, car: &str, f: impl FnOnce(&mut VehicleInput)) {
    let mut v = VehicleInput::from(store.get_vehicle(car).unwrap());
    f(&mut v);
    store.save_vehicle(&v).unwrap();
}

fn held(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM sync_held", [], |r| r.get(0))
        .unwrap()
}

fn reopen(store: Store) -> Store {
    let dir: PathBuf = store.data_dir().to_owned();
    drop(store);
    Store::open(&dir).unwrap()
}

fn open(dir: &Path) -> Store {
    Store::open(dir).unwrap()
}

#[test]
fn a_clock_three_years_ahead_is_held_named_and_flows_again_once_fixed() {
    let office = Office::new();
    let mut a = open(&office.dir("a"));
    let mut b = open(&office.dir("b"));
    lotbook::demo::fill(&mut a).unwrap();
    office.sync(&mut a);
    office.sync(&mut b);
    let car = first_car(&a);
    let price_before = b.get_vehicle(&car).unwrap().price_krw;

    // A's clock runs 3 years ahead; its edit is stamped 3 years ahead.
    a.clock().wall().set_offset(3 * YEAR);
    edit(&mut a, &car, |v| v.price_krw = 12_340_000);
    edit(&mut a, &car, |v| v.notes = "3년 뒤에서 쓴 메모".into());
    office.sync(&mut a);

    // B holds A's changes (kept, not applied) and names A's clock.
    office.sync(&mut b);
    assert_eq!(b.get_vehicle(&car).unwrap().price_krw, price_before);
    assert!(held(&b) >= 2, "A's future changes are held on B");
    let status = lotbook::sync::state::status(&b).unwrap();
    let named = status
        .clocks
        .iter()
        .find(|c| c.device_id == a.device_id())
        .unwrap_or_else(|| panic!("A's clock is not named: {:?}", status.clocks));
    assert!(
        (named.ahead_secs - 3 * YEAR).abs() < 600,
        "A is named {} s ahead",
        named.ahead_secs
    );
    assert!(named.held_changes >= 2);

    // B restarts and edits: its stamp follows its own clock, not A's.
    let mut b = reopen(b);
    edit(&mut b, &car, |v| v.odometer_km += 1);
    assert_near_now(&b, "B after a restart");

    // C joins the team: it gets everything but A's future, and stamps near now.
    let mut c = open(&office.dir("c"));
    office.sync(&mut c);
    office.sync(&mut c);
    assert!(held(&c) >= 2, "A's future changes are held on C");
    let c = reopen(c);
    let mut c = c;
    let other = c
        .conn()
        .query_row(
            "SELECT id FROM vehicles ORDER BY id LIMIT 1 OFFSET 1",
            [],
            |r| r.get::<_, String>(0),
        )
        .unwrap();
    edit(&mut c, &other, |v| v.notes = "C가 쓴 메모".into());
    assert_near_now(&c, "C, who joined after A");
    office.sync(&mut c);
    office.sync(&mut b);

    // A's clock is put right. At its next sync it re-issues its future
    // edits with fresh stamps and voids the old ones.
    a.clock().wall().set_offset(0);
    let mut a = reopen(a);
    office.sync(&mut a);
    assert_near_now(&a, "A once its clock is right");
    edit(&mut a, &other, |v| v.odometer_km += 7);
    assert_near_now(&a, "A's next edit");
    for _ in 0..2 {
        office.sync(&mut a);
        office.sync(&mut b);
        office.sync(&mut c);
    }
    // Nothing lost: A's edits from when its clock was wrong are everywhere.
    for (who, s) in [("A", &a), ("B", &b), ("C", &c)] {
        let v = s.get_vehicle(&car).unwrap();
        assert_eq!(v.price_krw, 12_340_000, "{who}");
        assert_eq!(v.notes, "3년 뒤에서 쓴 메모", "{who}");
        assert_eq!(held(s), 0, "{who} holds nothing any more");
        assert_eq!(s.get_vehicle(&other).unwrap().notes, "C가 쓴 메모", "{who}");
    }
    assert_eq!(dump(&a), dump(&b));
    assert_eq!(dump(&a), dump(&c));
    // And nobody's clock is in the future any more.
    for s in [&a, &b, &c] {
        let newest: String = s
            .conn()
            .query_row("SELECT max(hlc) FROM changes", [], |r| r.get(0))
            .unwrap();
        let secs = (u64::from_str_radix(&newest, 16).unwrap() >> 32) as i64;
        assert!(
            secs - real_now() < 120,
            "a stamp {} s ahead",
            secs - real_now()
        );
    }
    // B sees A's clock right again.
    let status = lotbook::sync::state::status(&b).unwrap();
    assert!(
        status.clocks.iter().all(|c| c.device_id != a.device_id()),
        "{:?}",
        status.clocks
    );
}

#[test]
fn a_void_arriving_before_the_change_it_voids_drops_it() {
    // A's clock is ahead, it edits, its clock is fixed and it re-stamps; B
    // sees only the later segments first, then the early one.
    let office = Office::new();
    let mut a = open(&office.dir("a"));
    lotbook::demo::fill(&mut a).unwrap();
    office.sync(&mut a);
    let car = first_car(&a);
    a.clock().wall().set_offset(2 * YEAR);
    edit(&mut a, &car, |v| v.price_krw = 9_990_000);
    office.sync(&mut a);
    let segs = office
        .folder
        .join("lotbook-sync/devices")
        .join(a.device_id())
        .join("segments");
    let newest = std::fs::read_dir(&segs)
        .unwrap()
        .filter_map(|e| {
            lotbook::sync::layout::parse_segment_name(&e.unwrap().file_name().to_string_lossy())
        })
        .max()
        .unwrap();
    let early = segs.join(lotbook::sync::layout::segment_name(newest));
    let kept = std::fs::read(&early).unwrap();
    std::fs::remove_file(&early).unwrap();
    a.clock().wall().set_offset(0);
    let mut a = reopen(a);
    office.sync(&mut a);

    let mut b = open(&office.dir("b"));
    office.sync(&mut b); // segment 1 and the re-stamp, not segment 2
    std::fs::write(&early, kept).unwrap();
    office.sync(&mut b);
    assert_eq!(held(&b), 0, "the voided change is dropped, not held");
    assert_eq!(b.get_vehicle(&car).unwrap().price_krw, 9_990_000);
    assert_eq!(dump(&a), dump(&b));
}

#[test]
fn a_clock_in_2107_refuses_writes_with_a_message_and_reads_go_on() {
    let office = Office::new();
    let mut a = open(&office.dir("a"));
    lotbook::demo::fill(&mut a).unwrap();
    let car = first_car(&a);
    // 2107-01-01: past where 32-bit seconds end; the old clock panicked.
    a.clock().wall().set_offset(4_323_283_200 - real_now());
    let mut v = VehicleInput::from(a.get_vehicle(&car).unwrap());
    v.price_krw = 1;
    match a.save_vehicle(&v) {
        Err(e @ Error::ClockWrong(_)) => {
            assert_eq!(e.code(), "clock_wrong");
            assert!(e.to_string().contains("2107-01-01"), "{e}");
        }
        other => panic!("expected ClockWrong, got {other:?}"),
    }
    // Reads go on, nothing was written, and a restart and a sync do not panic.
    assert_ne!(a.get_vehicle(&car).unwrap().price_krw, 1);
    let mut a = reopen(a);
    assert!(!a
        .list_vehicles(&Default::default())
        .unwrap()
        .items
        .is_empty());
    office.sync(&mut a);
    let status = lotbook::sync::state::status(&a).unwrap();
    assert_eq!(
        status.own_clock.state,
        lotbook::sync::state::OwnClockState::Wrong
    );
    // Set right, it writes again.
    a.clock().wall().set_offset(0);
    a.save_vehicle(&v).unwrap();
    assert_eq!(a.get_vehicle(&car).unwrap().price_krw, 1);
}

#[test]
fn a_clock_behind_holds_the_team_and_knows_it_is_the_wrong_one() {
    let office = Office::new();
    let mut a = open(&office.dir("a"));
    let mut b = open(&office.dir("b"));
    lotbook::demo::fill(&mut a).unwrap();
    office.sync(&mut a);
    office.sync(&mut b);
    let car = first_car(&a);
    // B's clock is 30 days behind: A's new edit is far ahead of it.
    b.clock().wall().set_offset(-30 * 24 * 3600);
    edit(&mut a, &car, |v| v.price_krw = 7_770_000);
    office.sync(&mut a);
    office.sync(&mut b);
    assert!(held(&b) >= 1, "B holds what is ahead of its clock");
    let status = lotbook::sync::state::status(&b).unwrap();
    assert_eq!(
        status.own_clock.state,
        lotbook::sync::state::OwnClockState::Behind,
        "{:?}",
        status.own_clock
    );
    // A sees B's clock behind.
    office.sync(&mut a);
    let seen = lotbook::sync::state::status(&a).unwrap();
    let b_named = seen
        .clocks
        .iter()
        .find(|c| c.device_id == b.device_id())
        .unwrap_or_else(|| panic!("B is not named: {:?}", seen.clocks));
    assert!(b_named.ahead_secs < -29 * 24 * 3600, "{b_named:?}");
    // B's clock is set right: what it held goes in at the next pass.
    b.clock().wall().set_offset(0);
    office.sync(&mut b);
    assert_eq!(held(&b), 0);
    assert_eq!(b.get_vehicle(&car).unwrap().price_krw, 7_770_000);
    assert_eq!(
        lotbook::sync::state::status(&b).unwrap().own_clock.state,
        lotbook::sync::state::OwnClockState::Ok
    );
    assert_eq!(dump(&a), dump(&b));
}
