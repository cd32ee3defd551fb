use std::path::Path;

use super::Format;

#[test]
fn format_by_extension() {
    assert_eq!(Format::of(Path::new("a.XLSX")).ok(), Some(Format::Xlsx));
    assert_eq!(Format::of(Path::new("a.csv")).ok(), Some(Format::Csv));
    let e = Format::of(Path::new("stock.xls"))
        .err()
        .map(|e| e.to_string());
    assert!(e.is_some_and(|m| m.contains("stock.xls")));
}

#[test]
fn csv_is_what_excel_reads_on_windows_and_macos() {
    use super::{Cell, Table};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("고객.csv");
    let table = Table {
        sheet: "고객",
        columns: vec![("이름", 10.0), ("메모", 30.0)],
        rows: vec![
            vec![
                Cell::Text("김민수".into()),
                Cell::Text("첫 줄\n둘째 줄".into()),
            ],
            vec![Cell::Text("이준혁".into()), Cell::Empty],
        ],
    };
    super::write::csv(&path, &table).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a BOM, so Excel reads UTF-8"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert_eq!(
        text, "이름,메모\r\n김민수,\"첫 줄\n둘째 줄\"\r\n이준혁,\r\n",
        "CRLF between records, the cell's own line break kept inside quotes"
    );
}
