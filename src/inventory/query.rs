//! The inventory list: filters, Korean-friendly substring search, paging.

use rusqlite::types::Value;

use super::vehicles::{vehicle_from_row, VEHICLE_COLUMNS};
use super::{VehiclePage, VehicleQuery};
use crate::db::Store;
use crate::error::Result;

const DEFAULT_LIMIT: u32 = 100;
const MAX_LIMIT: u32 = 1000;
/// The trigram index matches terms of at least this many characters.
const TRIGRAM: usize = 3;

/// WHERE clause and its parameters for `q`.
fn where_clause(q: &VehicleQuery) -> (String, Vec<Value>) {
    let mut conds: Vec<String> = Vec::new();
    let mut params: Vec<Value> = Vec::new();
    let mut push = |cond: &str, value: Value| {
        params.push(value);
        conds.push(cond.replace('?', &format!("?{}", params.len())));
    };
    if let Some(lot) = q.lot_id.as_deref().filter(|s| !s.is_empty()) {
        push("v.lot_id = ?", Value::Text(lot.to_owned()));
    }
    if let Some(status) = q.status {
        push("v.status = ?", Value::Text(status.as_str().to_owned()));
    }
    if let Some(model) = q.model.as_deref().filter(|s| !s.is_empty()) {
        push("v.model = ?", Value::Text(model.to_owned()));
    }
    if let Some(y) = q.year_min {
        push("v.year >= ?", Value::Integer(y.into()));
    }
    if let Some(y) = q.year_max {
        push("v.year <= ?", Value::Integer(y.into()));
    }
    if let Some(p) = q.price_min {
        push("v.price_krw >= ?", Value::Integer(p));
    }
    if let Some(p) = q.price_max {
        push("v.price_krw <= ?", Value::Integer(p));
    }
    if let Some(m) = q.mileage_max {
        push("v.odometer_km <= ?", Value::Integer(m));
    }
    let terms: Vec<String> = q
        .text
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let (long, short): (Vec<&String>, Vec<&String>) =
        terms.iter().partition(|t| t.chars().count() >= TRIGRAM);
    if !long.is_empty() {
        let phrase = long
            .iter()
            .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" ");
        push(
            "v.rid IN (SELECT rowid FROM vehicle_search WHERE vehicle_search MATCH ?)",
            Value::Text(phrase),
        );
    }
    for t in short {
        push(
            "v.rid IN (SELECT rowid FROM vehicle_search WHERE instr(body, ?) > 0)",
            Value::Text(t.clone()),
        );
    }
    let clause = if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    };
    (clause, params)
}

impl Store {
    /// One page of vehicles matching `q`, newest stock first, and the total.
    pub fn list_vehicles(&self, q: &VehicleQuery) -> Result<VehiclePage> {
        let (clause, params) = where_clause(q);
        let limit = q.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
        let offset = q.offset.unwrap_or(0);
        let conn = self.conn();
        let total: u32 = conn
            .prepare_cached(&format!("SELECT count(*) FROM vehicles v {clause}"))?
            .query_row(rusqlite::params_from_iter(params.iter()), |r| r.get(0))?;
        let n = params.len();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {VEHICLE_COLUMNS} FROM vehicles v JOIN lots l ON l.id = v.lot_id {clause}
             ORDER BY v.stock_date DESC, v.id DESC LIMIT ?{} OFFSET ?{}",
            n + 1,
            n + 2
        ))?;
        let paged = params
            .iter()
            .cloned()
            .chain([Value::Integer(limit.into()), Value::Integer(offset.into())]);
        let items = stmt
            .query_map(rusqlite::params_from_iter(paged), vehicle_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(VehiclePage { items, total })
    }
}
