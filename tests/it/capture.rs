//! Change capture is complete: replaying the captured field-level changes
//! rebuilds exactly the rows in the tables, for every write path.

use crate::common;

use std::collections::BTreeMap;

use lotbook::customers::{CustomerInput, CustomerSource, UserInput, Wants};
use lotbook::db::capture::CAPTURED_TABLES;
use lotbook::inventory::{LotInput, VehicleInput, VehicleStatus};
use lotbook::Store;
use rusqlite::types::Value;

type Rows = BTreeMap<(String, String), BTreeMap<String, Value>>;

fn captured_columns(store: &Store, table: &str, local: &[&str]) -> Vec<String> {
    let mut stmt = store
        .conn()
        .prepare(&format!("PRAGMA table_info({table})"))
        .unwrap();
    stmt.query_map([], |r| r.get::<_, String>(1))
        .unwrap()
        .map(Result::unwrap)
        .filter(|c| c != "id" && !local.contains(&c.as_str()))
        .collect()
}

/// The tables as they are.
fn actual(store: &Store) -> Rows {
    let mut rows = Rows::new();
    for (table, local) in CAPTURED_TABLES {
        let cols = captured_columns(store, table, local);
        let sql = format!(
            "SELECT id, {} FROM {table}",
            cols.iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut stmt = store.conn().prepare(&sql).unwrap();
        let mut q = stmt.query([]).unwrap();
        while let Some(r) = q.next().unwrap() {
            let id: String = r.get(0).unwrap();
            let fields = cols
                .iter()
                .enumerate()
                .map(|(i, c)| (c.clone(), r.get::<_, Value>(i + 1).unwrap()))
                .collect();
            rows.insert((table.to_string(), id), fields);
        }
    }
    rows
}

/// The tables as the change log describes them.
fn replayed(store: &Store) -> Rows {
    let mut rows = Rows::new();
    let mut stmt = store
        .conn()
        .prepare("SELECT tbl, row_id, col, value, op FROM changes ORDER BY seq")
        .unwrap();
    let mut q = stmt.query([]).unwrap();
    while let Some(r) = q.next().unwrap() {
        let key = (
            r.get::<_, String>(0).unwrap(),
            r.get::<_, String>(1).unwrap(),
        );
        match r.get::<_, String>(4).unwrap().as_str() {
            "delete" => {
                rows.remove(&key);
            }
            _ => {
                let col: String = r.get(2).unwrap();
                rows.entry(key).or_default().insert(col, r.get(3).unwrap());
            }
        }
    }
    rows
}

fn assert_complete(store: &Store) {
    let actual = actual(store);
    let replayed = replayed(store);
    assert!(!actual.is_empty());
    for (key, row) in &actual {
        assert_eq!(
            replayed.get(key),
            Some(row),
            "row {key:?} differs from its captured changes"
        );
    }
    assert_eq!(
        actual.len(),
        replayed.len(),
        "deleted rows must not survive in the log"
    );
    // Stamps: every change has this device and a strictly increasing clock.
    let bad: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM changes a JOIN changes b ON b.seq = a.seq + 1 WHERE b.hlc <= a.hlc",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0, "HLC stamps increase with the log");
    let foreign: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM changes WHERE device_id <> ?1",
            [store.device_id()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(foreign, 0);
}

#[test]
fn every_write_path_is_captured() {
    let (dir, mut store) = common::demo_store();
    assert_complete(&store);

    // Lots: create, rename.
    let lot = common::lot(&mut store, "유성");
    store
        .save_lot(&LotInput {
            id: Some(lot.clone()),
            name: "유성점".into(),
            address: "대전 유성구".into(),
            phone: String::new(),
        })
        .unwrap();

    // Vehicles: create, update some fields, update nothing, delete.
    let v = store.save_vehicle(&common::vehicle(&lot, "SM520")).unwrap();
    let mut input: VehicleInput = v.clone().into();
    input.price_krw = 3_200_000;
    input.status = VehicleStatus::Reserved;
    input.tags = vec!["급매".into()];
    input.first_registration = None;
    store.save_vehicle(&input).unwrap();
    let unchanged = store.save_vehicle(&input).unwrap();
    let gone = store.save_vehicle(&common::vehicle(&lot, "레조")).unwrap();
    store.delete_vehicle(&gone.id).unwrap();

    // Users and customers.
    let u = store
        .save_user(
            &UserInput {
                id: None,
                name: "이과장".into(),
                email: String::new(),
                phone: String::new(),
            },
            false,
        )
        .unwrap();
    let c = store
        .save_customer(&CustomerInput {
            id: None,
            name: "홍길동".into(),
            phone: "010-1111-2222".into(),
            email: "hong@example.com".into(),
            region: "서울".into(),
            source: CustomerSource::Blog,
            current_car: "2002 레조".into(),
            trade_in: true,
            wants: Wants {
                models: vec!["SM520".into()],
                year_min: Some(2002),
                budget_max_krw: Some(5_000_000),
                ..Default::default()
            },
            assigned_user_id: Some(u.id.clone()),
            notes: String::new(),
            consent_contact: true,
        })
        .unwrap();
    let mut ci: CustomerInput = c.clone().into();
    ci.wants.models.push("SM5".into());
    ci.assigned_user_id = None;
    store.save_customer(&ci).unwrap();
    let c2 = store
        .save_customer(&CustomerInput {
            id: None,
            name: "삭제될 고객".into(),
            ..ci.clone()
        })
        .unwrap();
    store.delete_customer(&c2.id).unwrap();

    // CSV import (insert and update paths).
    let csv = dir.path().join("in.csv");
    std::fs::write(&csv, format!("id,모델,연식,전시장,가격(만원),제조사\n{},SM520,2003,유성점,300,르노삼성\n,K5,2019,새 전시장,1500,기아\n", unchanged.id)).unwrap();
    store.import_vehicles_csv(&csv).unwrap();

    // The mail journey: log, shortlist edits, a draft, settings, handover.
    let seoul = common::customer_named(&store, "이준혁");
    store
        .log_interaction(&lotbook::customers::InteractionInput {
            customer_id: seoul.id.clone(),
            kind: lotbook::customers::InteractionKind::Reply,
            channel: lotbook::customers::Channel::Email,
            at: None,
            summary: "사진 보냄".into(),
        })
        .unwrap();
    let list = store.list_shortlists(&seoul.id).unwrap().remove(0);
    let ids: Vec<String> = list.items.iter().map(|i| i.vehicle.id.clone()).collect();
    store.set_shortlist_vehicles(&list.id, &ids[..2]).unwrap();
    let first_photos = store.list_photos(&ids[0]).unwrap();
    let chosen: Vec<String> = first_photos.iter().take(1).map(|p| p.id.clone()).collect();
    store
        .set_shortlist_photos(&list.id, &ids[0], Some(&chosen))
        .unwrap();
    store
        .save_eml(
            &lotbook::mail::ComposeRequest {
                shortlist_id: Some(list.id.clone()),
                ..common::compose_request(
                    &seoul.id,
                    &ids[..2],
                    lotbook::condition::Lang::Ko,
                    lotbook::mail::Budget::preset(lotbook::mail::BudgetPreset::Gmail),
                )
            },
            &dir.path().join("draft.eml"),
        )
        .unwrap();
    store
        .set_team_setting("team.name", "대전모터스 월평점")
        .unwrap();
    let colleague = store
        .list_users()
        .unwrap()
        .into_iter()
        .find(|u| !u.is_me)
        .unwrap();
    store.hand_over(&seoul.id, &colleague.id, "").unwrap();
    let other = store
        .create_shortlist(&seoul.id, "임시", &ids[..1])
        .unwrap();
    store.delete_shortlist(&other.id).unwrap();

    assert_complete(&store);

    // Deletes leave tombstones.
    for (tbl, id) in [("vehicles", &gone.id), ("customers", &c2.id)] {
        let n: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM tombstones WHERE tbl = ?1 AND row_id = ?2",
                [tbl, id.as_str()],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "tombstone for {tbl} {id}");
    }
}

#[test]
fn an_update_records_only_the_fields_that_changed() {
    let (_dir, mut store) = common::store();
    let lot = common::lot(&mut store, "월평동");
    let v = store.save_vehicle(&common::vehicle(&lot, "SM520")).unwrap();
    let before: i64 = store
        .conn()
        .query_row("SELECT max(seq) FROM changes", [], |r| r.get(0))
        .unwrap();
    let mut input: VehicleInput = v.into();
    input.price_krw = 3_000_000;
    store.save_vehicle(&input).unwrap();
    let mut stmt = store
        .conn()
        .prepare("SELECT col FROM changes WHERE seq > ?1 ORDER BY col")
        .unwrap();
    let cols: Vec<String> = stmt
        .query_map([before], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(cols, ["price_krw", "updated_at"]);
}

#[test]
fn the_local_row_number_is_not_captured_and_ids_never_change() {
    let (_dir, mut store) = common::store();
    let lot = common::lot(&mut store, "월평동");
    let v = store.save_vehicle(&common::vehicle(&lot, "SM520")).unwrap();
    let rid: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM changes WHERE col = 'rid'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(rid, 0);
    let err = store
        .conn()
        .execute("UPDATE vehicles SET id = 'x' WHERE id = ?1", [&v.id])
        .unwrap_err();
    assert!(err.to_string().contains("never changes"), "{err}");
}
