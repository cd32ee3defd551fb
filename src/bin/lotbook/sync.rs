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
            for c in &s.clocks {
                out.push_str(&format!("\n{}", clock_line(c)));
            }
            use sync::clocks::OwnClockState as Own;
            let off = match s.own_clock.state {
                Own::Ok => None,
                Own::Ahead => Some(format!("{} ahead of the team", gap(s.own_clock.ahead_secs))),
                Own::Behind => Some(format!("{} behind the team", gap(s.own_clock.ahead_secs))),
                Own::Wrong => Some("a date no real clock shows".to_string()),
            };
            if let Some(off) = off {
                out.push_str(&format!(
                    "\nthis computer's clock reads {}, {off}: set its date and time",
                    s.own_clock.reads
                ));
            }
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
                    lotbook::error::ErrorCode::Required,
                    "no shared folder: pass --folder DIR or choose one in the app's Sync settings",
                )
            })?,
    };
    let passphrase = match &args.passphrase_env {
        Some(var) => Some(std::env::var(var).map_err(|_| {
            Error::invalid(
                "passphrase",
                lotbook::error::ErrorCode::Required,
                format!("environment variable {var} (the team passphrase) is not set"),
            )
        })?),
        None => None,
    };
    let report = sync::sync_once(&mut store, &folder, passphrase.as_deref())?;
    // Held changes are named after the pass, as the Sync page does.
    let clocks = sync::clocks::others(&store)?;
    crate::print(json, &report, |r| {
        let mut out = text(r);
        for c in clocks.iter().filter(|c| c.held_changes > 0) {
            out.push_str(&format!("\n{}", clock_line(c)));
        }
        out
    })
}

/// "박부장 PC's clock is 1095 days ahead; 3 of its changes are held here".
fn clock_line(c: &sync::clocks::ClockAhead) -> String {
    let name = if c.name.is_empty() {
        &c.device_id
    } else {
        &c.name
    };
    let way = if c.ahead_secs >= 0 { "ahead" } else { "behind" };
    format!(
        "{name}'s clock is {} {way}; {} of its change(s) are held here until it is set right",
        gap(c.ahead_secs),
        c.held_changes
    )
}

fn gap(secs: i64) -> String {
    let s = secs.unsigned_abs();
    match s {
        s if s >= 2 * 86_400 => format!("{} days", s / 86_400),
        s if s >= 2 * 3_600 => format!("{} hours", s / 3_600),
        s => format!("{} minutes", s / 60),
    }
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
    if let Some(name) = &r.snapshot_written {
        lines.push(format!(
            "wrote the snapshot {name} for computers joining later"
        ));
    }
    if r.segments_retired > 0 {
        lines.push(format!(
            "removed {} old segment(s) of this computer that every computer has",
            r.segments_retired
        ));
    }
    lines.extend(r.notices.iter().map(|n| n.message.clone()));
    lines.extend(
        r.skipped
            .iter()
            .map(|s| format!("skipped {}: {}", s.file, s.reason)),
    );
    lines.join("\n")
}
