//! Team sync through a shared folder (a NAS share or a cloud-drive folder).
//!
//! Never a shared SQLite file (SPEC 2.8): each device appends immutable,
//! checksummed segments of its field-level changes to its own journal in
//! the folder and applies the others' segments to its own database. Fields
//! merge last-writer-wins by hybrid logical clock (see `merge`), so any
//! order of delivery, duplicates included, ends in the same data.
//!
//! A pass: check the folder and the team key, reconcile this device's marks
//! (a database put back from an old copy becomes a new device), send local
//! changes (photo originals first), apply unapplied segments of the other
//! devices one transaction each, write rows that waited for a parent, fetch
//! photo files, publish what was applied, write a snapshot now and then and
//! retire own segments every computer has (see `snapshot`, `retire`). A
//! computer new to the team, or missing segments that were retired, first
//! loads a snapshot. Any step can be cut off (crash, folder gone) without
//! losing what was committed; the next pass carries on.

mod apply;
mod blobs;
pub mod clocks;
pub mod crypto;
pub mod held;
pub mod history;
pub mod layout;
mod merge;
pub mod notice;
pub mod retire;
pub(crate) mod schema;
pub mod segment;
mod send;
pub mod snapshot;
pub mod state;
pub mod worker;

use rusqlite::params;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use ts_rs::TS;

use crate::db::Store;
use crate::error::{Error, Result};
use crypto::{EncryptionInfo, TeamKey};
use layout::{Folder, Read, Skipped};
pub use notice::Notice;
use segment::Unreadable;
pub use state::{SetAsideGroup, SyncState, SyncStatus};

/// What one pass did, for the CLI's report and the Sync page.
#[derive(Debug, Clone, Default, Serialize, TS)]
#[ts(export)]
pub struct SyncReport {
    pub folder: String,
    pub device_id: String,
    pub segments_written: u32,
    #[ts(type = "number")]
    pub changes_sent: u64,
    pub segments_applied: u32,
    #[ts(type = "number")]
    pub changes_applied: u64,
    /// Changes received that failed the column rules and were set aside.
    pub changes_set_aside: u32,
    pub blobs_sent: u32,
    pub blobs_fetched: u32,
    /// Photo files still missing from the folder (tried again next time).
    pub blobs_missing: u32,
    /// Rows waiting for a row they depend on.
    pub rows_waiting: u32,
    /// The snapshot this pass wrote into the folder, if any.
    pub snapshot_written: Option<String>,
    /// Own segments removed from the folder (every computer has them).
    pub segments_retired: u32,
    pub skipped: Vec<Skipped>,
    pub notices: Vec<Notice>,
}

impl SyncReport {
    /// Nothing came in and nothing went out.
    pub fn idle(&self) -> bool {
        self.segments_written == 0 && self.segments_applied == 0 && self.blobs_fetched == 0
    }
}

/// The keychain entry of a team passphrase, per folder.
const KEYCHAIN_SERVICE: &str = "kr.lotbook.app.sync";

/// One sync pass with `folder_path`. `passphrase`: the team passphrase for
/// an encrypted folder (None: the one saved in the keychain, if any).
pub fn sync_once(
    store: &mut Store,
    folder_path: &Path,
    passphrase: Option<&str>,
) -> Result<SyncReport> {
    // One pass at a time per data folder (the app's worker, its "sync now",
    // the CLI); the OS drops the lock with a killed process.
    let lock_path = store.data_dir().join("sync.lock");
    let lock = std::fs::File::create(&lock_path).map_err(|e| Error::io(&lock_path, e))?;
    lock.lock().map_err(|e| Error::io(&lock_path, e))?;
    let result = run_pass(store, folder_path, passphrase);
    state::record_pass(store, result.as_ref().err())?;
    if let Ok(report) = &result {
        log_pass(store, report)?;
    }
    result
}

/// What a pass did, in the sync log: one coded line for a pass that
/// exchanged or set aside anything (an idle pass leaves no line), its
/// notices, and the files it skipped that a person should hear of.
fn log_pass(store: &mut Store, report: &SyncReport) -> Result<()> {
    if !report.idle() || report.changes_set_aside > 0 {
        let params: std::collections::BTreeMap<String, String> = [
            ("sent", report.changes_sent.to_string()),
            ("received", report.changes_applied.to_string()),
            ("photos_sent", report.blobs_sent.to_string()),
            ("photos_received", report.blobs_fetched.to_string()),
            ("set_aside", report.changes_set_aside.to_string()),
            ("skipped", report.skipped.len().to_string()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        let message = format!(
            "sent {} change(s), received {}, photos sent {}, photos received {}, set aside {}",
            report.changes_sent,
            report.changes_applied,
            report.blobs_sent,
            report.blobs_fetched,
            report.changes_set_aside
        );
        state::log_coded(
            store,
            state::LogLevel::Info,
            Some("pass"),
            &params,
            &message,
        )?;
    }
    for notice in &report.notices {
        state::log_coded(
            store,
            state::LogLevel::Info,
            Some(&notice.code),
            &notice.params,
            &notice.message,
        )?;
    }
    for s in &report.skipped {
        if !s.reason.contains("(ignored") || s.code == "too_large" || s.code == "special_file" {
            let params = [("file", s.file.clone()), ("why", s.code.clone())]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect();
            state::log_coded(
                store,
                state::LogLevel::Warning,
                Some("skipped"),
                &params,
                &format!("{}: {}", s.file, s.reason),
            )?;
        }
    }
    Ok(())
}

/// A pass with the folder saved in this device's settings; `Ok(None)` when
/// sync is off.
pub fn sync_saved(store: &mut Store) -> Result<Option<SyncReport>> {
    match state::folder(store)? {
        Some(folder) => sync_once(store, Path::new(&folder), None).map(Some),
        None => Ok(None),
    }
}

/// The shared folder and the team key, from the passphrase given or the
/// one saved for the folder.
fn open_folder(
    store: &Store,
    folder_path: &Path,
    passphrase: Option<&str>,
) -> Result<(Folder, Option<TeamKey>)> {
    let folder = Folder::open(folder_path, &store.device_id())?;
    let saved;
    let passphrase = match passphrase {
        Some(p) => Some(p),
        None => {
            saved = saved_passphrase(folder_path)?;
            saved.as_deref()
        }
    };
    let key = team_key(&folder, &store.device_id(), passphrase)?;
    Ok((folder, key))
}

fn run_pass(store: &mut Store, folder_path: &Path, passphrase: Option<&str>) -> Result<SyncReport> {
    let (folder, key) = open_folder(store, folder_path, passphrase)?;
    let mut report = SyncReport {
        folder: folder_path.display().to_string(),
        ..SyncReport::default()
    };
    // Leftovers of a send of ours that was killed; another device's
    // temporary files may be a write in progress and are left alone.
    folder.clean_own_tmp(&store.device_id(), layout::STALE_TMP);
    send::reconcile(store, &folder, key.as_ref(), &mut report.notices)?;
    report.device_id = store.device_id().to_owned();

    let schema = schema::Schema::read(store.conn())?;
    let mut sent = send::send(store, &folder, key.as_ref())?;
    // This clock was ahead and is right again (checked against the folder
    // by the send): re-issue what it stamped then, and send that too.
    if held::repair(store, &schema)? > 0 {
        let more = send::send(store, &folder, key.as_ref())?;
        sent.segments += more.segments;
        sent.changes += more.changes;
        sent.blobs += more.blobs;
        sent.notices.extend(more.notices);
    }
    report.segments_written = sent.segments;
    report.changes_sent = sent.changes as u64;
    report.blobs_sent = sent.blobs;
    report.notices.extend(sent.notices);

    receive(store, &schema, &folder, key.as_ref(), &mut report)?;
    held::release_due(store, &schema)?;
    report.rows_waiting = apply::retry_pending(store, &schema)? as u32;
    if report.segments_applied > 0 {
        // A recall or a car that came may name a car whose VIN we set.
        store.match_recalls()?;
    }
    let fetched = blobs::fetch_missing(store, &folder, key.as_ref())?;
    report.blobs_fetched = fetched.copied;
    report.blobs_missing = fetched.missing;
    report.notices.extend(fetched.notices);
    blobs::remove_archived(store, &folder)?;
    retire::publish(store, &folder)?;
    report.snapshot_written = snapshot::write_if_due(store, &folder, key.as_ref())?;
    report.segments_retired = retire::retire_own(store, &folder, &mut report.skipped)?;
    Ok(report)
}

/// Writes a snapshot of this computer's data into the folder now (the
/// CLI's `sync snapshot`, tests); returns its file name.
pub fn write_snapshot(
    store: &mut Store,
    folder_path: &Path,
    passphrase: Option<&str>,
) -> Result<Option<String>> {
    let (folder, key) = open_folder(store, folder_path, passphrase)?;
    snapshot::write(store, &folder, key.as_ref())
}

/// Loads a snapshot first when this computer is new to the team (nothing
/// applied yet) or misses segments that were retired from the folder;
/// refuses the pass, in plain words, when no snapshot can fill that gap.
fn join_from_snapshot(
    store: &mut Store,
    schema: &schema::Schema,
    folder: &Folder,
    key: Option<&TeamKey>,
    devices: &[String],
    report: &mut SyncReport,
) -> Result<()> {
    let me = store.device_id();
    let gaps = |store: &Store| -> Result<std::collections::BTreeMap<String, u64>> {
        let held = snapshot::positions(store)?;
        Ok(devices
            .iter()
            .filter(|d| **d != me)
            .filter_map(|d| {
                let gone = retire::retired_through(folder, d);
                (held.get(d).copied().unwrap_or(0) < gone).then(|| (d.clone(), gone))
            })
            .collect())
    };
    let need = gaps(store)?;
    let new_here: bool =
        store
            .conn()
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM sync_applied)", [], |r| {
                r.get(0)
            })?;
    if need.is_empty() && !(new_here && std::fs::read_dir(folder.snapshots_dir()).is_ok()) {
        return Ok(());
    }
    let loaded = snapshot::load(
        store,
        schema,
        folder,
        key,
        &need,
        &mut report.skipped,
        &mut report.notices,
    )?;
    report.changes_applied += loaded.applied.new_changes as u64;
    report.changes_set_aside += loaded.applied.set_aside as u32;
    report.notices.extend(loaded.applied.notices);
    let left = gaps(store)?;
    let Some((device, gone)) = left.iter().next() else {
        return Ok(());
    };
    let short = device.get(..8).unwrap_or(device);
    if !loaded.covering_seen {
        // The snapshot holding them has not reached this computer's view of
        // the folder yet (a cloud drive delivers files in any order).
        report.notices.push(Notice::new(
            "snapshot_awaited",
            &[("device", short.to_owned())],
            format!(
                "older changes of device {short} were cleaned out of the shared folder; this \
                 computer waits for the snapshot that holds them. If this stays, sync once on \
                 another computer of the team so it writes a new snapshot"
            ),
        ));
        return Ok(());
    }
    Err(Error::invalid(
        "sync",
        crate::error::ErrorCode::HistoryRetired,
        format!(
            "changes of device {short} up to its batch {gone} were cleaned out of the shared \
             folder before this computer received them, and no snapshot in the folder that \
             this computer can read covers them (written by a newer Lotbook, with another \
             team passphrase, or damaged). Update Lotbook on this computer and sync again, \
             or sync once on another computer of the team so it writes a new snapshot; \
             this computer's own changes were sent"
        ),
    ))
}

fn receive(
    store: &mut Store,
    schema: &schema::Schema,
    folder: &Folder,
    key: Option<&TeamKey>,
    report: &mut SyncReport,
) -> Result<()> {
    let me = store.device_id();
    let devices = folder.devices(&mut report.skipped)?;
    clocks::note_others(store, folder, &devices)?;
    join_from_snapshot(store, schema, folder, key, &devices, report)?;
    for device in devices {
        if device == me {
            continue;
        }
        let numbers = folder.segments(&device, &mut report.skipped)?;
        let applied = applied_sums(store, &device)?;
        let mut todo: Vec<u64> = Vec::new();
        for n in numbers {
            match applied.get(&n) {
                None => todo.push(n),
                // Applied before: again only if the folder now holds another
                // version of it (see migration 0010).
                Some(Some(sum)) if other_version(folder, &device, n, sum)? => todo.push(n),
                Some(_) => {}
            }
        }
        if todo.is_empty() {
            continue;
        }
        let label = remember_device(store, folder, &device, &mut report.skipped)?;
        for number in todo {
            let path = folder.segment_path(&device, number);
            let bytes = match layout::read_bounded(&path, layout::SEGMENT_CAP) {
                Ok(Read::Bytes(b)) => b,
                Ok(Read::Missing) => continue,
                Ok(Read::Refused { code, reason }) => {
                    report.skipped.push(Skipped::new(&path, code, reason));
                    continue;
                }
                Err(e) => return Err(layout::folder_error(&path, e)),
            };
            let sum = send::header_sum(&bytes);
            match segment::decode(&bytes, &device, number, key) {
                Ok(seg) => {
                    let applied = apply::apply_segment(store, schema, seg)?;
                    store.conn().execute(
                        "UPDATE sync_applied SET blake3 = ?3 WHERE device_id = ?1 AND number = ?2",
                        params![device, number as i64, sum],
                    )?;
                    report.segments_applied += 1;
                    report.changes_applied += applied.new_changes as u64;
                    report.changes_set_aside += applied.set_aside as u32;
                    report.notices.extend(applied.notices);
                }
                Err(why) => report.skipped.push(Skipped::new(
                    &path,
                    unreadable_code(&why),
                    unreadable_reason(&why, &label),
                )),
            }
        }
    }
    Ok(())
}

fn unreadable_code(why: &Unreadable) -> &'static str {
    match why {
        Unreadable::Incomplete => "incomplete",
        Unreadable::NewerFormat(_) => "newer_format",
        Unreadable::Locked => "locked",
        Unreadable::NotASegment(_) => "not_a_segment",
    }
}

fn unreadable_reason(why: &Unreadable, device: &str) -> String {
    match why {
        Unreadable::Incomplete => {
            "incomplete or damaged (still being copied?); tried again at the next sync".into()
        }
        Unreadable::NewerFormat(v) => format!(
            "written by a newer Lotbook on {device} (segment format {v}; this version reads {}). \
             Update Lotbook on this computer to receive that device's changes",
            segment::FORMAT
        ),
        Unreadable::Locked => format!(
            "encrypted with another team passphrase than this computer's (from {device}); not applied"
        ),
        Unreadable::NotASegment(detail) => format!("not a Lotbook segment: {detail}"),
    }
}

/// The segments of `device` applied here, with the body checksum of the
/// version applied (None: applied before checksums were kept).
fn applied_sums(store: &Store, device: &str) -> Result<HashMap<u64, Option<String>>> {
    let mut stmt = store
        .conn()
        .prepare_cached("SELECT number, blake3 FROM sync_applied WHERE device_id = ?1")?;
    let rows = stmt
        .query_map([device], |r| Ok((r.get::<_, i64>(0)? as u64, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The folder's segment `number` of `device` is another version than the
/// one applied (its header names another body checksum).
fn other_version(folder: &Folder, device: &str, number: u64, applied: &str) -> Result<bool> {
    let path = folder.segment_path(device, number);
    Ok(match layout::read_prefix(&path, send::HEADER_PREFIX) {
        Ok(Read::Bytes(b)) => send::header_sum(&b).is_some_and(|s| s != applied),
        Ok(_) => false,
        Err(e) => return Err(layout::folder_error(&path, e)),
    })
}

/// Updates what we know of `device` from its device.json; returns a label
/// for messages ("박정호's computer (ab12cd34)").
fn remember_device(
    store: &mut Store,
    folder: &Folder,
    device: &str,
    skipped: &mut Vec<Skipped>,
) -> Result<String> {
    let info = folder.read_device(device, skipped).unwrap_or_default();
    store.transact(|tx| {
        tx.execute(
            "INSERT INTO sync_devices (device_id, name, user_name) VALUES (?1, ?2, ?3)
             ON CONFLICT (device_id) DO UPDATE SET name = excluded.name, user_name = excluded.user_name",
            params![device, info.name, info.user],
        )?;
        Ok(())
    })?;
    let short = device.get(..8).unwrap_or(device);
    Ok(match (info.name.is_empty(), info.user.is_empty()) {
        (false, _) => format!("device \"{}\" ({short})", info.name),
        (true, false) => format!("{}'s device ({short})", info.user),
        (true, true) => format!("device {short}"),
    })
}

/// The team key of the folder: `None` for an unencrypted team. Refuses
/// (before anything is written) a missing or wrong passphrase, and a
/// passphrase for a folder that is not encrypted.
fn team_key(folder: &Folder, me: &str, passphrase: Option<&str>) -> Result<Option<TeamKey>> {
    let path = folder.encryption_file();
    let info: Option<EncryptionInfo> = match layout::read_bounded(&path, layout::SMALL_FILE_CAP) {
        Ok(Read::Bytes(bytes)) => Some(
            serde_json::from_slice(&bytes)
                .map_err(|e| Error::bad_file(&path, format!("cannot be read: {e}")))?,
        ),
        Ok(Read::Missing) => None,
        // Whether the team is encrypted is not a guess: nothing is synced.
        Ok(Read::Refused { reason, .. }) => return Err(Error::bad_file(&path, reason)),
        Err(e) => return Err(layout::folder_error(&path, e)),
    };
    let passphrase = passphrase.filter(|p| !p.is_empty());
    match (info, passphrase) {
        (None, None) => Ok(None),
        (Some(_), None) => Err(Error::invalid(
            "passphrase",
            crate::error::ErrorCode::PassphraseNeeded,
            "this team's shared folder is encrypted: enter the team passphrase in Settings › Sync; nothing was synced",
        )),
        (Some(info), Some(p)) => match TeamKey::unlock(p, &info)? {
            Some(key) => Ok(Some(key)),
            None => Err(Error::invalid(
                "passphrase",
                crate::error::ErrorCode::PassphraseWrong,
                "the team passphrase is wrong for this shared folder; nothing was synced or written",
            )),
        },
        (None, Some(p)) => {
            let mut ignored = Vec::new();
            if !folder.devices(&mut ignored)?.is_empty() {
                return Err(Error::invalid(
                    "passphrase",
                    crate::error::ErrorCode::FolderNotEncrypted,
                    "this shared folder is already used without encryption; remove the passphrase \
                     here, or choose an empty folder for an encrypted team",
                ));
            }
            let (key, info) = TeamKey::create(p)?;
            let bytes = serde_json::to_vec_pretty(&info).map_err(|e| Error::Other(e.to_string()))?;
            if !folder.write_new(&path, &bytes, me)? {
                // Another device set it up a moment ago: use theirs.
                return team_key(folder, me, Some(p));
            }
            Ok(Some(key))
        }
    }
}

fn keychain_account(folder: &Path) -> String {
    folder.display().to_string()
}

/// The team passphrase saved for `folder` on this computer.
pub fn saved_passphrase(folder: &Path) -> Result<Option<String>> {
    crate::keychain::get(KEYCHAIN_SERVICE, &keychain_account(folder), "passphrase")
}

/// Saves (or with `None`, forgets) the team passphrase for `folder`.
pub fn save_passphrase(folder: &Path, passphrase: Option<&str>) -> Result<()> {
    let account = keychain_account(folder);
    match passphrase.filter(|p| !p.is_empty()) {
        Some(p) => crate::keychain::set(KEYCHAIN_SERVICE, &account, p, "passphrase"),
        None => crate::keychain::delete(KEYCHAIN_SERVICE, &account, "passphrase"),
    }
}
