//! Honesty of the email (issue 15 item 1): every finding of the 기록부 a buyer
//! would want to know is in the summary line, the email's HTML card and its
//! plain-text twin, in Korean and in English; the accident rule is unchanged.

use crate::common;

use lotbook::condition::{
    ConditionInput, Flood, ItemState, Lang, Mark, OdometerState, PanelMark, Recall, Tuning,
    UseHistory, VinCheck,
};
use lotbook::mail::{Budget, BudgetPreset};

/// A report with one bolted outer panel replaced (단순수리, still 무사고) and
/// every item fine: only what a case changes is there to disclose.
fn clean(vehicle_id: &str) -> ConditionInput {
    let mut r = common::condition_report(vehicle_id);
    r.panels = vec![PanelMark {
        panel: "front_fender_l".into(),
        marks: vec![Mark::Exchanged],
        paint_um: None,
        note: String::new(),
    }];
    r.items = vec![
        ItemState {
            key: "engine.idle".into(),
            value: "good".into(),
        },
        ItemState {
            key: "tyre.fl".into(),
            value: "6.5".into(),
        },
    ];
    r.comment = String::new();
    r
}

/// Field changed, then what the summary says (ko, en), then what the card's
/// findings say beyond it (ko, en; empty when the summary says it all).
struct Case {
    field: &'static str,
    change: fn(&mut ConditionInput),
    summary: (&'static str, &'static str),
    finding: (&'static str, &'static str),
}

fn item(r: &mut ConditionInput, key: &str, value: &str) {
    r.items.push(ItemState {
        key: key.into(),
        value: value.into(),
    });
}

fn set_tyre(r: &mut ConditionInput, mm: &str) {
    if let Some(t) = r.items.iter_mut().find(|i| i.key == "tyre.fl") {
        t.value = mm.into();
    }
}

const CASES: &[Case] = &[
    Case {
        field: "use_history=rental",
        change: |r| r.use_history = UseHistory::Rental,
        summary: ("렌트 사용 이력", "Former rental car"),
        finding: ("", ""),
    },
    Case {
        field: "use_history=business",
        change: |r| r.use_history = UseHistory::Business,
        summary: ("영업용 사용 이력", "Former commercial vehicle"),
        finding: ("", ""),
    },
    Case {
        field: "flood=partial",
        change: |r| r.flood = Flood::Partial,
        summary: ("침수 이력 (일부)", "Flood history (partial)"),
        finding: ("", ""),
    },
    Case {
        field: "flood=total",
        change: |r| r.flood = Flood::Total,
        summary: ("침수 이력 (전손)", "Flood history (total loss)"),
        finding: ("", ""),
    },
    Case {
        field: "fire",
        change: |r| r.fire = true,
        summary: ("화재 이력", "Fire history"),
        finding: ("", ""),
    },
    Case {
        field: "tuning=legal",
        change: |r| r.tuning = Tuning::Legal,
        summary: ("구조변경 (적법)", "Modified (legal)"),
        finding: ("", ""),
    },
    Case {
        field: "tuning=illegal",
        change: |r| r.tuning = Tuning::Illegal,
        summary: ("불법 구조변경", "Illegal modification"),
        finding: ("", ""),
    },
    Case {
        field: "odometer_state=faulty",
        change: |r| r.odometer_state = OdometerState::Faulty,
        summary: ("주행거리 계기 불량", "Odometer faulty"),
        finding: ("", ""),
    },
    Case {
        field: "vin_check=altered",
        change: |r| r.vin_check = VinCheck::Altered,
        summary: ("차대번호 변조", "VIN altered"),
        finding: ("", ""),
    },
    Case {
        field: "recall=pending",
        change: |r| r.recall = Recall::Pending,
        summary: ("리콜 미이행", "Recall not yet done"),
        finding: ("", ""),
    },
    Case {
        field: "recall=done",
        change: |r| r.recall = Recall::Done,
        summary: ("리콜 이행 완료", "Recall done"),
        finding: ("", ""),
    },
    Case {
        field: "color_changed",
        change: |r| r.color_changed = true,
        summary: ("색상 변경", "Colour changed"),
        finding: ("", ""),
    },
    Case {
        field: "item engine.oil_leak_cover=minor",
        change: |r| item(r, "engine.oil_leak_cover", "minor"),
        summary: ("점검 필요 1", "1 item needs attention"),
        finding: (
            "오일누유: 실린더 커버 — 미세 누유·누수",
            "oil leak: cylinder cover — minor seepage",
        ),
    },
    Case {
        field: "item consumables.brake_pads=replace",
        change: |r| item(r, "consumables.brake_pads", "replace"),
        summary: ("점검 필요 1", "1 item needs attention"),
        finding: ("브레이크 패드 — 교환 필요", "brake pads — needs replacing"),
    },
    Case {
        field: "tyre.fl=2.1",
        change: |r| set_tyre(r, "2.1"),
        summary: ("점검 필요 1", "1 item needs attention"),
        finding: (
            "타이어 앞 좌 — 트레드 2.1 mm",
            "tyre front L — tread 2.1 mm",
        ),
    },
];

#[test]
fn every_finding_a_buyer_would_want_is_in_the_summary_and_the_email() {
    let (_dir, mut store) = common::store();
    let lot = common::lot(&mut store, "월평동");
    let who = common::customer(&mut store, "이준혁", "junhyuk@example.com");
    let mut failures = Vec::new();
    for (n, case) in CASES.iter().enumerate() {
        let mut v = common::vehicle(&lot, "SM520");
        v.plate = format!("12가{:04}", 3400 + n);
        let id = store.save_vehicle(&v).expect("vehicle").id;
        let mut input = clean(&id);
        (case.change)(&mut input);
        let saved = store.save_condition(&input).expect("condition");
        // The accident rule is unchanged: a replaced fender stays 무사고.
        assert!(!saved.accident, "{}", case.field);
        assert!(
            saved.summary_ko.starts_with("무사고 · "),
            "{}",
            saved.summary_ko
        );
        assert!(
            saved.summary_en.starts_with("No accident · "),
            "{}",
            saved.summary_en
        );
        assert_eq!(
            saved.disclosures.len(),
            1,
            "{}: {:?}",
            case.field,
            saved.disclosures
        );
        for (lang, summary, finding, line) in [
            (Lang::Ko, case.summary.0, case.finding.0, &saved.summary_ko),
            (Lang::En, case.summary.1, case.finding.1, &saved.summary_en),
        ] {
            if !line.contains(summary) {
                failures.push(format!(
                    "{} {lang:?}: summary {line:?} lacks {summary:?}",
                    case.field
                ));
            }
            let req = common::compose_request(
                &who,
                std::slice::from_ref(&id),
                lang,
                Budget::preset(BudgetPreset::Gmail),
            );
            let mail = store.compose(&req).expect("compose").mail;
            for want in [summary, finding].into_iter().filter(|w| !w.is_empty()) {
                if !mail.html.contains(want) {
                    failures.push(format!("{} {lang:?}: HTML card lacks {want:?}", case.field));
                }
                if !mail.text.contains(want) {
                    failures.push(format!("{} {lang:?}: text twin lacks {want:?}", case.field));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_report_with_nothing_to_disclose_says_only_its_marks() {
    let (_dir, mut store) = common::store();
    let id = common::car(&mut store);
    let saved = store.save_condition(&clean(&id)).expect("condition");
    assert_eq!(saved.disclosures, vec![]);
    assert_eq!(saved.summary_ko, "무사고 · 외판 교환 1 (앞 펜더 좌)");
    assert_eq!(
        saved.summary_en,
        "No accident · 1 outer panel replaced (front fender L)"
    );
}

#[test]
fn a_rental_car_with_a_welded_pillar_is_still_an_accident_first() {
    let (_dir, mut store) = common::store();
    let id = common::car(&mut store);
    let mut input = clean(&id);
    input.use_history = UseHistory::Rental;
    input.flood = Flood::Partial;
    input.panels.push(PanelMark {
        panel: "pillar_b_r".into(),
        marks: vec![Mark::Welded],
        paint_um: None,
        note: String::new(),
    });
    item(&mut input, "brakes.oil_leak", "leak");
    let saved = store.save_condition(&input).expect("condition");
    assert!(saved.accident);
    assert_eq!(
        saved.summary_ko,
        "사고 (B필러 우 판금/용접) · 침수 이력 (일부) · 렌트 사용 이력 · 외판 교환 1 (앞 펜더 좌) · 점검 필요 1"
    );
    assert_eq!(
        saved.summary_en,
        "Accident history (B-pillar R welded) · Flood history (partial) · Former rental car · 1 outer panel replaced (front fender L) · 1 item needs attention"
    );
}
