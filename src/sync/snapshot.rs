//! Snapshots: the team's merged state, written now and then into the folder,
//! so a new computer joins by loading one and then applying only the
//! segments after it, instead of replaying every segment since the first
//! day (and so old segments can be retired, see `retire`).
//!
//! ```text
//! LOTBOOK-SNAPSHOT\n
//! {"format":1,"device":"…","covers":{"<device>":41,…},"count":…,"bytes":…,"blake3":"…","encrypted":false,"schema":14}\n
//! <body: `bytes` bytes, JSON list of [device, change], sealed when encrypted>
//! ```
//! A snapshot holds, for every field, its newest change (and any newer
//! change the column rules refuse), every row's newest delete, the changes
//! held for a clock ahead, voids, and the changes set aside at the door:
//! what last-writer-wins needs to reach the same rows as the full log.
//! `covers` names, per device, the segments 1..=n whose changes are all in
//! it. Like a segment it is immutable, checksummed, sealed with the team
//! key, and a damaged or unreadable one is skipped for another (or replay).

use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::apply;
use super::crypto::TeamKey;
use super::layout::{self, Folder, Read, Skipped};
use super::notice::Notice;
use super::schema::Schema;
use super::segment::{self, Unreadable, WireChange, WireValue};
use super::state;
use crate::db::rules;
use crate::db::Store;
use crate::error::{Error, Result};

pub const MAGIC: &[u8] = b"LOTBOOK-SNAPSHOT\n";
/// The snapshot format this version writes and reads.
pub const FORMAT: u32 = 1;
/// A computer writes a snapshot when it holds this many more segments than
/// the newest snapshot in the folder covers...
pub const EVERY_SEGMENTS: u64 = 200;
/// ...and it wrote none in the last this many hours.
pub const MIN_HOURS: i64 = 6;
/// A computer keeps this many of its own snapshots; older ones are removed.
const KEEP_OWN: usize = 2;
/// A snapshot's header is read within this many bytes.
const HEADER_PREFIX: u64 = 256 << 10;
/// This device's newest snapshot (`Mine`), in `local_meta`.
const MINE_KEY: &str = "sync.snapshot_mine";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    pub device: String,
    /// Per device, the segments 1..=n all in this snapshot.
    pub covers: BTreeMap<String, u64>,
    pub count: usize,
    pub bytes: u64,
    pub blake3: String,
    #[serde(default)]
    pub encrypted: bool,
    /// The writer's schema version (`db::migrate::SCHEMA_VERSION`; 0 before
    /// it was written). A writer of an older one dropped the changes of
    /// tables it did not know, so a computer prefers a snapshot of its own
    /// version or newer.
    #[serde(default)]
    pub schema: i64,
}

impl Header {
    fn total(&self) -> u64 {
        self.covers.values().sum()
    }
}

/// One change of the merged state and the device that made it.
pub type Entry = (String, WireChange);

/// This device's newest snapshot as it wrote it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Mine {
    pub name: String,
    pub blake3: String,
    pub covers: BTreeMap<String, u64>,
    /// When it was written (this computer's clock, RFC 3339).
    pub at: String,
}

pub fn mine(store: &Store) -> Result<Option<Mine>> {
    Ok(store
        .local_get(MINE_KEY)?
        .and_then(|json| serde_json::from_str(&json).ok()))
}

pub fn encode(
    device: &str,
    covers: BTreeMap<String, u64>,
    entries: &[Entry],
    key: Option<&TeamKey>,
) -> Result<Vec<u8>> {
    let json = serde_json::to_vec(entries)
        .map_err(|e| Error::Other(format!("snapshot encoding failed: {e}")))?;
    let body = match key {
        Some(k) => k.seal(&json)?,
        None => json,
    };
    let header = Header {
        format: FORMAT,
        device: device.to_owned(),
        covers,
        count: entries.len(),
        bytes: body.len() as u64,
        blake3: blake3::hash(&body).to_hex().to_string(),
        encrypted: key.is_some(),
        schema: crate::db::migrate::SCHEMA_VERSION,
    };
    let mut out = MAGIC.to_vec();
    serde_json::to_writer(&mut out, &header)
        .map_err(|e| Error::Other(format!("snapshot encoding failed: {e}")))?;
    out.push(b'\n');
    out.extend_from_slice(&body);
    Ok(out)
}

pub fn header(bytes: &[u8]) -> std::result::Result<(Header, &[u8]), Unreadable> {
    segment::split_framed(bytes, MAGIC, "it does not start like a snapshot")
}

/// The snapshot in `bytes`, written by `device` (its file name's).
pub fn decode(
    bytes: &[u8],
    device: &str,
    key: Option<&TeamKey>,
) -> std::result::Result<(Header, Vec<Entry>), Unreadable> {
    let (header, body) = header(bytes)?;
    if header.format > FORMAT {
        return Err(Unreadable::NewerFormat(header.format));
    }
    if header.device != device {
        return Err(Unreadable::NotASegment(format!(
            "it says it was written by device {}",
            header.device
        )));
    }
    let facts = (
        header.bytes,
        header.blake3.as_str(),
        header.encrypted,
        header.count,
    );
    let entries: Vec<Entry> = segment::open_body(body, facts, key)?;
    Ok((header, entries))
}

/// Per device, the segments 1..=n this database holds all of: applied here,
/// or (for this device) written here.
pub fn positions(store: &Store) -> Result<BTreeMap<String, u64>> {
    let mut out = BTreeMap::new();
    let mut stmt = store
        .conn()
        .prepare_cached("SELECT device_id, number FROM sync_applied ORDER BY device_id, number")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let device: String = r.get(0)?;
        let number = r.get::<_, i64>(1)? as u64;
        let at = out.entry(device).or_insert(0u64);
        if number == *at + 1 {
            *at = number;
        }
    }
    let marks = state::marks(store)?;
    let me = store.device_id();
    if marks.device.as_deref() == Some(me.as_str()) && marks.last_number > 0 {
        out.insert(me, marks.last_number);
    }
    out.retain(|_, n| *n > 0);
    Ok(out)
}

/// The merged state of this database, as snapshot entries: what its
/// segments hold. This computer's changes not sent yet stay out: the
/// snapshot's positions do not cover them, and a copy of the data folder
/// put over this one may lose them, so a snapshot carrying them would
/// reach some computers and not others.
pub fn collect(store: &Store) -> Result<Vec<Entry>> {
    let sent_upto = state::marks(store)?.sent_upto;
    let me = store.device_id();
    let tx = store.conn().unchecked_transaction()?;
    let mut out: Vec<Entry> = Vec::new();
    let entry = |r: &rusqlite::Row| -> rusqlite::Result<Entry> {
        Ok((
            r.get(5)?,
            WireChange(
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                WireValue::from(r.get::<_, rusqlite::types::Value>(3)?),
                r.get(4)?,
            ),
        ))
    };
    {
        // Per field, newest first: down to the first value the column
        // rules accept (the one `merge` picks), refused newer ones kept.
        let mut stmt = tx.prepare(
            "SELECT tbl, row_id, col, value, hlc, device_id FROM changes
             WHERE col IS NOT NULL AND tbl <> ?1
               AND NOT (seq > ?2 AND device_id = ?3)
             ORDER BY tbl, row_id, col, hlc || device_id DESC",
        )?;
        let mut rows = stmt.query(params![crate::db::restamp::VOID_TABLE, sent_upto, me])?;
        let mut done: Option<(String, String, String)> = None;
        while let Some(r) = rows.next()? {
            let (device, c) = entry(r)?;
            let col = c.2.clone().unwrap_or_default();
            if done
                .as_ref()
                .is_some_and(|(t, id, cl)| *t == c.0 && *id == c.1 && *cl == col)
            {
                continue;
            }
            let value: rusqlite::types::Value = r.get(3)?;
            if rules::check_field(&c.0, &c.1, &col, &value).is_ok() {
                done = Some((c.0.clone(), c.1.clone(), col));
            }
            out.push((device, c));
        }
    }
    {
        // Each row's newest delete hides every older change.
        let mut stmt = tx.prepare(
            "SELECT tbl, row_id, col, value, hlc, device_id FROM changes
             WHERE col IS NULL AND NOT (seq > ?1 AND device_id = ?2)
             ORDER BY tbl, row_id, hlc || device_id DESC",
        )?;
        let mut rows = stmt.query(params![sent_upto, me])?;
        let mut last: Option<(String, String)> = None;
        while let Some(r) = rows.next()? {
            let (device, c) = entry(r)?;
            if last.as_ref().is_some_and(|(t, id)| *t == c.0 && *id == c.1) {
                continue;
            }
            last = Some((c.0.clone(), c.1.clone()));
            out.push((device, c));
        }
    }
    for sql in [
        // Voids, all of them.
        "SELECT tbl, row_id, col, value, hlc, device_id FROM changes
         WHERE tbl = ?1 AND NOT (seq > ?2 AND device_id = ?3)",
        // Held for a clock ahead: every reader screens them again.
        "SELECT tbl, row_id, col, value, hlc, device_id FROM sync_held
         WHERE ?1 IS NOT NULL AND ?2 IS NOT NULL AND ?3 IS NOT NULL",
        // Refused at the door: every reader refuses them again alike.
        "SELECT tbl, row_id, col, value, hlc, device_id FROM sync_set_aside
         WHERE reason <> 'conflicts_with_row' AND ?1 IS NOT NULL AND ?2 IS NOT NULL AND ?3 IS NOT NULL",
    ] {
        let mut stmt = tx.prepare(sql)?;
        let rows = stmt.query_map(params![crate::db::restamp::VOID_TABLE, sent_upto, me], entry)?;
        for r in rows {
            out.push(r?);
        }
    }
    Ok(out)
}

/// Writes a snapshot of this database into the folder; returns its name
/// (None: nothing synced yet, or the name was taken).
pub fn write(store: &mut Store, folder: &Folder, key: Option<&TeamKey>) -> Result<Option<String>> {
    let me = store.device_id();
    let covers = positions(store)?;
    if covers.is_empty() {
        return Ok(None);
    }
    let entries = collect(store)?;
    let bytes = encode(&me, covers.clone(), &entries, key)?;
    let hlc = store.clock().now()?;
    let name = layout::snapshot_name(&hlc, &me);
    if !folder.write_new(&folder.snapshot_path(&name), &bytes, &me)? {
        return Ok(None);
    }
    let sum = header(&bytes).map(|(h, _)| h.blake3).unwrap_or_default();
    let record = Mine {
        name: name.clone(),
        blake3: sum,
        covers,
        at: crate::db::now_utc(),
    };
    let json = serde_json::to_string(&record).map_err(|e| Error::Other(e.to_string()))?;
    store.local_set(MINE_KEY, &json)?;
    remove_old_own(folder, &me);
    Ok(Some(name))
}

/// Our own snapshots but the newest [`KEEP_OWN`]: best effort (a file a
/// cloud drive holds open goes at a later pass).
fn remove_old_own(folder: &Folder, me: &str) {
    let Ok(names) = folder.snapshots(&mut Vec::new()) else {
        return;
    };
    let own: Vec<&String> = names
        .iter()
        .filter(|n| layout::parse_snapshot_name(n).is_some_and(|(_, d)| d == me))
        .collect();
    for name in own.iter().take(own.len().saturating_sub(KEEP_OWN)) {
        let _ = std::fs::remove_file(folder.snapshot_path(name));
    }
}

/// Writes a snapshot when this device holds [`EVERY_SEGMENTS`] more
/// segments than the folder's best snapshot covers and wrote none in the
/// last [`MIN_HOURS`].
pub fn write_if_due(
    store: &mut Store,
    folder: &Folder,
    key: Option<&TeamKey>,
) -> Result<Option<String>> {
    if let Some(m) = mine(store)? {
        let recent = chrono::DateTime::parse_from_rfc3339(&m.at).is_ok_and(|at| {
            chrono::Utc::now().signed_duration_since(at) < chrono::Duration::hours(MIN_HOURS)
        });
        if recent {
            return Ok(None);
        }
    }
    let held: u64 = positions(store)?.values().sum();
    let best = headers(folder, &mut Vec::new())?
        .into_iter()
        .map(|(_, h)| h.total())
        .max()
        .unwrap_or(0);
    if held < best + EVERY_SEGMENTS {
        return Ok(None);
    }
    write(store, folder, key)
}

/// The headers of the folder's snapshots that can be read, by name.
fn headers(folder: &Folder, skipped: &mut Vec<Skipped>) -> Result<Vec<(String, Header)>> {
    let mut out = Vec::new();
    for name in folder.snapshots(skipped)? {
        let path = folder.snapshot_path(&name);
        match read_header(&path) {
            Ok(Read::Bytes(b)) => {
                if let Ok((h, _)) = header(&b) {
                    out.push((name, h));
                }
            }
            Ok(Read::Missing) => {}
            Ok(Read::Refused { code, reason }) => skipped.push(Skipped::new(&path, code, reason)),
            Err(e) => return Err(layout::folder_error(&path, e)),
        }
    }
    Ok(out)
}

/// The first bytes of a snapshot, enough for its header: a small read
/// first (an idle pass reads every snapshot's header), a bigger one for a
/// team of many computers.
pub fn read_header(path: &std::path::Path) -> std::io::Result<Read> {
    let first = layout::read_prefix(path, 16 << 10)?;
    match &first {
        Read::Bytes(b)
            if matches!(header(b), Err(Unreadable::Incomplete)) && b.len() == 16 << 10 =>
        {
            layout::read_prefix(path, HEADER_PREFIX)
        }
        _ => Ok(first),
    }
}

/// What loading a snapshot did.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The positions of the snapshots loaded, per device the highest (None:
    /// none could be).
    pub covers: Option<BTreeMap<String, u64>>,
    pub applied: apply::Applied,
    /// A snapshot covering what was needed is in the folder (loaded, or
    /// unreadable here).
    pub covering_seen: bool,
}

/// Loads the best snapshot of the folder: one covering `need` (per device,
/// the segments this computer must get from a snapshot) if any, else the
/// one covering most, then others until every need is met (two computers
/// may each have retired segments covered only by their own snapshot). A
/// damaged, half-copied or unreadable one is skipped with a notice and the
/// next is tried.
pub fn load(
    store: &mut Store,
    schema: &Schema,
    folder: &Folder,
    key: Option<&TeamKey>,
    need: &BTreeMap<String, u64>,
    skipped: &mut Vec<Skipped>,
    notices: &mut Vec<Notice>,
) -> Result<Loaded> {
    let me = store.device_id();
    let mut candidates = headers(folder, skipped)?;
    let covers_need = |h: &Header| need.iter().all(|(d, n)| reaches(&h.covers, d, *n));
    // One that knows every table this computer knows beats one that
    // covers more: an older Lotbook's snapshot lacks the newer tables'
    // changes of the segments it covers. (Only when no such one is readable
    // is an older one used.)
    let knows_all = |h: &Header| h.schema >= crate::db::migrate::SCHEMA_VERSION;
    candidates.sort_by(|(an, a), (bn, b)| {
        (covers_need(b), knows_all(b), b.total(), bn).cmp(&(
            covers_need(a),
            knows_all(a),
            a.total(),
            an,
        ))
    });
    // What each device's retired segments need may sit in two snapshots
    // (two computers retired theirs, each covered by its own snapshot):
    // they are loaded one after the other until every need is met. Merging
    // is by stamp, so one snapshot's older values never undo another's.
    let fills = |h: &Header, need: &BTreeMap<String, u64>| {
        need.iter().any(|(d, n)| reaches(&h.covers, d, *n))
    };
    let covering_seen = need
        .iter()
        .all(|(d, n)| candidates.iter().any(|(_, h)| reaches(&h.covers, d, *n)));
    // Missing retired segments: only snapshots holding them help.
    if !need.is_empty() && !covering_seen {
        return Ok(Loaded::default());
    }
    // Otherwise one that holds another computer's segments we lack (never
    // our own snapshot read back for nothing).
    let held = positions(store)?;
    candidates.retain(|(_, h)| {
        fills(h, need)
            || h.covers
                .iter()
                .any(|(d, n)| *d != me && !reaches(&held, d, *n))
    });
    let mut remaining = need.clone();
    let mut out = Loaded {
        covering_seen,
        ..Loaded::default()
    };
    for (name, h) in candidates {
        if let Some(covers) = &out.covers {
            // One is loaded: another only for a need still open.
            remaining.retain(|d, n| !reaches(covers, d, *n));
            if remaining.is_empty() {
                break;
            }
            if !fills(&h, &remaining) {
                continue;
            }
        }
        let path = folder.snapshot_path(&name);
        let bytes = match layout::read_bounded(&path, layout::SNAPSHOT_CAP) {
            Ok(Read::Bytes(b)) => b,
            Ok(Read::Missing) => continue,
            Ok(Read::Refused { code, reason }) => {
                skipped.push(Skipped::new(&path, code, reason));
                continue;
            }
            Err(e) => return Err(layout::folder_error(&path, e)),
        };
        let writer = layout::parse_snapshot_name(&name)
            .map(|(_, d)| d.to_owned())
            .unwrap_or_default();
        let (header, entries) = match decode(&bytes, &writer, key) {
            Ok(x) => x,
            Err(why) => {
                let code = super::unreadable_code(&why);
                notices.push(Notice::new(
                    "snapshot_skipped",
                    &[("file", name.clone()), ("why", code.to_owned())],
                    format!(
                        "the snapshot {name} could not be used ({}); another one or the \
                         segments are used instead",
                        super::unreadable_reason(&why, &writer)
                    ),
                ));
                skipped.push(Skipped::new(
                    &path,
                    code,
                    super::unreadable_reason(&why, &writer),
                ));
                continue;
            }
        };
        // Our own changes come from us, as with our own segments.
        let mut batches: BTreeMap<String, Vec<WireChange>> = BTreeMap::new();
        for (device, change) in entries {
            if device != me {
                batches.entry(device).or_default().push(change);
            }
        }
        let applied = apply::apply_batch(store, schema, batches.into_iter().collect(), None)?;
        mark_covered(store, &me, &header.covers)?;
        notices.push(Notice::new(
            "snapshot_loaded",
            &[("file", name.clone())],
            format!("joined the team's data from the snapshot {name}"),
        ));
        out.applied.new_changes += applied.new_changes;
        out.applied.set_aside += applied.set_aside;
        out.applied.notices.extend(applied.notices);
        let covers = out.covers.get_or_insert_with(BTreeMap::new);
        for (d, n) in header.covers {
            let at = covers.entry(d).or_insert(0);
            *at = (*at).max(n);
        }
    }
    Ok(out)
}

/// Whether positions `covers` reach segment `n` of `device`.
fn reaches(covers: &BTreeMap<String, u64>, device: &str, n: u64) -> bool {
    covers.get(device).copied().unwrap_or(0) >= n
}

/// The segments a loaded snapshot covers count as applied here.
fn mark_covered(store: &mut Store, me: &str, covers: &BTreeMap<String, u64>) -> Result<()> {
    store.transact(|tx| {
        let mut mark = tx.prepare_cached(
            "INSERT OR IGNORE INTO sync_applied (device_id, number) VALUES (?1, ?2)",
        )?;
        for (device, upto) in covers {
            if device == me {
                continue;
            }
            for n in 1..=*upto {
                mark.execute(params![device, n as i64])?;
            }
            tx.prepare_cached(
                "INSERT INTO sync_devices (device_id, last_number) VALUES (?1, ?2)
                 ON CONFLICT (device_id) DO UPDATE SET
                     last_number = max(last_number, excluded.last_number)",
            )?
            .execute(params![device, *upto as i64])?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_reads_back_and_a_damaged_one_is_refused() {
        let device = "01900000-0000-7000-8000-000000000001";
        let entries: Vec<Entry> = vec![(
            device.into(),
            WireChange(
                "vehicles".into(),
                "r1".into(),
                Some("notes".into()),
                WireValue::Text("메모".into()),
                "0000018c2f5e1a00".into(),
            ),
        )];
        let covers: BTreeMap<String, u64> = [(device.to_owned(), 3)].into_iter().collect();
        let bytes = encode(device, covers.clone(), &entries, None).unwrap();
        let (h, back) = decode(&bytes, device, None).unwrap();
        assert_eq!(h.covers, covers);
        assert_eq!(back, entries);
        let half = &bytes[..bytes.len() - 3];
        assert_eq!(
            decode(half, device, None).unwrap_err(),
            Unreadable::Incomplete
        );
        let mut flipped = bytes.clone();
        let last = flipped.len() - 2;
        flipped[last] ^= 1;
        assert_eq!(
            decode(&flipped, device, None).unwrap_err(),
            Unreadable::Incomplete
        );
        assert!(matches!(
            decode(&bytes, "01900000-0000-7000-8000-000000000002", None),
            Err(Unreadable::NotASegment(_))
        ));
    }
}
