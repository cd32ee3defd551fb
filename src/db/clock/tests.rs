use super::*;

const YEAR: i64 = 365 * 24 * 3600;

#[test]
fn stamps_increase_and_sort_as_text() {
    let c = Clock::new(None);
    let a = c.now().unwrap();
    let b = c.now().unwrap();
    assert!(b > a, "{b} should sort after {a}");
    assert_eq!(a.len(), 16);
}

#[test]
fn stamps_follow_the_wall_clock() {
    let c = Clock::new(None);
    let wall = c.wall().secs();
    let t = parse_hlc(&c.now().unwrap()).unwrap() >> 32;
    assert!((t as i64 - wall).abs() <= 1, "{t} vs {wall}");
}

#[test]
fn floor_in_the_future_is_respected() {
    let now = parse_hlc(&Clock::new(None).now().unwrap()).unwrap();
    // One minute ahead of the wall clock (seconds are the high 32 bits).
    let ahead = format_hlc(now + (60 << 32));
    let c = Clock::new(Some(&ahead));
    assert!(c.now().unwrap() > ahead);
}

#[test]
fn an_offset_plays_a_wrong_clock() {
    let c = Clock::new(None);
    c.wall().set_offset(3 * YEAR);
    let t = (parse_hlc(&c.now().unwrap()).unwrap() >> 32) as i64;
    let real = Wall::default().secs();
    assert!(
        (t - real - 3 * YEAR).abs() <= 2,
        "{t} is not 3 years after {real}"
    );
}

#[test]
fn a_wall_clock_out_of_range_is_an_error_not_a_panic() {
    let c = Clock::new(None);
    let real = c.wall().secs();
    // 2107: past the end of 32-bit seconds, where the old library panicked.
    let to_2107 = 4_323_283_200 - real;
    c.wall().set_offset(to_2107);
    let err = c.now().unwrap_err();
    assert!(err.to_string().contains("2107-01-01"), "{err}");
    // 2019: a flat battery.
    c.wall().set_offset(1_546_300_800 - real);
    assert!(c.now().unwrap_err().to_string().contains("2019-01-01"));
    // Far out of any range, both ways.
    c.wall().set_offset(i64::MAX);
    assert!(c.now().is_err());
    c.wall().set_offset(i64::MIN);
    assert!(c.now().is_err());
    c.wall().set_offset(0);
    assert!(c.now().is_ok());
}

#[test]
fn rebase_lets_a_fixed_clock_stamp_near_its_wall_again() {
    let c = Clock::new(None);
    c.wall().set_offset(3 * YEAR);
    let future = c.now().unwrap();
    c.wall().set_offset(0);
    // Still above what it issued, as a clock must be...
    assert!(c.now().unwrap() > future);
    // ...until its own future stamps are re-stamped and it is rebased.
    c.rebase(None);
    let t = (parse_hlc(&c.now().unwrap()).unwrap() >> 32) as i64;
    assert!((t - c.wall().secs()).abs() <= 1);
}

#[test]
fn drift_limit_is_five_minutes_ahead() {
    let w = Wall::default();
    let limit = w.drift_limit().unwrap() >> 32;
    let now = w.secs() as u64;
    assert!(limit >= now + 299 && limit <= now + 301, "{limit} vs {now}");
}

#[test]
fn garbage_stamps_do_not_parse() {
    for bad in [
        "",
        "xyz",
        "+00000000000000a",
        "000000000000000g",
        "00000000000000000",
    ] {
        assert_eq!(parse_hlc(bad), None, "{bad}");
    }
    assert_eq!(parse_hlc("00000000000000ff"), Some(255));
}
