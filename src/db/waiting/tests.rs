use super::*;
use crate::db::Store;

#[test]
fn a_writer_kept_waiting_is_noticed() {
    let dir = tempfile::TempDir::new().unwrap();
    let a = Store::open(dir.path()).unwrap();
    let mut b = Store::open_beside(dir.path()).unwrap();
    b.set_busy_timeout(std::time::Duration::from_millis(30))
        .unwrap();
    let since = now_ms();
    assert!(!waited_since(since + 1_000_000), "not in the future");
    a.conn().execute_batch("BEGIN IMMEDIATE").unwrap();
    let refused = b
        .conn()
        .execute("INSERT INTO local_meta (key, value) VALUES ('w', 'x')", []);
    assert!(refused.is_err(), "the lock is held");
    assert!(waited_since(since), "its busy handler polled");
    a.conn().execute_batch("ROLLBACK").unwrap();
}
