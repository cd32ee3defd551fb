//! The shared folder is a door: values and ids arriving from it pass the
//! same column rules as a form, a refused change is set aside (listed with
//! its origin and reason) while the rest of its record still applies, and
//! no synced id ever becomes a path outside the data folder. Two real
//! stores share a real folder; the bad changes are written into the
//! sender's log as a buggy or hostile Lotbook would.

use crate::common;
use crate::support::sync_net;

use lotbook::inventory::VehicleInput;
use lotbook::Store;
use rusqlite::types::Value;
use std::path::PathBuf;
use sync_net::dump;
use tempfile::TempDir;

struct Team {
    _root: TempDir,
    root: PathBuf,
    folder: PathBuf,
    a: Store,
    b: Store,
}

/// Two computers that share the demo data through one folder.
fn team() -> Team {
    let root = TempDir::new().unwrap();
    let base = root.path().to_path_buf();
    let folder = base.join("shared");
    std::fs::create_dir_all(&folder).unwrap();
    let mut a = Store::open(&base.join("a")).unwrap();
    let b = Store::open(&base.join("b")).unwrap();
    lotbook::demo::fill(&mut a).unwrap();
    let mut t = Team {
        _root: root,
        root: base,
        folder,
        a,
        b,
    };
    t.pass_a();
    t.pass_b();
    t
}

impl Team {
    fn pass_a(&mut self) -> lotbook::sync::SyncReport {
        lotbook::sync::sync_once(&mut self.a, &self.folder, None).expect("A's pass")
    }
    fn pass_b(&mut self) -> lotbook::sync::SyncReport {
        lotbook::sync::sync_once(&mut self.b, &self.folder, None).expect("B's pass")
    }
}

/// A change in A's log written as a buggy Lotbook would, stamped by A's clock.
fn raw_change(store: &Store, tbl: &str, row: &str, col: &str, value: Value) {
    store
        .conn()
        .execute(
            "INSERT INTO changes (tbl, row_id, col, value, hlc, device_id, op)
             VALUES (?1, ?2, ?3, ?4, lb_hlc(), lb_device(), 'set')",
            rusqlite::params![tbl, row, col, value],
        )
        .unwrap();
}

fn first(store: &Store, table: &str) -> String {
    store
        .conn()
        .query_row(
            &format!("SELECT id FROM {table} ORDER BY id LIMIT 1"),
            [],
            |r| r.get(0),
        )
        .unwrap()
}

fn set_aside_count(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM sync_set_aside", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_price_as_text_is_set_aside_and_later_edits_of_that_car_still_land() {
    let mut t = team();
    let car = first(&t.a, "vehicles");
    raw_change(
        &t.a,
        "vehicles",
        &car,
        "price_krw",
        Value::Text("천오백만원".into()),
    );
    let mut v = VehicleInput::from(t.a.get_vehicle(&car).unwrap());
    v.notes = "엔진오일 교환".into();
    t.a.save_vehicle(&v).unwrap();
    t.pass_a();
    let got = t.pass_b();
    assert_eq!(t.b.get_vehicle(&car).unwrap().notes, "엔진오일 교환");
    assert_eq!(got.changes_set_aside, 1);

    // A later edit of another field from the same computer lands too.
    v.color = "진주색".into();
    t.a.save_vehicle(&v).unwrap();
    t.pass_a();
    t.pass_b();
    assert_eq!(t.b.get_vehicle(&car).unwrap().color, "진주색");
    assert_eq!(dump(&t.a), dump(&t.b), "both computers hold the same data");

    // The Sync page names the computer, the field and why.
    let status = lotbook::sync::state::status(&t.b).unwrap();
    assert_eq!(status.set_aside.len(), 1);
    let g = &status.set_aside[0];
    assert_eq!(
        (g.table.as_str(), g.column.as_deref()),
        ("vehicles", Some("price_krw"))
    );
    assert_eq!(g.reason.code, "not_a_number");
    assert_eq!(g.count, 1);
    assert_eq!(g.device_id, t.a.device_id());

    // A newer valid price supersedes it: it lands and leaves the list.
    v.price_krw = 15_000_000;
    t.a.save_vehicle(&v).unwrap();
    t.pass_a();
    t.pass_b();
    assert_eq!(t.b.get_vehicle(&car).unwrap().price_krw, 15_000_000);
    assert_eq!(set_aside_count(&t.b), 0);
    assert_eq!(dump(&t.a), dump(&t.b));
}

#[test]
fn a_set_aside_price_leaves_the_list_once_it_is_fixed_on_this_computer() {
    let mut t = team();
    let car = first(&t.a, "vehicles");
    raw_change(
        &t.a,
        "vehicles",
        &car,
        "price_krw",
        Value::Text("abc".into()),
    );
    t.pass_a();
    t.pass_b();
    assert_eq!(
        lotbook::sync::state::status(&t.b).unwrap().set_aside.len(),
        1
    );
    // The dealer on B types the right price: a newer valid change to that field.
    let mut v = VehicleInput::from(t.b.get_vehicle(&car).unwrap());
    v.price_krw = 12_000_000;
    t.b.save_vehicle(&v).unwrap();
    assert!(lotbook::sync::state::status(&t.b)
        .unwrap()
        .set_aside
        .is_empty());
    t.pass_b();
    t.pass_a();
    assert_eq!(t.a.get_vehicle(&car).unwrap().price_krw, 12_000_000);
    assert_eq!(dump(&t.a), dump(&t.b));
}

/// The changes of a photo row as another Lotbook would send them.
fn raw_photo(store: &Store, car: &str, hash: &str, position: i64) -> String {
    let id = lotbook::db::new_id();
    let now = lotbook::db::now_utc();
    for (col, value) in [
        ("vehicle_id", Value::Text(car.into())),
        ("hash", Value::Text(hash.into())),
        ("format", Value::Text("jpeg".into())),
        ("width", Value::Integer(1600)),
        ("height", Value::Integer(1200)),
        ("bytes", Value::Integer(1000)),
        ("position", Value::Integer(position)),
        ("created_at", Value::Text(now.clone())),
        ("updated_at", Value::Text(now.clone())),
    ] {
        raw_change(store, "photos", &id, col, value);
    }
    id
}

#[test]
fn a_photo_row_with_a_negative_position_does_not_break_later_passes() {
    let mut t = team();
    let car = first(&t.a, "vehicles");
    let photo = raw_photo(&t.a, &car, &"ab".repeat(32), -1);
    t.pass_a();
    let got = t.pass_b();
    assert_eq!(got.changes_set_aside, 1);
    // The row is there with the default position; the bad one is listed.
    let photos = t.b.list_photos(&car).unwrap();
    assert_eq!(
        photos.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        [photo.as_str()]
    );
    assert_eq!(photos[0].position, 0);

    // Later passes go on, and later edits arrive.
    let mut v = VehicleInput::from(t.a.get_vehicle(&car).unwrap());
    v.notes = "사진 추가".into();
    t.a.save_vehicle(&v).unwrap();
    t.pass_a();
    t.pass_b();
    t.pass_b();
    assert_eq!(t.b.get_vehicle(&car).unwrap().notes, "사진 추가");
}

#[test]
fn a_photo_hash_with_dot_dot_never_reaches_outside_the_data_folder() {
    let mut t = team();
    let car = first(&t.a, "vehicles");
    // B's data folder is root/b: this hash, joined under photos/originals/..,
    // names root/<name>.jpg, a file outside it.
    let name = "x".repeat(58);
    let hash = format!("../../{name}");
    assert_eq!(hash.len(), 64);
    let outside = t.root.join(format!("{name}.jpg"));
    let jpeg = common::test_photos().join("orientation/landscape_1.jpg");
    std::fs::copy(&jpeg, &outside).unwrap();
    // The folder's blob of that hash, too, would land outside.
    raw_photo(&t.a, &car, &hash, 0);
    t.pass_a();
    let got = t.pass_b();
    t.pass_b();
    assert!(
        t.b.list_photos(&car).unwrap().is_empty(),
        "no row with that hash"
    );
    let waiting: i64 =
        t.b.conn()
            .query_row("SELECT count(*) FROM sync_pending", [], |r| r.get(0))
            .unwrap();
    assert_eq!(
        waiting, 0,
        "a row set aside for its hash does not wait forever"
    );

    // Compose on B: the email holds no photo from outside, and nothing was
    // written outside the data folder or beside the library.
    let customer = common::customer(&mut t.b, "김민준", "minjun@example.com");
    let mut req = common::compose_request(
        &customer,
        std::slice::from_ref(&car),
        lotbook::condition::Lang::Ko,
        lotbook::mail::Budget::preset(lotbook::mail::BudgetPreset::Gmail),
    );
    common::all_photos(&t.b, &mut req);
    let out = t.root.join("b-mail.eml");
    let _ = t.b.save_eml(&req, &out);
    let before: Vec<_> = std::fs::read_dir(&t.root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(!t.root.join("b/photos").join(format!("{name}.jpg")).exists());
    for entry in &before {
        let n = entry.to_string_lossy();
        assert!(
            ["a", "b", "shared", "b-mail.eml"].contains(&n.as_ref()) || n == format!("{name}.jpg"),
            "unexpected file outside the data folders: {n}"
        );
    }
    assert_eq!(got.changes_set_aside, 1);
    // A direct lookup of such a hash is refused too.
    assert!(t
        .b
        .photos()
        .original_path(&hash, lotbook::photos::PhotoFormat::Jpeg)
        .is_err());
}

#[test]
fn an_invalid_email_arriving_by_sync_is_set_aside() {
    let mut t = team();
    let customer = first(&t.a, "customers");
    let before = t.a.get_customer(&customer).unwrap().email;
    raw_change(
        &t.a,
        "customers",
        &customer,
        "email",
        Value::Text("kim@naver.com\r\nBcc: spy@evil.example".into()),
    );
    t.pass_a();
    let got = t.pass_b();
    assert_eq!(t.b.get_customer(&customer).unwrap().email, before);
    assert_eq!(got.changes_set_aside, 1);
    let status = lotbook::sync::state::status(&t.b).unwrap();
    assert_eq!(status.set_aside[0].reason.code, "bad_email");
    assert_eq!(status.set_aside[0].column.as_deref(), Some("email"));
    // Applying the same segment again (another pass) does not list it twice.
    t.pass_b();
    assert_eq!(set_aside_count(&t.b), 1);
}

#[test]
fn a_change_that_breaks_a_check_across_fields_is_set_aside_and_the_record_moves_on() {
    let mut t = team();
    let customer = first(&t.a, "customers");
    let visit = lotbook::db::new_id();
    let now = lotbook::db::now_utc();
    for (col, value) in [
        ("kind", Value::Text("visit".into())),
        ("customer_id", Value::Text(customer.clone())),
        ("start_at", Value::Text("2026-12-01T02:00:00.000Z".into())),
        ("minutes", Value::Integer(60)),
        ("status", Value::Text("booked".into())),
        ("created_at", Value::Text(now.clone())),
        ("updated_at", Value::Text(now.clone())),
    ] {
        raw_change(&t.a, "visits", &visit, col, value);
    }
    t.pass_a();
    t.pass_b();
    let status = |s: &Store| -> (String, String) {
        s.conn()
            .query_row(
                "SELECT kind, note FROM visits WHERE id = ?1",
                [&visit],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    };
    assert_eq!(status(&t.b), ("visit".into(), String::new()));
    // Each value passes its own rule, but a blocked time has no customer.
    raw_change(
        &t.a,
        "visits",
        &visit,
        "kind",
        Value::Text("blocked".into()),
    );
    raw_change(
        &t.a,
        "visits",
        &visit,
        "note",
        Value::Text("주차장 입구".into()),
    );
    t.pass_a();
    t.pass_b();
    assert_eq!(status(&t.b), ("visit".into(), "주차장 입구".into()));
    let waiting: i64 =
        t.b.conn()
            .query_row("SELECT count(*) FROM sync_pending", [], |r| r.get(0))
            .unwrap();
    assert_eq!(waiting, 0);
    let reason: String =
        t.b.conn()
            .query_row(
                "SELECT reason FROM sync_set_aside WHERE col = 'kind'",
                [],
                |r| r.get(0),
            )
            .unwrap();
    assert_eq!(reason, "conflicts_with_row");
}

/// New rows of one table arriving together go in together (one statement);
/// one the table refuses (a blocked time that names a customer) must not
/// take the others with it: they are written and it alone waits.
#[test]
fn new_rows_that_go_in_together_leave_out_only_the_one_the_table_refuses() {
    let mut t = team();
    let customer = first(&t.a, "customers");
    let now = lotbook::db::now_utc();
    let visits: Vec<String> = (0..4).map(|_| lotbook::db::new_id()).collect();
    for (i, visit) in visits.iter().enumerate() {
        let kind = if i == 2 { "blocked" } else { "visit" };
        for (col, value) in [
            ("kind", Value::Text(kind.into())),
            ("customer_id", Value::Text(customer.clone())),
            (
                "start_at",
                Value::Text(format!("2026-12-0{}T02:00:00.000Z", i + 1)),
            ),
            ("minutes", Value::Integer(60)),
            ("status", Value::Text("booked".into())),
            ("created_at", Value::Text(now.clone())),
            ("updated_at", Value::Text(now.clone())),
        ] {
            raw_change(&t.a, "visits", visit, col, value);
        }
    }
    t.pass_a();
    t.pass_b();
    let here = |id: &str| -> bool {
        t.b.conn()
            .query_row("SELECT count(*) FROM visits WHERE id = ?1", [id], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap()
            == 1
    };
    for (i, visit) in visits.iter().enumerate() {
        assert_eq!(here(visit), i != 2, "visit {i}");
    }
    let waiting: Vec<String> =
        t.b.conn()
            .prepare("SELECT row_id FROM sync_pending WHERE tbl = 'visits'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
    assert_eq!(waiting, vec![visits[2].clone()]);
}

mod fuzz {
    use super::*;
    use lotbook::sync::segment::{encode, Segment, WireChange, WireValue};
    use proptest::prelude::*;

    fn wire_value() -> impl Strategy<Value = WireValue> {
        prop_oneof![
            Just(WireValue::Null),
            any::<i64>().prop_map(WireValue::Int),
            any::<f64>().prop_map(WireValue::Real),
            ".{0,12}".prop_map(WireValue::Text),
            "[0-9a-f]{0,8}|zz".prop_map(|blob| WireValue::Blob { blob }),
        ]
    }

    /// Changes aimed at the real tables, rows and columns, and beyond them.
    /// `#n` rows are replaced by the n-th real id of the receiving store.
    fn change() -> impl Strategy<Value = WireChange> {
        let tables = prop_oneof![
            Just("vehicles"),
            Just("customers"),
            Just("photos"),
            Just("lots"),
            Just("settings"),
            Just("visits"),
            Just("nope"),
        ];
        let cols = prop_oneof![
            Just(Some("price_krw")),
            Just(Some("notes")),
            Just(Some("name")),
            Just(Some("email")),
            Just(Some("hash")),
            Just(Some("position")),
            Just(Some("lot_id")),
            Just(Some("vehicle_id")),
            Just(Some("kind")),
            Just(Some("customer_id")),
            Just(Some("value")),
            Just(Some("zzz")),
            Just(None),
        ];
        let row = prop_oneof![
            (0..12usize).prop_map(|n| format!("#{n}")),
            Just("../../etc/passwd".to_owned()),
            ".{0,40}",
        ];
        let hlc = prop_oneof![
            (0x6000_0000u64..0x7000_0000u64, any::<u32>())
                .prop_map(|(s, l)| format!("{:016x}", (s << 32) | l as u64)),
            ".{0,20}",
        ];
        (tables, row, cols, wire_value(), hlc)
            .prop_map(|(t, r, c, v, h)| WireChange(t.to_owned(), r, c.map(str::to_owned), v, h))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

        /// Whatever change list arrives, the pass neither panics nor fails:
        /// each change is applied, set aside or ignored, and the data still
        /// passes the store's own check.
        #[test]
        fn arbitrary_change_lists_never_break_a_pass(
            lists in proptest::collection::vec(
                proptest::collection::vec(change(), 0..40), 1..3),
            photo in (
                prop_oneof![1..5000i64, any::<i64>()],
                -3..3i64,
                prop_oneof![(1..5000i64).prop_map(WireValue::Int), wire_value()],
                "[0-9a-f./]{64}",
            ),
        ) {
            let mut t = team();
            let device = lotbook::db::new_id();
            let dir = t.folder.join("lotbook-sync/devices").join(&device).join("segments");
            std::fs::create_dir_all(&dir).unwrap();
            let real = real_rows(&t.b);
            // One whole photo row with arbitrary values rides in the first
            // segment, so the rows the merge writes meet them too.
            let (width, position, bytes, hash) = photo;
            let photo_id = lotbook::db::new_id();
            let mut stamp = 0x6800_0000_0000_0000u64;
            let mut photo_row: Vec<WireChange> = [
                ("vehicle_id", WireValue::Text(real[0].clone())),
                ("hash", WireValue::Text(hash)),
                ("format", WireValue::Text("jpeg".into())),
                ("width", WireValue::Int(width)),
                ("height", WireValue::Int(10)),
                ("bytes", bytes),
                ("position", WireValue::Int(position)),
                ("created_at", WireValue::Text("2024-01-01T00:00:00.000Z".into())),
                ("updated_at", WireValue::Text("2024-01-01T00:00:00.000Z".into())),
            ]
            .into_iter()
            .map(|(c, v)| {
                stamp += 1;
                WireChange("photos".into(), photo_id.clone(), Some(c.into()), v, format!("{stamp:016x}"))
            })
            .collect();
            for (i, mut changes) in lists.into_iter().enumerate() {
                if i == 0 {
                    changes.append(&mut photo_row);
                }
                for c in &mut changes {
                    if let Some(n) = c.1.strip_prefix('#').and_then(|n| n.parse::<usize>().ok()) {
                        c.1 = real[n % real.len()].clone();
                    }
                }
                let number = i as u64 + 1;
                let bytes = encode(&Segment { device: device.clone(), number, changes }, None).unwrap();
                std::fs::write(dir.join(lotbook::sync::layout::segment_name(number)), bytes).unwrap();
            }
            let first = lotbook::sync::sync_once(&mut t.b, &t.folder, None);
            prop_assert!(first.is_ok(), "{:?}", first.err());
            let again = lotbook::sync::sync_once(&mut t.b, &t.folder, None);
            prop_assert!(again.is_ok(), "{:?}", again.err());
            // Whatever was set aside carries a reason code.
            let empty: i64 = t.b.conn()
                .query_row("SELECT count(*) FROM sync_set_aside WHERE reason = ''", [], |r| r.get(0))
                .unwrap();
            prop_assert_eq!(empty, 0);
        }
    }

    /// Ids the receiving store holds.
    fn real_rows(store: &Store) -> Vec<String> {
        let mut rows = Vec::new();
        for table in ["vehicles", "customers", "lots", "photos"] {
            let mut stmt = store
                .conn()
                .prepare(&format!("SELECT id FROM {table} LIMIT 3"))
                .unwrap();
            let ids = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
            rows.extend(ids.map(|r| r.unwrap()));
        }
        rows.push("reply.within_minutes".into());
        rows
    }
}

#[test]
fn every_pass_that_did_something_is_in_the_sync_log_with_its_numbers() {
    let mut t = team();
    let car = first(&t.a, "vehicles");
    raw_change(
        &t.a,
        "vehicles",
        &car,
        "price_krw",
        Value::Text("abc".into()),
    );
    let mut v = VehicleInput::from(t.a.get_vehicle(&car).unwrap());
    v.notes = "로그".into();
    t.a.save_vehicle(&v).unwrap();
    t.pass_a();
    t.pass_b();
    // An idle pass adds no line.
    t.pass_b();
    let log = lotbook::sync::state::recent_log(&t.b, 50).unwrap();
    let passes: Vec<_> = log
        .iter()
        .filter(|e| e.code.as_deref() == Some("pass"))
        .collect();
    // B's first pass received the team; this one received A's edit.
    assert_eq!(passes.len(), 2, "{log:?}");
    let last = passes[0];
    assert_eq!(last.params["set_aside"], "1");
    assert_eq!(last.params["sent"], "0");
    assert!(last.params["received"].parse::<u64>().unwrap() >= 1);
    let first = passes[1];
    assert!(first.params["received"].parse::<u64>().unwrap() > 1000);
}
