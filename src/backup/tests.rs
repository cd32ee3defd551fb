use super::listing::parse_name;

#[test]
fn names_parse_with_and_without_milliseconds() {
    let (auto, at) = parse_name("auto-20261124-090000.sqlite3").unwrap();
    assert!(auto);
    assert_eq!(
        at.format("%Y-%m-%d %H:%M:%S").to_string(),
        "2026-11-24 09:00:00"
    );
    let (auto, at) = parse_name("manual-20261124-090102345.sqlite3").unwrap();
    assert!(!auto);
    assert_eq!(at.format("%H:%M:%S%.3f").to_string(), "09:01:02.345");
    assert!(parse_name("auto-garbage.sqlite3").is_none());
}
