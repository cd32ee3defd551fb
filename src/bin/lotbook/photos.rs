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
}

pub fn run(dir: &Path, json: bool, cmd: PhotosCmd) -> Result<()> {
    match cmd {
        PhotosCmd::Import { vehicle, paths } => {
            let mut store = Store::open(dir)?;
            let cancel = AtomicBool::new(false);
            let summary = store.import_photos(&vehicle, &paths, &cancel, |_| {})?;
            print(json, &summary, text)
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
