//! CSV in and out, the way Korean Excel users will use it.

mod common;

use lotbook::inventory::{Vehicle, VehicleQuery};
use lotbook::{Error, Store};

fn all(store: &Store) -> Vec<Vehicle> {
    let mut v = store
        .list_vehicles(&VehicleQuery {
            limit: Some(1000),
            ..Default::default()
        })
        .unwrap()
        .items;
    v.sort_by(|a, b| a.id.cmp(&b.id));
    v
}

fn change_count(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM changes", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn export_then_import_round_trips_every_field() {
    let (dir, store) = common::demo_store();
    let file = dir.path().join("재고.csv");
    let n = store.export_vehicles_csv(&file).unwrap();
    assert_eq!(n as usize, all(&store).len());
    let bytes = std::fs::read(&file).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with BOM so Excel shows Hangul"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        text.starts_with("id,제조사,모델,등급,연식"),
        "{}",
        &text[..60]
    );

    let (_dir2, mut fresh) = common::store();
    let report = fresh.import_vehicles_csv(&file).unwrap();
    assert_eq!(report.inserted, n);
    let mut lots = report.lots_created.clone();
    lots.sort();
    assert_eq!(
        lots,
        ["대전오토월드", "월평동"],
        "lots named in the file are created"
    );
    let (a, b) = (all(&store), all(&fresh));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        let strip = |v: &Vehicle| Vehicle {
            lot_id: String::new(),
            created_at: String::new(),
            updated_at: String::new(),
            ..v.clone()
        };
        assert_eq!(strip(x), strip(y));
    }

    // Importing the same file again updates in place.
    let again = fresh.import_vehicles_csv(&file).unwrap();
    assert_eq!((again.inserted, again.updated), (0, n));
    assert_eq!(all(&fresh).len(), a.len());
}

#[test]
fn reads_cp949_written_by_korean_excel() {
    let (dir, mut store) = common::store();
    let text = "제조사,모델,등급,연식,차량번호,주행거리(km),연료,변속기,색상,가격(만원),전시장,상태,입고일\r\n\
                르노삼성,SM520,LE,2003,12가3456,\"158,000\",휘발유,자동,은색,380,월평동,판매중,2026.10.02\r\n\
                현대,쏘나타,모던,2019,34나5678,62000,가솔린,오토,흰색,\"1,550\",대전오토월드,계약중,2026-09-15\r\n";
    let (cp949, _, unmappable) = encoding_rs::EUC_KR.encode(text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&cp949).is_err(), "really not UTF-8");
    let file = dir.path().join("excel.csv");
    std::fs::write(&file, &cp949).unwrap();
    let report = store.import_vehicles_csv(&file).unwrap();
    assert_eq!(report.inserted, 2);
    let v = all(&store);
    let sm = v.iter().find(|v| v.model == "SM520").unwrap();
    assert_eq!(
        (
            sm.odometer_km,
            sm.price_krw,
            sm.stock_date.as_str(),
            sm.lot_name.as_str()
        ),
        (158_000, 3_800_000, "2026-10-02", "월평동")
    );
    let sonata = v.iter().find(|v| v.model == "쏘나타").unwrap();
    assert_eq!(sonata.price_krw, 15_500_000);
    assert_eq!(sonata.status, lotbook::inventory::VehicleStatus::Reserved);
}

#[test]
fn a_bad_row_on_line_7_is_reported_and_nothing_changes() {
    let (dir, mut store) = common::demo_store();
    let before = all(&store);
    let changes_before = change_count(&store);
    let mut csv = String::from("make,model,year,lot,price_krw,vin\n");
    for i in 0..5 {
        csv.push_str(&format!("기아,K5,2020,새 전시장,{},\n", 15_000_000 + i));
    }
    csv.push_str("르노삼성,SM520,2003,새 전시장,3800000,KNMBAD\n"); // line 7
    csv.push_str("르노삼성,SM5,2015,새 전시장,7900000,\n");
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, csv).unwrap();
    let err = store.import_vehicles_csv(&file).unwrap_err();
    match &err {
        Error::Csv { problems, .. } => {
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!(problems[0].line, 7);
            assert_eq!(problems[0].column, "vin");
            assert!(
                problems[0].message.contains("17 characters"),
                "{}",
                problems[0].message
            );
        }
        other => panic!("expected a CSV error, got {other:?}"),
    }
    let msg = err.to_string();
    assert!(
        msg.contains("bad.csv") && msg.contains("line 7") && msg.contains("nothing was imported"),
        "{msg}"
    );
    assert_eq!(all(&store), before, "no vehicle added");
    assert!(
        store
            .list_lots()
            .unwrap()
            .iter()
            .all(|l| l.name != "새 전시장"),
        "no lot created"
    );
    assert_eq!(change_count(&store), changes_before, "no change captured");
}

#[test]
fn reports_every_bad_cell_with_its_header() {
    let (dir, mut store) = common::store();
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, "제조사,모델,연식,전시장,가격(만원),연료\n르노삼성,SM520,이천삼년,월평동,380,가솔린\n르노삼성,SM5,2015,월평동,칠백,수소\n르노삼성,,2015,월평동,700,\n").unwrap();
    let Error::Csv { problems, .. } = store.import_vehicles_csv(&file).unwrap_err() else {
        panic!()
    };
    let got: Vec<(u64, &str)> = problems
        .iter()
        .map(|p| (p.line, p.column.as_str()))
        .collect();
    assert_eq!(
        got,
        [(2, "연식"), (3, "가격(만원)"), (3, "연료"), (4, "모델")],
        "{problems:?}"
    );
}

#[test]
fn a_file_that_is_not_text_or_lacks_columns_is_refused_by_name() {
    let (dir, mut store) = common::store();
    let file = dir.path().join("photo.csv");
    std::fs::write(
        &file,
        [
            0xFFu8, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x80, 0xFF,
        ],
    )
    .unwrap();
    let err = store.import_vehicles_csv(&file).unwrap_err();
    assert!(
        err.to_string().contains("photo.csv") && err.to_string().contains("UTF-8"),
        "{err}"
    );
    let file = dir.path().join("cols.csv");
    std::fs::write(&file, "모델,색상\nSM520,은색\n").unwrap();
    let err = store.import_vehicles_csv(&file).unwrap_err();
    assert!(
        err.to_string().contains("line 1") && err.to_string().contains("연식"),
        "{err}"
    );
    let missing = dir.path().join("missing.csv");
    let err = store.import_vehicles_csv(&missing).unwrap_err();
    assert!(err.to_string().contains("missing.csv"), "{err}");
}
