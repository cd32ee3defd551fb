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
