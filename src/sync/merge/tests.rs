use rusqlite::types::Value;

use super::*;
use crate::db::Store;

/// `Merger::group_inserts` holds new rows back while the merge reads on:
/// sound only while writing a row of a synced table changes nothing the
/// merge reads but that row. Capture triggers are paused during a merge;
/// any other trigger on a synced table must write only the search index.
#[test]
fn triggers_write_only_the_search_index() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let triggers: Vec<(String, String)> = store
        .conn()
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    for (name, sql) in triggers {
        if name.starts_with("capture_") {
            assert!(sql.contains("WHEN lb_capture()") || sql.contains("RAISE(ABORT"));
            continue;
        }
        let body = sql.split_once("BEGIN").map_or("", |(_, b)| b);
        let writes: Vec<&str> = body
            .split(|c: char| c.is_whitespace() || c == ';')
            .collect::<Vec<_>>()
            .windows(2)
            .filter(|w| ["INTO", "FROM", "UPDATE"].contains(&w[0]))
            .map(|w| w[1])
            .filter(|t| !t.is_empty())
            .collect();
        for table in writes {
            assert!(
                [
                    "vehicle_search",
                    "vehicle_words",
                    "vehicle_search_body",
                    "vehicles"
                ]
                .contains(&table),
                "trigger {name} touches {table}: see Merger::group_inserts"
            );
        }
    }
}

/// Column (None: a delete), value, stamp, device (index).
type Change = (Option<&'static str>, Value, u64, usize);

fn shape(d: &Desired) -> String {
    match d {
        Desired::Live(v) => format!("live {v:?}"),
        Desired::Dead => "dead".into(),
        Desired::Unknown => "unknown".into(),
    }
}

/// The merge from memory (`desired_from`) picks what the merge from the
/// log picks: newest stamp then device per field, deletes hiding what is
/// not newer, unknown columns left in the log.
#[test]
fn the_merge_from_memory_picks_what_the_log_picks() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let schema = Schema::read(store.conn()).unwrap();
    let table = schema.table("vehicles").unwrap();
    let devices = vec![
        "0190aaaa-0000-7000-8000-000000000002".to_owned(),
        "0190aaaa-0000-7000-8000-000000000001".to_owned(),
    ];
    // Every field of a car from device 0, stamped h*100, h*100 + 1, …
    let full = |h: u64| -> Vec<Change> {
        let fields = vec![
            (Some("make"), Value::Text("기아".into()), h, 0),
            (Some("model"), Value::Text("K5".into()), h, 0),
            (Some("year"), Value::Integer(2019), h, 0),
            (Some("odometer_km"), Value::Integer(1000), h, 0),
            (Some("fuel"), Value::Text("lpg".into()), h, 0),
            (Some("transmission"), Value::Text("auto".into()), h, 0),
            (Some("price_krw"), Value::Integer(100), h, 0),
            (
                Some("lot_id"),
                Value::Text("0190aaaa-0000-7000-8000-0000000000aa".into()),
                h,
                0,
            ),
            (Some("status"), Value::Text("in_stock".into()), h, 0),
            (Some("stock_date"), Value::Text("2026-10-01".into()), h, 0),
            (
                Some("created_at"),
                Value::Text("2026-10-01T00:00:00.000Z".into()),
                h,
                0,
            ),
            (
                Some("updated_at"),
                Value::Text("2026-10-01T00:00:00.000Z".into()),
                h,
                0,
            ),
        ];
        fields
            .into_iter()
            .enumerate()
            .map(|(i, (col, v, h, dev))| (col, v, h * 100 + i as u64, dev))
            .collect()
    };
    let mut cases: Vec<Vec<Change>> = Vec::new();
    // Edits of one field from two devices, one of them at the same stamp
    // (the device id decides), and a column of a newer Lotbook.
    let mut c = full(10);
    c.push((Some("price_krw"), Value::Integer(200), 2000, 0));
    c.push((Some("price_krw"), Value::Integer(300), 2000, 1));
    c.push((Some("price_krw"), Value::Integer(150), 1500, 1));
    c.push((Some("future_col"), Value::Text("x".into()), 3000, 1));
    cases.push(c);
    // Deleted after it was made: dead; made again after: live, older
    // edits hidden.
    let mut c = full(10);
    c.push((Some("notes"), Value::Text("old".into()), 1100, 0));
    c.push((None, Value::Null, 1200, 1));
    cases.push(c.clone());
    c.extend(full(13));
    cases.push(c);
    // A delete at the same stamp as the edits hides them (only later ones
    // count); two deletes, the newest counts.
    let mut c = full(10);
    c.push((None, Value::Null, 1000, 1));
    c.push((None, Value::Null, 900, 0));
    cases.push(c);
    // Not every required field: not known here yet.
    let mut c = full(10);
    c.retain(|(col, ..)| *col != Some("model"));
    cases.push(c);
    for (n, case) in cases.into_iter().enumerate() {
        let id = format!("0190bbbb-0000-7000-8000-{n:012}");
        let logged: Vec<Logged> = case
            .iter()
            .map(|(col, value, h, dev)| Logged {
                col: col.map(str::to_owned),
                value: value.clone(),
                // Stamps are unique per device across the whole log.
                hlc: format!("{:016x}", h + n as u64 * 100_000),
                device: *dev,
            })
            .collect();
        store
            .transact(|tx| {
                for c in &logged {
                    tx.execute(
                        "INSERT INTO changes (tbl, row_id, col, value, hlc, device_id, op)
                         VALUES ('vehicles', ?1, ?2, ?3, ?4, ?5, ?6)",
                        rusqlite::params![
                            id,
                            c.col,
                            c.value,
                            c.hlc,
                            devices[c.device],
                            if c.col.is_some() { "set" } else { "delete" }
                        ],
                    )?;
                }
                let merger = Merger::new(tx, &schema);
                for keep in [false, true] {
                    let from_log = merger.desired(table, &id, keep, Source::Log)?;
                    let from_memory = desired_from(table, &logged, &devices, keep);
                    assert_eq!(
                        shape(&from_memory),
                        shape(&from_log),
                        "case {n}, keep {keep}"
                    );
                }
                Ok(())
            })
            .unwrap();
    }
}
