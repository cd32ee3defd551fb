use super::*;

fn journal() -> Journal {
    Journal {
        id: "j".into(),
        label: "test".into(),
        started_at: String::new(),
        ranges: Vec::new(),
    }
}

#[test]
fn adjacent_chunks_make_one_range_and_others_writes_split_them() {
    let mut j = journal();
    assert_eq!(j.start(), i64::MAX, "no chunk yet: nothing is ours");
    j.add(10, 20);
    j.add(21, 40); // no other writer between the chunks
    j.add(45, 50); // another writer's changes 41..=44 between them
    assert_eq!(j.ranges, [(10, 40), (45, 50)]);
    assert_eq!(j.start(), 10);
    assert!(j.holds(10) && j.holds(40) && j.holds(45) && j.holds(50));
    assert!(!j.holds(9) && !j.holds(41) && !j.holds(44) && !j.holds(51));
}

#[test]
fn a_journal_survives_its_text_form() {
    let mut j = journal();
    j.add(3, 7);
    let text = serde_json::to_string(&j).unwrap();
    let back: Journal = serde_json::from_str(&text).unwrap();
    assert_eq!(back.ranges, [(3, 7)]);
}
