//! `lotbook space`: how much space the team's work takes, and where.

use std::path::Path;

use lotbook::space::SpaceReport;
use lotbook::{Result, Store};

pub fn run(dir: &Path, json: bool, folder: Option<&Path>) -> Result<()> {
    let store = Store::open(dir)?;
    let report = lotbook::space::report(&store, folder)?;
    super::print(json, &report, text)
}

/// Bytes as the app shows them (ui/src/format.ts `formatBytes`): decimal
/// units, one decimal under 100.
fn size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut v = bytes as f64;
    let mut unit = 0;
    while v >= 1000.0 && unit + 1 < UNITS.len() {
        v /= 1000.0;
        unit += 1;
    }
    if unit == 0 || v >= 100.0 {
        format!("{} {}", v.round(), UNITS[unit])
    } else {
        format!("{v:.1} {}", UNITS[unit])
    }
}

fn text(r: &SpaceReport) -> String {
    let line = |name: &str, bytes: u64| format!("  {name:<20} {:>10}\n", size(bytes));
    let mut out = String::new();
    match &r.folder {
        Some(f) => {
            out += &format!("Shared folder {}\n", f.path);
            out += &line("journals", f.journals);
            out += &format!(
                "  {:<20} {:>10}  ({} files)\n",
                "photo files",
                size(f.photos),
                f.photo_files
            );
            out += &line("snapshots", f.snapshots);
            out += &line("other", f.other);
            out += &line("total", f.total);
        }
        None => out += "Shared folder: none (this computer does not sync)\n",
    }
    let d = &r.data;
    out += &format!("This computer's data folder {}\n", d.path);
    out += &line("database", d.database);
    out += &line("photo originals", d.originals);
    out += &line("shared-size photos", d.shared_photos);
    out += &line("derived sizes", d.derived);
    out += &line("backups", d.backups);
    out += &line("other", d.other);
    out += &line("total", d.total);
    if let Some(b) = r.second_backups {
        out += &line("second backup place", b);
    }
    let a = &r.archive;
    match a.after_days {
        Some(days) => out += &format!(
            "Archived photos (sold over {days} days ago): {} in the backup, {} ({} freed here)\n  archiving now would free {} ({} photos of {} cars)\n",
            a.archived,
            size(a.archived_bytes),
            size(a.freed),
            size(a.plan.bytes),
            a.plan.photos,
            a.plan.vehicles
        ),
        None if a.archived > 0 => out += &format!(
            "Archived photos: {} in the backup, {} (archiving is off now)\n",
            a.archived,
            size(a.archived_bytes)
        ),
        None => out += "Archiving sold cars' photos: off\n",
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_like_the_app() {
        assert_eq!(super::size(999), "999 B");
        assert_eq!(super::size(1_500), "1.5 KB");
        assert_eq!(super::size(123_400_000), "123 MB");
        assert_eq!(super::size(2_340_000_000), "2.3 GB");
    }
}
