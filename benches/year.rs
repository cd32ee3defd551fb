//! A year of a dealer team's work, and what it costs: `cargo bench --bench
//! year` (or, quicker to build, in the dev profile: `cargo test -p lotbook
//! --bench year`).
//!
//! Three computers share one folder. Day after day each stocks its share of
//! the cars, imports each car's camera photos (photo-like JPEGs made here,
//! through the real import), writes a condition report, takes two
//! customers with an inquiry and a reply each, books a visit and sells the
//! cars of the day before; each computer syncs after its day. Then:
//! the shared folder's size by kind, each data folder's size by kind, a new
//! computer joining (from an empty data folder to every row and photo
//! there), an idle pass, a normal day's pass (a colleague's day applied),
//! and a backup (the first into a new location, then one with nothing new).
//!
//! A full year (1,000 cars × 25 photos of 4000x3000, 250 days) takes hours
//! to generate; the default is a scaled-down year, and every size and time
//! that grows with the work is also printed scaled up to the full year.
//! Environment:
//!   YEAR_CARS    cars in the year (default 24; a real team: ~1,000)
//!   YEAR_PHOTOS  photos per car (default 25)
//!   YEAR_PX      the camera's size, WIDTHxHEIGHT (default 4000x3000)
//!   YEAR_DAYS    working days the cars are spread over (default 8; real: 250)

#[path = "../tests/it/common.rs"]
mod common;
#[path = "../tests/it/support/synth.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use lotbook::calendar::{VisitInput, VisitKind};
use lotbook::care::SaleInput;
use lotbook::customers::{Channel, InteractionInput, InteractionKind, UserInput};
use lotbook::photos::prepare;
use lotbook::space::{data_space, folder_space, DataSpace};
use lotbook::sync::{sync_once, SyncReport};
use lotbook::Store;

const FULL_CARS: usize = 1_000;

struct Scale {
    cars: usize,
    photos: usize,
    width: usize,
    height: usize,
    days: usize,
}

fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(default)
}

impl Scale {
    fn from_env() -> Scale {
        let (width, height) = std::env::var("YEAR_PX")
            .ok()
            .and_then(|v| {
                let (w, h) = v.split_once('x')?;
                Some((w.trim().parse().ok()?, h.trim().parse().ok()?))
            })
            .filter(|(w, h): &(usize, usize)| *w >= 64 && *h >= 64)
            .unwrap_or((4000, 3000));
        let cars = env_num("YEAR_CARS", 24).max(3);
        Scale {
            cars,
            photos: env_num("YEAR_PHOTOS", 25),
            width,
            height,
            days: env_num("YEAR_DAYS", 8).min(cars),
        }
    }

    /// How many times the full year is larger.
    fn up(&self) -> f64 {
        FULL_CARS as f64 / self.cars as f64
    }
}

struct Computer {
    name: &'static str,
    store: Store,
    dir: PathBuf,
    me: String,
    lot: String,
    /// Cars stocked yesterday with a customer each: sold today.
    to_sell: Vec<(String, String)>,
    originals: u64,
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn gb(bytes: f64) -> String {
    format!("{:.1} GB", bytes / 1e9)
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn pass(c: &mut Computer, folder: &Path) -> (SyncReport, Duration) {
    let t = Instant::now();
    let r = sync_once(&mut c.store, folder, None).expect("sync");
    (r, t.elapsed())
}

/// One car's day on computer `c`: the car, its photos, a condition report,
/// two customers with an inquiry and a reply, a visit. Returns the time the
/// dealer waits (everything but making the camera files).
fn stock_car(c: &mut Computer, n: usize, scale: &Scale, day: usize) -> Duration {
    // The camera's files, made before the clock starts.
    let camera: Vec<Vec<u8>> = (0..scale.photos)
        .into_par_iter()
        .map(|i| synth::jpeg((n * 1000 + i) as u64 + 1, scale.width, scale.height))
        .collect();
    let t = Instant::now();
    let mut input = common::vehicle(&c.lot, &format!("SM5{}", n % 10));
    input.plate = format!("{}가{:04}", 10 + n % 89, n % 10_000);
    input.price_krw = 5_000_000 + (n as i64 % 50) * 500_000;
    let car = c.store.save_vehicle(&input).expect("car").id;
    let lib = c.store.photos().clone();
    // Camera files are made and imported side by side, as the app does.
    let prepared: Vec<_> = camera
        .par_iter()
        .enumerate()
        .map(|(i, jpeg)| {
            let len = jpeg.len() as u64;
            let p = prepare::prepare_bytes(&lib, &format!("IMG_{n:04}_{i:02}.jpg"), jpeg)
                .expect("prepare");
            (p, len)
        })
        .collect();
    for (p, len) in prepared {
        c.store.attach_photo(&car, &p).expect("attach");
        c.originals += len;
    }
    c.store
        .save_condition(&common::condition_report(&car))
        .expect("condition");
    let at = format!(
        "2026-{:02}-{:02}T10:00:00+09:00",
        1 + day % 12,
        1 + day % 28
    );
    let mut first = None;
    for k in 0..2 {
        let customer = common::customer(
            &mut c.store,
            &format!("고객{n}-{k}"),
            &format!("c{n}.{k}@naver.com"),
        );
        for kind in [InteractionKind::Inquiry, InteractionKind::Reply] {
            c.store
                .log_interaction(&InteractionInput {
                    customer_id: customer.clone(),
                    kind,
                    channel: Channel::Phone,
                    at: Some(at.clone()),
                    summary: format!("{} 문의", input.model),
                })
                .expect("interaction");
        }
        first.get_or_insert(customer);
    }
    let customer = first.expect("a customer");
    c.store
        .save_visit(&VisitInput {
            id: None,
            kind: VisitKind::Visit,
            customer_id: Some(customer.clone()),
            user_id: Some(c.me.clone()),
            start_at: at,
            minutes: 30,
            lot_ids: vec![c.lot.clone()],
            vehicle_ids: vec![car.clone()],
            note: String::new(),
            allow_overlap: true,
        })
        .expect("visit");
    c.to_sell.push((car, customer));
    t.elapsed()
}

fn sell_yesterdays(c: &mut Computer, day: usize) {
    for (car, customer) in std::mem::take(&mut c.to_sell) {
        c.store
            .record_sale(&SaleInput {
                customer_id: customer,
                vehicle_id: car,
                price_krw: 9_000_000,
                delivered_on: format!("2026-{:02}-{:02}", 1 + day % 12, 1 + day % 28),
                user_id: None,
            })
            .expect("sale");
    }
}

fn computer(root: &Path, name: &'static str, lot_name: &str) -> Computer {
    let dir = root.join(name);
    let mut store = Store::open(&dir).expect("store");
    let me = store
        .save_user(
            &UserInput {
                id: None,
                name: format!("딜러 {name}"),
                email: format!("{name}@lotbook.kr"),
                phone: String::new(),
            },
            true,
        )
        .expect("user")
        .id;
    let lot = common::lot(&mut store, lot_name);
    Computer {
        name,
        store,
        dir,
        me,
        lot,
        to_sell: Vec::new(),
        originals: 0,
    }
}

fn data_row(name: &str, d: &DataSpace, up: f64) {
    println!(
        "| data folder {name:<9} | {:>10} | {:>10} | db {}, originals {}, shared-size {}, derived {}, backups {} |",
        mb(d.total),
        gb(d.total as f64 * up),
        mb(d.database),
        mb(d.originals),
        mb(d.shared_photos),
        mb(d.derived),
        mb(d.backups)
    );
}

fn main() {
    let scale = Scale::from_env();
    let up = scale.up();
    let tmp = tempfile::TempDir::new().expect("temp dir");
    let folder = tmp.path().join("share");
    std::fs::create_dir_all(&folder).expect("folder");
    println!(
        "a year scaled down: {} cars × {} photos of {}x{} over {} days on 3 computers \
         (× {up:.1} for a year of {FULL_CARS} cars); {} cores",
        scale.cars,
        scale.photos,
        scale.width,
        scale.height,
        scale.days,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let mut team = [
        computer(tmp.path(), "a", "대전오토월드"),
        computer(tmp.path(), "b", "월평동 매장"),
        computer(tmp.path(), "c", "유성 매장"),
    ];
    let started = Instant::now();
    let per_day = scale.cars.div_ceil(scale.days);
    let mut n = 0;
    for day in 0..scale.days {
        for c in team.iter_mut() {
            sell_yesterdays(c, day);
            for _ in 0..per_day.div_ceil(3) {
                if n < scale.cars {
                    let _ = stock_car(c, n, &scale, day);
                    n += 1;
                }
            }
            pass(c, &folder);
        }
    }
    for c in team.iter_mut() {
        sell_yesterdays(c, scale.days);
    }
    // Everyone sees everything.
    for _ in 0..2 {
        for c in team.iter_mut() {
            pass(c, &folder);
        }
    }
    println!(
        "generated, imported and synced in {:.0} s\n",
        started.elapsed().as_secs_f64()
    );

    let f = folder_space(&folder);
    let originals: u64 = team.iter().map(|c| c.originals).sum();
    let spaces: Vec<(String, DataSpace)> = team
        .iter()
        .map(|c| (c.name.to_owned(), data_space(&c.dir)))
        .collect();

    // A new computer joins: from an empty data folder to every row and
    // every photo file there.
    let mut d = computer(tmp.path(), "new", "새 매장");
    let (joined, join_time) = pass(&mut d, &folder);
    assert_eq!(joined.blobs_missing, 0, "every photo arrived");
    let d_space = data_space(&d.dir);
    // The same join split in two: usable (every row; the photos not in the
    // folder for a moment), then the photo copy.
    let blobs = folder.join("lotbook-sync/blobs");
    let aside = folder.join("blobs-aside");
    std::fs::rename(&blobs, &aside).expect("photos aside");
    let mut e = computer(tmp.path(), "new2", "새 매장 2");
    let (rows, rows_time) = pass(&mut e, &folder);
    // How it joined: from a snapshot (and the segments after it) or by replay.
    let how = rows
        .notices
        .iter()
        .find(|n| n.code == "snapshot_loaded")
        .map_or("by replaying every segment".to_owned(), |_| {
            format!(
                "from a snapshot, then {} segments after it",
                rows.segments_applied
            )
        });
    std::fs::rename(&aside, &blobs).expect("photos back");
    let (copied, copy_time) = pass(&mut e, &folder);
    assert_eq!(copied.blobs_missing, 0, "every photo arrived");

    // An idle pass: nothing new anywhere.
    let mut idle = Duration::MAX;
    for _ in 0..5 {
        idle = idle.min(pass(&mut team[0], &folder).1);
    }

    // A normal day: B stocks a day's cars (a year's cars over 250 days,
    // at least one) and sends them; A applies them and fetches the photos.
    let day_cars = (FULL_CARS / 250).max(1);
    let mut work = Duration::ZERO;
    for k in 0..day_cars {
        work += stock_car(&mut team[1], scale.cars + k, &scale, 1);
    }
    let (_, send_day) = pass(&mut team[1], &folder);
    let (got_day, apply_day) = pass(&mut team[0], &folder);

    // A backup of A: the first into a new location copies every original
    // of A's; the next one copies nothing new.
    let location = tmp.path().join("usb");
    let never = std::sync::atomic::AtomicBool::new(false);
    let t = Instant::now();
    lotbook::backup::backup_into(&team[0].store, &location, true, &never, &mut |_| {})
        .expect("backup");
    let first_backup = t.elapsed();
    let t = Instant::now();
    lotbook::backup::backup_into(&team[0].store, &location, true, &never, &mut |_| {})
        .expect("backup");
    let next_backup = t.elapsed();
    let mut backup_bytes = 0;
    for e in walk_files(&location) {
        backup_bytes += e;
    }

    println!("| what | measured | a year ({FULL_CARS} cars) | detail |");
    println!("|---|---:|---:|---|");
    println!(
        "| shared folder | {} | {} | journals {}, photo files {} ({} files), snapshots {} |",
        mb(f.total),
        gb(f.total as f64 * up),
        mb(f.journals),
        mb(f.photos),
        f.photo_files,
        mb(f.snapshots)
    );
    println!(
        "| … with originals shared | {} | {} | the camera files themselves (team setting sync.photo_files = originals) |",
        mb(originals + f.journals),
        gb((originals + f.journals) as f64 * up)
    );
    for (name, s) in &spaces {
        data_row(name, s, up);
    }
    data_row("new", &d_space, up);
    println!(
        "| new computer joins | {} | {} | {} changes, {} photo files from the folder |",
        secs(join_time),
        secs(join_time.mul_f64(up)),
        joined.changes_applied,
        joined.blobs_fetched
    );
    println!(
        "| … usable (every row) | {} | {} | {how}; then the photo copy: {} ({}, {} files) |",
        secs(rows_time),
        secs(rows_time.mul_f64(up)),
        secs(copy_time),
        mb(f.photos),
        copied.blobs_fetched
    );
    println!(
        "| idle pass | {} | {} | best of 5, nothing new |",
        secs(idle),
        secs(idle)
    );
    println!(
        "| a day's work ({day_cars} cars × {} photos) | {} | {} | on B: import, report, customers, visit; B's pass {}; A's pass {} ({} changes, {} photos) |",
        scale.photos,
        secs(work),
        secs(work),
        secs(send_day),
        secs(apply_day),
        got_day.changes_applied,
        got_day.blobs_fetched
    );
    println!(
        "| backup of A | {} | {} | first into a new place ({}); next, nothing new: {} |",
        secs(first_backup),
        secs(first_backup.mul_f64(up)),
        mb(backup_bytes),
        secs(next_backup)
    );
    archiving(&mut team, &folder, &scale, up);
}

/// Archiving sold cars' photos after 90 days (src/photos/archive.rs): each
/// computer backs up into its data folder's `backups/` (as the app does
/// daily), archives, and syncs, so the importers take the shared-size files
/// out of the folder. The bench's cars were sold on dates early in 2026, so
/// every sold car is past 90 days here; in a steady year about 3/4 of a
/// year's sold cars are (those sold in the last 90 days keep their photos).
fn archiving(team: &mut [Computer], folder: &Path, scale: &Scale, up: f64) {
    let never = std::sync::atomic::AtomicBool::new(false);
    let mut rows = Vec::new();
    let t = Instant::now();
    for c in team.iter_mut() {
        c.store
            .set_team_setting("photos.archive_sold_after_days", "90")
            .expect("setting");
    }
    for c in team.iter_mut() {
        pass(c, folder);
    }
    for c in team.iter_mut() {
        lotbook::backup::backup_now(&c.store).expect("backup");
        let before = data_space(&c.dir);
        let r = c
            .store
            .archive_photos(&never, &mut |_| {})
            .expect("archive");
        rows.push((c.name, before, r));
    }
    for _ in 0..2 {
        for c in team.iter_mut() {
            pass(c, folder);
        }
    }
    let took = t.elapsed();
    let f = folder_space(folder);
    println!(
        "\narchiving sold cars' photos after 90 days ({} cars; backups, archiving and passes in {}):\n",
        scale.cars,
        secs(took)
    );
    println!("| what | measured | a year ({FULL_CARS} cars) | detail |");
    println!("|---|---:|---:|---|");
    println!(
        "| shared folder | {} | {} | photo files {} ({} files left: the unsold cars') |",
        mb(f.total),
        gb(f.total as f64 * up),
        mb(f.photos),
        f.photo_files
    );
    for (name, before, r) in rows {
        let after = data_space(&team.iter().find(|c| c.name == name).expect("computer").dir);
        let photos = |d: &DataSpace| d.originals + d.shared_photos + d.derived;
        println!(
            "| data folder {name}, photos | {} | {} | was {}; {} photos of {} cars archived, {} freed; backups/ {} |",
            mb(photos(&after)),
            gb(photos(&after) as f64 * up),
            mb(photos(&before)),
            r.photos,
            r.vehicles,
            mb(r.freed),
            mb(after.backups)
        );
    }
}

/// Lengths of every file under `dir`.
fn walk_files(dir: &Path) -> Vec<u64> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(e.path()),
                Ok(t) if t.is_file() => out.push(e.metadata().map_or(0, |m| m.len())),
                _ => {}
            }
        }
    }
    out
}
