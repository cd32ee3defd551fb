use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn follow_up_dates_keep_to_month_ends_and_leap_years() {
    let cases = [
        ("2026-01-31", "1m", "2026-02-03", "2026-02-28"),
        ("2028-01-31", "1m", "2028-02-03", "2028-02-29"),
        ("2026-03-31", "1m", "2026-04-03", "2026-04-30"),
        ("2026-08-31", "6m", "2026-09-03", "2027-02-28"),
        ("2028-02-29", "1y", "2028-03-03", "2029-02-28"),
        ("2026-12-30", "3d", "2027-01-02", "2027-01-02"),
        ("2026-12-05", "1m", "2026-12-08", "2027-01-05"),
        ("2026-05-15", "2w", "2026-05-18", "2026-05-29"),
    ];
    for (sold, step, three_days, due) in cases {
        let s = Step::parse(step).unwrap();
        assert_eq!(s.after(d(sold)), Some(d(due)), "{sold} + {step}");
        assert_eq!(
            Step::Days(3).after(d(sold)),
            Some(d(three_days)),
            "{sold} + 3d"
        );
    }
}

#[test]
fn schedules_parse_and_refuse_nonsense() {
    assert_eq!(
        parse(DEFAULT_SCHEDULE).unwrap(),
        vec![
            Step::Days(3),
            Step::Months(1),
            Step::Months(6),
            Step::Years(1)
        ]
    );
    for bad in ["3x", "d", "0d", "-1m", "1.5m", "월1", "1월", "1m,,x"] {
        assert!(parse(bad).is_err(), "{bad}");
    }
}
