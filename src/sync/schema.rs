//! What the merge needs to know of each synced table, read from the live
//! schema: its synced columns and the foreign keys that order rows.

use rusqlite::Connection;
use std::collections::HashMap;

use crate::db::capture::CAPTURED_TABLES;
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDelete {
    Cascade,
    SetNull,
    /// RESTRICT / NO ACTION: the parent cannot go while children use it.
    Restrict,
}

#[derive(Debug, Clone)]
pub struct ForeignKey {
    pub column: String,
    pub parent: String,
    pub on_delete: OnDelete,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub name: &'static str,
    /// Synced columns (not `id`, not device-local ones), in schema order.
    pub columns: Vec<String>,
    /// Columns every insert writes (NOT NULL without a default): a row is
    /// known here once a change after its last delete set each of them.
    pub required: Vec<String>,
    pub foreign_keys: Vec<ForeignKey>,
    /// (child table, child column) pairs that keep a row of this table alive.
    pub restricted_by: Vec<(String, String)>,
}

impl Table {
    pub fn has_column(&self, col: &str) -> bool {
        self.columns.iter().any(|c| c == col)
    }
}

#[derive(Debug, Clone)]
pub struct Schema {
    tables: HashMap<&'static str, Table>,
}

impl Schema {
    pub fn read(conn: &Connection) -> Result<Schema> {
        let mut tables = HashMap::new();
        for (name, local) in CAPTURED_TABLES {
            let info: Vec<(String, bool, bool)> = conn
                .prepare(&format!("PRAGMA table_info({name})"))?
                .query_map([], |r| {
                    let default: Option<String> = r.get(4)?;
                    Ok((
                        r.get::<_, String>(1)?,
                        r.get::<_, bool>(3)?,
                        default.is_some(),
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .filter(|(c, _, _)| c != "id" && !local.contains(&c.as_str()))
                .collect();
            let columns = info.iter().map(|(c, _, _)| c.clone()).collect();
            let required = info
                .iter()
                .filter(|(_, not_null, has_default)| *not_null && !*has_default)
                .map(|(c, _, _)| c.clone())
                .collect();
            let foreign_keys = conn
                .prepare(&format!("PRAGMA foreign_key_list({name})"))?
                .query_map([], |r| {
                    let on_delete: String = r.get(6)?;
                    Ok(ForeignKey {
                        parent: r.get(2)?,
                        column: r.get(3)?,
                        on_delete: match on_delete.as_str() {
                            "CASCADE" => OnDelete::Cascade,
                            "SET NULL" => OnDelete::SetNull,
                            _ => OnDelete::Restrict,
                        },
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            tables.insert(
                *name,
                Table {
                    name,
                    columns,
                    required,
                    foreign_keys,
                    restricted_by: Vec::new(),
                },
            );
        }
        let restricts: Vec<(String, String, String)> = tables
            .values()
            .flat_map(|t| {
                t.foreign_keys
                    .iter()
                    .filter(|fk| fk.on_delete == OnDelete::Restrict)
                    .map(|fk| (fk.parent.clone(), t.name.to_owned(), fk.column.clone()))
            })
            .collect();
        for (parent, child, column) in restricts {
            if let Some(t) = tables.get_mut(parent.as_str()) {
                t.restricted_by.push((child, column));
            }
        }
        Ok(Schema { tables })
    }

    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.get(name)
    }
}
