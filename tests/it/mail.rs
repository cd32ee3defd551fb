//! The photo-and-condition email, read back by an independent MIME parser
//! (Python's `email` package, tests/it/support/mime_check.py).

use crate::common;
use crate::support::synth;

use std::path::Path;

use lotbook::condition::Lang;
use lotbook::mail::{Budget, BudgetPreset, SendOutput, SendState};
use lotbook::photos::Prepared;
use lotbook::Store;
use serde_json::Value;

fn parse(eml: &Path) -> Value {
    let out = std::process::Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/support/mime_check.py"))
        .arg(eml)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "mime_check.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("mime_check.py prints JSON")
}

/// Five SM520s, each with a condition report and the same eight photo-like
/// 2400×1800 photos (email sizes of about a megabyte each, as a real camera's).
fn five_cars_eight_photos(store: &mut Store) -> Vec<String> {
    let lot = common::lot(store, "대전오토월드");
    let lib = store.photos().clone();
    let prepared: Vec<Prepared> = (0..8)
        .map(|i| {
            let jpeg = synth::jpeg(100 + i, 2400, 1800);
            lotbook::photos::prepare::prepare_bytes(&lib, &format!("IMG_{i}.jpg"), &jpeg)
                .expect("prepare")
        })
        .collect();
    (0..5)
        .map(|n| {
            let mut v = common::vehicle(&lot, "SM520");
            v.plate = format!("12가{:04}", 3400 + n);
            v.price_krw = 3_500_000 + n as i64 * 100_000;
            let id = store.save_vehicle(&v).expect("vehicle").id;
            for p in &prepared {
                store.attach_photo(&id, p).expect("attach");
            }
            store
                .save_condition(&common::condition_report(&id))
                .expect("condition");
            id
        })
        .collect()
}

/// Every check an .eml must pass, whatever its content.
fn assert_well_formed(m: &Value, budget: u64) {
    assert_eq!(m["defects"], serde_json::json!([]), "parser defects");
    assert_eq!(m["x_unsent"], "1");
    let tree = &m["tree"];
    assert_eq!(tree["type"], "multipart/alternative");
    assert_eq!(tree["parts"][0]["type"], "text/plain");
    assert_eq!(tree["parts"][1]["type"], "multipart/related");
    assert_eq!(tree["parts"][1]["parts"][0]["type"], "text/html");
    assert!(
        m["size"].as_u64().unwrap() <= budget,
        "{} > {budget}",
        m["size"]
    );
    assert!(m["html_bytes"].as_u64().unwrap() < 100_000);
    let images = m["images"].as_array().unwrap();
    let cids: Vec<&str> = images.iter().map(|i| i["cid"].as_str().unwrap()).collect();
    let used: Vec<&str> = m["html_cids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    for c in &used {
        assert!(cids.contains(c), "cid:{c} in the HTML has no part");
    }
    for c in &cids {
        assert!(used.contains(c), "image part {c} is not used by the HTML");
    }
    for i in images {
        assert_eq!(i["disposition"], "inline");
        assert_eq!(i["metadata"], serde_json::json!([]), "metadata in {i}");
        assert_eq!(i["gps"], false);
    }
}

#[test]
fn eml_fits_every_budget_and_parses_independently() {
    let (dir, mut store) = common::store();
    let cars = five_cars_eight_photos(&mut store);
    let who = common::customer(&mut store, "이준혁", "junhyuk.lee@naver.com");
    let budgets = [
        Budget::preset(BudgetPreset::Gmail),
        Budget::preset(BudgetPreset::Outlook),
        Budget::preset(BudgetPreset::Naver),
        Budget::megabytes(3),
    ];
    let mut edges = Vec::new();
    for budget in budgets {
        let out = dir.path().join(format!("{:?}.eml", budget.preset));
        let mut req = common::compose_request(&who, &cars, Lang::Ko, budget);
        common::all_photos(&store, &mut req);
        let (send, mail) = store.save_eml(&req, &out).expect("save eml");
        let m = parse(&out);
        let limit = budget.bytes().unwrap();
        assert_well_formed(&m, limit);
        // 5 diagrams + 40 photos, all referenced.
        assert_eq!(m["images"].as_array().unwrap().len(), 45);
        assert_eq!(m["size"].as_u64().unwrap(), mail.encoded_bytes + 13);
        edges.push(mail.photo_edge);
        // Korean names and subject round-trip through RFC 2047.
        assert_eq!(m["to_name"], "이준혁");
        assert_eq!(m["to_addr"], "junhyuk.lee@naver.com");
        assert_eq!(m["subject"].as_str().unwrap(), mail.subject);
        assert!(
            mail.subject.contains("이준혁 님께 추천 차량 5대"),
            "{}",
            mail.subject
        );
        // The plain text carries every car the HTML does.
        let text = m["text"].as_str().unwrap();
        let html = m["html"].as_str().unwrap();
        for n in 0..5 {
            let plate = format!("12가{:04}", 3400 + n);
            assert!(text.contains(&plate), "text lacks {plate}");
            assert!(html.contains(&plate), "html lacks {plate}");
        }
        assert!(
            text.contains("외판 교환 1 (앞 펜더 좌)"),
            "condition summary in text"
        );
        assert!(text.contains("350만원"));
        assert_eq!(send.output, SendOutput::Eml);
        assert_eq!(send.state, SendState::Saved);
        assert_eq!(send.contents.len(), 5);
    }
    // Smaller budgets shrink the photos; Gmail's 25 MB keeps more detail than 3 MB.
    assert!(edges[0] > edges[3], "{edges:?}");
    assert!(edges.windows(2).all(|w| w[0] >= w[1]), "{edges:?}");
    // History: four emails for this customer.
    assert_eq!(store.list_sends(&who).unwrap().len(), 4);
}

#[test]
fn english_email_and_defaults() {
    let (dir, mut store) = common::demo_store();
    let seoul = common::customer_named(&store, "이준혁");
    let list = store.list_shortlists(&seoul.id).unwrap();
    assert_eq!(list.len(), 1, "the demo's shortlist");
    let ids: Vec<String> = list[0].items.iter().map(|i| i.vehicle.id.clone()).collect();
    assert_eq!(ids.len(), 3);
    let out = dir.path().join("en.eml");
    let mut req = common::compose_request(
        &seoul.id,
        &ids,
        Lang::En,
        Budget::preset(BudgetPreset::Naver),
    );
    req.shortlist_id = Some(list[0].id.clone());
    let (_, mail) = store.save_eml(&req, &out).unwrap();
    let m = parse(&out);
    assert_well_formed(&m, 10_000_000);
    let text = m["text"].as_str().unwrap();
    assert!(text.starts_with("Dear 이준혁,"), "{text}");
    assert!(text.contains("This is 김민수 from 대전모터스"), "{text}");
    assert!(text.contains("₩"), "English prices");
    assert!(mail.subject.starts_with("3 recommended cars"));
    // The shortlist remembers the send.
    let again = store.get_shortlist(&list[0].id).unwrap();
    assert_eq!(again.sends.len(), 1);
    assert_eq!(again.sends[0].lang, Lang::En);
}

#[test]
fn user_strings_are_escaped() {
    let (dir, mut store) = common::store();
    let lot = common::lot(&mut store, "월평동");
    let mut v = common::vehicle(&lot, "SM520");
    v.trim = "<b>LE</b>".into();
    let car = store.save_vehicle(&v).unwrap().id;
    let mut report = common::condition_report(&car);
    report.comment = "</table><script>alert(2)</script>".into();
    store.save_condition(&report).unwrap();
    let evil = common::customer(&mut store, "<img src=x onerror=alert(1)>", "a@example.com");
    let mut req =
        common::compose_request(&evil, &[car], Lang::Ko, Budget::preset(BudgetPreset::Gmail));
    req.message = "가격은 \"협의\" & 조정 </td>".into();
    let out = dir.path().join("x.eml");
    store.save_eml(&req, &out).unwrap();
    let m = parse(&out);
    let html = m["html"].as_str().unwrap();
    for raw in [
        "<img src=x",
        "<script>",
        "</table><script>",
        "<b>LE</b>",
        "& 조정 </td>",
    ] {
        assert!(!html.contains(raw), "{raw} reached the HTML unescaped");
    }
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // minijinja escapes the slash too.
    assert!(html.contains("&lt;&#x2f;table&gt;&lt;script&gt;"), "{html}");
    // The plain text shows them as written.
    let text = m["text"].as_str().unwrap();
    assert!(text.contains("<img src=x onerror=alert(1)> 님"));
    assert!(text.contains("</table><script>alert(2)</script>"));
    // As many table openings as closings: nothing broke out of the layout.
    assert_eq!(
        html.matches("<table").count(),
        html.matches("</table>").count()
    );
}

#[test]
fn templates_are_checked_and_cannot_run_away() {
    let (dir, mut store) = common::store();
    let car = common::car(&mut store);
    let who = common::customer(&mut store, "홍길동", "hong@example.com");
    let req = common::compose_request(&who, &[car], Lang::Ko, Budget::preset(BudgetPreset::Gmail));

    store
        .set_setting("mail.greeting.ko", "{{ customer }}님! {% for x in %}")
        .unwrap();
    let (field, code, _) = common::field_error(store.compose(&req));
    assert_eq!(
        (field.as_str(), code.as_str()),
        ("mail.greeting.ko", "invalid_template")
    );

    store
        .set_setting(
            "mail.greeting.ko",
            "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
        )
        .unwrap();
    let (field, _, message) = common::field_error(store.compose(&req));
    assert_eq!(field, "mail.greeting.ko");
    assert!(
        message.contains("fuel") || message.contains("out of"),
        "{message}"
    );

    store
        .set_setting(
            "mail.greeting.ko",
            "{{ customer }} 고객님께, {{ dealer }} 드림",
        )
        .unwrap();
    let out = dir.path().join("t.eml");
    store.save_eml(&req, &out).unwrap();
    assert!(parse(&out)["text"]
        .as_str()
        .unwrap()
        .starts_with("홍길동 고객님께,"));
}

#[test]
fn bad_requests_name_the_field() {
    let (_dir, mut store) = common::store();
    let car = common::car(&mut store);
    let who = common::customer(&mut store, "홍길동", "");
    let mut req = common::compose_request(&who, &[], Lang::Ko, Budget::preset(BudgetPreset::Gmail));
    assert_eq!(common::field_error(store.compose(&req)).0, "vehicles");
    req = common::compose_request(
        &who,
        std::slice::from_ref(&car),
        Lang::Ko,
        Budget::megabytes(0),
    );
    assert_eq!(common::field_error(store.compose(&req)).0, "budget");
    req = common::compose_request(
        &who,
        std::slice::from_ref(&car),
        Lang::Ko,
        Budget::preset(BudgetPreset::Gmail),
    );
    req.vehicles[0].photo_ids = Some(vec!["nope".into()]);
    assert_eq!(common::field_error(store.compose(&req)).0, "photo_ids");
    // No address: a draft is fine (the dealer fills it in), sending is not.
    req.vehicles[0].photo_ids = None;
    assert!(store.compose(&req).is_ok());
    let (field, code, _) = common::field_error(store.queue_mail(&req));
    assert_eq!((field.as_str(), code.as_str()), ("email", "no_email"));
}

#[test]
fn cli_compose_writes_the_draft() {
    let (dir, store) = common::demo_store();
    let seoul = common::customer_named(&store, "이준혁");
    let cars: Vec<String> = store
        .match_vehicles(&seoul.id, 3)
        .unwrap()
        .into_iter()
        .map(|m| m.vehicle.id)
        .collect();
    drop(store);
    let out = dir.path().join("cli.eml");
    let run = common::lotbook(
        dir.path(),
        &[
            "--json",
            "compose",
            "--customer",
            &seoul.id,
            "--vehicles",
            &cars.join(","),
            "--budget-mb",
            "5",
            "--lang",
            "ko",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert!(report["encoded_bytes"].as_u64().unwrap() <= 5_000_000);
    assert_well_formed(&parse(&out), 5_000_000);

    let bad = common::lotbook(
        dir.path(),
        &[
            "compose",
            "--customer",
            &seoul.id,
            "--vehicles",
            "nope",
            "--out",
            "x.eml",
        ],
    );
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("vehicle not found: nope"), "{err}");
}

#[test]
fn composing_reports_its_stages_and_stops_when_cancelled() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let (_dir, mut store) = common::store();
    let cars = five_cars_eight_photos(&mut store);
    let who = common::customer(&mut store, "이준혁", "junhyuk.lee@naver.com");
    let mut req = common::compose_request(&who, &cars, Lang::Ko, Budget::megabytes(2));
    common::all_photos(&store, &mut req);
    let mut steps = Vec::new();
    let draft = store
        .compose_with(&req, &AtomicBool::new(false), &mut |p| {
            steps.push((p.step.as_str().to_owned(), p.done, p.total))
        })
        .unwrap();
    assert!(draft.mail.photo_edge < 1600, "2 MB needs smaller photos");
    assert_eq!(steps[0], ("diagrams".to_owned(), 0, 5));
    assert!(steps.contains(&("photos".to_owned(), 40, 40)));
    assert!(
        steps.iter().any(|s| s.0 == "fitting" && s.1 > 1),
        "{steps:?}"
    );
    assert_eq!(steps.last().unwrap().0, "building");

    // Cancelled as the photos are being fitted: stops with "cancelled".
    let cancel = AtomicBool::new(false);
    let result = store.compose_with(&req, &cancel, &mut |p| {
        if p.step.as_str() == "fitting" && p.done == 2 {
            cancel.store(true, Ordering::Relaxed);
        }
    });
    match result {
        Err(e) => assert_eq!(e.code(), "cancelled"),
        Ok(_) => panic!("a cancelled compose must not finish"),
    }
}

/// `YYYY<sep>MM<sep>DD` anywhere in `text`.
fn has_date(text: &str, sep: u8) -> bool {
    let b = text.as_bytes();
    b.windows(10).any(|w| {
        w.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == sep,
            _ => c.is_ascii_digit(),
        })
    })
}

#[test]
fn dates_and_fuel_read_as_in_the_app_in_both_languages() {
    // Issue 15: the email wrote 2004-08-27 and 휘발유 where the app says
    // 2004.08.27 and 가솔린 (and 27 Aug 2004 / Gasoline in English).
    let (dir, mut store) = common::demo_store();
    let seoul = common::customer_named(&store, "이준혁");
    let list = store.list_shortlists(&seoul.id).unwrap();
    let ids: Vec<String> = list[0].items.iter().map(|i| i.vehicle.id.clone()).collect();
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    for lang in [Lang::Ko, Lang::En] {
        let out = dir.path().join(format!("{lang:?}.eml"));
        let req =
            common::compose_request(&seoul.id, &ids, lang, Budget::preset(BudgetPreset::Gmail));
        store.save_eml(&req, &out).unwrap();
        let m = parse(&out);
        for part in ["text", "html"] {
            let body = m[part].as_str().unwrap();
            assert!(!has_date(body, b'-'), "{lang:?} {part} has an ISO date");
            match lang {
                Lang::Ko => {
                    assert!(
                        body.contains("가솔린") && !body.contains("휘발유"),
                        "{part}"
                    );
                    assert!(has_date(body, b'.'), "{part} has no 2004.08.27 date");
                }
                Lang::En => {
                    assert!(
                        body.contains("Gasoline") && !body.contains("petrol"),
                        "{part}"
                    );
                    assert!(
                        months.iter().any(|mo| body.contains(&format!(" {mo} 20"))),
                        "{part}"
                    );
                }
            }
        }
    }
}
