//! Sending: this device's changes since the last sync become its next
//! segment, after the photo files they name are in the folder.

use rusqlite::params;
use std::collections::HashSet;

use super::crypto::TeamKey;
use super::layout::{self, DeviceInfo, Folder, Read};
use super::notice::Notice;
use super::segment::{self, Segment, WireChange, WireValue};
use super::state::{self, Marks, Written};
use crate::db::Store;
use crate::error::{Error, Result};

/// Changes per segment: bounds the memory of one read or write.
const SEGMENT_CHANGES: usize = 20_000;
/// About this many bytes of changes per segment at most (a bigger send is
/// split), well under what readers accept ([`layout::SEGMENT_CAP`]).
pub const SEND_CAP: usize = 16 << 20;
/// A segment's header is read within this many bytes.
pub(super) const HEADER_PREFIX: u64 = 8 << 10;

#[derive(Debug, Default)]
pub struct Sent {
    pub segments: u32,
    pub changes: usize,
    pub blobs: u32,
    pub notices: Vec<Notice>,
}

/// Makes sure this database's sync marks belong to it and that the folder
/// holds nothing of this device that the database does not: a database put
/// back from an old copy, or a copy of this data folder syncing on another
/// computer, carries on as a new device (and gets its lost changes back
/// from its old journal like any other device's).
pub fn reconcile(
    store: &mut Store,
    folder: &Folder,
    key: Option<&TeamKey>,
    notices: &mut Vec<Notice>,
) -> Result<()> {
    let mut marks = state::marks(store)?;
    if marks.device.as_deref() != Some(store.device_id().as_str()) {
        // A restored copy with a new id (`lotbook restore`), or the first sync.
        marks = start_journal(store, marks.device.as_deref(), &marks)?;
    }
    // Opened on another computer or in another folder: the original may
    // still be syncing under this id, so the copy takes its own first.
    if crate::db::home::copied(store.conn())? {
        renew(
            store,
            &marks,
            marks.sent_upto,
            ("copied", COPY_NOTICE),
            notices,
        )?;
        crate::db::home::clear_copied(store.conn())?;
        marks = state::marks(store)?;
    }
    let me = store.device_id();
    // Our recent segments still as we wrote them? A cloud drive settles two
    // computers' files of one name by keeping one of them.
    if let Some(after) = replaced_segment(folder, &me, &marks)? {
        return renew(store, &marks, after, ("clone", CLONE_NOTICE), notices);
    }
    let mut ignored = Vec::new();
    let on_disk = folder.segments(&me, &mut ignored)?;
    let newer: Vec<u64> = on_disk
        .into_iter()
        .filter(|n| *n > marks.last_number)
        .collect();
    if newer.is_empty() {
        return Ok(());
    }
    // Written by us just before a crash (the marks were not saved yet)?
    let mut upto = marks.sent_upto;
    for n in &newer {
        let path = folder.segment_path(&me, *n);
        let bytes = match layout::read_bounded(&path, layout::SEGMENT_CAP) {
            Ok(Read::Bytes(b)) => b,
            Ok(Read::Missing) => continue,
            // Not a file we could have written.
            Ok(Read::Refused { .. }) => {
                return renew(
                    store,
                    &marks,
                    marks.sent_upto,
                    ("restored", RESTORED_NOTICE),
                    notices,
                )
            }
            Err(e) => return Err(layout::folder_error(&path, e)),
        };
        // A segment we cannot read back is not one we can vouch for.
        let Ok(seg) = segment::decode(&bytes, &me, *n, key) else {
            return renew(
                store,
                &marks,
                marks.sent_upto,
                ("restored", RESTORED_NOTICE),
                notices,
            );
        };
        for c in &seg.changes {
            match own_seq(store, c)? {
                Some(seq) => upto = upto.max(seq),
                None => {
                    return renew(
                        store,
                        &marks,
                        marks.sent_upto,
                        ("restored", RESTORED_NOTICE),
                        notices,
                    )
                }
            }
        }
    }
    marks.last_number = *newer.last().unwrap_or(&marks.last_number);
    marks.sent_upto = upto;
    state::set_marks(store, &marks)
}

/// The first of our remembered segments that the folder now holds in
/// another version (or as something that is not a segment at all): the
/// change number to send again from. A missing one is not news (a cloud
/// drive may not have it yet).
fn replaced_segment(folder: &Folder, me: &str, marks: &Marks) -> Result<Option<i64>> {
    let mut written = marks.written.clone();
    written.sort_by_key(|w| w.number);
    for w in written.iter().filter(|w| w.number <= marks.last_number) {
        let path = folder.segment_path(me, w.number);
        let ours = match layout::read_prefix(&path, HEADER_PREFIX) {
            Ok(Read::Bytes(b)) => header_sum(&b).as_deref() == Some(w.blake3.as_str()),
            Ok(Read::Missing) => true,
            Ok(Read::Refused { .. }) => false,
            Err(e) => return Err(layout::folder_error(&path, e)),
        };
        if !ours {
            return Ok(Some(w.after));
        }
    }
    Ok(None)
}

/// The body checksum a segment's header names.
pub(super) fn header_sum(bytes: &[u8]) -> Option<String> {
    segment::header(bytes).ok().map(|(h, _)| h.blake3)
}

const RESTORED_NOTICE: &str = "This computer's data is older than what it had already synced \
     (put back from a backup?). It carries on as a new device; its later changes come back \
     from the folder.";

const COPY_NOTICE: &str = "This data folder was copied or moved here from where it last \
     synced. This computer carries on as a new device of the team, so the copy and the \
     original never send under one id; nothing is lost.";

const CLONE_NOTICE: &str = "Another computer is syncing under this computer's device id (a copy \
     of this data folder?). This computer carries on as a new device and sends its changes \
     again under its new id; nothing is lost.";

fn own_seq(store: &Store, c: &WireChange) -> Result<Option<i64>> {
    Ok(rusqlite::OptionalExtension::optional(
        store
            .conn()
            .prepare_cached(
                "SELECT seq FROM changes WHERE tbl = ?1 AND row_id = ?2 AND col IS ?3 AND hlc = ?4",
            )?
            .query_row(params![c.0, c.1, c.2, c.4], |r| r.get(0)),
    )?)
}

/// Gives this database a new device id, as a restored copy gets: its own
/// changes after `after` (those not safely in the folder under the old id)
/// are sent again under the new one.
fn renew(
    store: &mut Store,
    marks: &Marks,
    after: i64,
    (code, notice): (&str, &str),
    notices: &mut Vec<Notice>,
) -> Result<()> {
    let old = store.device_id();
    store.renew_device_id()?;
    let marks = Marks {
        sent_upto: after.min(marks.sent_upto),
        ..marks.clone()
    };
    start_journal(store, Some(&old), &marks)?;
    notices.push(Notice::new(code, &[], notice));
    Ok(())
}

/// Starts this device's journal at segment 1: its unsent changes made under
/// a former id `old` become its own.
fn start_journal(store: &mut Store, old: Option<&str>, marks: &Marks) -> Result<Marks> {
    let me = store.device_id();
    if let Some(old) = old {
        restamp(store, old, &me, marks.sent_upto)?;
    }
    let fresh = Marks {
        device: Some(me),
        sent_upto: marks.sent_upto,
        last_number: 0,
        written: Vec::new(),
    };
    state::set_marks(store, &fresh)?;
    Ok(fresh)
}

/// This database's unsent changes made under its former id `old` become
/// the new device's; `old` is remembered as a former self.
fn restamp(store: &mut Store, old: &str, new: &str, after: i64) -> Result<()> {
    store.transact(|tx| {
        tx.execute(
            "UPDATE changes SET device_id = ?2 WHERE device_id = ?1 AND seq > ?3",
            params![old, new, after],
        )?;
        tx.execute(
            "INSERT INTO sync_devices (device_id, own) VALUES (?1, 1)
             ON CONFLICT (device_id) DO UPDATE SET own = 1",
            [old],
        )?;
        Ok(())
    })
}

pub fn send(store: &mut Store, folder: &Folder, key: Option<&TeamKey>) -> Result<Sent> {
    let mut sent = Sent::default();
    // Nothing of an import still being written may reach the team (one a
    // crash cut off is undone here first). Its writer waits for this pass.
    if crate::db::bulk::recover(store)? == crate::db::bulk::Recovery::Running {
        sent.notices.push(Notice::new(
            "import_running",
            &[],
            "An import is being written on this computer; its changes and any others are sent at the next sync after it.",
        ));
        return Ok(sent);
    }
    write_device_info(store, folder, &store.device_id())?;
    super::clocks::note_own(store, folder)?;
    loop {
        let me = store.device_id();
        let marks = state::marks(store)?;
        let (changes, upto, photo_rows) = read_unsent(store, marks.sent_upto)?;
        if changes.is_empty() {
            if upto > marks.sent_upto {
                state::set_marks(
                    store,
                    &Marks {
                        sent_upto: upto,
                        ..marks
                    },
                )?;
            }
            return Ok(sent);
        }
        sent.blobs += send_blobs(store, folder, key, &photo_rows, &mut sent.notices)?;
        let number = marks.last_number + 1;
        let count = changes.len();
        let seg = Segment {
            device: me.clone(),
            number,
            changes,
        };
        let bytes = segment::encode(&seg, key)?;
        let sum = header_sum(&bytes).unwrap_or_default();
        let path = folder.segment_path(&me, number);
        if !folder.write_new(&path, &bytes, &me)? {
            // The name is taken: our own earlier write of these very bytes,
            // or another computer writing under our device id.
            let theirs = match layout::read_prefix(&path, HEADER_PREFIX) {
                Ok(Read::Bytes(b)) => header_sum(&b),
                _ => None,
            };
            if theirs.as_deref() != Some(sum.as_str()) {
                renew(
                    store,
                    &marks,
                    marks.sent_upto,
                    ("clone", CLONE_NOTICE),
                    &mut sent.notices,
                )?;
                write_device_info(store, folder, &store.device_id())?;
                continue;
            }
        }
        let mut written = marks.written;
        written.push(Written {
            number,
            blake3: sum,
            after: marks.sent_upto,
        });
        let extra = written.len().saturating_sub(state::RECENT_WRITTEN);
        written.drain(..extra);
        state::set_marks(
            store,
            &Marks {
                device: Some(me.clone()),
                sent_upto: upto,
                last_number: number,
                written,
            },
        )?;
        sent.segments += 1;
        sent.changes += count;
    }
}

type Unsent = (Vec<WireChange>, i64, Vec<String>);

/// Local changes after `after`, up to one segment's worth, read in one
/// snapshot: returns them, the change number they reach, and the photo rows
/// whose file they name.
fn read_unsent(store: &Store, after: i64) -> Result<Unsent> {
    let tx = store.conn().unchecked_transaction()?;
    let newest: i64 = tx.query_row("SELECT coalesce(max(seq), 0) FROM changes", [], |r| {
        r.get(0)
    })?;
    let mut stmt = tx.prepare_cached(
        "SELECT seq, tbl, row_id, col, value, hlc FROM changes
         WHERE seq > ?1 AND seq <= ?2 AND device_id = ?4
         ORDER BY seq LIMIT ?3",
    )?;
    let mut changes = Vec::new();
    let mut photos = Vec::new();
    let mut last = after;
    let mut size = 0usize;
    let mut full = false;
    let mut rows = stmt.query(params![
        after,
        newest,
        SEGMENT_CHANGES as i64,
        store.device_id()
    ])?;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let tbl: String = r.get(1)?;
        let row: String = r.get(2)?;
        let col: Option<String> = r.get(3)?;
        let is_photo = tbl == "photos" && col.as_deref() == Some("hash");
        let change = WireChange(
            tbl,
            row,
            col,
            WireValue::from(r.get::<_, rusqlite::types::Value>(4)?),
            r.get(5)?,
        );
        // At least one change per segment, however big.
        size += wire_size(&change);
        if !changes.is_empty() && size > SEND_CAP {
            full = true;
            break;
        }
        if is_photo {
            photos.push(change.1.clone());
        }
        last = seq;
        changes.push(change);
    }
    drop(rows);
    drop(stmt);
    let upto = if changes.len() < SEGMENT_CHANGES && !full {
        newest
    } else {
        last
    };
    Ok((changes, upto, photos))
}

/// About the bytes `c` takes in a segment (JSON escapes can add more; the
/// read cap leaves room for that).
fn wire_size(c: &WireChange) -> usize {
    let value = match &c.3 {
        WireValue::Null => 4,
        WireValue::Int(_) | WireValue::Real(_) => 24,
        WireValue::Text(t) => t.len() + 2,
        WireValue::Blob { blob } => blob.len() + 10,
    };
    c.0.len() + c.1.len() + c.2.as_ref().map_or(4, |s| s.len()) + c.4.len() + value + 16
}

/// Puts the file of each of `photo_rows` in the folder's blobs (once each):
/// the photo at its shared size, named by its own hash, unless the team
/// sends originals ([`crate::photos::shared`]). The original goes instead
/// when the team asks for it or when the shared size is not known (photos
/// from before it); a colleague's computer that holds only the shared size
/// sends that.
fn send_blobs(
    store: &Store,
    folder: &Folder,
    key: Option<&TeamKey>,
    photo_rows: &[String],
    notices: &mut Vec<Notice>,
) -> Result<u32> {
    let originals = store.sends_photo_originals()?;
    let lib = store.photos();
    let mut done = HashSet::new();
    let mut copied = 0;
    for id in photo_rows {
        let photo = match store.get_photo(id) {
            Ok(p) => p,
            Err(Error::NotFound { .. }) => continue, // deleted since
            Err(e) => return Err(e),
        };
        let hash = photo.hash;
        if !done.insert(hash.clone()) {
            continue;
        }
        // Archived (here, or by the computer that put it in the folder):
        // its file stays out of the folder.
        if crate::photos::archive::archived_here(store.conn(), &hash)?
            || crate::photos::archive::folder_archived(store.conn(), &hash)?
        {
            continue;
        }
        // Only a checked hash names a file in the folder.
        if !crate::validate::is_hash(&hash) {
            notices.push(Notice::new(
                "photo_not_sent",
                &[("photo", hash.clone())],
                format!("photo {hash:?} is not sent: its hash is not a file name"),
            ));
            continue;
        }
        let original = match lib.original_path(&hash, photo.format) {
            Ok(p) => p,
            Err(e) => {
                notices.push(Notice::new(
                    "photo_not_sent",
                    &[("photo", hash.clone())],
                    format!("photo {hash:?} is not sent: {e}"),
                ));
                continue;
            }
        };
        let shared = photo
            .shared_hash
            .filter(|s| crate::validate::is_hash(s))
            .filter(|_| !originals || !original.is_file());
        if let Some(shared_hash) = shared {
            let target = folder.blob_path(&shared_hash, SHARED_EXT);
            if target.exists() {
                continue;
            }
            // Held here (made at import, or fetched); else the original
            // goes, so the team still gets the photo.
            if let Some(bytes) = lib.shared_bytes(&hash, &shared_hash) {
                let bytes = match key {
                    Some(k) => k.seal(&bytes)?,
                    None => bytes,
                };
                if folder.write_new(&target, &bytes, &store.device_id())? {
                    copied += 1;
                }
                continue;
            }
        }
        let target = folder.blob_path(&hash, photo.format.as_str());
        if target.exists() {
            continue;
        }
        let bytes = match std::fs::read(&original) {
            Ok(b) => b,
            Err(e) => {
                notices.push(Notice::new(
                    "photo_unreadable",
                    &[("file", original.display().to_string())],
                    format!(
                        "photo {} could not be read for sync: {e}",
                        original.display()
                    ),
                ));
                continue;
            }
        };
        let bytes = match key {
            Some(k) => k.seal(&bytes)?,
            None => bytes,
        };
        if folder.write_new(&target, &bytes, &store.device_id())? {
            copied += 1;
        }
    }
    Ok(copied)
}

/// The shared size is always a JPEG ([`crate::photos::PhotoFormat::Jpeg`]).
pub(super) const SHARED_EXT: &str = "jpeg";

fn write_device_info(store: &Store, folder: &Folder, me: &str) -> Result<()> {
    let info = DeviceInfo {
        device: me.to_owned(),
        name: state::device_name(store)?,
        user: store
            .me()
            .ok()
            .flatten()
            .map(|u| u.name)
            .unwrap_or_default(),
        // The others compare it with the file's time (`clocks`).
        clock_at: Some(super::clocks::clock_at(store)),
    };
    if folder
        .read_device(me, &mut Vec::new())
        .is_some_and(|old| !super::clocks::report_stale(store, &old, &info))
    {
        return Ok(());
    }
    let bytes = serde_json::to_vec_pretty(&info).map_err(|e| Error::Other(e.to_string()))?;
    folder.write_replace(&folder.device_file(me), &bytes, me)
}
