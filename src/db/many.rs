//! One INSERT of many rows. Every statement that writes the search index
//! makes FTS5 flush its pending terms into a new segment (and opens a
//! statement journal), so the bulk writers (an import's new cars, a sync
//! pass's new rows) write hundreds of rows to a statement.

use rusqlite::{Connection, ToSql};

/// Writes rows of `columns` (an SQL list of `width` columns) into `table`
/// by one statement; `values` holds each row's values in turn. `Ok(false)`:
/// the table refused the statement (a constraint) and SQLite undid it
/// whole, so the caller writes the rows one by one and the refusal is the
/// one row's own. `reuse`: the same shape comes again (a full batch), so
/// the statement is kept prepared.
pub(crate) fn insert_many(
    conn: &Connection,
    table: &str,
    columns: &str,
    width: usize,
    values: &[&dyn ToSql],
    reuse: bool,
) -> rusqlite::Result<bool> {
    let rows = values.len() / width.max(1);
    debug_assert_eq!(rows * width, values.len(), "whole rows of {columns}");
    if rows == 0 {
        return Ok(true);
    }
    let marks = format!("({})", vec!["?"; width].join(", "));
    let sql = format!(
        "INSERT INTO {table} ({columns}) VALUES {}",
        vec![marks.as_str(); rows].join(", ")
    );
    let written = if reuse {
        conn.prepare_cached(&sql)?.execute(values)
    } else {
        conn.prepare(&sql)?.execute(values)
    };
    match written {
        Ok(_) => Ok(true),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
            Ok(false)
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests;
