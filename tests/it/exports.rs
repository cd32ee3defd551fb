//! Exports of the demo team read back by independent readers: openpyxl for
//! `.xlsx` (cell types, Korean headers, the frozen header row) and Python's
//! csv for `.csv` (UTF-8 with BOM); a known record compared field by field;
//! text that starts like a formula written with a `'` in both.

use std::path::Path;
use std::process::Command;

use lotbook::Store;
use serde_json::Value;

const READ: &str = r#"
import csv, json, sys, datetime, openpyxl
x, c = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(x)
ws = wb.worksheets[0]
def cell(v):
    if v.value is None: return ["", ""]
    if isinstance(v.value, datetime.datetime):
        t = v.value
        if (t.hour, t.minute, t.second) == (0, 0, 0) and "h" not in v.number_format:
            return ["date", t.strftime("%Y.%m.%d")]
        return ["datetime", t.strftime("%Y.%m.%d %H:%M")]
    if isinstance(v.value, bool): return ["bool", str(v.value)]
    if isinstance(v.value, (int, float)):
        n = v.value
        return ["number", str(int(n)) if float(n).is_integer() else repr(n)]
    return ["text", v.value]
rows = [[cell(v) for v in r] for r in ws.iter_rows()]
raw = open(c, "rb").read()
text = raw[3:].decode("utf-8") if raw.startswith(b"\xef\xbb\xbf") else None
crows = list(csv.reader(text.splitlines())) if text is not None else None
print(json.dumps({"sheet": ws.title, "freeze": ws.freeze_panes, "bold": bool(ws["A1"].font.b),
  "width_b": ws.column_dimensions["B"].width, "xlsx": rows, "csv": crows}, ensure_ascii=False))
"#;

fn lotbook(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_lotbook"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .output()
        .unwrap()
}

/// Exports `what` both ways through the CLI and reads both files back.
fn export(dir: &Path, out: &Path, what: &str) -> Value {
    let x = out.join(format!("{what}.xlsx"));
    let c = out.join(format!("{what}.csv"));
    for f in [&x, &c] {
        let o = lotbook(dir, &[what, "export", f.to_str().unwrap()]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let o = Command::new("python3")
        .args(["-c", READ])
        .arg(&x)
        .arg(&c)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    // Both formats hold the same table: the CSV is what the .xlsx shows.
    let shown: Vec<Vec<String>> = v["xlsx"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let mut r: Vec<String> = r
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c[1].as_str().unwrap().to_owned())
                .collect();
            // openpyxl stops a row at its last written cell.
            while r.last().is_some_and(|s| s.is_empty()) {
                r.pop();
            }
            r
        })
        .collect();
    let csv: Vec<Vec<String>> = v["csv"]
        .as_array()
        .expect("the CSV starts with a UTF-8 BOM")
        .iter()
        .map(|r| {
            let mut r: Vec<String> = r
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_owned())
                .collect();
            while r.last().is_some_and(|s| s.is_empty()) {
                r.pop();
            }
            r
        })
        .collect();
    assert_eq!(shown, csv, "{what}: .xlsx and .csv differ");
    assert_eq!(v["freeze"], "A2", "{what}: header row not frozen");
    assert_eq!(v["bold"], true);
    assert!(
        v["width_b"].as_f64().unwrap() > 8.0,
        "{what}: no column width"
    );
    v
}

/// The row whose column `key` is `id`, as (type, text) pairs by header.
fn row(v: &Value, key: &str, id: &str) -> Vec<(String, (String, String))> {
    let rows = v["xlsx"].as_array().unwrap();
    let headers: Vec<String> = rows[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert_eq!(c[0], "text");
            c[1].as_str().unwrap().to_owned()
        })
        .collect();
    let k = headers.iter().position(|h| h == key).unwrap();
    let r = rows
        .iter()
        .find(|r| r[k][1] == id)
        .unwrap_or_else(|| panic!("no row with {key} {id}"));
    headers
        .into_iter()
        .zip(r.as_array().unwrap().iter().map(|c| {
            (
                c[0].as_str().unwrap().to_owned(),
                c[1].as_str().unwrap().to_owned(),
            )
        }))
        .collect()
}

fn expect(row: &[(String, (String, String))], want: &[(&str, &str, &str)]) {
    let got: Vec<(&str, &str, &str)> = row
        .iter()
        .map(|(h, (t, v))| (h.as_str(), t.as_str(), v.as_str()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn demo_exports_read_back_by_openpyxl_and_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let o = lotbook(&dir, &["demo", "--no-photos"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    // One known car and customer, with text a spreadsheet would run.
    let store = Store::open(&dir).unwrap();
    let (vid, cid): (String, String) = store
        .conn()
        .query_row(
            "SELECT s.vehicle_id, s.customer_id FROM sales s ORDER BY s.delivered_on LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    store
        .conn()
        .execute(
            "UPDATE vehicles SET notes = '=HYPERLINK(\"http://x\")', color = '흰색' WHERE id = ?1",
            [&vid],
        )
        .unwrap();
    store
        .conn()
        .execute("UPDATE customers SET notes = '=1+2' WHERE id = ?1", [&cid])
        .unwrap();
    let v = store.get_vehicle(&vid).unwrap();
    let c = store.get_customer(&cid).unwrap();
    drop(store);

    let x = export(&dir, &out, "vehicles");
    assert_eq!(x["sheet"], "차량");
    let year = v.year.to_string();
    let odo = v.odometer_km.to_string();
    let manwon = (v.price_krw / 10_000).to_string();
    let first = v
        .first_registration
        .as_deref()
        .unwrap_or("")
        .replace('-', ".");
    let stock = v.stock_date.replace('-', ".");
    let tags = v.tags.join(", ");
    let fr_type = if first.is_empty() { "" } else { "date" };
    let tags_type = if tags.is_empty() { "" } else { "text" };
    let trim_type = if v.trim.is_empty() { "" } else { "text" };
    let vin_type = if v.vin.is_empty() { "" } else { "text" };
    expect(
        &row(&x, "id", &v.id),
        &[
            ("id", "text", &v.id),
            ("제조사", "text", &v.make),
            ("모델", "text", &v.model),
            ("등급", trim_type, &v.trim),
            ("연식", "number", &year),
            ("최초등록일", fr_type, &first),
            ("차량번호", "text", &v.plate),
            ("차대번호", vin_type, &v.vin),
            ("주행거리(km)", "number", &odo),
            ("연료", "text", fuel_ko(v.fuel.as_str())),
            ("변속기", "text", trans_ko(v.transmission.as_str())),
            ("색상", "text", "흰색"),
            ("가격(만원)", "number", &manwon),
            ("전시장", "text", &v.lot_name),
            ("상태", "text", "판매완료"),
            ("입고일", "date", &stock),
            ("메모", "text", "'=HYPERLINK(\"http://x\")"),
            ("태그", tags_type, &tags),
        ],
    );

    let x = export(&dir, &out, "customers");
    assert_eq!(x["sheet"], "고객");
    let r = row(&x, "id", &c.id);
    let t = |s: &str| {
        let kind = if s.is_empty() { "" } else { "text" };
        (kind.to_owned(), s.to_owned())
    };
    let n = |v: Option<i64>| match v {
        Some(v) => ("number".to_owned(), v.to_string()),
        None => (String::new(), String::new()),
    };
    let yes = |b: bool| t(if b { "예" } else { "아니오" });
    let created = chrono::DateTime::parse_from_rfc3339(&c.created_at)
        .unwrap()
        .with_timezone(&chrono_tz::Asia::Seoul)
        .format("%Y.%m.%d %H:%M")
        .to_string();
    let want: Vec<(String, (String, String))> = [
        ("id", t(&c.id)),
        ("이름", t(&c.name)),
        ("전화", t(&c.phone)),
        ("이메일", t(&c.email)),
        ("지역", t(&c.region)),
        ("유입 경로", t(source_ko(c.source.as_str()))),
        ("현재 차량", t(&c.current_car)),
        ("보상 판매", yes(c.trade_in)),
        ("희망 모델", t(&c.wants.models.join(", "))),
        ("희망 연식(부터)", n(c.wants.year_min.map(i64::from))),
        ("희망 연식(까지)", n(c.wants.year_max.map(i64::from))),
        ("예산(원)", n(c.wants.budget_max_krw)),
        ("최대 주행거리(km)", n(c.wants.mileage_max_km)),
        (
            "희망 연료",
            t(c.wants.fuel.map_or("", |f| fuel_ko(f.as_str()))),
        ),
        ("희망 색상", t(&c.wants.color)),
        ("담당", t(c.assigned_user_name.as_deref().unwrap_or(""))),
        ("연락 동의", yes(c.consent_contact)),
        ("메모", t("'=1+2")),
        ("등록일시", ("datetime".to_owned(), created)),
    ]
    .into_iter()
    .map(|(h, v)| (h.to_owned(), v))
    .collect();
    assert_eq!(r, want);

    let x = export(&dir, &out, "sales");
    assert_eq!(x["sheet"], "판매");
    let r = row(&x, "차량번호", &v.plate);
    let get = |h: &str| r.iter().find(|(k, _)| k == h).unwrap().1.clone();
    assert_eq!(get("판매가(원)").0, "number");
    assert_eq!(get("인도일").0, "date");
    assert_eq!(get("고객"), ("text".into(), c.name.clone()));
    assert_eq!(get("예정일").0, "date");
    assert!(["예정", "완료", "건너뜀"].contains(&get("상태").1.as_str()));

    let x = export(&dir, &out, "visits");
    assert_eq!(x["sheet"], "방문");
    let rows = x["xlsx"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "the demo's one visit");
    assert_eq!(rows[1][1][0], "datetime");
    assert_eq!(rows[1][2][0], "number");

    let x = export(&dir, &out, "inquiries");
    assert_eq!(x["sheet"], "문의");
    let rows = x["xlsx"].as_array().unwrap();
    assert!(rows.len() > 1);
    assert_eq!(rows[1][1][0], "datetime");
    assert!(["전화", "이메일", "문자", "메신저", "웹", "방문", "기타"]
        .contains(&rows[1][4][1].as_str().unwrap()));
}

/// A visit's time is the team's wall clock, not UTC.
#[test]
fn times_are_in_the_team_zone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let o = lotbook(&dir, &["demo", "--no-photos"]);
    assert!(o.status.success());
    let store = Store::open(&dir).unwrap();
    let start: String = store
        .conn()
        .query_row(
            "SELECT start_at FROM visits WHERE kind = 'visit'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(store);
    let t = chrono::DateTime::parse_from_rfc3339(&start).unwrap();
    let seoul = t
        .with_timezone(&chrono_tz::Asia::Seoul)
        .format("%Y.%m.%d %H:%M")
        .to_string();
    let x = export(&dir, tmp.path(), "visits");
    assert_eq!(x["xlsx"][1][1][1], seoul.as_str());
}

#[test]
fn another_extension_is_one_line_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    for what in ["vehicles", "customers", "sales", "visits", "inquiries"] {
        let f = tmp.path().join("stock.xls");
        let o = lotbook(&dir, &[what, "export", f.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1));
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("stock.xls"), "{err}");
        assert!(!f.exists());
    }
    // export-csv stays: the same export under its old name.
    let o = lotbook(&dir, &["demo", "--no-photos"]);
    assert!(o.status.success());
    let f = tmp.path().join("v.csv");
    let o = lotbook(&dir, &["vehicles", "export-csv", f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read(&f).unwrap().starts_with(b"\xEF\xBB\xBF"));
}

fn fuel_ko(s: &str) -> &'static str {
    match s {
        "gasoline" => "가솔린",
        "diesel" => "디젤",
        "lpg" => "LPG",
        "hybrid" => "하이브리드",
        "electric" => "전기",
        _ => "기타",
    }
}

fn source_ko(s: &str) -> &'static str {
    match s {
        "blog" => "블로그",
        "referral" => "소개",
        "walk_in" => "방문(워크인)",
        "listing_site" => "매물 사이트",
        "repeat" => "재구매",
        "phone" => "전화",
        _ => "기타",
    }
}

fn trans_ko(s: &str) -> &'static str {
    match s {
        "auto" => "자동",
        "manual" => "수동",
        "semi_auto" => "세미오토",
        "cvt" => "무단",
        _ => "기타",
    }
}
