//! "Take everything with you": one folder of open formats a dealer can keep
//! or take to another program: the spreadsheets of every kind (`.xlsx` and
//! `.csv`), each car's photo originals in a folder named for the car, each
//! condition report as its print page (HTML) and panel diagram (SVG), every
//! email made as `.eml`, the visits as one `.ics`, and a README.txt in
//! Korean and English saying what each file is.
//!
//! The folder is written under a hidden partial name beside its final one
//! and renamed when whole, so a cancelled, failed or killed export never
//! leaves a folder that looks finished. The database is read inside one read
//! transaction: the files agree with each other even while the app (or sync)
//! writes. Photos are copied byte for byte, never re-encoded.

mod condition;
mod mail;
pub mod names;
mod photos;
mod readme;
mod sheets;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::condition::Lang;
use crate::db::Store;
use crate::error::{Error, Result};

/// The folders and files inside an export (the README explains each).
pub mod layout {
    pub const README: &str = "README.txt";
    pub const SHEETS: &str = "표 spreadsheets";
    pub const PHOTOS: &str = "사진 photos";
    pub const CONDITION: &str = "성능점검 condition reports";
    pub const EMAILS: &str = "이메일 emails";
    pub const SENT: &str = "보낸 메일 sent";
    pub const OUTBOX: &str = "보낼 메일 outbox";
    pub const DRAFTS: &str = "저장한 메일 saved";
    pub const CALENDAR: &str = "방문 일정 visits.ics";
}

crate::text_enum! {
    /// What an export-all is doing now.
    pub enum ExportStep {
        Sheets = "sheets",
        Photos = "photos",
        Conditions = "conditions",
        Emails = "emails",
        Calendar = "calendar",
        Finishing = "finishing",
    }
}

/// Sent while the folder is written: `done` of `total` in this step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportAllProgress {
    pub step: ExportStep,
    pub done: u32,
    pub total: u32,
}

/// What the finished folder holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportAllReport {
    /// The finished folder.
    pub path: String,
    pub vehicles: u32,
    pub customers: u32,
    pub photos: u32,
    /// Photo rows whose original is not on this computer (not synced yet).
    pub photos_missing: u32,
    pub condition_reports: u32,
    pub emails: u32,
    /// Emails this computer never had as a file (made as a folder for a
    /// messenger, a draft saved elsewhere, sent by another computer): listed
    /// in README.txt with why, not rebuilt.
    pub emails_not_kept: u32,
    /// Emails whose file this computer kept and no longer has (listed too).
    pub emails_missing: u32,
    pub visits: u32,
}

/// Cancel and progress of a running export (the app's progress bar), and
/// the language of its condition report pages.
pub struct ExportAllControl<'a> {
    /// Set to stop: the partial folder is removed and the export ends `Cancelled`.
    pub cancel: Option<&'a AtomicBool>,
    pub progress: Option<&'a mut dyn FnMut(&ExportAllProgress)>,
    /// The user's language (README.txt is always in both).
    pub lang: Lang,
}

impl Default for ExportAllControl<'_> {
    fn default() -> Self {
        ExportAllControl {
            cancel: None,
            progress: None,
            lang: Lang::Ko,
        }
    }
}

impl ExportAllControl<'_> {
    pub(crate) fn step(&mut self, step: ExportStep, done: u32, total: u32) -> Result<()> {
        if self.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Err(Error::Cancelled);
        }
        if let Some(p) = self.progress.as_mut() {
            p(&ExportAllProgress { step, done, total });
        }
        Ok(())
    }
}

impl Store {
    /// Writes everything into the new folder `dir` (which must not exist,
    /// or be empty). Returns what it holds.
    pub fn export_all_to(&self, dir: &Path, control: ExportAllControl) -> Result<ExportAllReport> {
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| Error::bad_file(dir, "is not a folder name"))?;
        let parent = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !parent.is_dir() {
            return Err(Error::bad_file(&parent, "is not a folder"));
        }
        let empty_dir = match std::fs::read_dir(dir) {
            Ok(mut entries) => match entries.next() {
                None => true,
                Some(_) => {
                    return Err(Error::bad_file(
                        dir,
                        "already exists and is not empty; name a new folder",
                    ))
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
                return Err(Error::bad_file(
                    dir,
                    "already exists as a file; name a new folder",
                ))
            }
            Err(e) => return Err(Error::io(dir, e)),
        };
        let partial = parent.join(format!(".{name}.partial-{}", std::process::id()));
        // A partial folder of an earlier run of this process that died half-way.
        let _ = std::fs::remove_dir_all(&partial);
        std::fs::create_dir(&partial).map_err(|e| Error::io(&partial, e))?;
        let written = self.write_all(&partial, control);
        let mut report = match written {
            Ok(r) => r,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&partial);
                return Err(e);
            }
        };
        let publish = || -> std::io::Result<()> {
            if empty_dir {
                std::fs::remove_dir(dir)?;
            }
            crate::fsutil::rename(&partial, dir)?;
            crate::fsutil::sync_dir(&parent)
        };
        if let Err(e) = publish() {
            let _ = std::fs::remove_dir_all(&partial);
            return Err(Error::io(dir, e));
        }
        report.path = dir.display().to_string();
        Ok(report)
    }

    /// Writes everything into a new folder inside `parent` named
    /// "Lotbook 내보내기 <date>" (with " (2)" … when that is taken).
    pub fn export_all_into(
        &self,
        parent: &Path,
        control: ExportAllControl,
    ) -> Result<ExportAllReport> {
        let date = crate::time::file_date(chrono::Utc::now(), self.team_zone()?);
        let dir = crate::fsutil::unique_path(parent, &format!("Lotbook 내보내기 {date}"), "");
        self.export_all_to(&dir, control)
    }

    /// Every part, read in one read transaction.
    fn write_all(&self, dir: &Path, mut control: ExportAllControl) -> Result<ExportAllReport> {
        self.conn().execute_batch("BEGIN")?;
        let result = self.write_parts(dir, &mut control);
        // Only reads happened: rolling back ends the snapshot either way.
        let _ = self.conn().execute_batch("ROLLBACK");
        result
    }

    fn write_parts(&self, dir: &Path, control: &mut ExportAllControl) -> Result<ExportAllReport> {
        let mut report = ExportAllReport::default();
        let counts = sheets::write(self, &dir.join(layout::SHEETS), control)?;
        report.vehicles = counts.vehicles;
        report.customers = counts.customers;
        let cars = photos::cars(self)?;
        (report.photos, report.photos_missing) =
            photos::write(self, &cars, &dir.join(layout::PHOTOS), control)?;
        report.condition_reports =
            condition::write(self, &cars, &dir.join(layout::CONDITION), control)?;
        let (emails, left_out) = mail::write(self, &dir.join(layout::EMAILS), control)?;
        report.emails = emails;
        report.emails_missing = left_out.iter().filter(|m| m.missing()).count() as u32;
        report.emails_not_kept = left_out.len() as u32 - report.emails_missing;
        control.step(ExportStep::Calendar, 0, 1)?;
        let (ics, visits) = self.all_visits_ics()?;
        crate::fsutil::write_atomic(&dir.join(layout::CALENDAR), ics.as_bytes())?;
        report.visits = visits;
        control.step(ExportStep::Finishing, 0, 1)?;
        let tz = self.team_zone()?;
        let readme = readme::text(
            &report,
            &left_out,
            crate::time::local(chrono::Utc::now(), tz),
        );
        crate::fsutil::write_atomic(&dir.join(layout::README), readme.as_bytes())?;
        control.step(ExportStep::Finishing, 1, 1)?;
        Ok(report)
    }
}
