//! The store itself: migrations, refusal of newer schemas, transactions.

use crate::common;

use lotbook::db::{DB_FILE, SCHEMA_VERSION};
use lotbook::{Error, Store};
use rusqlite::Connection;

#[test]
fn migrates_an_empty_dir_to_the_current_schema() {
    let (_dir, store) = common::store();
    let conn = store.conn();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    for table in [
        "lots",
        "vehicles",
        "customers",
        "users",
        "changes",
        "tombstones",
        "local_meta",
        "photos",
    ] {
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "table {table}");
    }
    // Every captured table has its three capture triggers.
    let triggers: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'capture_%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        triggers,
        4 * lotbook::db::capture::CAPTURED_TABLES.len() as i64
    );
}

#[test]
fn reopening_keeps_data_device_and_clock() {
    let dir = tempfile::TempDir::new().unwrap();
    let (device, last) = {
        let mut store = Store::open(dir.path()).unwrap();
        common::lot(&mut store, "월평동");
        let last: String = store
            .conn()
            .query_row("SELECT max(hlc) FROM changes", [], |r| r.get(0))
            .unwrap();
        (store.device_id().to_owned(), last)
    };
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.device_id(), device);
    assert_eq!(store.list_lots().unwrap().len(), 1);
    assert!(
        store.clock().now().unwrap() > last,
        "the clock continues past stamps already stored"
    );
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 999;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(dir.path()).err().expect("must refuse");
    match &err {
        Error::SchemaTooNew { found, known, .. } => {
            assert_eq!(*found, 999);
            assert_eq!(*known, SCHEMA_VERSION);
        }
        other => panic!("expected SchemaTooNew, got {other:?}"),
    }
    let msg = err.to_string();
    assert!(
        msg.contains("newer Lotbook") && msg.contains("left untouched"),
        "{msg}"
    );
    assert_eq!(err.code(), "schema_too_new");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is byte-for-byte unchanged"
    );
    assert!(
        !dir.path().join(format!("{DB_FILE}-wal")).exists()
            || std::fs::metadata(dir.path().join(format!("{DB_FILE}-wal")))
                .unwrap()
                .len()
                == 0
    );
}

#[test]
fn a_failed_transaction_leaves_nothing() {
    let (_dir, mut store) = common::store();
    let lot = common::lot(&mut store, "월평동");
    let changes_before: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM changes", [], |r| r.get(0))
        .unwrap();
    let result: lotbook::Result<()> = store.transact(|tx| {
        tx.execute("UPDATE lots SET name = '바뀐 이름' WHERE id = ?1", [&lot])?;
        Err(Error::Other("fail halfway".into()))
    });
    assert!(result.is_err());
    assert_eq!(store.list_lots().unwrap()[0].name, "월평동");
    let changes_after: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM changes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        changes_before, changes_after,
        "no change captured for a rolled-back write"
    );
}

#[test]
fn foreign_keys_protect_lots_in_use() {
    let (_dir, mut store) = common::store();
    let lot = common::lot(&mut store, "월평동");
    store.save_vehicle(&common::vehicle(&lot, "SM520")).unwrap();
    let err = store.delete_lot(&lot).unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(err.to_string().contains("월평동"), "{err}");
    // Even raw SQL cannot orphan a vehicle.
    let raw = store
        .conn()
        .execute("DELETE FROM lots WHERE id = ?1", [&lot]);
    assert!(raw.is_err());
}

#[test]
fn ids_are_uuid_v7() {
    let (_dir, mut store) = common::store();
    let lot = common::lot(&mut store, "월평동");
    let id = uuid::Uuid::parse_str(&lot).unwrap();
    assert_eq!(id.get_version_num(), 7);
}

/// A big transaction (a join, an import) does not leave a WAL of its size
/// on the disk once SQLite starts the log over.
#[test]
fn the_wal_is_cut_back_after_a_big_write() {
    let (dir, store) = common::store();
    let conn = store.conn();
    conn.execute_batch(
        "CREATE TABLE scratch(b BLOB);
         BEGIN;
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 48)
         INSERT INTO scratch SELECT randomblob(1024 * 1024) FROM n;
         COMMIT;",
    )
    .unwrap();
    let wal = dir.path().join(format!("{DB_FILE}-wal"));
    let big = std::fs::metadata(&wal).unwrap().len();
    assert!(
        big > 40 << 20,
        "the transaction went through the WAL: {big}"
    );
    // The commit's checkpoint copied it back; the next write starts the log over.
    conn.execute("INSERT INTO scratch VALUES (x'00')", [])
        .unwrap();
    let after = std::fs::metadata(&wal).unwrap().len();
    assert!(
        after as i64 <= lotbook::db::WAL_KEEP_BYTES,
        "the WAL kept {after} bytes"
    );
}
