//! `lotbook backup`, `backups list|verify`, `restore`, `check`.

use clap::Subcommand;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use super::print;
use lotbook::{backup, Error, Result, Store};

#[derive(Subcommand)]
pub enum BackupsCmd {
    /// The backups in the data folder's backups/ and the second location, newest first
    List,
    /// Hash again the database and every photo a backup names; report missing or damaged files
    Verify {
        /// A backup's name (as `backups list` shows) or its folder
        name: String,
    },
    /// Choose the second backup location (a USB drive, a NAS folder), or `--clear` it
    SecondLocation {
        folder: Option<PathBuf>,
        #[arg(long)]
        clear: bool,
    },
}

/// `backup [--out DIR]`: database and photos, into DIR as a backup location,
/// else into backups/ and the second location.
pub fn backup_cmd(dir: &Path, json: bool, out: Option<PathBuf>) -> Result<()> {
    let store = Store::open(dir)?;
    let never = AtomicBool::new(false);
    let outcomes = match out {
        Some(location) => {
            let info = backup::backup_into(&store, &location, false, &never, &mut |_| {})?;
            vec![backup::LocationOutcome {
                location: location.display().to_string(),
                second: false,
                backup: Some(info),
                waiting: false,
                error: None,
            }]
        }
        None => backup::backup_everywhere(&store, &never, &mut |_| {})?,
    };
    let first = outcomes[0]
        .backup
        .clone()
        .ok_or_else(|| Error::Other("the backup was not written".into()))?;
    let mut value = serde_json::to_value(&first).map_err(|e| Error::Other(e.to_string()))?;
    if let Some(obj) = value.as_object_mut() {
        let locs = serde_json::to_value(&outcomes).map_err(|e| Error::Other(e.to_string()))?;
        obj.insert("locations".into(), locs);
    }
    print(json, &value, |_| {
        let mut lines = vec![format!(
            "Backed up to {} ({} photos, {} bytes)",
            first.path,
            first.photos.unwrap_or(0),
            first.bytes
        )];
        for o in &outcomes[1..] {
            lines.push(match (&o.backup, o.waiting, &o.error) {
                (Some(b), _, _) => format!("Second location: backed up to {}", b.path),
                (None, true, _) => format!(
                    "Second location {} is not there (waiting; written when it is back)",
                    o.location
                ),
                (None, _, Some(e)) => format!("Second location failed: {e}"),
                _ => format!("Second location {}: nothing written", o.location),
            });
        }
        lines.join("\n")
    })?;
    if let Some(e) = outcomes.iter().find_map(|o| o.error.clone()) {
        return Err(Error::Other(e));
    }
    Ok(())
}

pub fn run(dir: &Path, json: bool, cmd: BackupsCmd) -> Result<()> {
    match cmd {
        BackupsCmd::List => {
            let store = Store::open(dir)?;
            let locations = backup::locations(&store)?;
            print(json, &locations, |locs| {
                let mut lines = Vec::new();
                for loc in locs {
                    if loc.waiting {
                        lines.push(format!("{} (waiting: not there now)", loc.path));
                        continue;
                    }
                    lines.push(format!("{}:", loc.path));
                    for b in &loc.backups {
                        let kind = if b.automatic { "automatic" } else { "manual" };
                        let what = match (&b.problem, b.legacy) {
                            (Some(p), _) => format!("PROBLEM: {p}"),
                            (None, true) => "database only (older Lotbook)".into(),
                            (None, false) => format!(
                                "{} cars, {} customers, {} photos, Lotbook {}",
                                b.vehicles.unwrap_or(0),
                                b.customers.unwrap_or(0),
                                b.photos.unwrap_or(0),
                                b.app_version.as_deref().unwrap_or("?")
                            ),
                        };
                        lines.push(format!(
                            "  {}  {}  {kind}  {} bytes  {what}",
                            b.name, b.taken_at, b.bytes
                        ));
                    }
                }
                lines.join("\n")
            })
        }
        BackupsCmd::Verify { name } => {
            let path = {
                let store = Store::open(dir)?;
                backup::find(&store, &name)?
            };
            let report = backup::verify(&path)?;
            print(json, &report, |r| {
                if r.ok {
                    format!("OK: {} is whole ({} photos checked)", r.path, r.photos)
                } else {
                    format!("PROBLEM: {}: {}", r.path, r.problems.join("; "))
                }
            })?;
            if report.ok {
                Ok(())
            } else {
                Err(Error::Other(format!(
                    "{} is not a whole backup: {}",
                    report.path,
                    report.problems.first().cloned().unwrap_or_default()
                )))
            }
        }
        BackupsCmd::SecondLocation { folder, clear } => {
            let mut store = Store::open(dir)?;
            if clear {
                backup::set_second_location(&mut store, None)?;
            } else if let Some(folder) = &folder {
                backup::set_second_location(&mut store, Some(folder))?;
            }
            let chosen = backup::second_location(&store)?;
            print(
                json,
                &serde_json::json!({ "second_location": chosen }),
                |_| match &chosen {
                    Some(c) => format!("Second backup location: {}", c.display()),
                    None => "No second backup location".into(),
                },
            )
        }
    }
}

pub fn restore_cmd(dir: &Path, json: bool, file: &Path) -> Result<()> {
    let saved = backup::restore(dir, file)?.map(|s| s.path);
    print(
        json,
        &serde_json::json!({ "restored": file, "previous_saved_to": saved }),
        |_| match &saved {
            Some(path) => format!(
                "Restored {}; the previous data was saved to {path}",
                file.display()
            ),
            None => format!("Restored {} into an empty data folder", file.display()),
        },
    )
}

/// `lotbook check`: the database's integrity, reported plainly; a failure
/// is the exit status too.
pub fn check_cmd(dir: &Path, json: bool) -> Result<()> {
    let path = dir.join(lotbook::db::DB_FILE);
    let report = backup::check_store(dir)?;
    print(json, &report, |r| {
        if r.ok {
            format!(
                "OK: {} passed the integrity check ({} vehicles, {} customers, {} photos, schema {})",
                r.path, r.vehicles, r.customers, r.photos, r.schema_version
            )
        } else {
            format!("PROBLEM: {}: {}", r.path, r.problems.join("; "))
        }
    })?;
    if report.ok {
        Ok(())
    } else {
        Err(Error::Other(format!(
            "{} failed the integrity check; restore a backup with `lotbook restore FILE`",
            path.display()
        )))
    }
}
