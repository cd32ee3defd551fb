//! CSV in and out, the way Korean Excel users will use it.

use crate::common;

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
fn a_bad_row_on_row_7_is_reported_and_nothing_changes() {
    let (dir, mut store) = common::demo_store();
    let before = all(&store);
    let changes_before = change_count(&store);
    let mut csv = String::from("make,model,year,lot,price_krw,vin\n");
    for i in 0..5 {
        csv.push_str(&format!("기아,K5,2020,새 전시장,{},\n", 15_000_000 + i));
    }
    csv.push_str("르노삼성,SM520,2003,새 전시장,3800000,KNMBAD\n"); // row 7
    csv.push_str("르노삼성,SM5,2015,새 전시장,7900000,\n");
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, csv).unwrap();
    let err = store.import_vehicles_csv(&file).unwrap_err();
    match &err {
        Error::Csv { problems, .. } => {
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!(problems[0].row, 7);
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
        msg.contains("bad.csv") && msg.contains("row 7") && msg.contains("nothing was imported"),
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
        .map(|p| (p.row, p.column.as_str()))
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
        err.to_string().contains("row 1") && err.to_string().contains("연식"),
        "{err}"
    );
    let missing = dir.path().join("missing.csv");
    let err = store.import_vehicles_csv(&missing).unwrap_err();
    assert!(err.to_string().contains("missing.csv"), "{err}");
}

fn problems_of(err: Error) -> Vec<lotbook::error::CsvProblem> {
    match err {
        Error::Csv { problems, .. } => problems,
        other => panic!("expected a CSV error, got {other:?}"),
    }
}

fn rows_and_columns(problems: &[lotbook::error::CsvProblem]) -> Vec<(u64, &str)> {
    problems
        .iter()
        .map(|p| (p.row, p.column.as_str()))
        .collect()
}

#[test]
fn problems_name_the_row_excel_shows() {
    let (dir, mut store) = common::store();
    let file = dir.path().join("rows.csv");
    // As Korean Excel saves it: CRLF line ends. Row 3 holds a note on two
    // lines (one row in Excel), row 5 is empty (a row in Excel too).
    std::fs::write(
        &file,
        "제조사,모델,연식,전시장,가격(만원),메모\r\n\
         기아,K5,이천,월평동,1500,\r\n\
         기아,K5,2020,월평동,1500,\"첫 줄\r\n둘째 줄\"\r\n\
         기아,K5,2020,월평동,1500,\r\n\
         \r\n\
         기아,K5,2020,월평동,천오백,\r\n",
    )
    .unwrap();
    let problems = problems_of(store.import_vehicles_csv(&file).unwrap_err());
    assert_eq!(
        rows_and_columns(&problems),
        [(2, "연식"), (6, "가격(만원)")],
        "{problems:?}"
    );
    // The same with LF line ends and a three-line note.
    std::fs::write(
        &file,
        "제조사,모델,연식,전시장,가격(만원),메모\n\
         기아,K5,2020,월평동,1500,\"하나\n둘\n셋\"\n\
         기아,K5,2020,월평동,1500,\n\
         기아,K5,1800,월평동,1500,\n",
    )
    .unwrap();
    let problems = problems_of(store.import_vehicles_csv(&file).unwrap_err());
    assert_eq!(rows_and_columns(&problems), [(4, "연식")], "{problems:?}");
    assert_eq!(all(&store).len(), 0);
}

#[test]
fn control_characters_are_refused_naming_row_and_column() {
    let (dir, mut store) = common::store();
    let file = dir.path().join("ctrl.csv");
    std::fs::write(
        &file,
        "제조사,모델,연식,전시장,가격(만원),메모,차량번호\n\
         기아,K5\0,2020,월평동,1500,,\n\
         기아,K5,2020,월평동,1500,\"한 줄\n두 줄\t탭\",\n\
         기아,K5,2020,월평동,1500,메모\0끝,\n\
         기아,K5,2020,월평동,1500,,12가\u{7}3456\n\
         기아,K\t5,2020,월평동,1500,,\n\
         기아,K5,2020,월평동\u{1b},1500,,\n",
    )
    .unwrap();
    let problems = problems_of(store.import_vehicles_csv(&file).unwrap_err());
    assert_eq!(
        rows_and_columns(&problems),
        [
            (2, "모델"),
            (4, "메모"),
            (5, "차량번호"),
            (6, "모델"),
            (7, "전시장")
        ],
        "{problems:?}"
    );
    assert!(
        problems[0].message.contains("control character") && problems[0].message.contains("U+0000"),
        "{}",
        problems[0].message
    );
    assert_eq!(all(&store).len(), 0, "nothing stored");
    assert!(store.list_lots().unwrap().is_empty(), "no lot created");
}

#[test]
fn duplicate_and_ambiguous_columns_are_refused_before_any_row() {
    let (dir, mut store) = common::store();
    let file = dir.path().join("cols.csv");
    let cases: [(&str, &[&str]); 3] = [
        // The same header twice.
        (
            "제조사,모델,연식,전시장,가격(만원),모델\n기아,K5,2020,월평동,1500,K7\n",
            &["\"모델\"", "B", "F"],
        ),
        // A 1,500만원 car was stored as 1,500원: both price columns.
        (
            "제조사,모델,연식,전시장,가격(만원),가격(원)\n기아,K5,2020,월평동,1500,1500\n",
            &["가격(만원)", "가격(원)"],
        ),
        // Two names of one field.
        (
            "제조사,모델,연식,전시장,가격(만원),model\n기아,K5,2020,월평동,1500,K7\n",
            &["모델", "model"],
        ),
    ];
    for (text, named) in cases {
        std::fs::write(&file, text).unwrap();
        let problems = problems_of(store.import_vehicles_csv(&file).unwrap_err());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].row, 1, "the header row");
        for n in named {
            assert!(problems[0].message.contains(n), "{n} in {problems:?}");
        }
    }
    assert_eq!(all(&store).len(), 0);
}

/// Python's csv module reads `file` (UTF-8 with BOM) and prints the rows as JSON.
fn python_rows(file: &std::path::Path) -> Vec<Vec<String>> {
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import csv, json, sys\n\
             with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n\
             \x20   print(json.dumps(list(csv.reader(f))))",
        ])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn exported_cells_never_start_a_formula_and_read_back_as_they_were() {
    let (dir, mut store) = common::store();
    let lot = common::lot(&mut store, "@월평동");
    let mut input = common::vehicle(&lot, "=HYPERLINK(\"http://evil.example\",\"클릭\")");
    input.make = "-2+3".into();
    input.trim = "+LE".into();
    input.color = "=1+1".into();
    input.notes = "'=이미 따옴표\n=둘째 줄".into();
    input.tags = vec!["@SUM(A1)".into(), "보통".into()];
    let car = store.save_vehicle(&input).unwrap();
    let file = dir.path().join("out.csv");
    store.export_vehicles_csv(&file).unwrap();

    let rows = python_rows(&file);
    let header = &rows[0];
    let cell = |name: &str| {
        let i = header.iter().position(|h| h == name).unwrap();
        rows[1][i].clone()
    };
    assert_eq!(
        cell("모델"),
        "'=HYPERLINK(\"http://evil.example\",\"클릭\")"
    );
    assert_eq!(cell("제조사"), "'-2+3");
    assert_eq!(cell("등급"), "'+LE");
    assert_eq!(cell("색상"), "'=1+1");
    assert_eq!(cell("전시장"), "'@월평동");
    assert_eq!(cell("태그"), "'@SUM(A1), 보통");
    // Starts with a quote and then a formula: one more quote, so the
    // importer's "drop one quote" gives back exactly what was stored.
    assert_eq!(cell("메모"), "''=이미 따옴표\n=둘째 줄");
    // Numbers are numbers: never quoted, whatever their sign.
    assert_eq!(cell("연식"), "2003");
    assert_eq!(cell("가격(만원)"), "350");
    for row in &rows {
        for c in row {
            assert!(
                !c.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell starts a formula: {c:?}"
            );
        }
    }

    let (_d2, mut fresh) = common::store();
    fresh.import_vehicles_csv(&file).unwrap();
    let back = fresh.get_vehicle(&car.id).unwrap();
    assert_eq!(back.model, car.model);
    assert_eq!(back.make, car.make);
    assert_eq!(back.trim, car.trim);
    assert_eq!(back.color, car.color);
    assert_eq!(back.notes, car.notes);
    assert_eq!(back.tags, car.tags);
    assert_eq!(back.lot_name, "@월평동");
}

#[test]
fn a_long_import_leaves_other_writers_waiting_at_most_a_moment() {
    let (dir, mut store) = common::store();
    let lot = common::lot(&mut store, "월평동");
    let file = dir.path().join("big.csv");
    let mut csv = String::from("제조사,모델,연식,전시장,가격(만원),주행거리(km),메모\n");
    for i in 0..20_000 {
        csv.push_str(&format!(
            "현대,아반떼,{},월평동,{},{},대량 입고 {i}\n",
            2010 + i % 15,
            800 + i % 900,
            10_000 + i
        ));
    }
    std::fs::write(&file, csv).unwrap();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = done.clone();
    let importer = std::thread::spawn(move || {
        let r = store.import_vehicles_csv(&file);
        flag.store(true, std::sync::atomic::Ordering::SeqCst);
        r
    });
    // A colleague's window on the same data folder, saving all along.
    let mut other = Store::open_beside(dir.path()).unwrap();
    other
        .set_busy_timeout(std::time::Duration::from_secs(2))
        .unwrap();
    let (mut saves, mut longest) = (0, std::time::Duration::ZERO);
    while !done.load(std::sync::atomic::Ordering::SeqCst) {
        let t = std::time::Instant::now();
        other
            .save_vehicle(&common::vehicle(&lot, "SM520"))
            .unwrap_or_else(|e| panic!("save {saves} while the import runs: {e}"));
        longest = longest.max(t.elapsed());
        saves += 1;
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // For the record (not asserted: timings belong in benchmarks).
    eprintln!("{saves} saves during the import, the longest took {longest:?}");
    let report = importer.join().unwrap().unwrap();
    assert_eq!(report.inserted, 20_000);
    assert!(saves >= 10, "the saves overlapped the import ({saves})");
    assert_eq!(all_count(&other), 20_000 + saves);
}

fn all_count(store: &Store) -> u32 {
    store.list_vehicles(&VehicleQuery::default()).unwrap().total
}

/// A CSV of `n` new cars on lot 월평동, the first row updating `existing`'s
/// price, the car on row `vin_row` (if any) carrying `vin`.
fn file_with_update(
    path: &std::path::Path,
    existing: &Vehicle,
    n: usize,
    vin_at: Option<(usize, &str)>,
) {
    let mut csv = String::from("id,제조사,모델,연식,전시장,가격(만원),차대번호,메모\n");
    csv.push_str(&format!(
        "{},르노삼성,{},{},월평동,999,,값 바뀜\n",
        existing.id, existing.model, existing.year
    ));
    for i in 0..n {
        let vin = match vin_at {
            Some((row, vin)) if row == i + 3 => vin,
            _ => "",
        };
        csv.push_str(&format!(
            ",기아,레이,2019,월평동,{},{vin},입고 {i}\n",
            900 + i % 100
        ));
    }
    std::fs::write(path, csv).unwrap();
}

fn journal_open(store: &Store) -> bool {
    store.local_get("bulk.journal").unwrap().is_some()
}

#[test]
fn a_cancelled_import_is_undone_and_a_colleagues_edit_meanwhile_stays() {
    let (dir, mut store) = common::store();
    let lot = common::lot(&mut store, "월평동");
    let existing = store.save_vehicle(&common::vehicle(&lot, "SM520")).unwrap();
    let ids_before: Vec<String> = all(&store).into_iter().map(|v| v.id).collect();
    let file = dir.path().join("cancel.csv");
    file_with_update(&file, &existing, 1_000, None);

    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut seen = Vec::new();
    let mut on_progress = |p: lotbook::inventory::csv::ImportProgress| {
        seen.push(p.written);
        if seen.len() == 2 {
            // A colleague's window edits the car the file updates, between chunks.
            let mut other = Store::open_beside(dir.path()).unwrap();
            let mut car =
                lotbook::inventory::VehicleInput::from(other.get_vehicle(&existing.id).unwrap());
            car.color = "진주색".into();
            other.save_vehicle(&car).unwrap();
            cancel.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    };
    let err = store
        .import_vehicles_csv_with(
            &file,
            lotbook::inventory::csv::ImportControl {
                cancel: Some(&cancel),
                progress: Some(&mut on_progress),
                chunk_rows: Some(100),
                now: None,
            },
        )
        .unwrap_err();
    assert!(matches!(err, Error::Cancelled), "{err}");
    assert_eq!(seen, [100, 200], "two chunks were written, then undone");
    let after = all(&store);
    assert_eq!(
        after.iter().map(|v| v.id.clone()).collect::<Vec<_>>(),
        ids_before
    );
    let car = store.get_vehicle(&existing.id).unwrap();
    assert_eq!(
        car.price_krw, existing.price_krw,
        "the file's price is undone"
    );
    assert_eq!(car.notes, existing.notes);
    assert_eq!(car.color, "진주색", "the colleague's edit stays");
    assert!(!journal_open(&store));
    // Its history holds the car's creation and the colleague's edit only.
    let history: Vec<String> = store
        .conn()
        .prepare("SELECT col FROM changes WHERE row_id = ?1 AND col IN ('price_krw', 'color') ORDER BY seq")
        .unwrap()
        .query_map([&existing.id], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(history, ["color", "price_krw", "color"]);
    assert_eq!(
        change_count(&store),
        store
            .conn()
            .query_row("SELECT count(*) FROM changes WHERE tbl <> 'vehicles' OR row_id IN (SELECT id FROM vehicles)", [], |r| r.get::<_, i64>(0))
            .unwrap(),
        "no change of an undone car is left"
    );
    assert!(lotbook::backup::check_store(dir.path()).unwrap().ok);
}

#[test]
fn a_row_refused_while_writing_undoes_the_import_and_names_its_row() {
    let (dir, mut store) = common::store();
    let lot = common::lot(&mut store, "월평동");
    let existing = store.save_vehicle(&common::vehicle(&lot, "SM520")).unwrap();
    let before = all(&store);
    let file = dir.path().join("late.csv");
    // Row 503 (the 501st new car) carries a VIN nobody has... yet.
    let vin = "KNAGM4A77D5123456";
    file_with_update(&file, &existing, 600, Some((503, vin)));
    let mut calls = 0;
    let mut on_progress = |_: lotbook::inventory::csv::ImportProgress| {
        calls += 1;
        if calls == 1 {
            // Meanwhile a colleague stocks a car with that VIN.
            let mut other = Store::open_beside(dir.path()).unwrap();
            let mut car = common::vehicle(&lot, "K5");
            car.vin = vin.into();
            other.save_vehicle(&car).unwrap();
        }
    };
    let err = store
        .import_vehicles_csv_with(
            &file,
            lotbook::inventory::csv::ImportControl {
                progress: Some(&mut on_progress),
                chunk_rows: Some(100),
                now: None,
                ..Default::default()
            },
        )
        .unwrap_err();
    let problems = problems_of(err);
    assert_eq!(
        rows_and_columns(&problems),
        [(503, "차대번호")],
        "{problems:?}"
    );
    let after = all(&store);
    assert_eq!(
        after.len(),
        before.len() + 1,
        "only the colleague's car was added"
    );
    assert!(after.iter().any(|v| v.vin == vin && v.model == "K5"));
    assert_eq!(store.get_vehicle(&existing.id).unwrap(), existing);
    assert!(!journal_open(&store));
}

#[test]
fn a_running_import_is_not_sent_by_sync_nor_undone_by_another_start() {
    let (dir, mut store) = common::store();
    let lot = common::lot(&mut store, "월평동");
    let existing = store.save_vehicle(&common::vehicle(&lot, "SM520")).unwrap();
    let folder = tempfile::TempDir::new().unwrap();
    lotbook::sync::sync_once(&mut store, folder.path(), None).unwrap();
    let file = dir.path().join("sync.csv");
    file_with_update(&file, &existing, 500, None);

    let mut passes = Vec::new();
    let mut on_progress = |_: lotbook::inventory::csv::ImportProgress| {
        if passes.is_empty() {
            // The app starting (or a CLI command) does not undo a live import…
            let mut other = Store::open(dir.path()).unwrap();
            assert!(journal_open(&other), "still being written");
            // …and a sync pass sends nothing of it, nor anything else meanwhile.
            let mut car = common::vehicle(&lot, "SM7");
            car.plate = "99다9999".into();
            other.save_vehicle(&car).unwrap();
            passes.push(lotbook::sync::sync_once(&mut other, folder.path(), None).unwrap());
        }
    };
    let report = store
        .import_vehicles_csv_with(
            &file,
            lotbook::inventory::csv::ImportControl {
                progress: Some(&mut on_progress),
                chunk_rows: Some(100),
                now: None,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!((report.inserted, report.updated), (500, 1));
    let pass = &passes[0];
    assert_eq!(
        (pass.segments_written, pass.changes_sent),
        (0, 0),
        "{pass:?}"
    );
    assert!(
        pass.notices.iter().any(|n| n.code == "import_running"),
        "{:?}",
        pass.notices
    );
    // A colleague sees none of it until it is whole, then all of it.
    let colleague = tempfile::TempDir::new().unwrap();
    let mut theirs = Store::open(colleague.path()).unwrap();
    lotbook::sync::sync_once(&mut theirs, folder.path(), None).unwrap();
    assert_eq!(all(&theirs).len(), 1);
    let sent = lotbook::sync::sync_once(&mut store, folder.path(), None).unwrap();
    assert!(sent.changes_sent > 0);
    lotbook::sync::sync_once(&mut theirs, folder.path(), None).unwrap();
    assert_eq!(all(&theirs).len(), 502);
    assert_eq!(
        theirs.get_vehicle(&existing.id).unwrap().price_krw,
        9_990_000
    );
}

#[test]
fn a_car_without_a_stock_date_gets_the_import_day_in_korea() {
    use chrono::TimeZone;
    let (dir, mut store) = common::store();
    let file = dir.path().join("no-date.csv");
    std::fs::write(
        &file,
        "make,model,year,lot,price_krw\n기아,K5,2020,월평동,15000000\n",
    )
    .unwrap();
    // 15:30 UTC on 1 March is 00:30 on 2 March in Seoul, the team's zone.
    let now = chrono::Utc.with_ymd_and_hms(2026, 3, 1, 15, 30, 0).unwrap();
    store
        .import_vehicles_csv_with(
            &file,
            lotbook::inventory::csv::ImportControl {
                now: Some(now),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(all(&store)[0].stock_date, "2026-03-02");
}

/// New cars are written many to a statement (`inventory::new_rows`): every
/// one of them still gets its search entry and every field in the change
/// log, across chunk ends and partial batches, with an update in between.
#[test]
fn cars_written_many_at_once_are_each_searchable_captured_and_sent() {
    let (dir, mut store) = common::store();
    let lot = common::lot(&mut store, "월평동");
    let existing = store.save_vehicle(&common::vehicle(&lot, "SM520")).unwrap();
    let file = dir.path().join("many.csv");
    // 1,234 new cars after an update: batches of 500 cut by chunks of 700.
    file_with_update(&file, &existing, 1_234, None);
    let report = store
        .import_vehicles_csv_with(
            &file,
            lotbook::inventory::csv::ImportControl {
                chunk_rows: Some(700),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!((report.inserted, report.updated), (1_234, 1));
    let found = store
        .list_vehicles(&VehicleQuery {
            text: Some("레이".into()),
            limit: Some(1),
            ..Default::default()
        })
        .unwrap()
        .total;
    assert_eq!(found, 1_234, "each new car is in the search index");
    let found = store
        .list_vehicles(&VehicleQuery {
            text: Some("입고 1233".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.total, 1, "the last car's notes are indexed");
    // Every new car has the same captured fields as a car saved by hand.
    let fields = |id: &str| -> i64 {
        store
            .conn()
            .query_row(
                "SELECT count(DISTINCT col) FROM changes WHERE tbl = 'vehicles' AND row_id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap()
    };
    let by_hand = fields(&existing.id);
    let uneven: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM (SELECT row_id, count(DISTINCT col) AS n FROM changes
             WHERE tbl = 'vehicles' GROUP BY row_id) WHERE n <> ?1",
            [by_hand],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(uneven, 0, "every car has its {by_hand} fields captured");
    // A colleague receives every one of them.
    let folder = tempfile::TempDir::new().unwrap();
    lotbook::sync::sync_once(&mut store, folder.path(), None).unwrap();
    let (_other_dir, mut other) = common::store();
    lotbook::sync::sync_once(&mut other, folder.path(), None).unwrap();
    assert_eq!(all_count(&other), 1_235);
    assert_eq!(
        other.get_vehicle(&existing.id).unwrap().price_krw,
        store.get_vehicle(&existing.id).unwrap().price_krw
    );
}
