//! Sync speed: `cargo bench --bench sync`.
//!
//! 1. Apply 100,000 remote field changes: a colleague's computer stocks
//!    5,300 cars (19 synced fields each, captured by the real triggers) and
//!    sends them; a fresh computer applies the segments (read, check, merge,
//!    write rows and the search index). Goal < 2 s. Best of 3.
//!    Beside it, in the same run, its reference: a plain SQLite bulk insert
//!    of the same rows into the same tables, best of 3. Goal: apply ≤ 2 × the
//!    insert (cr-sqlite states its own write overhead as up to 2.5 ×). The
//!    reference is a real `Store::open` on an empty folder (same tables,
//!    indexes, CHECKs, foreign keys, capture and search-index triggers), with
//!    capture paused the way applying pauses it (`capture_switch().pause()`,
//!    so the capture triggers' `WHEN lb_capture()` is evaluated and false),
//!    and in one `transact` (BEGIN IMMEDIATE … COMMIT, synchronous = FULL):
//!    the colleague's lot row and its 5,300 vehicle rows, read beforehand from
//!    the colleague's store into memory (every synced column; `rid` is local
//!    and numbered by the insert), each written by one cached prepared
//!    `INSERT`, which fires the search index triggers (trigram and word).
//!    What applying does on top is its own cost and stays out of the
//!    reference: reading and checking the segment files, every change's door
//!    checks, keeping every change in the `changes` log (as cr-sqlite keeps
//!    its clock rows), merging, and one transaction per segment.
//! 2. Idle check: a folder holding 1,000 segments from 10 devices, all
//!    applied already; one pass that finds nothing new. Goal < 50 ms.
//!    Best of 20.
//! 3. A new computer joins a history of 20,000 changes (500 cars stocked,
//!    then 10,000 price and note edits over 100 passes): by replaying every
//!    segment, and from a snapshot. Best of 3 each, side by side.

#[path = "../tests/it/common.rs"]
mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use lotbook::Store;

#[path = "support/cpu.rs"]
mod cpu;
use cpu::cpu_now;

const CARS: usize = 5_300;

/// Wall and CPU time of `f`, best of `n` each.
fn best_of(n: usize, mut f: impl FnMut() -> (Duration, Duration)) -> (Duration, Duration) {
    (0..n)
        .map(|_| f())
        .fold((Duration::MAX, Duration::MAX), |(w, c), (w2, c2)| {
            (w.min(w2), c.min(c2))
        })
}

fn stock_cars(store: &mut Store, n: usize) {
    let lot = common::lot(store, &format!("매장 {}", lotbook::db::new_id()));
    store
        .transact(|tx| {
            let mut stmt = tx.prepare(
                "INSERT INTO vehicles (id, make, model, trim, year, first_registration, plate, vin,
                     odometer_km, fuel, transmission, color, price_krw, lot_id, status, stock_date,
                     notes, tags, created_at, updated_at)
                 VALUES (?1, '르노삼성', 'SM520', 'LE', 2003, '2003-04-01', ?2, '', ?3, 'gasoline',
                     'auto', '은색', ?4, ?5, 'in_stock', '2026-10-01', '무사고', '[]',
                     '2026-10-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z')",
            )?;
            for i in 0..n {
                stmt.execute(rusqlite::params![
                    lotbook::db::new_id(),
                    format!("{}가{:04}", 10 + i % 90, i % 10_000),
                    100_000 + i as i64,
                    3_500_000 + i as i64 * 1000,
                    lot
                ])?;
            }
            Ok(())
        })
        .expect("cars");
}

fn field_changes(store: &Store) -> i64 {
    store
        .conn()
        .query_row(
            "SELECT count(*) FROM changes WHERE tbl = 'vehicles'",
            [],
            |r| r.get(0),
        )
        .expect("count")
}

/// The colleague's rows as they are: its lots, then its cars (every synced
/// column; `rid` is local), with the column names.
type Rows = Vec<(&'static str, Vec<String>, Vec<Vec<rusqlite::types::Value>>)>;

fn read_rows(store: &Store) -> Rows {
    ["lots", "vehicles"]
        .into_iter()
        .map(|tbl| {
            let mut stmt = store
                .conn()
                .prepare(&format!("SELECT * FROM {tbl} ORDER BY id"))
                .expect("read rows");
            let cols: Vec<String> = stmt.column_names().map(String::from).collect();
            let keep: Vec<usize> = (0..cols.len()).filter(|&i| cols[i] != "rid").collect();
            let rows = stmt
                .query_map([], |r| {
                    keep.iter()
                        .map(|&i| r.get::<_, rusqlite::types::Value>(i))
                        .collect::<rusqlite::Result<Vec<_>>>()
                })
                .expect("rows")
                .map(|r| r.expect("row"))
                .collect();
            (tbl, keep.iter().map(|&i| cols[i].clone()).collect(), rows)
        })
        .collect()
}

/// The reference: a plain bulk insert of `rows` into a fresh store (see the
/// doc comment at the top). Returns the wall and CPU time of the transaction.
fn plain_insert(rows: &Rows) -> (Duration, Duration) {
    let dir = tempfile::TempDir::new().expect("temp");
    let mut store = Store::open(dir.path()).expect("store");
    let _paused = store.capture_switch().pause();
    let (t, cpu) = (Instant::now(), cpu_now());
    store
        .transact(|tx| {
            for (tbl, cols, rows) in rows {
                let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
                let mut stmt = tx.prepare_cached(&format!(
                    "INSERT INTO {tbl} ({}) VALUES ({})",
                    cols.iter()
                        .map(|c| format!("\"{c}\""))
                        .collect::<Vec<_>>()
                        .join(", "),
                    marks.join(", ")
                ))?;
                for row in rows {
                    stmt.execute(rusqlite::params_from_iter(row))?;
                }
            }
            Ok(())
        })
        .expect("plain insert");
    let took = (t.elapsed(), cpu_now() - cpu);
    assert_eq!(
        store
            .conn()
            .query_row("SELECT count(*) FROM vehicles", [], |r| r.get::<_, i64>(0))
            .expect("count the inserted cars"),
        CARS as i64
    );
    took
}

fn apply_100k(folder: &Path) {
    let src_dir = tempfile::TempDir::new().expect("temp");
    let mut src = Store::open(src_dir.path()).expect("store");
    stock_cars(&mut src, CARS);
    let sent = lotbook::sync::sync_once(&mut src, folder, None).expect("send");
    println!(
        "colleague sent {} changes ({} of them vehicle fields) in {} segments",
        sent.changes_sent,
        field_changes(&src),
        sent.segments_written
    );
    let mut applied = 0;
    let (best, best_cpu) = best_of(3, || {
        let dst_dir = tempfile::TempDir::new().expect("temp");
        let mut dst = Store::open(dst_dir.path()).expect("store");
        let (t, cpu) = (Instant::now(), cpu_now());
        let r = lotbook::sync::sync_once(&mut dst, folder, None).expect("apply");
        let took = (t.elapsed(), cpu_now() - cpu);
        applied = r.changes_applied;
        assert_eq!(
            dst.conn()
                .query_row("SELECT count(*) FROM vehicles", [], |r| r.get::<_, i64>(0))
                .expect("count the applied cars"),
            CARS as i64
        );
        took
    });
    let rows = read_rows(&src);
    let (plain, plain_cpu) = best_of(3, || plain_insert(&rows));
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "apply {applied} remote changes (5,300 cars)        {:>7.0} ms   goal < 2000 ms   (CPU {:.0} ms)",
        ms(best),
        ms(best_cpu)
    );
    println!(
        "plain insert of the same rows (1 lot, 5,300 cars)  {:>7.0} ms                    (CPU {:.0} ms)",
        ms(plain),
        ms(plain_cpu)
    );
    println!(
        "apply / plain insert                               {:>7.2} x    goal <= 2.0 x    (CPU {:.2} x)",
        best.as_secs_f64() / plain.as_secs_f64(),
        best_cpu.as_secs_f64() / plain_cpu.as_secs_f64()
    );
}

fn idle_check() {
    let folder = tempfile::TempDir::new().expect("temp");
    let mut devices: Vec<(tempfile::TempDir, Store)> = (0..10)
        .map(|_| {
            let d = tempfile::TempDir::new().expect("temp");
            let s = Store::open(d.path()).expect("store");
            (d, s)
        })
        .collect();
    // 100 passes per device, each sending one car: 1,000 segments.
    for _ in 0..100 {
        for (_, s) in devices.iter_mut() {
            stock_cars(s, 1);
            lotbook::sync::sync_once(s, folder.path(), None).expect("send");
        }
    }
    let dst_dir = tempfile::TempDir::new().expect("temp");
    let mut dst = Store::open(dst_dir.path()).expect("store");
    lotbook::sync::sync_once(&mut dst, folder.path(), None).expect("apply all");
    // By segments or from a snapshot one of the ten wrote meanwhile.
    assert_eq!(
        dst.conn()
            .query_row("SELECT count(*) FROM vehicles", [], |r| r.get::<_, i64>(0))
            .expect("count"),
        1000
    );
    let mut best = Duration::MAX;
    for _ in 0..20 {
        let t = Instant::now();
        let r = lotbook::sync::sync_once(&mut dst, folder.path(), None).expect("idle");
        best = best.min(t.elapsed());
        assert!(r.idle());
    }
    println!(
        "idle check, 1,000 segments from 10 devices          {:>7.1} ms   goal < 50 ms",
        best.as_secs_f64() * 1000.0
    );
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|es| {
            es.flatten()
                .map(|e| match e.file_type() {
                    Ok(t) if t.is_dir() => dir_size(&e.path()),
                    _ => e.metadata().map_or(0, |m| m.len()),
                })
                .sum()
        })
        .unwrap_or(0)
}

/// Best of 3: a fresh computer's first pass with `folder`; returns the
/// time and the dump of its data.
fn join_once(folder: &Path, expect_snapshot: bool) -> (Duration, u64) {
    let mut best = Duration::MAX;
    let mut applied = 0;
    for _ in 0..3 {
        let dir = tempfile::TempDir::new().expect("temp");
        let mut store = Store::open(dir.path()).expect("store");
        let t = Instant::now();
        let r = lotbook::sync::sync_once(&mut store, folder, None).expect("join");
        best = best.min(t.elapsed());
        applied = r.changes_applied;
        assert_eq!(
            r.notices.iter().any(|n| n.code == "snapshot_loaded"),
            expect_snapshot
        );
    }
    (best, applied)
}

fn join_20k() {
    let replay = tempfile::TempDir::new().expect("temp");
    let src_dir = tempfile::TempDir::new().expect("temp");
    let mut src = Store::open(src_dir.path()).expect("store");
    stock_cars(&mut src, 500);
    lotbook::sync::sync_once(&mut src, replay.path(), None).expect("send");
    let cars: Vec<String> = src
        .conn()
        .prepare("SELECT id FROM vehicles ORDER BY id")
        .expect("cars")
        .query_map([], |r| r.get(0))
        .expect("cars")
        .map(|r| r.expect("car"))
        .collect();
    for pass in 0..100i64 {
        src.transact(|tx| {
            let mut stmt =
                tx.prepare("UPDATE vehicles SET price_krw = ?2, notes = ?3 WHERE id = ?1")?;
            for (k, car) in cars
                .iter()
                .enumerate()
                .skip((pass as usize * 50) % 500)
                .take(50)
            {
                stmt.execute(rusqlite::params![
                    car,
                    4_000_000 + pass * 10_000 + k as i64,
                    format!("{pass}번째 조정")
                ])?;
            }
            Ok(())
        })
        .expect("edits");
        lotbook::sync::sync_once(&mut src, replay.path(), None).expect("send");
    }
    let changes: i64 = src
        .conn()
        .query_row("SELECT count(*) FROM changes", [], |r| r.get(0))
        .expect("count");
    let segments = dir_size(&replay.path().join("lotbook-sync/devices"));
    let (by_replay, replayed) = join_once(replay.path(), false);
    let snap = tempfile::TempDir::new().expect("temp");
    // The same history, plus a snapshot written after it.
    copy_dir(
        &replay.path().join("lotbook-sync"),
        &snap.path().join("lotbook-sync"),
    );
    lotbook::sync::write_snapshot(&mut src, snap.path(), None)
        .expect("snapshot")
        .expect("written");
    let snapshot = dir_size(&snap.path().join("lotbook-sync/snapshots"));
    let (by_snapshot, loaded) = join_once(snap.path(), true);
    println!(
        "join {changes} changes by replay ({replayed} applied, {} kB of segments) {:>7.0} ms",
        segments >> 10,
        by_replay.as_secs_f64() * 1000.0
    );
    println!(
        "join {changes} changes from a snapshot ({loaded} loaded, {} kB)       {:>7.0} ms   ({:.2} x replay)",
        snapshot >> 10,
        by_snapshot.as_secs_f64() * 1000.0,
        by_snapshot.as_secs_f64() / by_replay.as_secs_f64()
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for e in std::fs::read_dir(from).expect("dir").flatten() {
        let target = to.join(e.file_name());
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).expect("copy");
        }
    }
}

fn main() {
    println!(
        "sync benchmark; {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    // `SYNC_BENCH_ONLY=join` (or `apply`): those figures alone.
    let only = std::env::var("SYNC_BENCH_ONLY").ok();
    if only.as_deref().is_none_or(|o| o == "apply") {
        let folder = tempfile::TempDir::new().expect("temp");
        apply_100k(folder.path());
    }
    if only.is_none() {
        idle_check();
    }
    if only.as_deref().is_none_or(|o| o == "join") {
        join_20k();
    }
}
