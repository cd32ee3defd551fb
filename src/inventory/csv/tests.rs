use super::*;
use std::path::Path;

#[test]
fn decodes_utf8_bom_and_cp949() {
    let p = Path::new("x.csv");
    assert_eq!(decode(p, "\u{feff}모델".as_bytes()).unwrap(), "모델");
    assert_eq!(decode(p, "모델".as_bytes()).unwrap(), "모델");
    let (cp949, _, _) = encoding_rs::EUC_KR.encode("쏘나타,월평동");
    assert_eq!(decode(p, &cp949).unwrap(), "쏘나타,월평동");
}

fn numbers(text: &str) -> Vec<(u64, Vec<String>)> {
    let sheet = read::parse(Path::new("x.csv"), text).unwrap();
    std::iter::once(sheet.header)
        .chain(sheet.rows)
        .map(|r| (r.number, r.cells))
        .collect()
}

#[test]
fn rows_are_numbered_as_excel_shows_them() {
    let cells = |s: &[&str]| s.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    // LF, CRLF and CR-only files number alike.
    for end in ["\n", "\r\n", "\r"] {
        let text = ["h1,h2", "a,b", "c,d"].join(end);
        let got: Vec<u64> = numbers(&text).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, [1, 2, 3], "{end:?}");
    }
    // A cell with line breaks is one row; an empty line is a row of its own.
    let text = "h1,h2\r\n\"a\r\nb\nc\",x\r\n\r\n\r\ny,z\r\n\"\n\",w";
    let got = numbers(text);
    assert_eq!(got[1], (2, cells(&["a\r\nb\nc", "x"])));
    assert_eq!(got[2], (5, cells(&["y", "z"])));
    assert_eq!(got[3], (6, cells(&["\n", "w"])));
    // Empty lines before the header.
    assert_eq!(numbers("\n\nh\nv")[0].0, 3);
    // Trailing empty cells are not kept; inner ones are.
    assert_eq!(numbers("h\n,a,,")[1].1, cells(&["", "a"]));
}

#[test]
fn formula_guard_round_trips_every_text() {
    for text in [
        "=1+1", "+82", "-3", "@SUM(A1)", "\tx", "\rx", "'=x", "''=x", "'x", "'", "''", "x=1", "",
        "보통",
    ] {
        let out = cells::guard(text);
        assert!(
            !out.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{text:?} written as {out:?}"
        );
        assert_eq!(cells::unguard(&out), text, "{text:?} via {out:?}");
    }
    assert_eq!(cells::guard("=1+1"), "'=1+1");
    assert_eq!(cells::guard("보통"), "보통");
    // A person's own apostrophe before a formula in Excel is dropped too.
    assert_eq!(cells::unguard("'-5"), "-5");
    assert_eq!(cells::unguard("'abc"), "'abc");
}

#[test]
fn control_characters_and_column_letters() {
    assert_eq!(cells::control_char("K5", false), None);
    assert_eq!(cells::control_char("a\nb\tc\r", true), None);
    assert_eq!(cells::control_char("a\nb", false), Some('\n'));
    assert_eq!(cells::control_char("a\0b", true), Some('\0'));
    assert_eq!(cells::control_char("a\u{7f}", true), Some('\u{7f}'));
    assert_eq!(cells::control_char("a\u{85}", true), Some('\u{85}'));
    let letters: Vec<String> = [0, 1, 25, 26, 27, 701, 702]
        .into_iter()
        .map(cells::column_letter)
        .collect();
    assert_eq!(letters, ["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]);
}

fn header_problems(cells: &[&str]) -> Vec<String> {
    let row = SheetRow {
        number: 1,
        cells: cells.iter().map(|c| c.to_string()).collect(),
    };
    match columns::ColumnMap::from_header(&row) {
        Ok(_) => Vec::new(),
        Err(p) => p.into_iter().map(|p| p.message).collect(),
    }
}

#[test]
fn headers_giving_one_field_twice_are_refused() {
    let base = ["제조사", "모델", "연식", "전시장"];
    let with = |extra: &[&str]| {
        let mut v = base.to_vec();
        v.extend_from_slice(extra);
        header_problems(&v)
    };
    assert!(with(&["가격(만원)"]).is_empty());
    assert!(with(&["가격(원)"]).is_empty());
    assert_eq!(
        with(&["가격(만원)", "price_krw"]),
        ["columns E \"가격(만원)\" and F \"price_krw\" both give the price; keep one of them"]
    );
    assert_eq!(
        with(&["가격", "Model"]),
        ["columns B \"모델\" and F \"Model\" both give the model; keep one of them"]
    );
    assert_eq!(
        with(&["가격", "연식"]),
        ["columns C and F are both named \"연식\"; keep one of them"]
    );
    let missing = header_problems(&["모델", "기타"]);
    assert_eq!(missing.len(), 1);
    assert!(missing[0].contains("제조사") && missing[0].contains("가격(만원)"));
}

/// The field each header is understood as (None: left for the dealer).
fn understood(headers: &[&str]) -> Vec<Option<String>> {
    let row = SheetRow {
        number: 1,
        cells: headers.iter().map(|c| c.to_string()).collect(),
    };
    columns::auto_mapping(&row)
}

#[test]
fn korean_dealer_headers_are_mapped() {
    let cases: &[(&[&str], &str)] = &[
        (&["메이커", "제조사", "브랜드", "Make", "MAKER"], "make"),
        (&["차명", "모델", "모델명", "Model"], "model"),
        (&["연식", "년식", "연도", "연식(년)", "Year"], "year"),
        (
            &[
                "주행거리",
                "주행거리(km)",
                "주행거리 (KM)",
                "km",
                "주행거리km",
            ],
            "odometer_km",
        ),
        (
            &[
                "판매가",
                "가격",
                "판매가격",
                "가격(만원)",
                "판매가 [만원]",
                "가격 (만원)*",
            ],
            "price_manwon",
        ),
        (&["가격(원)", "판매가(원)", "판매가격 (원)"], "price_krw"),
        (&["차량번호", "차번호", "차량 번호"], "plate"),
        (&["차대번호", "VIN", "vin"], "vin"),
        (&["색상", "컬러", "colour", "Color"], "color"),
        (&["연료", "유종"], "fuel"),
        (&["변속기", "미션"], "transmission"),
        (&["전시장", "매매단지"], "lot"),
        (&["상태", "판매상태"], "status"),
        (&["입고일", "매입일"], "stock_date"),
        (&["메모", "비고", "특이사항"], "notes"),
    ];
    for (headers, key) in cases {
        for (h, got) in headers.iter().zip(understood(headers)) {
            assert_eq!(got.as_deref(), Some(*key), "{h:?}");
        }
    }
    // Truly unknown headers, and a price in won never read as 만원.
    assert_eq!(
        understood(&["비고2", "담당 딜러 메모", "차량가(원)", "", "가"]),
        [None, None, None, None, None]
    );
}

#[test]
fn no_header_names_two_fields() {
    let names = columns::header_names();
    for (k, ns) in names {
        for n in *ns {
            let row = SheetRow {
                number: 1,
                cells: vec![n.to_string()],
            };
            assert_eq!(
                columns::auto_mapping(&row)[0].as_deref(),
                Some(*k),
                "{n:?} is read as another field"
            );
        }
    }
}

#[test]
fn header_problems_carry_codes_and_params() {
    let row = SheetRow {
        number: 1,
        cells: ["모델", "연식", "가격", "가격(원)"]
            .iter()
            .map(|c| c.to_string())
            .collect(),
    };
    let Err(problems) = columns::ColumnMap::from_header(&row) else {
        panic!("a header without make and lot passed");
    };
    let codes: Vec<_> = problems.iter().map(|p| p.code).collect();
    assert_eq!(
        codes,
        [
            crate::sheets::ProblemCode::SameField,
            crate::sheets::ProblemCode::MissingColumns
        ]
    );
    assert_eq!(problems[0].params["other_letter"], "C");
    assert_eq!(problems[0].params["other_header"], "가격");
    assert_eq!(problems[1].params["columns"], "제조사, 전시장");
}
