//! Visits without double-booking, .ics invitations, sales and follow-ups,
//! recall campaigns mail-merged through a real SMTP server, the Today data
//! and the CLI of all of them.

use crate::common;
use crate::support::smtp;
use crate::support::sync_net;

use chrono::{NaiveDate, TimeZone, Utc};
use lotbook::calendar::{VisitInput, VisitKind, VisitStatus};
use lotbook::care::{CampaignFilter, CampaignInput, FollowUpState, RecipientState, SaleInput};
use lotbook::condition::Lang;
use lotbook::Store;
use std::path::Path;
use std::process::Command;

/// Runs a Python check (the independent reader) on `files`; its stdout.
fn python(script: &str, files: &[&Path]) -> String {
    let out = Command::new("python3")
        .args(["-c", script])
        .args(files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn user(store: &Store, name: &str) -> String {
    store
        .list_users()
        .unwrap()
        .into_iter()
        .find(|u| u.name == name)
        .unwrap()
        .id
}

fn at(hhmm: &str) -> String {
    format!("2026-12-05T{hhmm}:00+09:00")
}

fn visit(customer: Option<&str>, dealer: &str, start: &str, minutes: u32) -> VisitInput {
    VisitInput {
        id: None,
        kind: if customer.is_some() {
            VisitKind::Visit
        } else {
            VisitKind::Blocked
        },
        customer_id: customer.map(str::to_owned),
        user_id: Some(dealer.to_owned()),
        start_at: at(start),
        minutes,
        lot_ids: vec![],
        vehicle_ids: vec![],
        note: String::new(),
        allow_overlap: false,
    }
}

#[test]
fn double_bookings_are_refused_by_the_rules() {
    let (_dir, mut store) = common::demo_store();
    let kim = user(&store, "김민수");
    let park = user(&store, "박정호");
    let seoul = common::customer_named(&store, "이준혁").id;
    let other = common::customer_named(&store, "정하늘").id;
    // Saturday 12:00–16:00 with the customer from Seoul.
    let first = store
        .save_visit(&visit(Some(&seoul), &kim, "12:00", 240))
        .unwrap();
    assert_eq!(first.status, VisitStatus::Booked);

    // (start, minutes, dealer, blocked?, allowed?) with the default 30-minute buffer.
    let cases: &[(&str, u32, &str, bool, bool, &str)] = &[
        ("14:00", 60, "kim", false, false, "inside the visit"),
        ("11:00", 90, "kim", false, false, "overlaps its start"),
        (
            "16:29",
            30,
            "kim",
            false,
            false,
            "one minute inside the buffer after",
        ),
        (
            "16:30",
            30,
            "kim",
            false,
            true,
            "exactly at the buffer's edge after",
        ),
        (
            "10:30",
            60,
            "kim",
            false,
            true,
            "ends exactly a buffer before",
        ),
        (
            "10:31",
            60,
            "kim",
            false,
            false,
            "ends a minute inside the buffer before",
        ),
        ("14:00", 60, "park", false, true, "another dealer"),
        (
            "13:00",
            180,
            "kim",
            true,
            false,
            "blocked time over the visit",
        ),
    ];
    for (start, minutes, who, blocked, allowed, why) in cases {
        let dealer = if *who == "kim" { &kim } else { &park };
        let customer = (!blocked).then_some(other.as_str());
        let r = store.save_visit(&visit(customer, dealer, start, *minutes));
        match (allowed, r) {
            (true, Ok(v)) => store.delete_visit(&v.id).unwrap(),
            (false, Err(lotbook::Error::Invalid(f))) => {
                assert_eq!(f.code, "visit_conflict", "{why}");
                assert_eq!(f.field, "start_at");
                assert!(
                    f.message.contains("이준혁") && f.message.contains("12:00–16:00"),
                    "{why}: {}",
                    f.message
                );
            }
            (allowed, r) => panic!("{why}: allowed={allowed} got {r:?}"),
        }
    }

    // Blocked time blocks visits too ("keep Saturday afternoon free").
    let free = store.save_visit(&visit(None, &park, "13:00", 300)).unwrap();
    assert_eq!(free.kind, VisitKind::Blocked);
    assert!(store
        .save_visit(&visit(Some(&other), &park, "15:00", 60))
        .is_err());

    // The dealer may book over a conflict on purpose; it is not then a conflict to resolve.
    let mut forced = visit(Some(&other), &kim, "14:00", 60);
    forced.allow_overlap = true;
    let forced = store.save_visit(&forced).unwrap();
    assert!(forced.overridden);
    assert!(store.visit_conflicts(&at("00:00")).unwrap().is_empty());
    store.delete_visit(&forced.id).unwrap();

    // A cancelled visit frees its time.
    let later = store
        .save_visit(&visit(Some(&other), &kim, "17:00", 60))
        .unwrap();
    store
        .set_visit_status(&later.id, VisitStatus::Cancelled)
        .unwrap();
    store
        .save_visit(&visit(Some(&other), &kim, "17:00", 60))
        .unwrap();

    // A smaller buffer makes adjacent bookings fine.
    store
        .set_team_setting("calendar.buffer_minutes", "0")
        .unwrap();
    store
        .save_visit(&visit(Some(&other), &kim, "16:00", 30))
        .unwrap();
}

#[test]
fn running_late_moves_the_visit_and_warns_of_what_it_now_overlaps() {
    let (_dir, mut store) = common::demo_store();
    let kim = user(&store, "김민수");
    let seoul = common::customer_named(&store, "이준혁").id;
    let couple = common::customer_named(&store, "최영수·한미경").id;
    let v = store
        .save_visit(&visit(Some(&seoul), &kim, "12:00", 180))
        .unwrap();
    store
        .save_visit(&visit(Some(&couple), &kim, "16:30", 60))
        .unwrap();
    // Stuck near Cheonan: 13:30 instead; 13:30–16:30 now runs into the 16:30 visit's buffer.
    let late = store.running_late(&v.id, &at("13:30")).unwrap();
    assert_eq!(late.visit.status, VisitStatus::Late);
    assert_eq!(late.visit.start_at, "2026-12-05T04:30:00.000Z");
    assert_eq!(late.overlaps.len(), 1);
    assert_eq!(
        late.overlaps[0].customer_name.as_deref(),
        Some("최영수·한미경")
    );
}

#[test]
fn bookings_made_on_two_computers_before_they_synced_show_as_a_conflict() {
    let mut net = sync_net::Net::new(2);
    lotbook::demo::fill(&mut net.devices[0].store).unwrap();
    net.settle();
    let kim = user(&net.devices[0].store, "김민수");
    let a = common::customer_named(&net.devices[0].store, "이준혁").id;
    let b = common::customer_named(&net.devices[0].store, "정하늘").id;
    net.devices[0]
        .store
        .save_visit(&visit(Some(&a), &kim, "12:00", 120))
        .unwrap();
    net.devices[1]
        .store
        .save_visit(&visit(Some(&b), &kim, "13:00", 60))
        .unwrap();
    net.settle();
    for d in &net.devices {
        let conflicts = d.store.visit_conflicts(&at("00:00")).unwrap();
        assert_eq!(
            conflicts.len(),
            1,
            "both bookings kept, shown as one conflict"
        );
        let names = [
            conflicts[0].visit.customer_name.clone(),
            conflicts[0].with.customer_name.clone(),
        ];
        assert!(names.contains(&Some("이준혁".into())) && names.contains(&Some("정하늘".into())));
    }
    assert_eq!(
        sync_net::dump(&net.devices[0].store),
        sync_net::dump(&net.devices[1].store)
    );
}

#[test]
fn the_ics_reads_right_in_an_independent_parser() {
    let (dir, mut store) = common::demo_store();
    let kim = user(&store, "김민수");
    let seoul = common::customer_named(&store, "이준혁").id;
    let lots = store.list_lots().unwrap();
    let wolpyeong = lots.iter().find(|l| l.name == "월평동").unwrap();
    let mut input = visit(Some(&seoul), &kim, "12:00", 240);
    input.lot_ids = vec![wolpyeong.id.clone()];
    let v = store.save_visit(&input).unwrap();
    let file = dir.path().join("visit.ics");
    std::fs::write(&file, store.visit_ics(&v.id).unwrap()).unwrap();
    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
ev = [c for c in cal.walk('VEVENT')][0]
tz = [c for c in cal.walk('VTIMEZONE')][0]
s, e = ev.decoded('DTSTART'), ev.decoded('DTEND')
print(ev['UID'])
print(s.isoformat(), e.isoformat(), str(s.tzinfo), ev['DTSTART'].params.get('TZID'))
print(tz['TZID'])
print(ev['SUMMARY'])
print(ev['LOCATION'])
"#;
    let text = python(script, &[&file]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], format!("{}@lotbook", v.id));
    assert!(
        lines[1].starts_with("2026-12-05T12:00:00+09:00 2026-12-05T16:00:00+09:00"),
        "{}",
        lines[1]
    );
    assert!(lines[1].ends_with("Asia/Seoul"), "{}", lines[1]);
    assert_eq!(lines[2], "Asia/Seoul");
    assert!(lines[3].contains("대전모터스"), "{}", lines[3]);
    assert!(
        lines[4].contains("월평동") && lines[4].contains("월평동 285-3"),
        "{}",
        lines[4]
    );
}

fn sell(store: &mut Store, customer: &str, vehicle: &str, delivered: &str) -> lotbook::care::Sale {
    store
        .record_sale(&SaleInput {
            customer_id: customer.into(),
            vehicle_id: vehicle.into(),
            price_krw: 11_400_000,
            delivered_on: delivered.into(),
            user_id: None,
        })
        .unwrap()
}

#[test]
fn a_sale_marks_the_car_sold_and_plans_the_follow_ups() {
    let (_dir, mut store) = common::demo_store();
    let seoul = common::customer_named(&store, "이준혁").id;
    let car = store.match_vehicles(&seoul, 1).unwrap()[0]
        .vehicle
        .id
        .clone();
    let sale = sell(&mut store, &seoul, &car, "2026-01-31");
    assert_eq!(
        store.get_vehicle(&car).unwrap().status,
        lotbook::inventory::VehicleStatus::Sold
    );
    let due: Vec<(&str, &str)> = sale
        .follow_ups
        .iter()
        .map(|f| (f.step.as_str(), f.due_on.as_str()))
        .collect();
    assert_eq!(
        due,
        [
            ("3d", "2026-02-03"),
            ("1m", "2026-02-28"),
            ("6m", "2026-07-31"),
            ("1y", "2027-01-31")
        ]
    );
    // Sold twice is refused.
    let again = store.record_sale(&SaleInput {
        customer_id: seoul.clone(),
        vehicle_id: car.clone(),
        price_krw: 1,
        delivered_on: "2026-02-01".into(),
        user_id: None,
    });
    assert_eq!(common::field_error(again).1, "already_sold");

    // This sale's follow-ups (the demo's own sales have theirs).
    let mine = |v: Vec<lotbook::care::DueFollowUp>| -> Vec<lotbook::care::DueFollowUp> {
        v.into_iter()
            .filter(|f| f.follow_up.sale_id == sale.id)
            .collect()
    };
    // On 2026-03-01 the day-3 thank-you and the 1M call are due.
    let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let open = mine(store.due_follow_ups(day).unwrap());
    assert_eq!(
        open.iter()
            .map(|f| f.follow_up.step.as_str())
            .collect::<Vec<_>>(),
        ["3d", "1m"]
    );
    assert_eq!(open[1].days_late, 1);
    store
        .close_follow_up(&open[0].follow_up.id, FollowUpState::Done, "감사 문자 보냄")
        .unwrap();
    store
        .snooze_follow_up(&open[1].follow_up.id, "2026-03-04")
        .unwrap();
    assert!(mine(store.due_follow_ups(day).unwrap()).is_empty());
    let back = mine(
        store
            .due_follow_ups(NaiveDate::from_ymd_opt(2026, 3, 4).unwrap())
            .unwrap(),
    );
    assert_eq!(back.len(), 1);
    store
        .close_follow_up(
            &back[0].follow_up.id,
            FollowUpState::Skipped,
            "통화 안 됨, 문자 남김",
        )
        .unwrap();
    assert!(mine(
        store
            .due_follow_ups(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap())
            .unwrap()
    )
    .iter()
    .all(|f| f.follow_up.step == "6m"));
    // The Today data of that day shows the 6-month one.
    let today = store
        .today(Utc.with_ymd_and_hms(2026, 7, 31, 3, 0, 0).unwrap())
        .unwrap();
    assert_eq!(today.date, "2026-07-31");
    let due = mine(today.follow_ups);
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].customer_name, "이준혁");
}

/// Five sold cars with known makes, years, VINs and sale dates.
fn fleet(store: &mut Store) -> Vec<String> {
    let lot = store.list_lots().unwrap()[0].id.clone();
    let specs = [
        (
            "르노삼성",
            "SM520",
            2003,
            "KNMA4C2HM3P000100",
            "2025-03-01",
            "이준혁",
        ),
        (
            "르노삼성",
            "SM520",
            2004,
            "KNMA4C2HM4P000200",
            "2025-06-15",
            "정하늘",
        ),
        (
            "르노삼성",
            "SM520",
            2005,
            "KNMA4C2HM5P000300",
            "2026-01-10",
            "강동원",
        ),
        (
            "르노삼성",
            "SM3",
            2004,
            "KNMA4C2HM4P000250",
            "2025-07-01",
            "최영수·한미경",
        ),
        (
            "현대",
            "아반떼",
            2004,
            "KMHDN41AP4U000400",
            "2025-08-01",
            "이준혁",
        ),
    ];
    let mut sales = Vec::new();
    for (i, (make, model, year, vin, sold, who)) in specs.iter().enumerate() {
        let mut v = common::vehicle(&lot, model);
        v.make = (*make).into();
        v.year = *year;
        v.vin = (*vin).into();
        v.plate = format!("99가{:04}", 1000 + i);
        let car = store.save_vehicle(&v).unwrap().id;
        let customer = common::customer_named(store, who).id;
        sales.push(sell(store, &customer, &car, sold).id);
    }
    sales
}

#[test]
fn campaigns_select_sold_cars_by_every_filter() {
    let (_dir, mut store) = common::demo_store();
    let fleet = fleet(&mut store);
    let f = |edit: &dyn Fn(&mut CampaignFilter)| {
        let mut filter = CampaignFilter::default();
        edit(&mut filter);
        let mut ends: Vec<String> = store
            .preview_campaign(&filter)
            .unwrap()
            .into_iter()
            // The demo's own sales are not the fleet's.
            .filter(|o| fleet.contains(&o.sale_id))
            .map(|o| o.vin[o.vin.len() - 3..].to_owned())
            .collect();
        ends.sort();
        ends
    };
    assert_eq!(f(&|_| {}), ["100", "200", "250", "300", "400"]);
    assert_eq!(
        f(&|f| f.model = Some("SM520".into())),
        ["100", "200", "300"]
    );
    assert_eq!(f(&|f| f.make = Some("현대".into())), ["400"]);
    assert_eq!(
        f(&|f| {
            f.year_min = Some(2004);
            f.year_max = Some(2004)
        }),
        ["200", "250", "400"]
    );
    assert_eq!(
        f(&|f| {
            f.vin_from = Some("knma4c2hm4p000000".into());
            f.vin_to = Some("KNMA4C2HM4P999999".into())
        }),
        ["200", "250"]
    );
    assert_eq!(
        f(&|f| {
            f.sold_from = Some("2025-06-15".into());
            f.sold_to = Some("2025-12-31".into())
        }),
        ["200", "250", "400"]
    );
    assert_eq!(
        f(&|f| {
            f.model = Some("SM520".into());
            f.sold_from = Some("2026-01-01".into())
        }),
        ["300"]
    );
    let bad = store.preview_campaign(&CampaignFilter {
        sold_from: Some("어제".into()),
        ..Default::default()
    });
    assert_eq!(common::field_error(bad).0, "sold_from");
}

fn parse_received(files: &[Vec<u8>], dir: &Path) -> Vec<(String, String, String, String)> {
    let script = r#"
import sys, email, email.policy, json
out = []
for path in sys.argv[1:]:
    m = email.message_from_binary_file(open(path, 'rb'), policy=email.policy.default)
    text = m.get_body(('plain',)).get_content()
    html = m.get_body(('html',)).get_content()
    out.append([str(m['To']), str(m['Subject']), text, html])
print(json.dumps(out))
"#;
    let mut paths = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let p = dir.join(format!("got-{i}.eml"));
        std::fs::write(&p, f).unwrap();
        paths.push(p);
    }
    let refs: Vec<&Path> = paths.iter().map(|p| p.as_path()).collect();
    let rows: Vec<Vec<String>> = serde_json::from_str(&python(script, &refs)).unwrap();
    rows.into_iter()
        .map(|r| (r[0].clone(), r[1].clone(), r[2].clone(), r[3].clone()))
        .collect()
}

/// The store sends through `server`, as 김민수, without a password.
fn use_server(store: &mut Store, server: &smtp::Server) -> lotbook::mail::SmtpSettings {
    let s = lotbook::mail::SmtpSettings {
        host: "127.0.0.1".into(),
        port: server.port,
        security: lotbook::mail::SmtpSecurity::None,
        username: String::new(),
        from_name: "김민수".into(),
        from_addr: "minsu.kim@daejeon-motors.kr".into(),
        has_password: false,
    };
    store.save_smtp_settings(&s, None).unwrap()
}

#[test]
fn a_recall_reaches_each_owner_with_their_own_car_through_a_real_smtp_server() {
    let (dir, mut store) = common::demo_store();
    fleet(&mut store);
    // An owner whose name is markup: it must arrive as words.
    let seoul = common::customer_named(&store, "이준혁");
    let mut input = lotbook::customers::CustomerInput::from(seoul);
    input.name = "이준혁 <b>VIP</b>".into();
    store.save_customer(&input).unwrap();

    let maildir = dir.path().join("received");
    std::fs::create_dir_all(&maildir).unwrap();
    let server = smtp::Server::start(&maildir, 0, &[]);
    use_server(&mut store, &server);
    let campaign = store
        .create_campaign(&CampaignInput {
            title: "SM520 연료펌프 리콜".into(),
            code: "R-2026-07".into(),
            filter: CampaignFilter { model: Some("SM520".into()), ..Default::default() },
            lang: Lang::Ko,
            subject: "[{{ team }}] {{ car }} 리콜 안내 ({{ code }})".into(),
            body: "{{ customer }} 님, {{ car }} (차대번호 {{ vin }})에 리콜({{ code }})이 있습니다.\n무상 수리를 예약해 주세요. - {{ dealer }}".into(),
        })
        .unwrap();
    let sent = store.send_campaign(&campaign.id).unwrap();
    let states: Vec<(String, RecipientState)> = sent
        .recipients
        .iter()
        .map(|r| (r.owner.customer_name.clone(), r.state))
        .collect();
    assert_eq!(states.len(), 3);
    assert!(
        states.contains(&("강동원".into(), RecipientState::NoEmail)),
        "{states:?}"
    );
    assert_eq!(
        states
            .iter()
            .filter(|s| s.1 == RecipientState::Queued)
            .count(),
        2
    );

    let s = store.smtp_settings().unwrap().unwrap();
    let sender = lotbook::mail::smtp::SmtpSender::new(&s, None).unwrap();
    let report = store.send_outbox(&sender, Utc::now()).unwrap();
    assert_eq!(report.sent, 2, "{report:?}");
    let got = parse_received(&server.received(), dir.path());
    assert_eq!(got.len(), 2);
    let seoul_mail = got
        .iter()
        .find(|g| g.0.contains("junhyuk.lee@naver.com"))
        .expect("the Seoul owner's mail");
    assert!(
        seoul_mail.1.contains("SM520") && seoul_mail.1.contains("R-2026-07"),
        "{}",
        seoul_mail.1
    );
    assert!(seoul_mail.2.contains("KNMA4C2HM3P000100") && !seoul_mail.2.contains("000200"));
    assert!(
        seoul_mail.3.contains("&lt;b&gt;VIP&lt;") && !seoul_mail.3.contains("<b>VIP"),
        "{}",
        seoul_mail.3
    );
    let other = got
        .iter()
        .find(|g| g.0.contains("haneul.jung@gmail.com"))
        .expect("정하늘's mail");
    assert!(
        other.2.contains("정하늘") && other.2.contains("000200") && !other.2.contains("이준혁")
    );

    // The campaign remembers who was told; sending again tells nobody twice.
    let after = store.get_campaign(&campaign.id).unwrap();
    assert_eq!(
        after
            .recipients
            .iter()
            .filter(|r| r.state == RecipientState::Sent)
            .count(),
        2
    );
    let again = store.send_campaign(&campaign.id).unwrap();
    assert_eq!(again.recipients.len(), 3);
    assert_eq!(
        store
            .outbox()
            .unwrap()
            .iter()
            .filter(|o| o.state == lotbook::mail::OutboxState::Queued)
            .count(),
        0
    );
}

#[test]
fn the_visit_confirmation_carries_the_invitation() {
    let (dir, mut store) = common::demo_store();
    let kim = user(&store, "김민수");
    let seoul = common::customer_named(&store, "이준혁").id;
    let v = store
        .save_visit(&visit(Some(&seoul), &kim, "12:00", 240))
        .unwrap();
    let none = store.queue_visit_confirmation(&v.id, Lang::Ko);
    assert_eq!(common::field_error(none).1, "no_sender");
    let maildir = dir.path().join("received");
    std::fs::create_dir_all(&maildir).unwrap();
    let server = smtp::Server::start(&maildir, 0, &[]);
    let s = use_server(&mut store, &server);
    store.queue_visit_confirmation(&v.id, Lang::Ko).unwrap();
    let sender = lotbook::mail::smtp::SmtpSender::new(&s, None).unwrap();
    assert_eq!(store.send_outbox(&sender, Utc::now()).unwrap().sent, 1);
    let raw = &server.received()[0];
    let script = r#"
import sys, email, email.policy, icalendar
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
ics = [p for p in m.iter_attachments() if p.get_content_type() == 'text/calendar'][0]
ev = icalendar.Calendar.from_ical(ics.get_content()).walk('VEVENT')[0]
print(m['Subject'], '|', ev.decoded('DTSTART').isoformat())
"#;
    let p = dir.path().join("confirm.eml");
    std::fs::write(&p, raw).unwrap();
    let text = python(script, &[&p]);
    assert!(
        text.contains("방문 예약 확인") && text.contains("2026-12-05T12:00:00+09:00"),
        "{text}"
    );
}

#[test]
fn the_cli_books_refuses_sells_and_tells_what_is_due() {
    let tmp = tempfile::TempDir::new().unwrap();
    let dir = tmp.path().join("data");
    assert!(common::lotbook(&dir, &["demo", "--no-photos"])
        .status
        .success());
    let (kim, seoul, car) = {
        let store = Store::open(&dir).unwrap();
        let seoul = common::customer_named(&store, "이준혁").id;
        let car = store.match_vehicles(&seoul, 1).unwrap()[0]
            .vehicle
            .id
            .clone();
        (user(&store, "김민수"), seoul, car)
    };
    let book = |start: &str, extra: &[&str]| {
        let mut args = vec![
            "--json",
            "visits",
            "add",
            "--customer",
            &seoul,
            "--dealer",
            &kim,
            "--start",
            start,
            "--minutes",
            "240",
        ];
        args.extend_from_slice(extra);
        common::lotbook(&dir, &args)
    };
    assert!(book(&at("12:00"), &[]).status.success());
    let refused = book(&at("14:00"), &[]);
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("overlaps") && err.contains("이준혁"), "{err}");
    assert!(book(&at("14:00"), &["--override"]).status.success());
    let list = common::lotbook(
        &dir,
        &[
            "--json",
            "visits",
            "list",
            "--from",
            &at("00:00"),
            "--to",
            &at("23:59"),
        ],
    );
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);

    // Sold a month ago: the 1M call is on today's list.
    let month_ago = (lotbook::time::today(Utc::now(), lotbook::time::DEFAULT_ZONE)
        - chrono::Months::new(1))
    .to_string();
    let sold = common::lotbook(
        &dir,
        &[
            "sales",
            "add",
            "--customer",
            &seoul,
            "--vehicle",
            &car,
            "--price-krw",
            "11400000",
            "--delivered",
            &month_ago,
        ],
    );
    assert!(
        sold.status.success(),
        "{}",
        String::from_utf8_lossy(&sold.stderr)
    );
    let today = common::lotbook(&dir, &["--json", "today"]);
    let today: serde_json::Value = serde_json::from_slice(&today.stdout).unwrap();
    let steps: Vec<&str> = today["follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["follow_up"]["step"].as_str().unwrap())
        .collect();
    assert!(steps.contains(&"1m"), "{today}");
    assert!(today["inquiries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["customer_name"] == "신유나"));

    let preview = common::lotbook(
        &dir,
        &["--json", "campaigns", "preview", "--model", "SM520"],
    );
    let preview: serde_json::Value = serde_json::from_slice(&preview.stdout).unwrap();
    assert_eq!(preview.as_array().unwrap().len(), 1);
}
