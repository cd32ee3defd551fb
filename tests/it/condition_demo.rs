//! The demo's condition reports, the CLI over them, photo links and the
//! editor's preview.

use crate::common;

use lotbook::condition::{catalog, is_part, preview, Lang};

/// Every demo car has a report; the special histories are there and told.
#[test]
fn demo_reports_cover_the_honest_cases() {
    let (_dir, store) = common::demo_store();
    let page = store.list_vehicles(&Default::default()).unwrap();
    let reports: Vec<_> = page
        .items
        .iter()
        .map(|v| {
            store
                .current_condition(&v.id)
                .unwrap()
                .expect("a report per car")
        })
        .collect();
    assert_eq!(reports.len(), 40);
    let accident: Vec<_> = reports.iter().filter(|r| r.accident).collect();
    assert_eq!(accident.len(), 1, "one car with frame repair");
    assert!(
        accident[0].summary_ko.starts_with("사고 ("),
        "{}",
        accident[0].summary_ko
    );
    assert!(accident[0].summary_ko.contains("리어 패널 판금/용접"));
    assert!(accident[0].summary_en.starts_with("Accident history ("));
    let flood: Vec<_> = reports
        .iter()
        .filter(|r| r.summary_ko.contains("침수 이력"))
        .collect();
    assert_eq!(flood.len(), 1, "one flood-history car");
    assert!(flood[0].summary_en.contains("Flood history"));
    assert!(reports
        .iter()
        .any(|r| r.summary_ko.contains("외판 교환 1 (앞 펜더 우)")));
    let clean_with_blemish = reports
        .iter()
        .filter(|r| r.summary_ko.starts_with("무사고 ·") && r.summary_ko.contains("흠집"))
        .count();
    assert!(clean_with_blemish >= 20, "most are 무사고 with scratches");
    // A car that advertises 무사고 never carries the accident.
    let car = page
        .items
        .iter()
        .find(|v| v.id == accident[0].input.vehicle_id)
        .unwrap();
    assert!(!car.notes.contains("무사고") && !car.tags.iter().any(|t| t == "무사고"));
}

#[test]
fn cli_shows_and_renders_the_current_report() {
    let (dir, store) = common::demo_store();
    let page = store.list_vehicles(&Default::default()).unwrap();
    let accident = page
        .items
        .iter()
        .find(|v| store.current_condition(&v.id).unwrap().unwrap().accident)
        .unwrap();
    drop(store);

    let out = common::lotbook(dir.path(), &["--json", "condition", "show", &accident.id]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["accident"], true);
    assert_eq!(json["input"]["vehicle_id"], accident.id.as_str());
    assert!(json["summary_en"]
        .as_str()
        .unwrap()
        .starts_with("Accident history"));

    let text = common::lotbook(dir.path(), &["condition", "show", &accident.id]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.starts_with("사고 ("), "{text}");
    assert!(text.contains("리어 패널 (rear_panel)"), "{text}");

    let png = dir.path().join("diagram.png");
    let out = common::lotbook(
        dir.path(),
        &[
            "condition",
            "render",
            &accident.id,
            "--out",
            png.to_str().unwrap(),
            "--lang",
            "en",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[1..4], b"PNG");
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let info = decoder.read_info().unwrap();
    let (w, h) = info.info().size();
    assert_eq!(
        (w, h),
        (
            lotbook::condition::diagram::WIDTH * 2,
            lotbook::condition::diagram::HEIGHT * 2
        )
    );

    // Bad input names what is wrong; nothing is written.
    let out = common::lotbook(dir.path(), &["condition", "show", "no-such-car"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-car"));
    let out = common::lotbook(
        dir.path(),
        &[
            "condition",
            "render",
            &accident.id,
            "--out",
            "x.png",
            "--lang",
            "fr",
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--lang"));
    assert!(!dir.path().join("x.png").exists());
}

#[test]
fn photos_link_to_panels_and_items_and_the_link_is_captured() {
    let (_dir, mut store) = common::store();
    let v = common::car(&mut store);
    let jpeg = lotbook::demo::render_jpeg(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="64" height="48"><rect width="64" height="48" fill="#c33"/></svg>"##,
    )
    .unwrap();
    let file = tempfile::NamedTempFile::with_suffix(".jpg").unwrap();
    std::fs::write(file.path(), &jpeg).unwrap();
    store
        .import_photos(
            &v,
            &[file.path().to_path_buf()],
            &std::sync::atomic::AtomicBool::new(false),
            |_| {},
        )
        .unwrap();
    let photo = store.list_photos(&v).unwrap().remove(0);
    assert_eq!(photo.part, None);

    let part_changes = |store: &lotbook::Store| -> i64 {
        store
            .conn()
            .query_row(
                "SELECT count(*) FROM changes WHERE tbl = 'photos' AND col = 'part'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let before = part_changes(&store);
    let linked = store
        .set_photo_part(&photo.id, Some("front_door_l"))
        .unwrap();
    assert_eq!(linked.part.as_deref(), Some("front_door_l"));
    assert_eq!(
        part_changes(&store) - before,
        1,
        "the link is captured for sync"
    );
    store
        .set_photo_part(&photo.id, Some("front_door_l"))
        .unwrap();
    assert_eq!(
        part_changes(&store) - before,
        1,
        "the same link again records nothing"
    );
    for key in ["engine.oil_leak_cover", "tyre.rr"] {
        assert_eq!(
            store
                .set_photo_part(&photo.id, Some(key))
                .unwrap()
                .part
                .as_deref(),
            Some(key)
        );
    }
    let (field, code, _) = common::field_error(store.set_photo_part(&photo.id, Some("spoiler")));
    assert_eq!((field.as_str(), code.as_str()), ("part", "unknown_part"));
    assert_eq!(store.set_photo_part(&photo.id, None).unwrap().part, None);

    // Every panel, item and tyre of the catalogue is a valid link target.
    let c = catalog();
    assert!(c.panels.iter().all(|p| is_part(p.key)));
    assert!(c.items.iter().all(|i| is_part(i.key)));
    assert!(c
        .items
        .iter()
        .all(|i| c.sections.iter().any(|s| s.key == i.section)));
    assert!(c.state_sets.iter().all(|s| !s.codes.is_empty()));
}

#[test]
fn preview_matches_the_saved_report_and_delete_removes_it() {
    let (_dir, mut store) = common::store();
    let v = common::car(&mut store);
    let input = common::condition_report(&v);
    let shown = preview(&input, Lang::Ko, Some("front_door_l"));
    let saved = store.save_condition(&input).unwrap();
    assert_eq!(shown.summary_ko, saved.summary_ko);
    assert_eq!(shown.summary_en, saved.summary_en);
    assert!(shown.svg.contains(r#"data-panel="front_door_l""#));

    store.delete_condition(&saved.id).unwrap();
    assert!(store.current_condition(&v).unwrap().is_none());
    let gone: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM condition_panels", [], |r| r.get(0))
        .unwrap();
    assert_eq!(gone, 0, "marks go with their report");
    assert!(store.delete_condition(&saved.id).is_err());
}
