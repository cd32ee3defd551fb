//! The CSV columns and the Korean/English names of their values.

use crate::inventory::{Fuel, Transmission, VehicleStatus};

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

/// Written header (Korean) first; every name accepted on import after it.
const COLUMNS: &[(Col, &[&str])] = &[
    (Col::Id, &["id"]),
    (Col::Make, &["제조사", "make"]),
    (Col::Model, &["모델", "model"]),
    (Col::Trim, &["등급", "트림", "trim"]),
    (Col::Year, &["연식", "year"]),
    (
        Col::FirstRegistration,
        &["최초등록일", "first_registration"],
    ),
    (Col::Plate, &["차량번호", "plate"]),
    (Col::Vin, &["차대번호", "vin"]),
    (Col::Odometer, &["주행거리(km)", "주행거리", "odometer_km"]),
    (Col::Fuel, &["연료", "fuel"]),
    (Col::Transmission, &["변속기", "transmission"]),
    (Col::Color, &["색상", "color", "colour"]),
    (Col::PriceManwon, &["가격(만원)", "가격", "price_manwon"]),
    (Col::PriceKrw, &["가격(원)", "price_krw"]),
    (Col::Lot, &["전시장", "lot"]),
    (Col::Status, &["상태", "status"]),
    (Col::StockDate, &["입고일", "stock_date"]),
    (Col::Notes, &["메모", "notes"]),
    (Col::Tags, &["태그", "tags"]),
];

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

pub(super) fn header_of(col: Col) -> &'static str {
    COLUMNS
        .iter()
        .find(|(c, _)| *c == col)
        .map(|(_, names)| names[0])
        .unwrap_or("")
}

pub(super) fn col_of_header(h: &str) -> Option<Col> {
    let h = h.trim();
    COLUMNS
        .iter()
        .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(h)))
        .map(|(c, _)| *c)
}

/// Which input field a column fills, to place validation errors.
pub(super) fn col_of_field(field: &str) -> Option<Col> {
    Some(match field {
        "id" => Col::Id,
        "make" => Col::Make,
        "model" => Col::Model,
        "trim" => Col::Trim,
        "year" => Col::Year,
        "first_registration" => Col::FirstRegistration,
        "plate" => Col::Plate,
        "vin" => Col::Vin,
        "odometer_km" => Col::Odometer,
        "color" => Col::Color,
        "price_krw" => Col::PriceManwon,
        "lot_id" => Col::Lot,
        "stock_date" => Col::StockDate,
        "notes" => Col::Notes,
        "tags" => Col::Tags,
        _ => return None,
    })
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
