//! `lotbook sync`: one sync pass with the team's shared folder.

use clap::Args;
use std::path::{Path, PathBuf};

use lotbook::sync::{self, SyncReport};
use lotbook::{Error, Result, Store};

#[derive(Args)]
pub struct SyncArgs {
    /// The shared folder (default: the one chosen in the app's Sync settings)
    #[arg(long, value_name = "DIR")]
    folder: Option<PathBuf>,
    /// Read the team passphrase of an encrypted folder from this environment
    /// variable (default: the one saved in the system keychain)
    #[arg(long, value_name = "VAR")]
    passphrase_env: Option<String>,
    /// Name this computer in the folder (e.g. "박부장 사무실 PC")
    #[arg(long)]
    device_name: Option<String>,
    /// Show the sync state instead of syncing
    #[arg(long)]
    status: bool,
}

pub fn run(dir: &Path, json: bool, args: SyncArgs) -> Result<()> {
    let mut store = Store::open(dir)?;
    if let Some(name) = &args.device_name {
        sync::state::set_device_name(&mut store, name)?;
    }
    if args.status {
        let status = sync::state::status(&store)?;
        return crate::print(json, &status, |s| {
            let mut out = format!(
                "{:?}: {} change(s) to send, last sync {}{}",
                s.state,
                s.pending_changes,
                s.last_sync_at.as_deref().unwrap_or("never"),
                s.message
                    .as_deref()
                    .map(|m| format!(" ({m})"))
                    .unwrap_or_default()
            );
            for g in &s.set_aside {
                let device = if g.device_name.is_empty() {
                    g.device_id.as_str()
                } else {
                    g.device_name.as_str()
                };
                out.push_str(&format!(
                    "\nset aside: {} change(s) from {device} to {}.{}: {}",
                    g.count,
                    g.table,
                    g.column.as_deref().unwrap_or("(delete)"),
                    g.reason.code
                ));
            }
            out
        });
    }
    let folder = match args.folder {
        Some(f) => f,
        None => sync::state::folder(&store)?
            .map(PathBuf::from)
            .ok_or_else(|| {
                Error::invalid(
                    "folder",
                    "required",
                    "no shared folder: pass --folder DIR or choose one in the app's Sync settings",
                )
            })?,
    };
    let passphrase = match &args.passphrase_env {
        Some(var) => Some(std::env::var(var).map_err(|_| {
            Error::invalid(
                "passphrase",
                "required",
                format!("environment variable {var} (the team passphrase) is not set"),
            )
        })?),
        None => None,
    };
    let report = sync::sync_once(&mut store, &folder, passphrase.as_deref())?;
    crate::print(json, &report, text)
}

fn text(r: &SyncReport) -> String {
    let mut lines = vec![format!(
        "Synced with {}: sent {} change(s) in {} segment(s) and {} photo(s); applied {} change(s) \
         from {} segment(s); fetched {} photo(s)",
        r.folder,
        r.changes_sent,
        r.segments_written,
        r.blobs_sent,
        r.changes_applied,
        r.segments_applied,
        r.blobs_fetched
    )];
    if r.blobs_missing > 0 {
        lines.push(format!(
            "{} photo file(s) not in the folder yet; tried again next time",
            r.blobs_missing
        ));
    }
    if r.changes_set_aside > 0 {
        lines.push(format!(
            "{} change(s) from other computers failed the column rules and were set aside \
             (see `lotbook sync status`); everything else was applied",
            r.changes_set_aside
        ));
    }
    if r.rows_waiting > 0 {
        lines.push(format!(
            "{} row(s) wait for a row they depend on",
            r.rows_waiting
        ));
    }
    lines.extend(r.notices.iter().cloned());
    lines.extend(
        r.skipped
            .iter()
            .map(|s| format!("skipped {}: {}", s.file, s.reason)),
    );
    lines.join("\n")
}
