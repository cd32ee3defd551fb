//! The spreadsheet's columns: their Korean/English headers, how a header row
//! is understood, and the Korean/English names of their values.

use super::sheet::SheetRow;
use crate::error::CsvProblem;
use crate::inventory::{Fuel, Transmission, VehicleStatus};
use crate::sheets::{FieldTable, HeaderMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Col {
    Id,
    Make,
    Model,
    Trim,
    Year,
    FirstRegistration,
    Plate,
    Vin,
    Odometer,
    Fuel,
    Transmission,
    Color,
    /// Price in 만원 (10,000 won), as dealers quote it.
    PriceManwon,
    /// Price in won.
    PriceKrw,
    Lot,
    Status,
    StockDate,
    Notes,
    Tags,
}

/// Every field's key, then the headers that name it: the header the export
/// writes (Korean) first, then the words Korean dealers' sheets and
/// dealer-management programs use, then English. Matching minds no spaces,
/// case, brackets or a unit after the name (`sheets::mapping::field_of`).
const FIELDS: &[(&str, &[&str])] = &[
    ("id", &["id", "lotbook id"]),
    (
        "make",
        &[
            "제조사",
            "메이커",
            "브랜드",
            "제작사",
            "make",
            "maker",
            "brand",
            "manufacturer",
        ],
    ),
    (
        "model",
        &["모델", "차명", "모델명", "차종", "차량명", "model"],
    ),
    (
        "trim",
        &["등급", "트림", "세부모델", "세부등급", "grade", "trim"],
    ),
    (
        "year",
        &[
            "연식",
            "년식",
            "연도",
            "년도",
            "연형",
            "모델연도",
            "year",
            "model year",
        ],
    ),
    (
        "first_registration",
        &[
            "최초등록일",
            "최초등록",
            "등록일",
            "first_registration",
            "registration date",
        ],
    ),
    (
        "plate",
        &[
            "차량번호",
            "차번호",
            "번호판",
            "자동차등록번호",
            "등록번호",
            "plate",
            "plate number",
            "license plate",
        ],
    ),
    ("vin", &["차대번호", "vin"]),
    (
        "odometer_km",
        &[
            "주행거리(km)",
            "주행거리",
            "주행",
            "km",
            "키로수",
            "킬로수",
            "odometer_km",
            "odometer",
            "mileage",
        ],
    ),
    ("fuel", &["연료", "유종", "사용연료", "fuel"]),
    (
        "transmission",
        &["변속기", "미션", "기어", "변속", "transmission", "gearbox"],
    ),
    (
        "color",
        &[
            "색상",
            "색",
            "외장색",
            "외장색상",
            "컬러",
            "color",
            "colour",
        ],
    ),
    (
        "price_manwon",
        &[
            "가격(만원)",
            "가격",
            "판매가",
            "판매가격",
            "차량가격",
            "차량가",
            "금액",
            "판매금액",
            "price",
            "price_manwon",
        ],
    ),
    (
        "price_krw",
        &[
            "가격(원)",
            "판매가(원)",
            "판매가격(원)",
            "차량가격(원)",
            "금액(원)",
            "price_krw",
        ],
    ),
    ("lot", &["전시장", "매매단지", "단지", "매장", "lot"]),
    ("status", &["상태", "판매상태", "진행상태", "status"]),
    (
        "stock_date",
        &["입고일", "입고일자", "매입일", "입고", "stock_date"],
    ),
    (
        "notes",
        &[
            "메모",
            "비고",
            "특이사항",
            "참고",
            "notes",
            "memo",
            "remarks",
        ],
    ),
    ("tags", &["태그", "키워드", "tags"]),
];

/// The vehicle fields as every import reads them.
pub(super) const TABLE: FieldTable = FieldTable {
    columns: FIELDS,
    required: &[
        &["make"],
        &["model"],
        &["year"],
        &["lot"],
        &["price_manwon", "price_krw"],
    ],
    field_name,
    clash: |a, b| field_name(a) == field_name(b),
    multiline: &["notes"],
};

/// The vehicle field a key gives, in plain English.
fn field_name(key: &str) -> &'static str {
    Col::of_key(key).map(Col::field).unwrap_or("")
}

impl Col {
    /// The stable key of the field (the app's per-column choice).
    pub(super) fn key(self) -> &'static str {
        match self {
            Col::Id => "id",
            Col::Make => "make",
            Col::Model => "model",
            Col::Trim => "trim",
            Col::Year => "year",
            Col::FirstRegistration => "first_registration",
            Col::Plate => "plate",
            Col::Vin => "vin",
            Col::Odometer => "odometer_km",
            Col::Fuel => "fuel",
            Col::Transmission => "transmission",
            Col::Color => "color",
            Col::PriceManwon => "price_manwon",
            Col::PriceKrw => "price_krw",
            Col::Lot => "lot",
            Col::Status => "status",
            Col::StockDate => "stock_date",
            Col::Notes => "notes",
            Col::Tags => "tags",
        }
    }

    pub(super) fn of_key(key: &str) -> Option<Col> {
        // Every column is exported but the price in won.
        EXPORT_COLUMNS
            .iter()
            .chain([&Col::PriceKrw])
            .copied()
            .find(|c| c.key() == key)
    }

    /// The vehicle field the column gives, in plain English (two columns
    /// giving one field make a file ambiguous).
    pub(super) fn field(self) -> &'static str {
        match self {
            Col::Id => "id",
            Col::Make => "make",
            Col::Model => "model",
            Col::Trim => "trim",
            Col::Year => "year",
            Col::FirstRegistration => "first registration date",
            Col::Plate => "plate number",
            Col::Vin => "VIN",
            Col::Odometer => "odometer",
            Col::Fuel => "fuel",
            Col::Transmission => "transmission",
            Col::Color => "colour",
            Col::PriceManwon | Col::PriceKrw => "price",
            Col::Lot => "lot",
            Col::Status => "status",
            Col::StockDate => "stock date",
            Col::Notes => "notes",
            Col::Tags => "tags",
        }
    }

    /// Free text typed by people: guarded against formulas on export and
    /// unguarded on import. Numbers, dates, ids and the fixed labels are not
    /// (a negative number stays a number).
    pub(super) fn is_text(self) -> bool {
        matches!(
            self,
            Col::Make
                | Col::Model
                | Col::Trim
                | Col::Plate
                | Col::Vin
                | Col::Color
                | Col::Lot
                | Col::Notes
                | Col::Tags
        )
    }
}

/// Which column of the file gives which vehicle field, from its header row
/// (the shared [`HeaderMap`], asked by [`Col`]).
pub(super) struct ColumnMap {
    map: HeaderMap,
}

impl ColumnMap {
    /// Understands a header row by its headers alone.
    #[cfg(test)]
    pub(super) fn from_header(header: &SheetRow) -> Result<ColumnMap, Vec<CsvProblem>> {
        Self::build(header, &auto_mapping(header))
    }

    /// Understands a header row with the field of each column given (by
    /// its key; `None`: the column is left out): see [`HeaderMap::build`].
    pub(super) fn build(
        header: &SheetRow,
        mapping: &[Option<String>],
    ) -> Result<ColumnMap, Vec<CsvProblem>> {
        Ok(ColumnMap {
            map: HeaderMap::build(header, mapping, &TABLE)?,
        })
    }

    pub(super) fn has(&self, col: Col) -> bool {
        self.map.has(col.key())
    }

    pub(super) fn position(&self, col: Col) -> Option<usize> {
        self.map.position(col.key())
    }

    /// The column's header as written in the file (or the written name).
    pub(super) fn header(&self, col: Col) -> String {
        match self.map.position(col.key()) {
            Some(i) => self.map.header_at(i),
            None => header_of(col).to_owned(),
        }
    }

    /// The shared map (control characters, headers by index).
    pub(super) fn inner(&self) -> &HeaderMap {
        &self.map
    }
}

pub(super) const EXPORT_COLUMNS: &[Col] = &[
    Col::Id,
    Col::Make,
    Col::Model,
    Col::Trim,
    Col::Year,
    Col::FirstRegistration,
    Col::Plate,
    Col::Vin,
    Col::Odometer,
    Col::Fuel,
    Col::Transmission,
    Col::Color,
    Col::PriceManwon,
    Col::Lot,
    Col::Status,
    Col::StockDate,
    Col::Notes,
    Col::Tags,
];

/// The header the export writes for `col`.
pub(super) fn header_of(col: Col) -> &'static str {
    TABLE.written(col.key())
}

/// The field of each column from the headers.
pub(super) fn auto_mapping(header: &SheetRow) -> Vec<Option<String>> {
    crate::sheets::mapping::auto(header, FIELDS)
}

/// Every field's key with the headers that name it.
pub(super) fn header_names() -> &'static [(&'static str, &'static [&'static str])] {
    FIELDS
}

/// Every field a vehicle file can fill, for the app's column choice.
pub(super) fn fields() -> Vec<crate::sheets::FieldInfo> {
    TABLE.infos()
}

/// Which column gave the input field a rule refused, to place the problem.
pub(super) fn col_of_field(field: &str, map: &ColumnMap) -> Option<Col> {
    match field {
        "lot_id" => Some(Col::Lot),
        "price_krw" if !map.has(Col::PriceKrw) => Some(Col::PriceManwon),
        f => Col::of_key(f),
    }
}

pub(super) const FUEL_LABELS: &[(Fuel, &[&str])] = &[
    (Fuel::Gasoline, &["가솔린", "휘발유"]),
    (Fuel::Diesel, &["디젤", "경유"]),
    (Fuel::Lpg, &["LPG", "엘피지"]),
    (Fuel::Hybrid, &["하이브리드"]),
    (Fuel::Electric, &["전기"]),
    (Fuel::Other, &["기타"]),
];
pub(super) const TRANSMISSION_LABELS: &[(Transmission, &[&str])] = &[
    (Transmission::Auto, &["자동", "오토"]),
    (Transmission::Manual, &["수동"]),
    (Transmission::SemiAuto, &["세미오토"]),
    (Transmission::Cvt, &["무단", "CVT"]),
    (Transmission::Other, &["기타"]),
];
pub(super) const STATUS_LABELS: &[(VehicleStatus, &[&str])] = &[
    (VehicleStatus::InStock, &["판매중", "재고"]),
    (VehicleStatus::Reserved, &["계약중", "예약"]),
    (VehicleStatus::Sold, &["판매완료"]),
    (VehicleStatus::Withdrawn, &["판매중지", "철수"]),
];

pub(super) fn label<T: Copy + PartialEq>(labels: &[(T, &[&'static str])], v: T) -> &'static str {
    labels
        .iter()
        .find(|(x, _)| *x == v)
        .map(|(_, l)| l[0])
        .unwrap_or("")
}

pub(super) fn parse_labelled<T: Copy>(
    labels: &[(T, &[&str])],
    parse: fn(&str) -> Option<T>,
    s: &str,
) -> Option<T> {
    let s = s.trim();
    parse(&s.to_ascii_lowercase()).or_else(|| {
        labels
            .iter()
            .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(s)))
            .map(|(v, _)| *v)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_parse_both_languages() {
        assert_eq!(
            parse_labelled(FUEL_LABELS, Fuel::parse, "경유"),
            Some(Fuel::Diesel)
        );
        assert_eq!(
            parse_labelled(FUEL_LABELS, Fuel::parse, "Diesel"),
            Some(Fuel::Diesel)
        );
        assert_eq!(
            parse_labelled(STATUS_LABELS, VehicleStatus::parse, "판매완료"),
            Some(VehicleStatus::Sold)
        );
        assert_eq!(
            parse_labelled(TRANSMISSION_LABELS, Transmission::parse, "cvt"),
            Some(Transmission::Cvt)
        );
        assert_eq!(parse_labelled(FUEL_LABELS, Fuel::parse, "수소"), None);
    }
}
