//! The `lotbook` binary, run as a user or a script would.

use crate::common;

use common::lotbook;
use std::path::Path;

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = lotbook(dir, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A failure: non-zero exit and exactly one line on stderr, returned.
fn fails(dir: &Path, args: &[&str]) -> String {
    let out = lotbook(dir, args);
    assert!(!out.status.success(), "{args:?} should fail");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line on stderr, got {err:?}"
    );
    err
}

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(dir, args)).expect("valid JSON")
}

#[test]
fn demo_list_search_and_filters() {
    let dir = tempfile::TempDir::new().unwrap();
    let d = dir.path();
    let out = ok(d, &["demo"]);
    assert!(out.contains("40 vehicles"), "{out}");
    assert!(
        out.contains("239 photos"),
        "every demo car gets drawn photos: {out}"
    );
    let err = fails(d, &["demo"]);
    assert!(err.contains("already holds data"), "{err}");

    let all = json(d, &["vehicles", "list", "--json"]);
    assert_eq!(all["total"], 40);
    let sm5 = json(d, &["vehicles", "list", "--query", "SM5", "--json"]);
    let models: Vec<&str> = sm5["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["model"].as_str().unwrap())
        .collect();
    assert!(
        models.contains(&"SM520") && models.iter().all(|m| m.starts_with("SM5")),
        "{models:?}"
    );
    let lot = json(d, &["vehicles", "list", "--lot", "월평동", "--json"]);
    assert!(lot["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|v| v["lot_name"] == "월평동"));
    let sold = json(d, &["--json", "vehicles", "list", "--status", "sold"]);
    assert!(sold["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|v| v["status"] == "sold"));
    let text = ok(d, &["vehicles", "list", "-q", "월평"]);
    assert!(text.contains("만원") && text.contains("월평동"), "{text}");

    let err = fails(d, &["vehicles", "list", "--status", "lost"]);
    assert!(err.contains("--status"), "{err}");
    let err = fails(d, &["vehicles", "list", "--lot", "부산"]);
    assert!(err.contains("부산"), "{err}");
    let customers = json(d, &["customers", "list", "--query", "레조", "--json"]);
    assert!(customers
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["region"].as_str().unwrap().starts_with("서울")));
}

#[test]
fn csv_import_export_and_a_bad_file() {
    let dir = tempfile::TempDir::new().unwrap();
    let d = dir.path();
    ok(d, &["demo"]);
    let csv = d.join("out.csv");
    let out = ok(d, &["vehicles", "export-csv", csv.to_str().unwrap()]);
    assert!(out.contains("Exported 40 vehicles"), "{out}");

    let other = tempfile::TempDir::new().unwrap();
    let out = ok(
        other.path(),
        &["vehicles", "import-csv", csv.to_str().unwrap()],
    );
    assert!(out.contains("40 new"), "{out}");

    let bad = d.join("bad.csv");
    std::fs::write(&bad, "제조사,모델,연식,전시장,가격(만원)\n르노삼성,SM520,2003,월평동,380\n르노삼성,SM5,1800,월평동,700\n").unwrap();
    let out = lotbook(
        d,
        &["--json", "vehicles", "import-csv", bad.to_str().unwrap()],
    );
    assert!(!out.status.success());
    let shape: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shape["code"], "csv_invalid");
    assert_eq!(shape["problems"][0]["row"], 3);
    assert_eq!(shape["problems"][0]["column"], "연식");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("bad.csv") && err.contains("row 3"), "{err}");
    assert_eq!(
        json(d, &["vehicles", "list", "--json"])["total"],
        40,
        "nothing imported"
    );
}

#[test]
fn backup_restore_and_check() {
    let dir = tempfile::TempDir::new().unwrap();
    let d = dir.path();
    ok(d, &["demo"]);
    let out = ok(d, &["check"]);
    assert!(
        out.starts_with("OK:") && out.contains("40 vehicles"),
        "{out}"
    );
    let backup = json(d, &["backup", "--json"]);
    let path = backup["path"].as_str().unwrap().to_owned();
    assert!(Path::new(&path).join("manifest.json").is_file());
    let name = backup["name"].as_str().unwrap().to_owned();
    let out = ok(d, &["backups", "list"]);
    assert!(out.contains(&name) && out.contains("40 cars"), "{out}");
    let out = ok(d, &["backups", "verify", &name]);
    assert!(out.starts_with("OK:"), "{out}");
    let err = fails(d, &["backups", "verify", "manual-19990101-000000"]);
    assert!(err.contains("manual-19990101-000000"), "{err}");
    let usb = tempfile::TempDir::new().unwrap();
    let out = ok(d, &["backup", "--out", usb.path().to_str().unwrap()]);
    assert!(out.contains(usb.path().to_str().unwrap()), "{out}");

    let csv = d.join("more.csv");
    std::fs::write(
        &csv,
        "제조사,모델,연식,전시장,가격(만원)\n현대,그랜저,2021,월평동,2900\n",
    )
    .unwrap();
    ok(d, &["vehicles", "import-csv", csv.to_str().unwrap()]);
    assert_eq!(json(d, &["vehicles", "list", "--json"])["total"], 41);
    let out = ok(d, &["restore", &path]);
    assert!(out.contains("Restored"), "{out}");
    assert_eq!(json(d, &["vehicles", "list", "--json"])["total"], 40);

    // A damaged database: check says so plainly and fails.
    let broken = tempfile::TempDir::new().unwrap();
    std::fs::write(broken.path().join("lotbook.sqlite3"), vec![0x42u8; 8192]).unwrap();
    let out = lotbook(broken.path(), &["check"]);
    assert!(!out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("PROBLEM:"), "{stdout}");
    let err = fails(broken.path(), &["check"]);
    assert!(err.contains("integrity"), "{err}");
    let err = fails(d, &["restore", "/nonexistent/backup.sqlite3"]);
    assert!(err.contains("/nonexistent/backup.sqlite3"), "{err}");
}

#[test]
fn a_newer_database_is_refused_with_one_clear_line() {
    let dir = tempfile::TempDir::new().unwrap();
    let conn = rusqlite::Connection::open(dir.path().join("lotbook.sqlite3")).unwrap();
    conn.execute_batch("PRAGMA user_version = 50;").unwrap();
    drop(conn);
    let err = fails(dir.path(), &["vehicles", "list"]);
    assert!(
        err.contains("newer Lotbook") && err.contains("schema version 50"),
        "{err}"
    );
}

#[test]
fn demo_cars_have_drawn_galleries_in_their_own_colour() {
    let dir = tempfile::TempDir::new().unwrap();
    let d = dir.path();
    ok(d, &["demo"]);
    let all = json(d, &["vehicles", "list", "--json"]);
    let items = all["items"].as_array().unwrap();
    let mut covers = std::collections::HashMap::new();
    for v in items {
        let id = v["id"].as_str().unwrap();
        let photos = json(d, &["photos", "list", "--vehicle", id, "--json"]);
        let n = photos.as_array().unwrap().len();
        assert!((5..=7).contains(&n), "{id} has {n} photos");
        let cover = v["cover_hash"].as_str().expect("a cover");
        assert_eq!(cover, photos[0]["hash"].as_str().unwrap());
        covers.insert(v["color"].as_str().unwrap().to_owned(), cover.to_owned());
    }
    // Different paint, different pictures.
    let distinct: std::collections::HashSet<_> = covers.values().collect();
    assert!(distinct.len() >= 5, "{covers:?}");
    let report = json(d, &["check", "--json"]);
    assert_eq!(report["ok"], true);
    assert_eq!(report["photos"], 239);
}

fn count(db: &Path, sql: &str) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Starts `lotbook vehicles import-csv` of 20,000 new cars on a new lot and
/// SIGKILLs it once some chunks of them are written.
fn kill_an_import(d: &Path) {
    let db = d.join("lotbook.sqlite3");
    let csv = d.join("big.csv");
    let mut text = String::from("제조사,모델,연식,전시장,가격(만원),메모\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "기아,대량테스트카,2018,새 전시장,{},대량 {i}\n",
            500 + i % 300
        ));
    }
    std::fs::write(&csv, text).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_lotbook"))
        .arg("--data-dir")
        .arg(d)
        .args(["vehicles", "import-csv"])
        .arg(&csv)
        .env_remove("LOTBOOK_DATA_DIR")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let imported = "SELECT count(*) FROM vehicles WHERE model = '대량테스트카'";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    while count(&db, imported) < 1_500 {
        assert!(
            std::time::Instant::now() < deadline,
            "the import wrote nothing"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended first"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(count(&db, imported) >= 1_500, "killed with chunks written");
}

#[test]
fn an_import_killed_midway_leaves_nothing_and_sends_nothing() {
    let dir = tempfile::TempDir::new().unwrap();
    let d = dir.path();
    ok(d, &["demo", "--no-photos"]);
    let db = d.join("lotbook.sqlite3");
    let changes_before = count(&db, "SELECT count(*) FROM changes");
    let nothing_left = || {
        assert_eq!(count(&db, "SELECT count(*) FROM vehicles"), 40);
        assert_eq!(
            count(&db, "SELECT count(*) FROM lots WHERE name = '새 전시장'"),
            0
        );
        assert_eq!(count(&db, "SELECT count(*) FROM changes"), changes_before);
        let out = ok(d, &["check"]);
        assert!(out.starts_with("OK:"), "{out}");
    };

    // The next start (any command) undoes it: no car, no lot, no change.
    kill_an_import(d);
    assert_eq!(json(d, &["vehicles", "list", "--json"])["total"], 40);
    nothing_left();

    // Killed again, then the app's sync worker (a connection beside the
    // app, which undoes nothing when it opens) runs a pass: its send undoes
    // the import before it reads a change, and the team never hears of it.
    kill_an_import(d);
    let folder = tempfile::TempDir::new().unwrap();
    let mut worker = lotbook::Store::open_beside(d).unwrap();
    let pass = lotbook::sync::sync_once(&mut worker, folder.path(), None).unwrap();
    drop(worker);
    assert!(pass.changes_sent > 0, "the demo data goes");
    nothing_left();
    let colleague = tempfile::TempDir::new().unwrap();
    ok(
        colleague.path(),
        &["sync", "--folder", folder.path().to_str().unwrap()],
    );
    assert_eq!(
        json(colleague.path(), &["vehicles", "list", "--json"])["total"],
        40
    );
}

/// Issue 15 item 7: the demo tells SPEC 1's story, not only its inventory.
#[test]
fn the_demo_tells_the_story_of_spec_1() {
    use chrono::{Datelike, Timelike};
    let dir = tempfile::TempDir::new().unwrap();
    let d = dir.path();
    let out = ok(d, &["demo", "--no-photos"]);
    assert!(
        out.contains("1 visits") && out.contains("1 campaigns"),
        "{out}"
    );
    let seoul = chrono_tz::Asia::Seoul;
    let today = chrono::Utc::now().with_timezone(&seoul).date_naive();

    // The Seoul customer's visit: Saturday 12:00 (Korea time, the team's), with the dealer.
    let visits = json(d, &["visits", "list", "--json"]);
    let his: Vec<&serde_json::Value> = visits
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["customer_name"] == "이준혁")
        .collect();
    assert_eq!(his.len(), 1, "{visits}");
    let start = chrono::DateTime::parse_from_rfc3339(his[0]["start_at"].as_str().unwrap())
        .unwrap()
        .with_timezone(&seoul);
    assert_eq!(start.weekday(), chrono::Weekday::Sat, "{start}");
    assert_eq!((start.hour(), start.minute()), (12, 0), "{start}");
    assert!(start.date_naive() > today && start.date_naive() <= today + chrono::Duration::days(7));
    assert_eq!(his[0]["user_name"], "김민수");
    assert_eq!(his[0]["status"], "booked");
    assert!(!his[0]["vehicle_ids"].as_array().unwrap().is_empty());

    // A sale for every sold car.
    let sold = json(
        d,
        &[
            "vehicles", "list", "--status", "sold", "--limit", "100", "--json",
        ],
    );
    let sales = json(d, &["sales", "list", "--json"]);
    let sales = sales.as_array().unwrap();
    let sold_ids: Vec<&str> = sold["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert!(sold_ids.len() >= 2, "{sold}");
    for id in &sold_ids {
        assert!(
            sales.iter().any(|s| s["vehicle_id"] == *id),
            "sold car {id} has no sale"
        );
    }
    assert_eq!(sales.len(), sold_ids.len(), "one sale per sold car");

    // The walk-in couple's earlier purchase, with its follow-ups: the thank-you
    // call made, the 1M call due today (on Today), later ones planned.
    let couple: Vec<&serde_json::Value> = sales
        .iter()
        .filter(|s| s["customer_name"] == "최영수·한미경")
        .collect();
    assert_eq!(couple.len(), 1);
    assert_eq!(
        couple[0]["user_name"], "박정호",
        "sold by the trusted colleague"
    );
    let steps: Vec<(&str, &str, &str)> = couple[0]["follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["step"].as_str().unwrap(),
                f["state"].as_str().unwrap(),
                f["due_on"].as_str().unwrap(),
            )
        })
        .collect();
    let today_text = today.to_string();
    assert!(steps.contains(&("3d", "done", steps[0].2)), "{steps:?}");
    assert!(
        steps.contains(&("1m", "open", today_text.as_str())),
        "{steps:?}"
    );
    let due = json(d, &["today", "--json"]);
    let follow_ups = due["follow_ups"].as_array().unwrap();
    assert!(
        follow_ups
            .iter()
            .any(|f| f["customer_name"] == "최영수·한미경"
                && f["follow_up"]["step"] == "1m"
                && f["days_late"] == 0),
        "{due}"
    );
    assert!(
        follow_ups.iter().all(|f| f["days_late"] == 0),
        "the demo team made its past calls: {due}"
    );

    // A recall campaign sent to the owners of one model.
    let campaigns = json(d, &["campaigns", "list", "--json"]);
    let campaigns = campaigns.as_array().unwrap();
    assert_eq!(campaigns.len(), 1, "{campaigns:?}");
    let c = &campaigns[0];
    let model = c["filter"]["model"].as_str().unwrap();
    let owners = sales
        .iter()
        .filter(|s| s["vehicle_label"].as_str().unwrap().contains(model))
        .count();
    let recipients = c["recipients"].as_array().unwrap();
    assert!(owners >= 2, "more than one owner of {model}: {sales:?}");
    assert_eq!(
        recipients.len(),
        owners,
        "every owner of {model} told or noted"
    );
    assert!(recipients
        .iter()
        .any(|r| r["owner"]["customer_name"] == "최영수·한미경" && r["state"] == "sent"));
    assert!(recipients
        .iter()
        .all(|r| r["state"] == "sent" || r["state"] == "no_email"));
    // Nothing is left waiting in the outbox, and no made-up account stays behind.
    let outbox = json(d, &["outbox", "list", "--json"]);
    assert!(
        outbox
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["state"] == "sent"),
        "{outbox}"
    );
    let smtp = lotbook(d, &["settings", "smtp", "show"]);
    assert!(
        !String::from_utf8_lossy(&smtp.stdout).contains("daejeon-motors.kr"),
        "{smtp:?}"
    );
}

/// `args` run with the computer's clock `offset` off (libfaketime, which
/// the setup installs), as a colleague's PC with a wrong clock would.
fn skewed(dir: &Path, offset: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new("faketime")
        .args(["-f", offset, env!("CARGO_BIN_EXE_lotbook"), "--data-dir"])
        .arg(dir)
        .args(args)
        .output()
        .expect("faketime runs (scripts/setup.sh installs it)")
}

#[test]
fn a_clock_years_ahead_is_named_and_a_clock_in_2107_saves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, folder) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("shared"),
    );
    std::fs::create_dir(&folder).unwrap();
    let folder = folder.to_str().unwrap();
    ok(&a, &["demo", "--no-photos"]);
    ok(
        &a,
        &["sync", "--folder", folder, "--device-name", "박부장 PC"],
    );
    ok(&b, &["sync", "--folder", folder]);

    // 박부장's PC runs three years ahead: its edit is held on B, and named.
    let csv = tmp.path().join("edit.csv");
    ok(&a, &["vehicles", "export-csv", csv.to_str().unwrap()]);
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.lines();
    let edited = format!("{}\n{}\n", lines.next().unwrap(), lines.next().unwrap())
        .replacen(",자동,", ",수동,", 1);
    std::fs::write(&csv, edited).unwrap();
    for args in [
        &["vehicles", "import-csv", csv.to_str().unwrap()][..],
        &["sync", "--folder", folder],
    ] {
        let out = skewed(&a, "+1095d", args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let pass = ok(&b, &["sync", "--folder", folder]);
    assert!(
        pass.contains("박부장 PC's clock is 1095 days ahead; 2 of its change(s) are held here"),
        "{pass}"
    );
    assert!(ok(&b, &["sync", "--status"]).contains("박부장 PC's clock is 1095 days ahead"));

    // A clock no real computer shows: one clear line, nothing saved, reads go on.
    let out = skewed(
        &a,
        "@2107-01-01 00:00:00",
        &["vehicles", "import-csv", csv.to_str().unwrap()],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("clock reads 2107-01-01"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    let out = skewed(&a, "@2107-01-01 00:00:00", &["vehicles", "list"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `lotbook … | head` closes the pipe early: the command ends quietly, with no
/// panic or backtrace on stderr.
#[cfg(target_os = "linux")]
#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let tmp = tempfile::tempdir().unwrap();
    ok(tmp.path(), &["demo", "--no-photos"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_lotbook"))
        .arg("--data-dir")
        .arg(tmp.path())
        .args(["vehicles", "list", "--json"])
        .env_remove("LOTBOOK_DATA_DIR")
        .env("RUST_BACKTRACE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    // A one-page pipe, so the list (~30 KB) cannot all fit before it closes.
    {
        use std::os::fd::AsRawFd;
        // SAFETY: a valid pipe fd we own; F_SETPIPE_SZ only resizes its buffer.
        unsafe { libc::fcntl(stdout.as_raw_fd(), libc::F_SETPIPE_SZ, 4096) };
    }
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    // The pipe is closed here (stdout dropped) while the list is being written.
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
}

/// Issue 18 item 6: the ids other commands take are listed (`users`,
/// `lots`), the team's settings are shown and set, and a visit booked
/// without --dealer is this computer's dealer's, so clashes are checked.
#[test]
fn users_lots_team_settings_and_visits_for_me() {
    let dir = tempfile::TempDir::new().unwrap();
    let d = dir.path();
    ok(d, &["demo", "--no-photos"]);

    let users = json(d, &["--json", "users", "list"]);
    let me = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["is_me"] == true)
        .expect("the demo's computer acts as one dealer")
        .clone();
    let text = ok(d, &["users", "list"]);
    let my_line = text
        .lines()
        .find(|l| l.ends_with("(me)"))
        .expect("me marked");
    assert!(my_line.starts_with(me["id"].as_str().unwrap()), "{text}");

    let lots = json(d, &["--json", "lots", "list"]);
    assert_eq!(lots.as_array().unwrap().len(), 2, "{lots}");
    let text = ok(d, &["lots", "list"]);
    assert!(text.ends_with("2 lots\n"), "{text}");
    assert!(text.contains(lots[0]["id"].as_str().unwrap()), "{text}");

    // Team settings: every key shown; set, checked, and back to the default.
    let shown = json(d, &["--json", "team-settings", "show"]);
    let keys: Vec<&str> = shown
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert!(keys.contains(&"reply.within_minutes"), "{shown}");
    ok(d, &["team-settings", "set", "reply.within_minutes", "45"]);
    assert!(ok(d, &["team-settings", "show"]).contains("reply.within_minutes  45"));
    let err = fails(d, &["team-settings", "set", "reply.within_minutes", "soon"]);
    assert!(err.contains("number of minutes"), "{err}");
    let err = fails(d, &["team-settings", "set", "no.such.key", "1"]);
    assert!(err.contains("not a setting"), "{err}");
    ok(d, &["team-settings", "set", "reply.within_minutes", ""]);
    assert!(ok(d, &["team-settings", "show"]).contains("reply.within_minutes  (default)"));

    // A visit without --dealer is booked for me, and my other bookings count.
    let customers = json(d, &["--json", "customers", "list"]);
    let customer = customers[0]["id"].as_str().unwrap().to_owned();
    let book = |start: &str| {
        lotbook(
            d,
            &[
                "--json",
                "visits",
                "add",
                "--customer",
                &customer,
                "--start",
                start,
                "--minutes",
                "60",
            ],
        )
    };
    let booked = book("2027-03-08T10:00:00+09:00");
    assert!(
        booked.status.success(),
        "{}",
        String::from_utf8_lossy(&booked.stderr)
    );
    let visit: serde_json::Value = serde_json::from_slice(&booked.stdout).unwrap();
    assert_eq!(visit["user_id"], me["id"], "{visit}");
    let clash = book("2027-03-08T10:30:00+09:00");
    assert!(!clash.status.success(), "the same dealer at the same time");
    assert!(String::from_utf8_lossy(&clash.stderr).contains("overlaps"));
}

/// Issue 20: `lotbook space` tells where the team's work takes room, and
/// the photo-files team setting is one of its choices.
#[test]
fn space_shows_the_data_folder_and_the_shared_folder() {
    let dir = tempfile::TempDir::new().unwrap();
    let d = dir.path().join("data");
    ok(&d, &["demo", "--no-photos"]);
    let text = ok(&d, &["space"]);
    assert!(text.contains("Shared folder: none"), "{text}");
    assert!(text.contains("  database "), "{text}");
    let share = dir.path().join("share");
    std::fs::create_dir_all(&share).unwrap();
    ok(&d, &["sync", "--folder", share.to_str().unwrap()]);
    let report = json(
        &d,
        &["--json", "space", "--folder", share.to_str().unwrap()],
    );
    assert!(
        report["folder"]["journals"].as_u64().unwrap() > 0,
        "{report}"
    );
    assert!(report["data"]["database"].as_u64().unwrap() > 0, "{report}");
    assert_eq!(
        report["data"]["total"].as_u64().unwrap(),
        [
            "database",
            "originals",
            "shared_photos",
            "derived",
            "backups",
            "other"
        ]
        .iter()
        .map(|k| report["data"][k].as_u64().unwrap())
        .sum::<u64>()
    );
    ok(
        &d,
        &["team-settings", "set", "sync.photo_files", "originals"],
    );
    assert!(ok(&d, &["team-settings", "show"]).contains("sync.photo_files  originals"));
    let err = fails(&d, &["team-settings", "set", "sync.photo_files", "big"]);
    assert!(err.contains("shared_size, originals"), "{err}");
}
