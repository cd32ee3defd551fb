//! Condition reports: the summary rules, saving and reading, capture.

use crate::common;

use common::condition_report as report;

use lotbook::condition::summary::{is_accident, summary, Lang, SummaryInput};
use lotbook::condition::{ConditionInput, Disclosure, Flood, Mark};
use Mark::{Corroded as C, Damaged as T, Dented as U, Exchanged as X, Scratched as A, Welded as W};

fn marks(list: &[(&str, &[Mark])]) -> Vec<(String, Vec<Mark>)> {
    list.iter()
        .map(|(k, m)| (k.to_string(), m.to_vec()))
        .collect()
}

/// Marks, flood, fire, expected Korean, expected English.
type SummaryCase<'a> = (&'a [(&'a str, &'a [Mark])], bool, bool, &'a str, &'a str);

#[test]
fn summary_for_a_table_of_cases_in_both_languages() {
    let cases: &[SummaryCase] = &[
        (&[], false, false, "무사고", "No accident"),
        (
            &[("front_fender_l", &[X]), ("front_door_l", &[A]), ("rear_door_r", &[A])],
            false,
            false,
            "무사고 · 외판 교환 1 (앞 펜더 좌) · 흠집 2",
            "No accident · 1 outer panel replaced (front fender L) · 2 scratches",
        ),
        (
            &[("hood", &[X]), ("trunk_lid", &[X, A]), ("front_door_r", &[W])],
            false,
            false,
            "무사고 · 외판 교환 2 (후드, 트렁크 리드) · 외판 판금/용접 1 (앞 도어 우) · 흠집 1",
            "No accident · 2 outer panels replaced (hood, trunk lid) · 1 outer panel welded (front door R) · 1 scratch",
        ),
        (
            &[("side_member_l", &[W]), ("front_fender_l", &[X])],
            false,
            false,
            "사고 (사이드 멤버 좌 판금/용접) · 외판 교환 1 (앞 펜더 좌)",
            "Accident history (side member L welded) · 1 outer panel replaced (front fender L)",
        ),
        (
            &[("pillar_b_r", &[X]), ("quarter_l", &[W])],
            false,
            false,
            "사고 (쿼터 패널 좌 판금/용접, B필러 우 교환)",
            "Accident history (quarter panel L welded, B-pillar R replaced)",
        ),
        (
            // Corrosion on a frame part is a blemish, not an accident.
            &[("floor_panel", &[C]), ("roof", &[U]), ("rear_panel", &[T])],
            true,
            false,
            "무사고 · 침수 이력 (일부) · 요철 1 · 부식 1 · 손상 1",
            "No accident · Flood history (partial) · 1 dent · 1 corrosion spot · 1 damaged panel",
        ),
        (
            &[("wheel_house_r", &[X]), ("hood", &[A])],
            true,
            true,
            "사고 (휠하우스 우 교환) · 침수 이력 (일부) · 화재 이력 · 흠집 1",
            "Accident history (wheel house R replaced) · Flood history (partial) · Fire history · 1 scratch",
        ),
    ];
    for (list, flood, fire, ko, en) in cases {
        let m = marks(list);
        let mut disclosures = Vec::new();
        if *flood {
            disclosures.push(Disclosure::Flood {
                value: Flood::Partial,
            });
        }
        if *fire {
            disclosures.push(Disclosure::Fire);
        }
        let input = SummaryInput {
            marks: &m,
            disclosures: &disclosures,
        };
        assert_eq!(summary(&input, Lang::Ko), *ko);
        assert_eq!(summary(&input, Lang::En), *en);
        assert_eq!(is_accident(&m), ko.starts_with("사고"));
    }
}

fn changes(store: &lotbook::Store, table: &str) -> i64 {
    store
        .conn()
        .query_row(
            "SELECT count(*) FROM changes WHERE tbl = ?1",
            [table],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_report_saves_reads_back_and_is_captured_for_sync() {
    let (_dir, mut store) = common::store();
    let v = common::car(&mut store);
    let saved = store.save_condition(&report(&v)).unwrap();
    assert_eq!(
        saved.summary_ko,
        "무사고 · 외판 교환 1 (앞 펜더 좌) · 흠집 1 · 점검 필요 1"
    );
    assert_eq!(
        saved.summary_en,
        "No accident · 1 outer panel replaced (front fender L) · 1 scratch · 1 item needs attention"
    );
    assert!(!saved.accident);
    assert_eq!(saved.input.panels.len(), 2);
    assert_eq!(saved.input.items.len(), 3);
    assert!(changes(&store, "condition_reports") > 10);
    assert_eq!(changes(&store, "condition_panels"), 2 * 5);

    // Editing one mark records only that change.
    let before = changes(&store, "condition_panels");
    let mut edit = saved.input.clone();
    edit.panels[1].marks = vec![A, U];
    let edited = store.save_condition(&edit).unwrap();
    assert_eq!(changes(&store, "condition_panels") - before, 1);
    assert_eq!(
        edited.summary_ko,
        "무사고 · 외판 교환 1 (앞 펜더 좌) · 흠집 1 · 요철 1 · 점검 필요 1"
    );

    // Unmarking a panel removes its row (a captured delete).
    let mut edit = edited.input.clone();
    edit.panels.remove(0);
    let edited = store.save_condition(&edit).unwrap();
    assert_eq!(edited.input.panels.len(), 1);
    let deletes: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM changes WHERE tbl = 'condition_panels' AND op = 'delete'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(deletes, 1);

    // A newer inspection becomes current; the old one is kept.
    let mut newer = report(&v);
    newer.inspected_on = "2026-11-24".into();
    newer.panels = vec![];
    store.save_condition(&newer).unwrap();
    let all = store.list_conditions(&v).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        store
            .current_condition(&v)
            .unwrap()
            .unwrap()
            .input
            .inspected_on,
        "2026-11-24"
    );
}

#[test]
fn bad_input_names_the_field() {
    let (_dir, mut store) = common::store();
    let v = common::car(&mut store);
    let cases: Vec<(ConditionInput, &str)> = vec![
        (
            {
                let mut r = report(&v);
                r.inspected_on = "2026-13-40".into();
                r
            },
            "inspected_on",
        ),
        (
            {
                let mut r = report(&v);
                r.odometer_km = -5;
                r
            },
            "odometer_km",
        ),
        (
            {
                let mut r = report(&v);
                r.panels[0].panel = "spoiler".into();
                r
            },
            "panels",
        ),
        (
            {
                let mut r = report(&v);
                r.panels[1].panel = "front_fender_l".into();
                r
            },
            "panels",
        ),
        (
            {
                let mut r = report(&v);
                r.items[1].value = "dripping".into();
                r
            },
            "items",
        ),
        (
            {
                let mut r = report(&v);
                r.items[2].value = "40".into();
                r
            },
            "items",
        ),
    ];
    for (input, field) in cases {
        let err = store.save_condition(&input).unwrap_err();
        assert_eq!(
            lotbook::ErrorShape::from(&err).field.as_deref(),
            Some(field),
            "{err}"
        );
    }
    assert!(
        store.list_conditions(&v).unwrap().is_empty(),
        "nothing was saved"
    );
}

#[test]
fn the_diagram_has_every_panel_and_renders_marks_in_their_colours() {
    use lotbook::condition::diagram;
    assert!(
        diagram::missing_shapes().is_empty(),
        "{:?}",
        diagram::missing_shapes()
    );
    let m = marks(&[("front_door_l", &[A]), ("side_member_r", &[W])]);
    let svg = diagram::svg(&m, Lang::Ko, None);
    for p in lotbook::condition::PANELS {
        assert!(
            svg.contains(&format!("data-panel=\"{}\"", p.key)),
            "{} is not drawn",
            p.key
        );
    }
    let png = diagram::png(&svg, 1.0).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(&png));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut buf).unwrap();
    assert_eq!(
        (frame.width, frame.height),
        (diagram::WIDTH, diagram::HEIGHT)
    );
    let px = |x: f32, y: f32| {
        let i = (y as usize * frame.width as usize + x as usize) * 4;
        [buf[i], buf[i + 1], buf[i + 2]]
    };
    let hex = |c: &str| {
        let v = u32::from_str_radix(&c[1..], 16).unwrap();
        [(v >> 16) as u8, (v >> 8) as u8, v as u8]
    };
    let close = |a: [u8; 3], b: [u8; 3]| a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 8);
    // Inside the mark's circle, above its letter.
    let (x, y) = diagram::mark_centre("front_door_l").unwrap();
    assert!(
        close(px(x, y - 8.0), hex(A.color())),
        "{:?}",
        px(x, y - 8.0)
    );
    let (x, y) = diagram::mark_centre("side_member_r").unwrap();
    assert!(
        close(px(x, y - 8.0), hex(W.color())),
        "{:?}",
        px(x, y - 8.0)
    );
    // An unmarked panel is not coloured; the image is not blank.
    let (x, y) = diagram::mark_centre("hood").unwrap();
    assert!(!close(px(x, y), hex(A.color())));
    let distinct: std::collections::HashSet<[u8; 3]> =
        buf.chunks_exact(4).map(|p| [p[0], p[1], p[2]]).collect();
    assert!(distinct.len() > 50, "the PNG looks blank");
}
