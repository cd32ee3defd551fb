//! Sending: this device's changes since the last sync become its next
//! segment, after the photo originals they name are in the folder.

use rusqlite::params;
use std::collections::HashSet;

use super::crypto::TeamKey;
use super::layout::{DeviceInfo, Folder};
use super::segment::{self, Segment, WireChange, WireValue};
use super::state::{self, Marks};
use crate::db::Store;
use crate::error::{Error, Result};

/// Changes per segment: bounds the memory of one read or write.
const SEGMENT_CHANGES: usize = 20_000;

#[derive(Debug, Default)]
pub struct Sent {
    pub segments: u32,
    pub changes: usize,
    pub blobs: u32,
    pub notices: Vec<String>,
}

/// Makes sure this database's sync marks belong to it and that the folder
/// holds nothing of this device that the database does not: a database put
/// back from an old copy carries on as a new device (and gets its lost
/// changes back from its old journal like any other device's).
pub fn reconcile(
    store: &mut Store,
    folder: &Folder,
    key: Option<&TeamKey>,
    notices: &mut Vec<String>,
) -> Result<()> {
    let mut marks = state::marks(store)?;
    let me = store.device_id();
    if marks.device.as_deref() != Some(me.as_str()) {
        // A restored copy with a new id (`lotbook restore`), or the first sync.
        marks = start_journal(store, marks.device.as_deref(), &marks)?;
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
        let bytes = std::fs::read(folder.segment_path(&me, *n))
            .map_err(|e| super::layout::folder_error(folder.chosen(), e))?;
        // A segment we cannot read back is not one we can vouch for.
        let Ok(seg) = segment::decode(&bytes, &me, *n, key) else {
            return renew(store, &marks, notices);
        };
        for c in &seg.changes {
            match own_seq(store, c)? {
                Some(seq) => upto = upto.max(seq),
                None => return renew(store, &marks, notices),
            }
        }
    }
    marks.last_number = *newer.last().unwrap_or(&marks.last_number);
    marks.sent_upto = upto;
    state::set_marks(store, &marks)
}

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

fn renew(store: &mut Store, marks: &Marks, notices: &mut Vec<String>) -> Result<()> {
    let old = store.device_id();
    store.renew_device_id()?;
    start_journal(store, Some(&old), marks)?;
    notices.push(
        "This computer's data is older than what it had already synced (put back from a \
         backup?). It carries on as a new device; its later changes come back from the folder."
            .into(),
    );
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
        sent.notices.push(
            "An import is being written on this computer; its changes and any others are sent at the next sync after it.".into(),
        );
        return Ok(sent);
    }
    let me = store.device_id();
    write_device_info(store, folder, &me)?;
    super::clocks::note_own(store, folder)?;
    loop {
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
        if !folder.write_new(&folder.segment_path(&me, number), &bytes)? {
            return Err(Error::Conflict(format!(
                "segment {number} of this device is already in the shared folder; \
                 sync again to continue as a new device"
            )));
        }
        state::set_marks(
            store,
            &Marks {
                device: Some(me.clone()),
                sent_upto: upto,
                last_number: number,
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
         WHERE seq > ?1 AND seq <= ?2
           AND device_id NOT IN (SELECT device_id FROM sync_devices WHERE own = 0)
         ORDER BY seq LIMIT ?3",
    )?;
    let mut changes = Vec::new();
    let mut photos = Vec::new();
    let mut last = after;
    let mut rows = stmt.query(params![after, newest, SEGMENT_CHANGES as i64])?;
    while let Some(r) = rows.next()? {
        last = r.get(0)?;
        let tbl: String = r.get(1)?;
        let row: String = r.get(2)?;
        let col: Option<String> = r.get(3)?;
        if tbl == "photos" && col.as_deref() == Some("hash") {
            photos.push(row.clone());
        }
        changes.push(WireChange(
            tbl,
            row,
            col,
            WireValue::from(r.get::<_, rusqlite::types::Value>(4)?),
            r.get(5)?,
        ));
    }
    drop(rows);
    drop(stmt);
    let upto = if changes.len() < SEGMENT_CHANGES {
        newest
    } else {
        last
    };
    Ok((changes, upto, photos))
}

/// Copies the originals of `photo_rows` into the folder's blobs (once each).
fn send_blobs(
    store: &Store,
    folder: &Folder,
    key: Option<&TeamKey>,
    photo_rows: &[String],
    notices: &mut Vec<String>,
) -> Result<u32> {
    let mut done = HashSet::new();
    let mut copied = 0;
    for id in photo_rows {
        let (hash, format) = match store.get_photo(id) {
            Ok(p) => (p.hash, p.format),
            Err(Error::NotFound { .. }) => continue, // deleted since
            Err(e) => return Err(e),
        };
        if !done.insert(hash.clone()) {
            continue;
        }
        let target = folder.blob_path(&hash, format.as_str());
        if target.exists() {
            continue;
        }
        let source = store.photos().original_path(&hash, format);
        let bytes = match std::fs::read(&source) {
            Ok(b) => b,
            Err(e) => {
                notices.push(format!(
                    "photo {} could not be read for sync: {e}",
                    source.display()
                ));
                continue;
            }
        };
        let bytes = match key {
            Some(k) => k.seal(&bytes)?,
            None => bytes,
        };
        if folder.write_new(&target, &bytes)? {
            copied += 1;
        }
    }
    Ok(copied)
}

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
        .read_device(me)
        .is_some_and(|old| !super::clocks::report_stale(store, &old, &info))
    {
        return Ok(());
    }
    let bytes = serde_json::to_vec_pretty(&info).map_err(|e| Error::Other(e.to_string()))?;
    folder.write_replace(&folder.device_file(me), &bytes)
}
