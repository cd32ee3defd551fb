//! Recall files: a maker's list of VINs (mixed case and spacing, a range,
//! one matching no car) imported into per-car records; the car in stock
//! badged and its sale refused until the dealer confirms the buyer was
//! told; the owners of sold cars told through a campaign sent to a real
//! SMTP server on localhost (the one without e-mail listed, not dropped);
//! the CLI; and a car's recall closed on a second computer reaching the
//! first through a real shared folder.

use crate::common;
use crate::support::smtp;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use chrono::Utc;
use common::lotbook;
use lotbook::care::{RecipientState, SaleInput};
use lotbook::condition::Lang;
use lotbook::mail::smtp::SmtpSender;
use lotbook::mail::{SmtpSecurity, SmtpSettings};
use lotbook::recalls::{RecallClose, RecallFileRequest, RecallState};
use lotbook::sheets::SheetRequest;
use lotbook::Store;
use smtp::Server;

const STOCK_VIN: &str = "KMHD341CBKU000777";
const SOLD_VIN: &str = "KMHD341CBKU000150";
const SOLD_NO_MAIL_VIN: &str = "KMHD341CBKU000200";
const OUTSIDE_VIN: &str = "KMHD341CBKU000300";

/// The maker's file: one VIN in lower case with spaces and a dash, one
/// written plainly, a range by its tail, and a VIN of no car here.
const FILE: &str = "\u{feff}리콜 코드,리콜 제목,시정 방법,시정 기한,차대번호
R-2026-07,연료펌프 결함,연료펌프 무상 교환,2026. 12. 31.,kmhd 341-cbku 000777
R-2026-07,,,,\" KMHD341CBKU 000150 \"
R-2026-07,,,,KMHD341CBKU000180~000250
R-2026-07,,,,KNMA4C2HM3P999999
";

struct Cars {
    stock: String,
    sold: String,
    sold_no_mail: String,
    outside: String,
}

/// A team with four cars: one in stock, two sold (one owner without an
/// e-mail address), one outside the recall's range.
fn team(store: &mut Store) -> Cars {
    let lot = common::lot(store, "월평동");
    let mut car = |vin: &str, model: &str| {
        let mut v = common::vehicle(&lot, model);
        v.vin = vin.into();
        store.save_vehicle(&v).expect("car").id
    };
    let cars = Cars {
        stock: car(STOCK_VIN, "쏘나타"),
        sold: car(SOLD_VIN, "쏘나타"),
        sold_no_mail: car(SOLD_NO_MAIL_VIN, "쏘나타"),
        outside: car(OUTSIDE_VIN, "쏘나타"),
    };
    for (vehicle, name, email) in [
        (&cars.sold, "오민지", "minji.oh@naver.com"),
        (&cars.sold_no_mail, "유재석", ""),
    ] {
        let customer = common::customer(store, name, email);
        store
            .record_sale(&SaleInput {
                customer_id: customer,
                vehicle_id: vehicle.clone(),
                price_krw: 9_000_000,
                delivered_on: "2026-06-01".into(),
                user_id: None,
            })
            .expect("sale before the recall");
    }
    cars
}

fn write_file(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("recall-R-2026-07.csv");
    std::fs::write(&path, FILE).unwrap();
    path
}

fn request(path: &Path) -> RecallFileRequest {
    RecallFileRequest {
        file: SheetRequest {
            path: path.to_string_lossy().into_owned(),
            ..Default::default()
        },
        maker: "현대".into(),
    }
}

/// The plain-text subject and body of a received message, decoded by
/// Python's e-mail parser (an independent reader).
fn decoded(message: &[u8]) -> String {
    let mut child = Command::new("python3")
        .args([
            "-c",
            "import email, email.policy, sys\n\
             m = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)\n\
             print(m['subject']); print(m['to'])\n\
             print(m.get_body(('plain',)).get_content())",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3");
    child.stdin.take().unwrap().write_all(message).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_recall_file_badges_the_stock_car_and_tells_the_owners() {
    let (dir, mut store) = common::store();
    let cars = team(&mut store);
    let path = write_file(dir.path());

    let preview = store.preview_recall_file(&request(&path)).unwrap();
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!(preview.total_rows, 4);

    let report = store
        .import_recall_file(&request(&path), Default::default())
        .unwrap();
    assert_eq!(report.recalls.len(), 1);
    let recall = &report.recalls[0];
    assert_eq!(recall.code, "R-2026-07");
    assert_eq!(recall.title, "연료펌프 결함");
    assert_eq!(recall.deadline.as_deref(), Some("2026-12-31"));
    assert_eq!(
        (
            report.vins,
            report.matched,
            report.in_stock,
            report.sold,
            report.unmatched
        ),
        (4, 3, 1, 2, 1)
    );
    assert_eq!((recall.open_in_stock, recall.open_sold), (1, 2));

    // The stock car is badged; the car outside the range is not.
    let badged = store.vehicles_with_open_recall().unwrap();
    assert!(badged.contains(&cars.stock));
    assert!(!badged.contains(&cars.outside));
    let on_page = store.recalls_of_vehicle(&cars.stock).unwrap();
    assert_eq!(on_page.len(), 1);
    assert_eq!(on_page[0].state, RecallState::Open);

    // Importing again adds nothing and keeps the records.
    let again = store
        .import_recall_file(&request(&path), Default::default())
        .unwrap();
    assert_eq!((again.matched, again.new_records), (3, 0));

    // Its sale asks first: refused without the dealer's confirmation.
    let buyer = common::customer(&mut store, "이준혁", "junhyuk.lee@gmail.com");
    let sale = SaleInput {
        customer_id: buyer,
        vehicle_id: cars.stock.clone(),
        price_krw: 12_000_000,
        delivered_on: "2026-12-06".into(),
        user_id: None,
    };
    let (field, code, message) = common::field_error(store.record_sale(&sale));
    assert_eq!(
        (field.as_str(), code.as_str()),
        ("vehicle_id", "open_recall")
    );
    assert!(
        message.contains("R-2026-07") && message.contains("2026-12-31"),
        "{message}"
    );
    assert!(store.sales_of_vehicle(&cars.stock).unwrap().is_empty());

    // Today: the stock car, and both owners not told yet.
    let today = store.recalls_today().unwrap();
    assert_eq!(today.in_stock.len(), 1);
    assert_eq!(today.in_stock[0].vehicle_id, cars.stock);
    let mut names: Vec<String> = today
        .owners_not_told
        .iter()
        .map(|r| r.owner.as_ref().unwrap().customer_name.clone())
        .collect();
    names.sort();
    assert_eq!(names, ["오민지", "유재석"]);

    // The owners' campaign, through a real SMTP server.
    let server = Server::start(&dir.path().join("mx"), 0, &[]);
    store
        .save_smtp_settings(
            &SmtpSettings {
                host: "127.0.0.1".into(),
                port: server.port,
                security: SmtpSecurity::None,
                username: String::new(),
                from_name: "김민수".into(),
                from_addr: "minsu.kim@daejeon-motors.kr".into(),
                has_password: false,
            },
            None,
        )
        .unwrap();
    let campaign = store.recall_campaign(&recall.id, Lang::Ko).unwrap();
    assert_eq!(campaign.code, "R-2026-07");
    // The same recall keeps its one campaign.
    assert_eq!(
        store.recall_campaign(&recall.id, Lang::Ko).unwrap().id,
        campaign.id
    );
    let sent = store.send_campaign(&campaign.id).unwrap();
    let mut states: Vec<(String, RecipientState)> = sent
        .recipients
        .iter()
        .map(|r| (r.owner.customer_name.clone(), r.state))
        .collect();
    states.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        states,
        [
            ("오민지".to_owned(), RecipientState::Queued),
            ("유재석".to_owned(), RecipientState::NoEmail)
        ]
    );
    let settings = store.smtp_settings().unwrap().unwrap();
    let sender = SmtpSender::new(&settings, None).unwrap();
    let r = store.send_outbox(&sender, Utc::now()).unwrap();
    assert_eq!((r.sent, r.failed), (1, 0));
    let got = server.received();
    assert_eq!(got.len(), 1);
    let text = decoded(&got[0]);
    assert!(text.contains("minji.oh@naver.com"), "{text}");
    assert!(text.contains("R-2026-07"), "{text}");
    assert!(
        text.contains("2026-12-31"),
        "deadline in the notice: {text}"
    );
    assert!(
        text.contains("연료펌프 무상 교환"),
        "remedy in the notice: {text}"
    );
    assert!(text.contains(SOLD_VIN), "{text}");

    // The owner without e-mail stays on Today (to be called); the told one goes.
    let today = store.recalls_today().unwrap();
    assert_eq!(today.owners_not_told.len(), 1);
    let left = today.owners_not_told[0].owner.as_ref().unwrap();
    assert_eq!(left.customer_name, "유재석");
    assert_eq!(left.told, Some(RecipientState::NoEmail));

    // Done at the service centre: the badge goes and the sale needs no confirmation.
    let record = store
        .find_car_recall(" kmhd341cbku-000777", "r-2026-07")
        .unwrap();
    let closed = store
        .close_car_recall(&RecallClose {
            id: record.id,
            state: RecallState::Done,
            done_on: Some("2026-12-05".into()),
            done_by: "블루핸즈 둔산점".into(),
            reason: String::new(),
        })
        .unwrap();
    assert_eq!(closed.done_on.as_deref(), Some("2026-12-05"));
    assert!(!store
        .vehicles_with_open_recall()
        .unwrap()
        .contains(&cars.stock));
    store
        .record_sale(&sale)
        .expect("sold once the recall is done");

    // Not applicable needs a reason.
    let other = store.find_car_recall(SOLD_VIN, "R-2026-07").unwrap();
    let no_reason = store.close_car_recall(&RecallClose {
        id: other.id.clone(),
        state: RecallState::NotApplicable,
        done_on: None,
        done_by: String::new(),
        reason: " ".into(),
    });
    assert_eq!(common::field_error(no_reason).0, "reason");

    // Her car's recall done at the service centre: she is no longer one to
    // tell, but stays on the campaign's record of who was told.
    store
        .close_car_recall(&RecallClose {
            id: other.id,
            state: RecallState::Done,
            done_on: Some("2026-12-06".into()),
            done_by: "블루핸즈 둔산점".into(),
            reason: String::new(),
        })
        .unwrap();
    let kept = store.get_campaign(&campaign.id).unwrap();
    let told: Vec<(&str, RecipientState)> = kept
        .recipients
        .iter()
        .map(|r| (r.owner.customer_name.as_str(), r.state))
        .collect();
    assert!(told.contains(&("오민지", RecipientState::Sent)), "{told:?}");
    assert_eq!(kept.recipients.len(), 2, "{told:?}");
    let to_tell = store.preview_campaign(&kept.filter).unwrap();
    assert!(
        to_tell.iter().all(|o| o.customer_name != "오민지"),
        "{to_tell:?}"
    );
}

/// Cars that come after the file: registered, imported or received from a
/// colleague. The computer that set the car's VIN opens its record, so a
/// record closed elsewhere is never made again (and reopened) by another.
#[test]
fn a_car_that_comes_after_the_file_gets_the_recall_from_the_computer_that_set_its_vin() {
    const EARLY_VIN: &str = "KMHD341CBKU000190";
    const LATER_VIN: &str = "KMHD341CBKU000199";
    const IMPORTED_VIN: &str = "KMHD341CBKU000777";
    let tmp = tempfile::TempDir::new().unwrap();
    let folder = tmp.path().join("share");
    std::fs::create_dir_all(&folder).unwrap();
    let mut a = Store::open(&tmp.path().join("a")).unwrap();
    let mut b = Store::open(&tmp.path().join("b")).unwrap();
    let sync = |s: &mut Store| lotbook::sync::sync_once(s, &folder, None).unwrap();

    // B registers a car the recall names before the file has come anywhere.
    let lot_b = common::lot(&mut b, "유성점");
    let mut early = common::vehicle(&lot_b, "쏘나타");
    early.vin = EARLY_VIN.into();
    let early = b.save_vehicle(&early).unwrap().id;
    sync(&mut b);
    // A imports the file without having B's car yet.
    let path = write_file(tmp.path());
    a.import_recall_file(&request(&path), Default::default())
        .unwrap();
    sync(&mut a);
    // B receives the recall: its car, whose VIN it set, gets the record.
    sync(&mut b);
    let on_b = b.recalls_of_vehicle(&early).unwrap();
    assert_eq!(on_b.len(), 1, "matched where the VIN was set");
    assert_eq!(on_b[0].state, RecallState::Open);
    // A has B's car but does not make the record itself...
    assert!(a.recalls_of_vehicle(&early).unwrap().is_empty());
    // ...it comes from B, and A's close reaches B.
    sync(&mut b);
    sync(&mut a);
    let on_a = a.recalls_of_vehicle(&early).unwrap();
    assert_eq!(on_a.len(), 1);
    a.close_car_recall(&RecallClose {
        id: on_a[0].id.clone(),
        state: RecallState::Done,
        done_on: Some("2026-12-06".into()),
        done_by: "블루핸즈 둔산점".into(),
        reason: String::new(),
    })
    .unwrap();
    sync(&mut a);
    sync(&mut b);
    assert_eq!(
        b.recalls_of_vehicle(&early).unwrap()[0].state,
        RecallState::Done
    );

    // A car registered on B after the recall came: open at once, badged.
    let mut later = common::vehicle(&lot_b, "쏘나타");
    later.vin = LATER_VIN.to_lowercase();
    let later = b.save_vehicle(&later).unwrap().id;
    assert!(b.vehicles_with_open_recall().unwrap().contains(&later));

    // A car brought in from a spreadsheet on A: open too.
    let csv = tmp.path().join("cars.csv");
    std::fs::write(
        &csv,
        format!("모델,연식,전시장,가격(만원),제조사,차대번호\n쏘나타,2019,월평동,1500,현대,{IMPORTED_VIN}\n"),
    )
    .unwrap();
    a.import_vehicles_csv(&csv).unwrap();
    let imported = a
        .find_car_recall(IMPORTED_VIN, "R-2026-07")
        .expect("the imported car's record");
    assert_eq!(imported.state, RecallState::Open);

    // Both computers end with the same records and states.
    for _ in 0..2 {
        sync(&mut a);
        sync(&mut b);
    }
    let states = |s: &Store| {
        let mut v: Vec<(String, RecallState)> = s
            .list_car_recalls(false)
            .unwrap()
            .into_iter()
            .map(|r| (r.vin, r.state))
            .collect();
        v.sort_by(|x, y| x.0.cmp(&y.0));
        v
    };
    assert_eq!(states(&a), states(&b));
    assert_eq!(states(&a).len(), 3, "{:?}", states(&a));
}

#[test]
fn a_confirmed_sale_goes_through_and_problems_name_row_and_column() {
    let (dir, mut store) = common::store();
    let cars = team(&mut store);
    store
        .import_recall_file(&request(&write_file(dir.path())), Default::default())
        .unwrap();
    let buyer = common::customer(&mut store, "이준혁", "junhyuk.lee@gmail.com");
    let sale = store
        .record_sale_told(
            &SaleInput {
                customer_id: buyer,
                vehicle_id: cars.stock.clone(),
                price_krw: 12_000_000,
                delivered_on: "2026-12-06".into(),
                user_id: None,
            },
            true,
        )
        .expect("the dealer confirmed the buyer was told");
    assert_eq!(sale.vehicle_id, cars.stock);

    // A bad VIN, a backwards range and a date that is not one: each at its
    // Excel row and header; nothing written.
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "Campaign code,Title,Deadline,VIN from,VIN to\n\
         R-9,Brake hose,next spring,KMHD341CBKU000100,KMHD341CBKU000250\n\
         R-9,,,KMHD341CBKU000300,000200\n\
         ,,,KMHD341CBKI000100,\n",
    )
    .unwrap();
    let err = store
        .import_recall_file(&request(&bad), Default::default())
        .unwrap_err();
    let lotbook::Error::Csv { problems, .. } = err else {
        panic!("expected the file's problems, got {err:?}");
    };
    let seen: Vec<(u64, &str, &str)> = problems
        .iter()
        .map(|p| (p.row, p.column.as_str(), p.code.key()))
        .collect();
    assert_eq!(
        seen,
        [
            (2, "Deadline", "invalid_date"),
            (3, "VIN to", "not_vin_range"),
            (4, "Campaign code", "required"),
            (4, "VIN from", "not_vin_range"),
        ]
    );
    assert_eq!(
        store.list_recalls().unwrap().len(),
        1,
        "only the first file's"
    );
}

fn json(out: std::process::Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_cli_imports_lists_and_closes_and_the_state_syncs_to_a_second_computer() {
    let tmp = tempfile::TempDir::new().unwrap();
    let (a, b, folder) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("share"),
    );
    std::fs::create_dir_all(&folder).unwrap();
    {
        let mut store = Store::open(&a).unwrap();
        team(&mut store);
    }
    let file = write_file(tmp.path());
    let report = json(lotbook(
        &a,
        &[
            "--json",
            "recalls",
            "import",
            file.to_str().unwrap(),
            "--maker",
            "현대",
        ],
    ));
    assert_eq!(report["matched"], 3);
    assert_eq!(report["unmatched"], 1);
    let text = lotbook(&a, &["recalls", "list", "--open"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains(STOCK_VIN) && text.contains("no e-mail"),
        "{text}"
    );
    let listed = json(lotbook(&a, &["--json", "recalls", "list"]));
    assert_eq!(listed.as_array().unwrap().len(), 3);

    let sync = |dir: &Path| {
        json(lotbook(
            dir,
            &["--json", "sync", "--folder", folder.to_str().unwrap()],
        ))
    };
    sync(&a);
    sync(&b);
    let on_b = json(lotbook(&b, &["--json", "recalls", "list", "--open"]));
    assert_eq!(on_b.as_array().unwrap().len(), 3, "the records reached B");

    // B closes one as done and one as not applicable; A sees both.
    let done = json(lotbook(
        &b,
        &[
            "--json",
            "recalls",
            "done",
            "kmhd341cbku000777",
            "R-2026-07",
            "--by",
            "박지성",
        ],
    ));
    assert_eq!(done["state"], "done");
    let na = json(lotbook(
        &b,
        &[
            "--json",
            "recalls",
            "na",
            SOLD_VIN,
            "R-2026-07",
            "--reason",
            "이미 조치된 차량 (정비 이력 확인)",
        ],
    ));
    assert_eq!(na["state"], "not_applicable");
    sync(&b);
    sync(&a);
    let store = Store::open(&a).unwrap();
    let record = store.find_car_recall(STOCK_VIN, "R-2026-07").unwrap();
    assert_eq!(record.state, RecallState::Done);
    assert_eq!(record.done_by, "박지성");
    let other = store.find_car_recall(SOLD_VIN, "R-2026-07").unwrap();
    assert_eq!(other.state, RecallState::NotApplicable);
    assert!(other.reason.starts_with("이미 조치된"));
    assert_eq!(store.recalls_today().unwrap().in_stock.len(), 0);

    // The same recall imported on B too stays one recall (one id).
    drop(store);
    json(lotbook(
        &b,
        &[
            "--json",
            "recalls",
            "import",
            file.to_str().unwrap(),
            "--maker",
            "현대",
        ],
    ));
    sync(&b);
    sync(&a);
    let store = Store::open(&a).unwrap();
    assert_eq!(store.list_recalls().unwrap().len(), 1);
    assert_eq!(
        store.find_car_recall(STOCK_VIN, "R-2026-07").unwrap().state,
        RecallState::Done,
        "a second import does not reopen it"
    );

    // Checked at the door: a state no Lotbook writes is refused by the rules
    // every incoming change passes.
    use lotbook::db::rules::check_value;
    use rusqlite::types::Value;
    assert!(check_value("vehicle_recalls", "state", &Value::Text("fixed".into())).is_err());
    assert!(check_value("vehicle_recalls", "done_on", &Value::Text("어제".into())).is_err());
    assert!(check_value("recalls", "code", &Value::Text(String::new())).is_err());
    assert!(check_value("vehicle_recalls", "state", &Value::Text("done".into())).is_ok());
}
