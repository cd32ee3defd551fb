//! Segment files: an immutable batch of one device's changes.
//!
//! ```text
//! LOTBOOK-SEGMENT\n
//! {"format":1,"device":"…","number":7,"count":120,"bytes":5120,"blake3":"…","encrypted":false}\n
//! <body: `bytes` bytes, JSON list of changes, sealed when encrypted>
//! ```
//! The header names the body's length and checksum, so a half-copied or
//! damaged file is recognised and left for later instead of half-applied.

use rusqlite::types::Value;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::crypto::TeamKey;

pub const MAGIC: &[u8] = b"LOTBOOK-SEGMENT\n";
/// The segment format this version writes and reads.
pub const FORMAT: u32 = 1;

/// A field value as it travels: SQLite's five storage classes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum WireValue {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob { blob: String },
}

impl From<Value> for WireValue {
    fn from(v: Value) -> Self {
        match v {
            Value::Null => WireValue::Null,
            Value::Integer(i) => WireValue::Int(i),
            Value::Real(f) => WireValue::Real(f),
            Value::Text(s) => WireValue::Text(s),
            Value::Blob(b) => WireValue::Blob {
                blob: super::crypto::hex(&b),
            },
        }
    }
}

impl WireValue {
    pub fn into_sql(self) -> Value {
        match self {
            WireValue::Null => Value::Null,
            WireValue::Int(i) => Value::Integer(i),
            WireValue::Real(f) => Value::Real(f),
            WireValue::Text(s) => Value::Text(s),
            WireValue::Blob { blob } => {
                Value::Blob(super::crypto::unhex(&blob).unwrap_or_default())
            }
        }
    }
}

/// One change: table, row id, column (`None` = the row was deleted), value,
/// clock stamp. The device is the segment's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireChange(
    pub String,
    pub String,
    pub Option<String>,
    pub WireValue,
    pub String,
);

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    pub device: String,
    pub number: u64,
    pub count: usize,
    pub bytes: u64,
    pub blake3: String,
    #[serde(default)]
    pub encrypted: bool,
}

#[derive(Debug, Clone)]
pub struct Segment {
    pub device: String,
    pub number: u64,
    pub changes: Vec<WireChange>,
}

/// Why a segment file was not applied (this time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// Shorter than its header says, or its checksum does not match: still
    /// being copied in, or damaged. Tried again next time.
    Incomplete,
    /// Written by a newer Lotbook.
    NewerFormat(u32),
    /// Encrypted while this device has no key, or the key does not open it.
    Locked,
    /// Not a segment at all, or it names another device or number.
    NotASegment(String),
}

pub fn encode(seg: &Segment, key: Option<&TeamKey>) -> crate::Result<Vec<u8>> {
    let json = serde_json::to_vec(&seg.changes)
        .map_err(|e| crate::Error::Other(format!("segment encoding failed: {e}")))?;
    let body = match key {
        Some(k) => k.seal(&json)?,
        None => json,
    };
    let header = Header {
        format: FORMAT,
        device: seg.device.clone(),
        number: seg.number,
        count: seg.changes.len(),
        bytes: body.len() as u64,
        blake3: blake3::hash(&body).to_hex().to_string(),
        encrypted: key.is_some(),
    };
    let mut out = MAGIC.to_vec();
    serde_json::to_writer(&mut out, &header)
        .map_err(|e| crate::Error::Other(format!("segment encoding failed: {e}")))?;
    out.push(b'\n');
    out.extend_from_slice(&body);
    Ok(out)
}

/// Reads the header only (to learn a segment's format or device cheaply).
pub fn header(bytes: &[u8]) -> Result<(Header, &[u8]), Unreadable> {
    split_framed(bytes, MAGIC, "it does not start like one")
}

/// A framed file (segment or snapshot): `magic`, a JSON header line, the
/// body. `unlike` says why a file that starts otherwise is not one.
pub(super) fn split_framed<'a, H: DeserializeOwned>(
    bytes: &'a [u8],
    magic: &[u8],
    unlike: &str,
) -> Result<(H, &'a [u8]), Unreadable> {
    let rest = match bytes.strip_prefix(magic) {
        Some(rest) => rest,
        // A prefix of the magic is a file still being written.
        None if magic.starts_with(bytes) => return Err(Unreadable::Incomplete),
        None => return Err(Unreadable::NotASegment(unlike.into())),
    };
    let Some(end) = rest.iter().position(|b| *b == b'\n') else {
        return Err(Unreadable::Incomplete);
    };
    let header: H = serde_json::from_slice(&rest[..end])
        .map_err(|e| Unreadable::NotASegment(format!("its header cannot be read: {e}")))?;
    Ok((header, &rest[end + 1..]))
}

/// A framed file's body checked against its header (size and checksum:
/// else still being copied in, or damaged), opened with the team key when
/// sealed, and read as exactly the `count` items the header names.
pub(super) fn open_body<T: DeserializeOwned>(
    body: &[u8],
    (bytes, blake3, encrypted, count): (u64, &str, bool, usize),
    key: Option<&TeamKey>,
) -> Result<Vec<T>, Unreadable> {
    if body.len() as u64 != bytes || blake3::hash(body).to_hex().as_str() != blake3 {
        return Err(Unreadable::Incomplete);
    }
    let json = match (encrypted, key) {
        (false, _) => body.to_vec(),
        (true, Some(k)) => k.open(body).ok_or(Unreadable::Locked)?,
        (true, None) => return Err(Unreadable::Locked),
    };
    let items: Vec<T> = serde_json::from_slice(&json)
        .map_err(|e| Unreadable::NotASegment(format!("its changes cannot be read: {e}")))?;
    if items.len() != count {
        return Err(Unreadable::NotASegment(format!(
            "it holds {} changes, its header says {count}",
            items.len()
        )));
    }
    Ok(items)
}

pub fn decode(
    bytes: &[u8],
    device: &str,
    number: u64,
    key: Option<&TeamKey>,
) -> Result<Segment, Unreadable> {
    let (header, body) = header(bytes)?;
    if header.format > FORMAT {
        return Err(Unreadable::NewerFormat(header.format));
    }
    if header.device != device || header.number != number {
        return Err(Unreadable::NotASegment(format!(
            "it says it is segment {} of device {}",
            header.number, header.device
        )));
    }
    let facts = (
        header.bytes,
        header.blake3.as_str(),
        header.encrypted,
        header.count,
    );
    let changes = open_body(body, facts, key)?;
    Ok(Segment {
        device: header.device,
        number,
        changes,
    })
}

#[cfg(test)]
mod tests;
