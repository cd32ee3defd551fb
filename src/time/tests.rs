use super::*;
use chrono::NaiveTime;

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const NEW_YORK: Tz = chrono_tz::America::New_York;

#[test]
fn today_is_the_teams_date_not_the_computers() {
    // 23:30 on 4 Dec in New York is already 5 Dec in Seoul.
    let now = utc("2026-12-05T04:30:00Z");
    assert_eq!(today(now, DEFAULT_ZONE), date("2026-12-05"));
    assert_eq!(today(now, NEW_YORK), date("2026-12-04"));
    // A call logged at 09:20 Korea time reads 09:20, not the UTC 00:20.
    let call = utc("2026-12-05T00:20:00Z");
    assert_eq!(format_clock(call, DEFAULT_ZONE), "09:20");
}

#[test]
fn day_start_follows_daylight_saving() {
    assert_eq!(
        day_start(date("2026-12-05"), DEFAULT_ZONE),
        utc("2026-12-04T15:00:00Z")
    );
    assert_eq!(
        day_start(date("2026-07-01"), NEW_YORK),
        utc("2026-07-01T04:00:00Z")
    );
    assert_eq!(
        day_start(date("2026-12-01"), NEW_YORK),
        utc("2026-12-01T05:00:00Z")
    );
}

#[test]
fn a_time_in_a_daylight_saving_gap_moves_past_it() {
    // 8 Mar 2026, 02:30 does not happen in New York (clocks jump to 03:00):
    // read as EST it is 07:30 UTC, 03:30 EDT.
    let gap = date("2026-03-08").and_time(NaiveTime::from_hms_opt(2, 30, 0).unwrap());
    assert_eq!(instant(gap, NEW_YORK), utc("2026-03-08T07:30:00Z"));
    // 1 Nov 2026, 01:30 happens twice: the first one.
    let twice = date("2026-11-01").and_time(NaiveTime::from_hms_opt(1, 30, 0).unwrap());
    assert_eq!(instant(twice, NEW_YORK), utc("2026-11-01T05:30:00Z"));
}

#[test]
fn one_date_format_per_language() {
    let d = date("2026-12-05");
    assert_eq!(format_date(d, Lang::Ko), "2026.12.05");
    assert_eq!(format_date(d, Lang::En), "5 Dec 2026");
    assert_eq!(format_date_text("2004-08-27", Lang::Ko), "2004.08.27");
    assert_eq!(format_date_text("2004-08-27", Lang::En), "27 Aug 2004");
    assert_eq!(format_date_text("soon", Lang::En), "soon");
    let t = utc("2026-12-05T03:00:00Z");
    assert_eq!(
        format_date_time(t, DEFAULT_ZONE, Lang::Ko),
        "2026.12.05 12:00"
    );
    assert_eq!(format_date_time(t, NEW_YORK, Lang::En), "4 Dec 2026 22:00");
    assert_eq!(file_date(t, NEW_YORK), "2026-12-04");
}

#[test]
fn zone_setting_is_checked() {
    assert_eq!(
        check_zone(" America/New_York ").unwrap(),
        "America/New_York"
    );
    assert_eq!(check_zone("").unwrap(), "");
    let e = check_zone("Korea/Daejeon").unwrap_err();
    assert!(e.to_string().contains("Korea/Daejeon"), "{e}");
    for z in ZONES {
        assert!(parse_zone(z).is_some(), "{z}");
    }
}

#[test]
fn the_store_reads_the_team_zone_with_korea_as_default() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(store.team_zone().unwrap(), DEFAULT_ZONE);
    store
        .set_team_setting(ZONE_KEY, "America/Los_Angeles")
        .unwrap();
    assert_eq!(store.team_zone().unwrap(), chrono_tz::America::Los_Angeles);
    assert!(store.set_team_setting(ZONE_KEY, "Mars/Olympus").is_err());
    // A value that arrived by sync and cannot be read keeps Korea time.
    store.set_setting(ZONE_KEY, "Mars/Olympus").unwrap();
    assert_eq!(store.team_zone().unwrap(), DEFAULT_ZONE);
}
