use super::*;

#[test]
fn stamps_increase_and_sort_as_text() {
    let c = Clock::new(Uuid::now_v7(), None);
    let a = c.now();
    let b = c.now();
    assert!(b > a, "{b} should sort after {a}");
    assert_eq!(a.len(), 16);
}

#[test]
fn floor_in_the_future_is_respected() {
    let now = parse_hlc(&Clock::new(Uuid::now_v7(), None).now()).unwrap();
    // One day ahead of the wall clock (seconds are the high 32 bits).
    let far = format_hlc(now + (86_400 << 32));
    let c = Clock::new(Uuid::now_v7(), Some(&far));
    assert!(c.now() > far);
}
