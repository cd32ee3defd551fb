//! A record's history from the change log: who changed which field when,
//! and what it replaced, including values overwritten by another computer.

use rusqlite::types::Value;
use serde::Serialize;
use ts_rs::TS;

use crate::db::clock::parse_hlc;
use crate::db::Store;
use crate::error::Result;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FieldChange {
    pub column: String,
    /// The value as text ("" for none).
    pub value: String,
    /// What it replaced, if anything.
    pub replaced: Option<String>,
    /// RFC 3339 UTC, from the change's clock stamp.
    pub at: String,
    /// Who made it: the user of that computer, or its name.
    pub by: String,
    /// The value it replaced came from another computer (two people
    /// changed the same field).
    pub replaced_other: bool,
    /// This value is the field's current one.
    pub current: bool,
}

/// Changes of one row, newest first (at most `limit`), the row's creation
/// left out: each entry is an edit after it.
pub fn row_history(
    store: &Store,
    tbl: &str,
    row_id: &str,
    limit: usize,
) -> Result<Vec<FieldChange>> {
    let mut stmt = store.conn().prepare(
        "SELECT c.col, c.value, c.hlc, c.device_id,
                coalesce(nullif(d.user_name, ''), nullif(d.name, ''), '')
         FROM changes c LEFT JOIN sync_devices d ON d.device_id = c.device_id
         WHERE c.tbl = ?1 AND c.row_id = ?2 AND c.col IS NOT NULL
         ORDER BY c.col, c.hlc, c.device_id",
    )?;
    let rows: Vec<(String, Value, String, String, String)> = stmt
        .query_map([tbl, row_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let me = store.me()?.map(|u| u.name).unwrap_or_default();
    let mut out = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let col = &rows[i].0;
        let end = rows[i..]
            .iter()
            .position(|r| &r.0 != col)
            .map_or(rows.len(), |p| i + p);
        let field = &rows[i..end];
        for (k, (column, value, hlc, device, who)) in field.iter().enumerate().skip(1) {
            let prev = &field[k - 1];
            out.push(FieldChange {
                column: column.clone(),
                value: text(value),
                replaced: Some(text(&prev.1)),
                at: hlc_time(hlc),
                by: if who.is_empty() {
                    me.clone()
                } else {
                    who.clone()
                },
                replaced_other: prev.3 != *device,
                current: k == field.len() - 1,
            });
        }
        i = end;
    }
    out.sort_by(|a, b| b.at.cmp(&a.at));
    out.truncate(limit);
    Ok(out)
}

fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Text(s) => s.clone(),
        Value::Blob(b) => format!("({} bytes)", b.len()),
    }
}

/// The wall time inside a clock stamp (its upper 32 bits are seconds).
fn hlc_time(hlc: &str) -> String {
    let secs = parse_hlc(hlc).map_or(0, |t| (t >> 32) as i64);
    let t = chrono::DateTime::from_timestamp(secs, 0).unwrap_or_default();
    crate::db::utc_text(t)
}
