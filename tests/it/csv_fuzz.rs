//! Fuzzing the spreadsheet door on stable Rust: arbitrary bytes, and
//! arbitrary sheet-like text, fed to the CSV reader and the importer. Each
//! must end in an import or a clear error naming the file (problems at rows
//! and columns the file has), never a panic, never half an import, and the
//! rows read never take more memory than a small multiple of the file.

use std::path::Path;
use std::sync::{Mutex, OnceLock};

use lotbook::inventory::csv::read_csv;
use lotbook::{Error, Store};
use proptest::prelude::*;
use tempfile::TempDir;

/// One store for all cases (opening one per case would be most of the time).
fn shared() -> &'static Mutex<(TempDir, Store)> {
    static STORE: OnceLock<Mutex<(TempDir, Store)>> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = TempDir::new().unwrap();
        let store = Store::open(dir.path()).unwrap();
        Mutex::new((dir, store))
    })
}

fn vehicles(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM vehicles", [], |r| r.get(0))
        .unwrap()
}

/// Imports `bytes` as a file; checks what any outcome must be.
fn import(bytes: &[u8]) -> Result<(), TestCaseError> {
    let guard = shared().lock().unwrap_or_else(|p| p.into_inner());
    let (dir, _) = &*guard;
    let file = dir.path().join("fuzz.csv");
    std::fs::write(&file, bytes).unwrap();

    // The reader alone: bounded by the file.
    if let Ok(sheet) = read_csv(&file) {
        let rows = std::iter::once(&sheet.header).chain(&sheet.rows);
        let (mut cells, mut text) = (0usize, 0usize);
        for row in rows {
            prop_assert!(row.number >= 1);
            cells += row.cells.len();
            text += row.cells.iter().map(String::len).sum::<usize>();
        }
        // CP949 takes 2 bytes where UTF-8 takes 3; a cell costs a separator.
        prop_assert!(
            text <= bytes.len() * 3 / 2 + 3,
            "{text} bytes of text from {}",
            bytes.len()
        );
        prop_assert!(
            cells <= bytes.len() + 1,
            "{cells} cells from {} bytes",
            bytes.len()
        );
    }
    drop(guard);

    let mut guard = shared().lock().unwrap_or_else(|p| p.into_inner());
    let (_, store) = &mut *guard;
    let before = vehicles(store);
    match store.import_vehicles_csv(&file) {
        Ok(report) => {
            prop_assert_eq!(
                vehicles(store),
                before + report.inserted as i64,
                "an import adds what it says"
            );
        }
        Err(e) => {
            let message = e.to_string();
            prop_assert!(message.contains("fuzz.csv"), "names the file: {}", message);
            prop_assert!(
                matches!(e, Error::Csv { .. } | Error::BadFile { .. }),
                "a plain refusal, not {:?}",
                e
            );
            if let Error::Csv { problems, .. } = &e {
                prop_assert!(!problems.is_empty());
                for p in problems {
                    prop_assert!(p.row >= 1 && !p.message.is_empty(), "{:?}", p);
                }
            }
            prop_assert_eq!(vehicles(store), before, "nothing half imported");
        }
    }
    prop_assert!(store.local_get("bulk.journal").unwrap().is_none());
    Ok(())
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[가-힣]{1,4}",
        "[0-9]{1,7}",
        "[A-Z0-9]{17}",
        Just("1,500".to_owned()),
        Just("380만원".to_owned()),
        Just("2020".to_owned()),
        Just("월평동".to_owned()),
        Just("휘발유".to_owned()),
        Just("2026.10.02".to_owned()),
        Just("=1+1".to_owned()),
        Just("'=1+1".to_owned()),
        Just("-3".to_owned()),
        Just("\"".to_owned()),
        Just("\"quoted, with comma\"".to_owned()),
        Just("\"two\r\nlines\"".to_owned()),
        Just("\0".to_owned()),
        Just("\u{7}".to_owned()),
        Just("\t".to_owned()),
        Just("\r".to_owned()),
        "\\PC{0,12}",
    ]
}

const HEADERS: &[&str] = &[
    "id",
    "제조사",
    "make",
    "모델",
    "model",
    "연식",
    "전시장",
    "lot",
    "가격(만원)",
    "가격(원)",
    "가격",
    "차량번호",
    "차대번호",
    "주행거리(km)",
    "연료",
    "변속기",
    "색상",
    "상태",
    "입고일",
    "메모",
    "태그",
    "",
    "기타",
];

/// A row that imports (a car on 월평동), or any cells.
fn row() -> impl Strategy<Value = Vec<String>> {
    let good = prop::collection::vec(cell(), 0..4).prop_map(|extra| {
        let mut r: Vec<String> = ["기아", "K5", "2020", "월평동", "1500"]
            .iter()
            .map(|c| c.to_string())
            .collect();
        r.extend(extra);
        r
    });
    prop_oneof![good, prop::collection::vec(cell(), 0..10)]
}

/// The five columns an import needs (then any others), or any headers.
fn header() -> impl Strategy<Value = Vec<String>> {
    let base = prop::collection::vec(prop::sample::select(HEADERS), 0..4).prop_map(|extra| {
        let mut h: Vec<String> = ["제조사", "모델", "연식", "전시장", "가격(만원)"]
            .iter()
            .map(|c| c.to_string())
            .collect();
        h.extend(extra.into_iter().map(str::to_owned));
        h
    });
    let any_headers = prop::collection::vec(prop::sample::select(HEADERS), 1..10)
        .prop_map(|h| h.into_iter().map(str::to_owned).collect());
    prop_oneof![3 => base, 1 => any_headers]
}

fn sheet_text() -> impl Strategy<Value = Vec<u8>> {
    let rows = prop::collection::vec(row(), 0..12);
    let ends = prop::sample::select(vec!["\n", "\r\n", "\r"]);
    (header(), rows, ends, any::<bool>(), any::<bool>()).prop_map(
        |(header, rows, end, bom, cp949)| {
            let mut text = header.join(",");
            for row in rows {
                text.push_str(end);
                text.push_str(&row.join(","));
            }
            let mut out = Vec::new();
            if cp949 {
                let (bytes, _, _) = encoding_rs::EUC_KR.encode(&text);
                out.extend_from_slice(&bytes);
            } else {
                if bom {
                    out.extend_from_slice(b"\xEF\xBB\xBF");
                }
                out.extend_from_slice(text.as_bytes());
            }
            out
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, max_shrink_iters: 100, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        import(&bytes)?;
    }

    #[test]
    fn arbitrary_sheets(bytes in sheet_text()) {
        import(&bytes)?;
    }
}

#[test]
fn files_past_the_limits_are_refused_without_reading_them() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    // A sparse file of 4 GB: refused by its size, not read.
    let huge = dir.path().join("huge.csv");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(4 << 30)
        .unwrap();
    let err = store.import_vehicles_csv(&huge).unwrap_err();
    assert!(err.to_string().contains("larger than 32 MB"), "{err}");
    // A folder named like a spreadsheet.
    let folder = dir.path().join("folder.csv");
    std::fs::create_dir(&folder).unwrap();
    let err = store.import_vehicles_csv(&folder).unwrap_err();
    assert!(err.to_string().contains("not a file"), "{err}");
    // Too many columns in a row (past the last non-empty one nothing counts).
    let wide = dir.path().join("wide.csv");
    let mut text = "제조사,모델,연식,전시장,가격(만원)\n".to_owned();
    text.push_str(&"x,".repeat(lotbook::inventory::csv::MAX_COLUMNS + 1));
    text.push('\n');
    std::fs::write(&wide, &text).unwrap();
    let err = store.import_vehicles_csv(&wide).unwrap_err();
    assert!(err.to_string().contains("more than 1000 columns"), "{err}");
    // Millions of empty cells cost nothing.
    let commas = dir.path().join("commas.csv");
    let mut text = "제조사,모델,연식,전시장,가격(만원)\n기아,K5,2020,월평동,1500".to_owned();
    text.push_str(&",".repeat(8_000_000));
    std::fs::write(&commas, &text).unwrap();
    let sheet = read_csv(&commas).unwrap();
    assert_eq!(sheet.rows[0].cells.len(), 5);
    store.import_vehicles_csv(&commas).unwrap();
}

#[cfg(unix)]
#[test]
fn a_fifo_named_csv_is_refused_at_once() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let fifo = dir.path().join("pipe.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let err = store.import_vehicles_csv(Path::new(&fifo)).unwrap_err();
    assert!(err.to_string().contains("not a file"), "{err}");
}
