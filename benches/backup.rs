//! Backup speed: `cargo bench --bench backup` (or, quicker to build, in the
//! dev profile: `cargo test -p lotbook --bench backup`).
//!
//! A store of 10,000 photo originals (fake 20 KB files; a backup copies
//! bytes and never decodes them): the first backup into a location copies
//! all of them; a second one when nothing changed copies none (goal < 2 s),
//! and the daily rotation with its photo collection after it.

#[path = "../tests/it/common.rs"]
mod common;
#[path = "../tests/it/support/fake_photos.rs"]
mod fake_photos;

use std::sync::atomic::AtomicBool;
use std::time::Instant;

const PHOTOS: u64 = 10_000;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (dir, mut store) = common::store();
    let lot = common::lot(&mut store, "월평동");
    for i in 0..200 {
        store.save_vehicle(&common::vehicle(&lot, &format!("SM5{i}")))?;
    }
    let t = Instant::now();
    fake_photos::add(&mut store, 0, PHOTOS, 20_000);
    println!("made {PHOTOS} photos in {:.1} s", t.elapsed().as_secs_f64());
    let location = dir.path().join("usb");
    let never = AtomicBool::new(false);
    let mut copied = 0;
    let t = Instant::now();
    lotbook::backup::backup_into(&store, &location, true, &never, &mut |p| copied = p.copied)?;
    println!(
        "first backup: {:.2} s ({copied} photos copied)",
        t.elapsed().as_secs_f64()
    );
    let mut best = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        lotbook::backup::backup_into(&store, &location, true, &never, &mut |p| copied = p.copied)?;
        best = best.min(t.elapsed().as_secs_f64());
        assert_eq!(copied, 0);
    }
    println!("second backup, nothing changed: {best:.2} s best of 3 ({copied} photos copied; goal < 2 s)");
    let listed: Vec<_> = std::fs::read_dir(&location)?
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("auto-"))
        .map(|e| e.path())
        .collect();
    let t = Instant::now();
    let first = listed.first().ok_or("no automatic backup was listed")?;
    let report = lotbook::backup::verify(first)?;
    assert!(report.ok, "{report:?}");
    println!(
        "verify one backup ({} photos re-hashed): {:.2} s",
        report.photos,
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
