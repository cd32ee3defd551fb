//! Turns the change log into rows: each synced row is a pure function of the
//! changes known for it, so devices holding the same changes hold the same
//! rows, whatever order the changes came in.
//!
//! - A field's value is its newest change (clock stamp, then device id).
//! - A delete hides every change older than it; the row exists again only
//!   if later changes set every required column (it was created anew).
//! - A row whose parent row has not arrived waits in `sync_pending`; one
//!   whose parent was deleted goes with it (CASCADE), or loses the link
//!   (SET NULL). A parent that children still need (RESTRICT: a lot with
//!   cars) is kept, so no car ever disappears because a lot was removed on
//!   another computer at the same time.

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Transaction};

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashSet};

use super::apply::Logged;
use super::schema::{OnDelete, Schema, Table};
use crate::db::many::insert_many;
use crate::db::rules;
use crate::error::Result;

enum Desired {
    Live(Vec<(String, Value)>),
    Dead,
    /// Not created here yet: its creating changes have not arrived.
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Written,
    Deleted,
    Pending,
}

pub struct Merger<'a> {
    tx: &'a Transaction<'a>,
    schema: &'a Schema,
    /// Photos rows written: their originals may have to be fetched.
    pub photos_written: Vec<String>,
    /// Plain-words notices for the sync log.
    pub notices: Vec<super::Notice>,
    /// Whether `sync_pending` may hold rows (None: not asked yet). While it
    /// holds none, a row written needs no "stop waiting" delete.
    pending_rows: Cell<Option<bool>>,
    /// New rows held back to go in together (`group_inserts`), or None.
    group: RefCell<Option<Group>>,
    grouping: bool,
    /// Photos rows a group wrote (into `photos_written` at `finish`).
    flushed_photos: RefCell<Vec<String>>,
}

/// New rows of one table with the same columns, written by one multi-row
/// INSERT per `GROUP_ROWS`: a statement that writes the search index costs
/// a flush of its pending terms and a statement journal, once per statement
/// instead of once per row.
struct Group {
    table: &'static str,
    cols: Vec<String>,
    rows: Vec<(String, Vec<Value>)>,
    ids: HashSet<String>,
}

/// Rows per multi-row INSERT, within SQLite's 32,766 parameters.
const GROUP_ROWS: usize = 1000;
const GROUP_PARAMS: usize = 30_000;

/// The changes of one row, from the log or handed in from memory.
#[derive(Clone, Copy)]
enum Source<'s> {
    Log,
    /// Every change the log holds of the row (see `materialize_from`).
    Batch(&'s [Logged], &'s [String]),
}

/// Deep enough for a chain parent → child → grandchild arriving reversed.
const MAX_DEPTH: u8 = 4;

impl<'a> Merger<'a> {
    pub fn new(tx: &'a Transaction<'a>, schema: &'a Schema) -> Self {
        Merger {
            tx,
            schema,
            photos_written: Vec::new(),
            notices: Vec::new(),
            pending_rows: Cell::new(None),
            group: RefCell::new(None),
            grouping: false,
            flushed_photos: RefCell::new(Vec::new()),
        }
    }

    /// From now on, a new row that `materialize_from` writes at the top
    /// level (its outcome unused) may be held back and written with others
    /// of its table; anything that could see it first writes them. The
    /// caller must end with `finish`. Sound because writing such a row
    /// changes nothing the merge reads but the row itself: capture is paused
    /// (its triggers write no change) and the other triggers on synced
    /// tables write only the search index (`tests::triggers_write_only_the_search_index`).
    pub(super) fn group_inserts(&mut self) {
        self.grouping = true;
    }

    /// Writes the rows held back; a group the table refuses is written row
    /// by row, as without grouping (a refused row waits).
    pub(super) fn finish(&mut self) -> Result<()> {
        self.flush()?;
        let flushed = std::mem::take(self.flushed_photos.get_mut());
        self.photos_written.extend(flushed);
        Ok(())
    }

    fn flush(&self) -> Result<()> {
        let Some(group) = self.group.borrow_mut().take() else {
            return Ok(());
        };
        let Some(table) = self.schema.table(group.table) else {
            return Ok(());
        };
        let width = group.cols.len() + 1;
        let per = (GROUP_PARAMS / width).clamp(1, GROUP_ROWS);
        let columns = std::iter::once("id".to_owned())
            .chain(group.cols.iter().map(|c| format!("\"{c}\"")))
            .collect::<Vec<_>>()
            .join(", ");
        for chunk in group.rows.chunks(per) {
            let mut bound: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(chunk.len() * width);
            for (id, values) in chunk {
                bound.push(id);
                bound.extend(values.iter().map(|v| v as &dyn rusqlite::ToSql));
            }
            let written = insert_many(
                self.tx,
                group.table,
                &columns,
                width,
                &bound,
                chunk.len() == per,
            )?;
            for (id, values) in chunk {
                if written {
                    self.set_pending(group.table, id, false)?;
                    if group.table == "photos" {
                        self.flushed_photos.borrow_mut().push(id.clone());
                    }
                    continue;
                }
                // The statement was undone whole: each row as it would
                // have gone alone.
                let values: Vec<(String, Value)> = group
                    .cols
                    .iter()
                    .cloned()
                    .zip(values.iter().cloned())
                    .collect();
                if self.upsert(table, id, &values)? {
                    self.set_pending(group.table, id, false)?;
                    if group.table == "photos" {
                        self.flushed_photos.borrow_mut().push(id.clone());
                    }
                } else {
                    self.set_pending(group.table, id, true)?;
                }
            }
        }
        Ok(())
    }

    /// Makes the row `tbl`/`id` match its changes.
    pub fn materialize(&mut self, tbl: &str, id: &str) -> Result<Outcome> {
        self.materialize_at(tbl, id, false, 0, Source::Log)
    }

    /// As `materialize`, for a row whose changes in the log are exactly
    /// `logged` (of `devices`), all of them valid by the column rules (the
    /// caller put them in through the same doors): the same choice of
    /// values without reading them back. Parents it needs are read from
    /// the log as usual.
    pub(super) fn materialize_from(
        &mut self,
        tbl: &str,
        id: &str,
        logged: &[Logged],
        devices: &[String],
    ) -> Result<Outcome> {
        self.materialize_at(tbl, id, false, 0, Source::Batch(logged, devices))
    }

    fn materialize_at(
        &mut self,
        tbl: &str,
        id: &str,
        keep: bool,
        depth: u8,
        source: Source,
    ) -> Result<Outcome> {
        let Some(table) = self.schema.table(tbl) else {
            return Ok(Outcome::Pending);
        };
        let mut state = self.desired(table, id, keep, source)?;
        if matches!(state, Desired::Dead) && self.children_need(table, id)? {
            state = self.desired(table, id, true, source)?;
            self.notices.push(super::Notice::new(
                "kept_deleted",
                &[("table", tbl.to_owned()), ("id", id.to_owned())],
                format!("{tbl} {id} was deleted on another computer but is still used here; it was kept"),
            ));
        }
        match state {
            Desired::Unknown => {
                // A row whose creating change was set aside (a required value
                // refused) does not wait: it is listed there instead, and a
                // valid change to that field creates it.
                if !self.exists(tbl, id)? {
                    let waits = !self.has_set_aside(tbl, id)?;
                    self.set_pending(tbl, id, waits)?;
                }
                Ok(Outcome::Pending)
            }
            Desired::Dead => {
                self.flush()?; // a delete may cascade to rows held back
                self.tx
                    .prepare_cached(&format!("DELETE FROM {tbl} WHERE id = ?1"))?
                    .execute([id])?;
                self.set_pending(tbl, id, false)?;
                Ok(Outcome::Deleted)
            }
            Desired::Live(mut values) => {
                let mut waiting = false;
                for fk in &table.foreign_keys {
                    let Some(slot) = values.iter().position(|(c, _)| *c == fk.column) else {
                        continue;
                    };
                    let Value::Text(parent_id) = &values[slot].1 else {
                        continue;
                    };
                    let parent_id = parent_id.clone();
                    if self.exists(&fk.parent, &parent_id)? {
                        continue;
                    }
                    let parent = if depth < MAX_DEPTH {
                        let keep_parent = fk.on_delete == OnDelete::Restrict;
                        self.materialize_at(
                            &fk.parent,
                            &parent_id,
                            keep_parent,
                            depth + 1,
                            Source::Log,
                        )?
                    } else {
                        Outcome::Pending
                    };
                    match (parent, fk.on_delete) {
                        (Outcome::Written, _) => {}
                        (Outcome::Deleted, OnDelete::SetNull) => values[slot].1 = Value::Null,
                        (Outcome::Pending, OnDelete::SetNull) => {
                            values[slot].1 = Value::Null;
                            waiting = true;
                        }
                        (Outcome::Deleted, _) => {
                            self.flush()?;
                            self.tx
                                .prepare_cached(&format!("DELETE FROM {tbl} WHERE id = ?1"))?
                                .execute([id])?;
                            self.set_pending(tbl, id, false)?;
                            return Ok(Outcome::Deleted);
                        }
                        (Outcome::Pending, _) => {
                            self.set_pending(tbl, id, true)?;
                            return Ok(Outcome::Pending);
                        }
                    }
                }
                if depth == 0
                    && !waiting
                    && self.grouping
                    && matches!(source, Source::Batch(..))
                    && !self.exists(tbl, id)?
                {
                    self.hold_back(table, id, values)?;
                    return Ok(Outcome::Written);
                }
                if !self.upsert(table, id, &values)?
                    && !self.write_without_newest(table, id, values)?
                {
                    self.set_pending(tbl, id, true)?;
                    return Ok(Outcome::Pending);
                }
                self.set_pending(tbl, id, waiting)?;
                if tbl == "photos" {
                    self.photos_written.push(id.to_owned());
                }
                Ok(Outcome::Written)
            }
        }
    }

    /// Holds back a new row to go in with others of its table and columns.
    fn hold_back(&self, table: &Table, id: &str, values: Vec<(String, Value)>) -> Result<()> {
        let fits = self.group.borrow().as_ref().is_none_or(|g| {
            g.table == table.name
                && g.cols.len() == values.len()
                && g.cols.iter().zip(&values).all(|(a, (b, _))| a == b)
        });
        if !fits {
            self.flush()?;
        }
        let mut group = self.group.borrow_mut();
        let g = group.get_or_insert_with(|| Group {
            table: table.name,
            cols: values.iter().map(|(c, _)| c.clone()).collect(),
            rows: Vec::new(),
            ids: HashSet::new(),
        });
        g.ids.insert(id.to_owned());
        g.rows
            .push((id.to_owned(), values.into_iter().map(|(_, v)| v).collect()));
        Ok(())
    }

    fn desired(
        &self,
        table: &Table,
        id: &str,
        ignore_deletes: bool,
        source: Source,
    ) -> Result<Desired> {
        if let Source::Batch(logged, devices) = source {
            return Ok(desired_from(table, logged, devices, ignore_deletes));
        }
        let deleted_at: Option<String> = if ignore_deletes {
            None
        } else {
            self.tx
                .prepare_cached(
                    "SELECT max(hlc) FROM changes WHERE tbl = ?1 AND row_id = ?2 AND col IS NULL",
                )?
                .query_row([table.name, id], |r| r.get(0))?
        };
        // Newest first per field; the first value that passes the column
        // rules wins. A refused value never wins (whether it was set aside on
        // arrival or is in the log from before the rules, or from this
        // device's own log), so every computer picks the same one.
        let mut stmt = self.tx.prepare_cached(
            "SELECT col, value FROM changes
             WHERE tbl = ?1 AND row_id = ?2 AND col IS NOT NULL AND hlc > ?3
             ORDER BY col, hlc || device_id DESC",
        )?;
        let mut rows = stmt.query(params![table.name, id, deleted_at.as_deref().unwrap_or("")])?;
        let mut values: Vec<(String, Value)> = Vec::new();
        while let Some(r) = rows.next()? {
            let col: String = r.get(0)?;
            if values.last().is_some_and(|(c, _)| *c == col) {
                continue;
            }
            // A column of a newer Lotbook's schema is kept in the log only.
            if !table.has_column(&col) {
                continue;
            }
            let value: Value = r.get(1)?;
            if rules::check_field(table.name, id, &col, &value).is_ok() {
                values.push((col, value));
            }
        }
        let complete = table
            .required
            .iter()
            .all(|req| values.iter().any(|(c, _)| c == req));
        Ok(if complete && !values.is_empty() {
            Desired::Live(values)
        } else if deleted_at.is_some() {
            Desired::Dead
        } else {
            Desired::Unknown
        })
    }

    fn children_need(&self, table: &Table, id: &str) -> Result<bool> {
        self.flush()?;
        for (child, column) in &table.restricted_by {
            let used = self
                .tx
                .prepare_cached(&format!(
                    "SELECT 1 FROM {child} WHERE \"{column}\" = ?1 LIMIT 1"
                ))?
                .query_row([id], |_| Ok(()))
                .optional()?
                .is_some();
            if used {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// An existing row the table refuses as a whole (a check across columns,
    /// such as a visit's kind and customer): the one field value whose
    /// leaving out lets the rest be written is set aside (reason
    /// `conflicts_with_row`), so later edits of its other fields still land.
    /// Fields are tried newest stamp first, so every computer holding the
    /// same changes sets aside the same one.
    fn write_without_newest(
        &self,
        table: &Table,
        id: &str,
        values: Vec<(String, Value)>,
    ) -> Result<bool> {
        if !self.exists(table.name, id)? {
            return Ok(false);
        }
        let mut stamped: Vec<(String, String, usize)> = Vec::new();
        for (i, (col, value)) in values.iter().enumerate() {
            let stamp: Option<(String, String)> = self
                .tx
                .prepare_cached(
                    "SELECT hlc, device_id FROM changes
                     WHERE tbl = ?1 AND row_id = ?2 AND col = ?3 AND value IS ?4
                     ORDER BY hlc || device_id DESC LIMIT 1",
                )?
                .query_row(params![table.name, id, col, value], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            if let Some((hlc, device)) = stamp {
                stamped.push((hlc, device, i));
            }
        }
        stamped.sort_by(|a, b| (&b.0, &b.1).cmp(&(&a.0, &a.1)));
        for (hlc, device, i) in stamped {
            let rest: Vec<(String, Value)> = values
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, v)| v.clone())
                .collect();
            if rest.is_empty() || !self.upsert(table, id, &rest)? {
                continue;
            }
            let (col, value) = &values[i];
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO sync_set_aside
                         (tbl, row_id, col, value, hlc, device_id, op, reason, params, set_aside_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'set', 'conflicts_with_row', '{}', ?7)",
                )?
                .execute(params![
                    table.name,
                    id,
                    col,
                    value,
                    hlc,
                    device,
                    crate::db::now_utc()
                ])?;
            return Ok(true);
        }
        Ok(false)
    }

    fn has_set_aside(&self, tbl: &str, id: &str) -> Result<bool> {
        Ok(self
            .tx
            .prepare_cached("SELECT 1 FROM sync_set_aside WHERE tbl = ?1 AND row_id = ?2 LIMIT 1")?
            .query_row([tbl, id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    fn exists(&self, tbl: &str, id: &str) -> Result<bool> {
        let held = self
            .group
            .borrow()
            .as_ref()
            .is_some_and(|g| g.table == tbl && g.ids.contains(id));
        if held {
            self.flush()?;
        }
        Ok(self
            .tx
            .prepare_cached(&format!("SELECT 1 FROM {tbl} WHERE id = ?1"))?
            .query_row([id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Writes the row; false when the table refuses it (a check or a
    /// reference that cannot hold yet), which leaves it pending.
    fn upsert(&self, table: &Table, id: &str, values: &[(String, Value)]) -> Result<bool> {
        self.flush()?; // writes go in their order
        let tbl = table.name;
        let sql = if self.exists(tbl, id)? {
            let sets: Vec<String> = values
                .iter()
                .enumerate()
                .map(|(i, (c, _))| format!("\"{c}\" = ?{}", i + 2))
                .collect();
            let differs: Vec<String> = values
                .iter()
                .enumerate()
                .map(|(i, (c, _))| format!("\"{c}\" IS NOT ?{}", i + 2))
                .collect();
            format!(
                "UPDATE {tbl} SET {} WHERE id = ?1 AND ({})",
                sets.join(", "),
                differs.join(" OR ")
            )
        } else {
            let cols: Vec<String> = values.iter().map(|(c, _)| format!("\"{c}\"")).collect();
            let marks: Vec<String> = (0..values.len()).map(|i| format!("?{}", i + 2)).collect();
            format!(
                "INSERT INTO {tbl} (id, {}) VALUES (?1, {})",
                cols.join(", "),
                marks.join(", ")
            )
        };
        let mut stmt = self.tx.prepare_cached(&sql)?;
        let mut bound: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(values.len() + 1);
        bound.push(&id);
        bound.extend(values.iter().map(|(_, v)| v as &dyn rusqlite::ToSql));
        match stmt.execute(bound.as_slice()) {
            Ok(_) => Ok(true),
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
                Ok(false)
            }
            Err(e) => Err(e.into()),
        }
    }

    fn set_pending(&self, tbl: &str, id: &str, pending: bool) -> Result<()> {
        if pending {
            self.pending_rows.set(Some(true));
        } else {
            let any = match self.pending_rows.get() {
                Some(any) => any,
                None => {
                    let any: bool = self
                        .tx
                        .prepare_cached("SELECT EXISTS (SELECT 1 FROM sync_pending)")?
                        .query_row([], |r| r.get(0))?;
                    self.pending_rows.set(Some(any));
                    any
                }
            };
            if !any {
                return Ok(()); // nothing waits: nothing stops waiting
            }
        }
        let sql = if pending {
            "INSERT OR IGNORE INTO sync_pending (tbl, row_id) VALUES (?1, ?2)"
        } else {
            "DELETE FROM sync_pending WHERE tbl = ?1 AND row_id = ?2"
        };
        self.tx.prepare_cached(sql)?.execute([tbl, id])?;
        Ok(())
    }
}

/// `Merger::desired` over changes held in memory: the same rule as its
/// query. The newest delete (by stamp) hides every change not stamped after
/// it; each column's value is its newest change by stamp then device id
/// (`hlc || device_id`, compared as text like SQLite's BINARY); columns
/// this schema does not have stay in the log only. Every change here passed
/// `rules::check_value` on its way in, so the newest is the first valid one.
fn desired_from(
    table: &Table,
    logged: &[Logged],
    devices: &[String],
    ignore_deletes: bool,
) -> Desired {
    let deleted_at: Option<&str> = if ignore_deletes {
        None
    } else {
        logged
            .iter()
            .filter(|c| c.col.is_none())
            .map(|c| c.hlc.as_str())
            .max()
    };
    let after = deleted_at.unwrap_or("");
    fn stamp<'a>(c: &'a Logged, devices: &'a [String]) -> impl Iterator<Item = u8> + 'a {
        let device = devices.get(c.device).map_or("", String::as_str);
        c.hlc.bytes().chain(device.bytes())
    }
    let mut newest: BTreeMap<&str, &Logged> = BTreeMap::new();
    for c in logged {
        let Some(col) = c.col.as_deref() else {
            continue;
        };
        if c.hlc.as_str() <= after || !table.has_column(col) {
            continue;
        }
        debug_assert!(rules::check_value(table.name, col, &c.value).is_ok());
        match newest.get(col) {
            Some(held) if stamp(held, devices).cmp(stamp(c, devices)).is_ge() => {}
            _ => {
                newest.insert(col, c);
            }
        }
    }
    let values: Vec<(String, Value)> = newest
        .into_iter()
        .map(|(col, c)| (col.to_owned(), c.value.clone()))
        .collect();
    let complete = table
        .required
        .iter()
        .all(|req| values.iter().any(|(c, _)| c == req));
    if complete && !values.is_empty() {
        Desired::Live(values)
    } else if deleted_at.is_some() {
        Desired::Dead
    } else {
        Desired::Unknown
    }
}

#[cfg(test)]
mod tests;
