//! The inventory list: filters, Korean-friendly search, paging.
//!
//! Filters run on covering indexes (see migration 0001), so counting never
//! reads the wide vehicle rows. Search terms of 3+ characters use the
//! trigram index (any substring: "SM5" finds SM520); shorter ones use the
//! word index with prefixes ("월평" finds 월평동). How the matching rows are
//! joined depends on how many there are: a few are looked up by row number
//! and sorted; many are found by walking the list-order index and checking
//! membership, which stops as soon as the page is full.

use rusqlite::types::Value;
use rusqlite::Connection;

use super::vehicles::{vehicle_from_row, VEHICLE_COLUMNS};
use super::{VehiclePage, VehicleQuery};
use crate::db::Store;
use crate::error::Result;

const DEFAULT_LIMIT: u32 = 100;
const MAX_LIMIT: u32 = 1000;
/// The trigram index matches terms of at least this many characters.
const TRIGRAM: usize = 3;
/// Looking a match up and sorting it costs about this many index entries
/// walked (measured with `cargo bench --bench inventory_search`).
const LOOKUP_COST: u64 = 4;
/// Above this many, counting by walking a filter index beats looking every
/// match up (a count must visit all of them, a page stops when it is full).
const WALK_FOR_COUNT: u32 = 2000;

/// SQL with `?` placeholders and the values for them, in order.
#[derive(Default, Clone)]
struct Sql {
    text: String,
    params: Vec<Value>,
}

impl Sql {
    fn count(&self, conn: &Connection) -> Result<u32> {
        Ok(conn
            .prepare_cached(&self.text)?
            .query_row(rusqlite::params_from_iter(self.params.iter()), |r| r.get(0))?)
    }
}

fn quote(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// The rowid set of vehicles matching every search term, if there are terms.
fn text_set(text: Option<&str>) -> Option<Sql> {
    let terms: Vec<String> = text
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let (long, short): (Vec<&String>, Vec<&String>) =
        terms.iter().partition(|t| t.chars().count() >= TRIGRAM);
    let mut parts: Vec<&str> = Vec::new();
    let mut params = Vec::new();
    if !long.is_empty() {
        parts.push("SELECT rowid FROM vehicle_search WHERE vehicle_search MATCH ?");
        params.push(Value::Text(
            long.iter().map(|t| quote(t)).collect::<Vec<_>>().join(" "),
        ));
    }
    if !short.is_empty() {
        parts.push("SELECT rowid FROM vehicle_words WHERE vehicle_words MATCH ?");
        params.push(Value::Text(
            short
                .iter()
                .map(|t| format!("{}*", quote(t)))
                .collect::<Vec<_>>()
                .join(" "),
        ));
    }
    (!parts.is_empty()).then(|| Sql {
        text: parts.join(" INTERSECT "),
        params,
    })
}

/// One filter of the list: `v.<column> <op> ?`.
struct Term {
    column: &'static str,
    op: &'static str,
    value: Value,
}

/// Every filter of `q` except the text.
fn filters(q: &VehicleQuery) -> Vec<Term> {
    let mut terms = Vec::new();
    let mut add = |column, op, value| terms.push(Term { column, op, value });
    if let Some(lot) = q.lot_id.as_deref().filter(|s| !s.is_empty()) {
        add("lot_id", "=", Value::Text(lot.to_owned()));
    }
    if let Some(status) = q.status {
        add("status", "=", Value::Text(status.as_str().to_owned()));
    }
    if let Some(model) = q.model.as_deref().filter(|s| !s.is_empty()) {
        add("model", "=", Value::Text(model.to_owned()));
    }
    if let Some(y) = q.year_min {
        add("year", ">=", Value::Integer(y.into()));
    }
    if let Some(y) = q.year_max {
        add("year", "<=", Value::Integer(y.into()));
    }
    if let Some(p) = q.price_min {
        add("price_krw", ">=", Value::Integer(p));
    }
    if let Some(p) = q.price_max {
        add("price_krw", "<=", Value::Integer(p));
    }
    if let Some(m) = q.mileage_max {
        add("odometer_km", "<=", Value::Integer(m));
    }
    terms
}

/// How rows matching the text are reached.
#[derive(Clone, Copy, PartialEq)]
enum Access {
    /// Look each match up by row number (few matches).
    Lookup,
    /// Walk an index and test membership (many matches).
    Walk,
}

/// `WHERE …` over `v` for the filters and, if any, the text matches.
/// A unary `+` keeps SQLite from using an index for that term, which is how
/// the chosen access path is imposed.
fn where_clause(filters: &[Term], text: Option<&Sql>, access: Access) -> Sql {
    let looked_up = text.is_some() && access == Access::Lookup;
    let mut conds: Vec<String> = filters
        .iter()
        .map(|t| {
            format!(
                "{}v.{} {} ?",
                if looked_up { "+" } else { "" },
                t.column,
                t.op
            )
        })
        .collect();
    let mut params: Vec<Value> = filters.iter().map(|t| t.value.clone()).collect();
    if let Some(set) = text {
        let rid = if access == Access::Walk {
            "+v.rid"
        } else {
            "v.rid"
        };
        conds.push(format!("{rid} IN ({})", set.text));
        params.extend(set.params.iter().cloned());
    }
    let text = if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    };
    Sql { text, params }
}

impl Store {
    /// One page of vehicles matching `q`, newest stock first, and the total.
    pub fn list_vehicles(&self, q: &VehicleQuery) -> Result<VehiclePage> {
        let conn = self.conn();
        let limit = q.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
        let offset = q.offset.unwrap_or(0);
        let filters = filters(q);
        let text = text_set(q.text.as_deref());
        let text_matches = match &text {
            Some(set) => Some(
                Sql {
                    text: format!("SELECT count(*) FROM ({})", set.text),
                    params: set.params.clone(),
                }
                .count(conn)?,
            ),
            None => None,
        };
        if text_matches == Some(0) {
            return Ok(VehiclePage {
                items: Vec::new(),
                total: 0,
            });
        }
        let matches = text_matches.unwrap_or(0);
        let total = match text_matches {
            Some(n) if filters.is_empty() => n,
            _ => {
                let access = if matches > WALK_FOR_COUNT {
                    Access::Walk
                } else {
                    Access::Lookup
                };
                let clause = where_clause(&filters, text.as_ref(), access);
                Sql {
                    text: format!("SELECT count(*) FROM vehicles v {}", clause.text),
                    params: clause.params,
                }
                .count(conn)?
            }
        };
        if total == 0 || offset >= total {
            return Ok(VehiclePage {
                items: Vec::new(),
                total,
            });
        }
        // Filling a page by walking the list-order index visits about
        // (offset + limit) × rows / matches entries; looking the matches up
        // costs about LOOKUP_COST × matches. Pick the cheaper.
        let rows: i64 = conn
            .prepare_cached("SELECT coalesce(max(rid), 0) FROM vehicles")?
            .query_row([], |r| r.get(0))?;
        let walk_page = u64::from(matches) * u64::from(matches) * LOOKUP_COST
            > u64::from(offset + limit) * rows.max(0) as u64;
        let access = if walk_page {
            Access::Walk
        } else {
            Access::Lookup
        };
        let clause = where_clause(&filters, text.as_ref(), access);
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {VEHICLE_COLUMNS} FROM vehicles v JOIN lots l ON l.id = v.lot_id {}
             ORDER BY v.stock_date DESC, v.rid DESC LIMIT ? OFFSET ?",
            clause.text
        ))?;
        let params = clause
            .params
            .into_iter()
            .chain([Value::Integer(limit.into()), Value::Integer(offset.into())]);
        let items = stmt
            .query_map(rusqlite::params_from_iter(params), vehicle_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(VehiclePage { items, total })
    }
}
