//! `lotbook photos ...`

use clap::Subcommand;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use lotbook::photos::{ImportResult, ImportSummary};
use lotbook::{Result, Store};

use crate::print;

#[derive(Subcommand)]
pub enum PhotosCmd {
    /// Import photos (files or folders) into a vehicle's gallery
    Import {
        /// The vehicle's id
        #[arg(long, value_name = "ID")]
        vehicle: String,
        /// JPEG, PNG or HEIC files, or folders of them (e.g. a camera card)
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// List a vehicle's photos in gallery order (the first is the cover)
    List {
        #[arg(long, value_name = "ID")]
        vehicle: String,
    },
    /// Archive sold cars' photos into this computer's backup location (when the team turned
    /// photos.archive_sold_after_days on)
    Archive {
        /// Only say how many photos of how many sold cars, and how much it frees
        #[arg(long)]
        dry_run: bool,
    },
    /// Bring a car's archived photos back from the backup location (hash-checked)
    Unarchive {
        /// The vehicle's id
        vehicle: String,
    },
}

pub fn run(dir: &Path, json: bool, cmd: PhotosCmd) -> Result<()> {
    match cmd {
        PhotosCmd::Import { vehicle, paths } => {
            let mut store = Store::open(dir)?;
            let cancel = AtomicBool::new(false);
            let summary = store.import_photos(&vehicle, &paths, &cancel, |_| {})?;
            print(json, &summary, text)
        }
        PhotosCmd::Archive { dry_run: true } => {
            let store = Store::open(dir)?;
            let plan = store.archive_plan()?;
            print(json, &plan, |p| {
                match p.after_days {
                None => "archiving is off (team setting photos.archive_sold_after_days)".to_owned(),
                Some(days) => format!(
                    "would archive {} photos of {} cars sold over {days} days ago, freeing {} bytes; {} wait for a backup",
                    p.photos, p.vehicles, p.bytes, p.waiting
                ),
            }
            })
        }
        PhotosCmd::Archive { dry_run: false } => {
            let mut store = Store::open(dir)?;
            if store.archive_sold_after_days()?.is_none() {
                return Err(lotbook::Error::invalid(
                    "photos.archive_sold_after_days",
                    lotbook::error::ErrorCode::InvalidState,
                    "archiving is off: the team turns it on with `lotbook team-settings set photos.archive_sold_after_days 90` (or 180, 365)",
                ));
            }
            let cancel = AtomicBool::new(false);
            let report = store.archive_photos(&cancel, &mut |_| {})?;
            print(json, &report, |r| {
                let mut lines = vec![format!(
                    "archived {} photos of {} cars, {} bytes freed",
                    r.photos, r.vehicles, r.freed
                )];
                lines.extend(r.refused.iter().map(|w| format!("not archived: {w}")));
                lines.join("\n")
            })
        }
        PhotosCmd::Unarchive { vehicle } => {
            let mut store = Store::open(dir)?;
            let cancel = AtomicBool::new(false);
            let report = store.unarchive_vehicle(&vehicle, &cancel, &mut |_| {})?;
            let failed = !report.problems.is_empty();
            print(json, &report, |r| {
                let mut lines = vec![format!("{} photos brought back", r.restored)];
                lines.extend(r.problems.iter().map(|w| format!("not brought back: {w}")));
                lines.join("\n")
            })?;
            if failed {
                return Err(lotbook::Error::Other(format!(
                    "{} archived photos could not be brought back",
                    report.problems.len()
                )));
            }
            Ok(())
        }
        PhotosCmd::List { vehicle } => {
            let store = Store::open(dir)?;
            let photos = store.list_photos(&vehicle)?;
            print(json, &photos, |list| {
                list.iter()
                    .map(|p| {
                        format!(
                            "{}  {}  {}x{}  {}  {}",
                            p.id, p.original_name, p.width, p.height, p.hash, p.caption
                        )
                    })
                    .chain(std::iter::once(format!("{} photos", list.len())))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
}

fn text(s: &ImportSummary) -> String {
    let mut lines: Vec<String> = s
        .items
        .iter()
        .map(|item| match &item.result {
            ImportResult::Imported { photo } => format!("imported   {}  ({})", item.path, photo.id),
            ImportResult::Duplicate { photo_id } => {
                format!("duplicate  {}  (already {photo_id})", item.path)
            }
            ImportResult::Refused { message, .. } => format!("refused    {message}"),
        })
        .collect();
    let p = &s.progress;
    lines.push(format!(
        "{} files: {} imported, {} duplicates, {} refused",
        p.total, p.imported, p.duplicates, p.refused
    ));
    lines.join("\n")
}
