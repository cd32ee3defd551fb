//! The customer spreadsheet's fields: their Korean/English headers (those
//! the customer export writes among them). The header row itself is
//! understood by the shared `sheets::columns`.

use crate::sheets::{FieldInfo, FieldTable};

pub(super) use crate::sheets::HeaderMap as ColumnMap;

/// Every field's key, then the headers that name it: the export's (Korean)
/// first, then the words dealers' customer lists use, then English.
/// Matching minds no spaces, case, brackets or a unit after the name.
pub(super) const COLUMNS: &[(&str, &[&str])] = &[
    ("id", &["id", "lotbook id"]),
    (
        "name",
        &[
            "이름",
            "고객명",
            "성명",
            "성함",
            "고객",
            "고객이름",
            "name",
            "customer",
        ],
    ),
    (
        "phone",
        &[
            "전화",
            "전화번호",
            "휴대폰",
            "휴대폰번호",
            "휴대전화",
            "핸드폰",
            "핸드폰번호",
            "연락처",
            "폰",
            "mobile",
            "phone",
            "tel",
        ],
    ),
    (
        "email",
        &["이메일", "메일", "이메일주소", "e-mail", "email", "mail"],
    ),
    ("region", &["지역", "주소", "거주지", "address", "region"]),
    (
        "source",
        &[
            "유입 경로",
            "경로",
            "문의경로",
            "방문경로",
            "출처",
            "source",
        ],
    ),
    (
        "current_car",
        &["현재 차량", "보유차량", "현재차", "current_car"],
    ),
    (
        "trade_in",
        &["보상 판매", "차량보상", "트레이드인", "trade_in"],
    ),
    (
        "models",
        &[
            "희망 모델",
            "희망 차종",
            "관심 차종",
            "희망차량",
            "관심차량",
            "wanted_models",
            "models",
        ],
    ),
    ("years", &["희망 연식", "years"]),
    ("year_min", &["희망 연식(부터)", "year_min"]),
    ("year_max", &["희망 연식(까지)", "year_max"]),
    (
        "budget_manwon",
        &[
            "예산(만원)",
            "예산",
            "구매예산",
            "희망가격",
            "희망가",
            "budget",
            "budget_manwon",
        ],
    ),
    ("budget_krw", &["예산(원)", "구매예산(원)", "budget_krw"]),
    (
        "mileage_max_km",
        &["최대 주행거리(km)", "희망주행거리", "mileage_max_km"],
    ),
    ("fuel", &["희망 연료", "연료", "fuel"]),
    ("color", &["희망 색상", "색상", "color"]),
    (
        "consent",
        &[
            "연락 동의",
            "수신 동의",
            "동의",
            "마케팅동의",
            "광고수신동의",
            "문자수신동의",
            "수신여부",
            "consent",
        ],
    ),
    (
        "notes",
        &["메모", "비고", "특이사항", "상담내용", "notes", "memo"],
    ),
];

/// The customer fields as every import reads them.
pub(super) const TABLE: FieldTable = FieldTable {
    columns: COLUMNS,
    required: &[&["name"]],
    field_name,
    clash,
    multiline: &["notes"],
};

fn field_name(key: &str) -> &'static str {
    match key {
        k if k.starts_with("budget_") => "budget",
        k if k.starts_with("year") => "wanted years",
        _ => COLUMNS
            .iter()
            .map(|(k, _)| *k)
            .find(|k| *k == key)
            .unwrap_or(""),
    }
}

/// Two keys giving one field (a budget twice, 희망 연식 beside its parts).
fn clash(a: &str, b: &str) -> bool {
    let budget = |k: &str| k.starts_with("budget_");
    let years = |k: &str| k == "years";
    a == b
        || (budget(a) && budget(b))
        || (years(a) && b.starts_with("year_"))
        || (years(b) && a.starts_with("year_"))
}

pub(super) fn fields() -> Vec<FieldInfo> {
    TABLE.infos()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheets::mapping::field_of;

    #[test]
    fn korean_customer_headers_are_mapped() {
        let cases: &[(&[&str], &str)] = &[
            (&["고객명", "성명", "이름", "고객 이름"], "name"),
            (
                &["연락처", "휴대폰", "전화번호", "휴대폰 번호", "핸드폰"],
                "phone",
            ),
            (&["이메일", "E-mail", "메일"], "email"),
            (&["지역", "주소"], "region"),
            (&["예산", "예산(만원)", "예산 (만원)"], "budget_manwon"),
            (&["예산(원)"], "budget_krw"),
            (&["희망차종", "희망 차종", "관심 차종"], "models"),
            (&["유입경로", "유입 경로"], "source"),
            (&["메모", "비고", "상담 내용"], "notes"),
            (
                &["수신동의", "수신 동의", "연락 동의", "마케팅 동의"],
                "consent",
            ),
            (&["희망 연식(부터)"], "year_min"),
            (&["희망 연식"], "years"),
        ];
        for (headers, key) in cases {
            for h in *headers {
                assert_eq!(field_of(h, COLUMNS).as_deref(), Some(*key), "{h:?}");
            }
        }
        assert_eq!(field_of("담당 딜러 메모", COLUMNS), None);
        assert_eq!(field_of("예산(천원)", COLUMNS), None);
    }

    #[test]
    fn every_header_names_its_own_field() {
        for (k, names) in COLUMNS {
            for n in *names {
                assert_eq!(field_of(n, COLUMNS).as_deref(), Some(*k), "{n:?}");
            }
        }
    }
}
