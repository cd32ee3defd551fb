use super::*;

fn sample() -> Segment {
    Segment {
        device: "d1".into(),
        number: 3,
        changes: vec![
            WireChange(
                "vehicles".into(),
                "v1".into(),
                Some("price_krw".into()),
                WireValue::Int(21_500_000),
                "0000000100000000".into(),
            ),
            WireChange(
                "vehicles".into(),
                "v1".into(),
                Some("notes".into()),
                WireValue::Text("무사고".into()),
                "0000000100000001".into(),
            ),
            WireChange(
                "lots".into(),
                "l1".into(),
                None,
                WireValue::Null,
                "0000000100000002".into(),
            ),
        ],
    }
}

#[test]
fn round_trips_and_spots_every_truncation() {
    let bytes = encode(&sample(), None).unwrap();
    let back = decode(&bytes, "d1", 3, None).unwrap();
    assert_eq!(back.changes, sample().changes);
    for cut in 0..bytes.len() {
        let got = decode(&bytes[..cut], "d1", 3, None);
        assert!(
            matches!(got, Err(Unreadable::Incomplete)),
            "cut at {cut}: {got:?}"
        );
    }
    assert!(matches!(
        decode(&bytes, "d2", 3, None),
        Err(Unreadable::NotASegment(_))
    ));
}

#[test]
fn newer_format_and_encryption() {
    let text = String::from_utf8(encode(&sample(), None).unwrap()).unwrap();
    let newer = text.replace("\"format\":1", "\"format\":2");
    assert_eq!(
        decode(newer.as_bytes(), "d1", 3, None).unwrap_err(),
        Unreadable::NewerFormat(2)
    );
    let (key, _) = TeamKey::create("pass").unwrap();
    let sealed = encode(&sample(), Some(&key)).unwrap();
    assert!(!String::from_utf8_lossy(&sealed).contains("무사고"));
    assert_eq!(
        decode(&sealed, "d1", 3, None).unwrap_err(),
        Unreadable::Locked
    );
    let (other, _) = TeamKey::create("other").unwrap();
    assert_eq!(
        decode(&sealed, "d1", 3, Some(&other)).unwrap_err(),
        Unreadable::Locked
    );
    assert_eq!(
        decode(&sealed, "d1", 3, Some(&key)).unwrap().changes,
        sample().changes
    );
}
