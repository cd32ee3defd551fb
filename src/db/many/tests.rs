use super::*;

fn table() -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL CHECK (n >= 0))")
        .unwrap();
    conn
}

fn count(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn every_row_goes_in_by_one_statement() {
    let conn = table();
    let (a, b, c) = ("a", "b", "c");
    let (one, two, three) = (1, 2, 3);
    let values: [&dyn ToSql; 6] = [&a, &one, &b, &two, &c, &three];
    assert!(insert_many(&conn, "t", "id, n", 2, &values, true).unwrap());
    assert_eq!(count(&conn), 3);
    let n: i64 = conn
        .query_row("SELECT n FROM t WHERE id = 'c'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 3);
}

#[test]
fn a_refused_row_undoes_the_statement_and_says_so() {
    let conn = table();
    let (a, b) = ("a", "b");
    let (one, minus) = (1, -1);
    let values: [&dyn ToSql; 4] = [&a, &one, &b, &minus];
    assert!(!insert_many(&conn, "t", "id, n", 2, &values, false).unwrap());
    assert_eq!(count(&conn), 0, "nothing of the refused statement stays");
}

#[test]
fn other_errors_are_errors() {
    let conn = table();
    let a = "a";
    let values: [&dyn ToSql; 1] = [&a];
    assert!(insert_many(&conn, "nowhere", "id", 1, &values, false).is_err());
    assert!(insert_many(&conn, "t", "id", 1, &[], false).unwrap());
}
