//! Spreadsheet imports the way dealers bring their data: .xlsx files written
//! by openpyxl (Korean headers, date cells, numbers, a text price
//! "1,250만원", an empty row, a second sheet), a CP949 customer CSV, a bad
//! row named by Excel's row number with nothing imported, duplicates
//! skipped or updated, and a column mapping remembered.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use lotbook::customers::{CustomerInput, CustomerQuery, CustomerSource, Wants};
use lotbook::inventory::VehicleQuery;
use lotbook::sheets::{DuplicateAction, MappingSource, ProblemCode, RowAction, SheetRequest};
use lotbook::{Error, Store};

/// Writes an .xlsx with openpyxl: `sheets` is a JSON list of
/// `[title, rows]`, a cell `{"date": "2026-11-03"}` is a date cell, `null`
/// an empty cell and `[]` an empty row.
fn xlsx(path: &Path, sheets: serde_json::Value) {
    const WRITE: &str = r#"
import datetime, json, sys, openpyxl
wb = openpyxl.Workbook()
wb.remove(wb.active)
for title, rows in json.loads(sys.argv[2]):
    ws = wb.create_sheet(title)
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row, start=1):
            if isinstance(v, dict):
                v = datetime.date.fromisoformat(v["date"])
            if v is not None:
                ws.cell(row=r, column=c, value=v)
wb.save(sys.argv[1])
"#;
    let o = Command::new("python3")
        .args(["-c", WRITE])
        .arg(path)
        .arg(sheets.to_string())
        .output()
        .expect("python3");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn req(path: &Path) -> SheetRequest {
    SheetRequest {
        path: path.to_string_lossy().into_owned(),
        ..Default::default()
    }
}

fn vehicle_count(store: &Store) -> u32 {
    store.list_vehicles(&VehicleQuery::default()).unwrap().total
}

fn stock_list(dir: &Path) -> PathBuf {
    let file = dir.join("재고 목록.xlsx");
    xlsx(
        &file,
        serde_json::json!([
            ["안내", [["이 파일은 12월 재고입니다"], [], ["담당: 김민수"]]],
            ["재고", [
                ["제조사", "모델", "연식", "차량번호", "주행거리(km)", "가격(만원)", "전시장", "입고일", "메모"],
                ["현대", "쏘나타", 2019, "12가3456", 85000, "1,250만원", "월평동", {"date": "2026-11-03"}, "1인 소유"],
                [],
                ["기아", "K5", 2020, "34나5678", 61234.0, 1830, "월평동", {"date": "2026-10-20"}, null],
                ["르노삼성", "SM520", 2003, null, "152,000", "350", "대전오토월드", "2026.09.01", "무사고"]
            ]]
        ]),
    );
    file
}

#[test]
fn an_xlsx_stock_list_is_previewed_and_imported_cell_types_and_all() {
    let (dir, mut store) = common::store();
    let file = stock_list(dir.path());
    let mut r = req(&file);

    // The first sheet is the notice: no car columns, said plainly.
    let first = store.preview_vehicle_file(&r).unwrap();
    assert_eq!(first.sheets, ["안내", "재고"]);
    assert_eq!(first.sheet, "안내");
    assert!(!first.problems.is_empty());

    r.sheet = Some("재고".into());
    let p = store.preview_vehicle_file(&r).unwrap();
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(p.mapping_source, MappingSource::Auto);
    assert_eq!(p.total_rows, 3);
    // Rows as Excel numbers them: the empty row 3 is left out.
    let numbers: Vec<u64> = p.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [2, 4, 5]);
    assert_eq!(p.rows[0].cells[2], "2019");
    assert_eq!(p.rows[0].cells[7], "2026-11-03");
    assert_eq!(p.rows[1].cells[4], "61234");
    let fields: Vec<Option<&str>> = p.columns.iter().map(|c| c.field.as_deref()).collect();
    assert_eq!(
        fields,
        [
            Some("make"),
            Some("model"),
            Some("year"),
            Some("plate"),
            Some("odometer_km"),
            Some("price_manwon"),
            Some("lot"),
            Some("stock_date"),
            Some("notes")
        ]
    );
    assert_eq!(vehicle_count(&store), 0, "a preview writes nothing");

    let report = store.import_vehicle_file(&r, Default::default()).unwrap();
    assert_eq!(report.inserted, 3);
    let cars = store
        .list_vehicles(&VehicleQuery {
            limit: Some(10),
            ..Default::default()
        })
        .unwrap()
        .items;
    let sonata = cars.iter().find(|v| v.model == "쏘나타").unwrap();
    assert_eq!(sonata.price_krw, 12_500_000, "the text price 1,250만원");
    assert_eq!(sonata.year, 2019);
    assert_eq!(sonata.odometer_km, 85_000);
    assert_eq!(sonata.stock_date, "2026-11-03", "a date cell");
    assert_eq!(sonata.plate, "12가3456");
    let k5 = cars.iter().find(|v| v.model == "K5").unwrap();
    assert_eq!(k5.price_krw, 18_300_000);
    assert_eq!(k5.odometer_km, 61_234);
    let sm = cars.iter().find(|v| v.model == "SM520").unwrap();
    assert_eq!(sm.odometer_km, 152_000);
    assert_eq!(sm.stock_date, "2026-09-01");
    assert_eq!(sm.notes, "무사고");
}

#[test]
fn a_bad_row_is_named_by_excels_row_number_and_nothing_is_imported() {
    let (dir, mut store) = common::store();
    let file = dir.path().join("bad.xlsx");
    xlsx(
        &file,
        serde_json::json!([[
            "Sheet1",
            [
                ["제조사", "모델", "연식", "가격(만원)", "전시장"],
                ["현대", "쏘나타", 2019, 1250, "월평동"],
                [],
                [],
                ["기아", "K5", "이천이십", 1830, "월평동"],
                ["기아", "모닝", 2018, 700, "월평동"]
            ]
        ]]),
    );
    let p = store.preview_vehicle_file(&req(&file)).unwrap();
    assert_eq!(p.problems.len(), 1, "{:?}", p.problems);
    assert_eq!(p.problems[0].row, 5);
    assert_eq!(p.problems[0].column, "연식");
    let err = store
        .import_vehicle_file(&req(&file), Default::default())
        .unwrap_err();
    match &err {
        Error::Csv { problems, .. } => {
            assert_eq!((problems[0].row, problems[0].column.as_str()), (5, "연식"))
        }
        e => panic!("{e}"),
    }
    assert!(err.to_string().contains("row 5, column 연식"), "{err}");
    assert_eq!(vehicle_count(&store), 0, "nothing imported");
}

#[test]
fn a_remapped_column_is_remembered_for_the_next_file_with_the_same_headers() {
    let (dir, mut store) = common::store();
    let rows = |model: &str| {
        serde_json::json!([[
            "재고",
            [
                ["비고2", "차종", "연식", "가격", "전시장", "비고"],
                ["현대", model, 2019, 1250, "월평동", "x"]
            ]
        ]])
    };
    let a = dir.path().join("a.xlsx");
    let b = dir.path().join("b.xlsx");
    xlsx(&a, rows("쏘나타"));
    xlsx(&b, rows("그랜저"));
    let p = store.preview_vehicle_file(&req(&a)).unwrap();
    assert_eq!(p.problems.len(), 1);
    assert!(p.problems[0].message.contains("제조사"), "{:?}", p.problems);
    assert_eq!(p.problems[0].code, ProblemCode::MissingColumns);
    assert_eq!(p.problems[0].params["columns"], "제조사");
    // 차종 is understood as the model; the dealer says 비고2 is the make
    // and ignores 비고.
    let mut r = req(&a);
    r.mapping = Some(vec![
        Some("make".into()),
        Some("model".into()),
        Some("year".into()),
        Some("price_manwon".into()),
        Some("lot".into()),
        None,
    ]);
    let p = store.preview_vehicle_file(&r).unwrap();
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(p.mapping_source, MappingSource::Given);
    assert_eq!(
        store
            .import_vehicle_file(&r, Default::default())
            .unwrap()
            .inserted,
        1
    );

    let p = store.preview_vehicle_file(&req(&b)).unwrap();
    assert_eq!(p.mapping_source, MappingSource::Remembered);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(p.columns[1].field.as_deref(), Some("model"));
    assert_eq!(p.columns[5].field, None);
    assert_eq!(
        store
            .import_vehicle_file(&req(&b), Default::default())
            .unwrap()
            .inserted,
        1
    );
    // Remembered on this computer only: not team data, never captured.
    let captured: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM changes WHERE tbl = 'local_meta'",
            [],
            |r| r.get(0),
        )
        .unwrap_or(0);
    assert_eq!(captured, 0);
}

#[test]
fn a_cp949_customer_csv_is_imported_with_phones_normalised() {
    let (dir, mut store) = common::store();
    let text = "이름,전화번호,이메일,지역,희망 차종,예산(만원),희망 연식,유입 경로,연락 동의,메모\r\n\
        김민수,01012345678,minsu@naver.com,서울 노원구,\"SM520, SM5\",\"1,250만원\",2015~2019,블로그,예,토요일 방문\r\n\
        \r\n\
        이영희,+82 10 9876 5432,,대전 유성구,K5,2000,2018,소개,아니오,\r\n";
    let (bytes, _, _) = encoding_rs::EUC_KR.encode(text);
    let file = dir.path().join("고객.csv");
    std::fs::write(&file, &bytes).unwrap();

    let p = store.preview_customer_file(&req(&file)).unwrap();
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(p.rows.iter().map(|r| r.number).collect::<Vec<_>>(), [2, 4]);
    let report = store
        .import_customer_file(&req(&file), Default::default())
        .unwrap();
    assert_eq!((report.inserted, report.updated, report.skipped), (2, 0, 0));
    let all = store.list_customers(&CustomerQuery::default()).unwrap();
    let kim = all.iter().find(|c| c.name == "김민수").unwrap();
    assert_eq!(kim.phone, "010-1234-5678");
    assert_eq!(kim.email, "minsu@naver.com");
    assert_eq!(kim.region, "서울 노원구");
    assert_eq!(kim.wants.models, ["SM520", "SM5"]);
    assert_eq!(kim.wants.budget_max_krw, Some(12_500_000));
    assert_eq!(
        (kim.wants.year_min, kim.wants.year_max),
        (Some(2015), Some(2019))
    );
    assert_eq!(kim.source, CustomerSource::Blog);
    assert!(kim.consent_contact);
    assert_eq!(kim.notes, "토요일 방문");
    let lee = all.iter().find(|c| c.name == "이영희").unwrap();
    assert_eq!(lee.phone, "010-9876-5432");
    assert_eq!(lee.wants.budget_max_krw, Some(20_000_000));
    assert_eq!(lee.wants.year_min, Some(2018));
    assert_eq!(lee.source, CustomerSource::Referral);
    assert!(!lee.consent_contact);
    // Change capture as every write: the sync issue ships these.
    let captured: i64 = store
        .conn()
        .query_row(
            "SELECT count(DISTINCT row_id) FROM changes WHERE tbl = 'customers'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(captured, 2);
}

fn existing(store: &mut Store) -> String {
    store
        .save_customer(&CustomerInput {
            id: None,
            name: "박지훈".into(),
            phone: "010-1111-2222".into(),
            email: "park@daum.net".into(),
            region: "세종".into(),
            source: CustomerSource::Phone,
            current_car: String::new(),
            trade_in: false,
            wants: Wants::default(),
            assigned_user_id: None,
            notes: "기존 메모".into(),
            consent_contact: false,
        })
        .unwrap()
        .id
}

fn customers_xlsx(dir: &Path) -> PathBuf {
    let file = dir.join("고객.xlsx");
    xlsx(
        &file,
        serde_json::json!([[
            "고객",
            [
                [
                    "이름",
                    "휴대폰",
                    "이메일",
                    "희망 모델",
                    "예산(만원)",
                    "연락 동의"
                ],
                ["박지훈", "010 1111 2222", null, "그랜저", 3000, "Y"],
                ["Park J.", null, "PARK@daum.net", null, null, "N"],
                ["최수진", 1055556666, "sj@gmail.com", "모닝", 900, "예"]
            ]
        ]]),
    );
    file
}

#[test]
fn duplicates_are_shown_and_skipped() {
    let (dir, mut store) = common::store();
    let id = existing(&mut store);
    let file = customers_xlsx(dir.path());
    let p = store.preview_customer_file(&req(&file)).unwrap();
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    let dups: Vec<(u64, &str, &str)> = p
        .duplicates
        .iter()
        .map(|d| (d.row, d.matched_on.as_str(), d.customer_id.as_str()))
        .collect();
    assert_eq!(dups, [(2, "phone", id.as_str()), (3, "email", id.as_str())]);

    let report = store
        .import_customer_file(&req(&file), Default::default())
        .unwrap();
    assert_eq!((report.inserted, report.updated, report.skipped), (1, 0, 2));
    let park = store.get_customer(&id).unwrap();
    assert_eq!(park.notes, "기존 메모");
    assert!(park.wants.models.is_empty());
    let all = store.list_customers(&CustomerQuery::default()).unwrap();
    let choi = all.iter().find(|c| c.name == "최수진").unwrap();
    assert_eq!(choi.phone, "010-5555-6666", "a number cell that lost its 0");
}

#[test]
fn duplicates_chosen_row_by_row_are_updated_with_the_files_columns_only() {
    let (dir, mut store) = common::store();
    let id = existing(&mut store);
    let file = customers_xlsx(dir.path());
    let mut r = req(&file);
    r.duplicates = DuplicateAction::Skip;
    r.row_actions = vec![RowAction {
        row: 2,
        action: DuplicateAction::Update,
    }];
    let report = store.import_customer_file(&r, Default::default()).unwrap();
    assert_eq!((report.inserted, report.updated, report.skipped), (1, 1, 1));
    let park = store.get_customer(&id).unwrap();
    assert_eq!(park.wants.models, ["그랜저"]);
    assert_eq!(park.wants.budget_max_krw, Some(30_000_000));
    assert!(park.consent_contact);
    assert_eq!(park.phone, "010-1111-2222");
    // Columns the file does not have keep their values; an empty cell of a
    // column it has is a value (the e-mail column is there, empty on row 2).
    assert_eq!(park.region, "세종");
    assert_eq!(park.notes, "기존 메모");
    assert_eq!(park.email, "");
}

#[test]
fn a_bad_customer_row_names_its_row_and_nothing_is_imported() {
    let (dir, mut store) = common::store();
    let file = dir.path().join("bad.xlsx");
    xlsx(
        &file,
        serde_json::json!([[
            "고객",
            [
                ["이름", "전화", "이메일"],
                ["김민수", "010-1234-5678", "minsu@naver.com"],
                ["이영희", "010-2222-3333", "lee at naver"],
                ["", "010-4444-5555", ""]
            ]
        ]]),
    );
    let err = store
        .import_customer_file(&req(&file), Default::default())
        .unwrap_err();
    let Error::Csv { problems, .. } = &err else {
        panic!("{err}");
    };
    let at: Vec<(u64, &str)> = problems
        .iter()
        .map(|p| (p.row, p.column.as_str()))
        .collect();
    assert_eq!(at, [(3, "이메일"), (4, "이름")]);
    assert!(store
        .list_customers(&CustomerQuery::default())
        .unwrap()
        .is_empty());
}

fn cli(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_lotbook"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_cli_imports_by_the_files_extension() {
    let dir = tempfile::TempDir::new().unwrap();
    let data = dir.path().join("data");
    let file = stock_list(dir.path());
    let o = cli(
        &data,
        &[
            "vehicles",
            "import",
            file.to_str().unwrap(),
            "--sheet",
            "재고",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("3 new"));

    let customers = customers_xlsx(dir.path());
    let o = cli(
        &data,
        &["--json", "customers", "import", customers.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["inserted"], 3);
    let o = cli(&data, &["customers", "import", customers.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("3 already customers skipped"));

    // Anything but .xlsx, .xls, .csv: one line, exit 1, nothing opened.
    let pdf = dir.path().join("재고.pdf");
    std::fs::write(&pdf, b"%PDF").unwrap();
    let o = cli(&data, &["vehicles", "import", pdf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("재고.pdf") && err.contains(".xlsx"), "{err}");
    // A damaged .xlsx is named, in one line.
    let broken = dir.path().join("broken.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 not really").unwrap();
    let o = cli(&data, &["vehicles", "import-csv", broken.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("broken.xlsx"), "{err}");
}
