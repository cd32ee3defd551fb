//! The email's fixed words in Korean and English.

use serde::Serialize;

use crate::condition::items::StateSet;
use crate::condition::Lang;
use crate::inventory::{Fuel, Transmission};

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Labels {
    pub year: &'static str,
    pub registered: &'static str,
    pub mileage: &'static str,
    pub fuel: &'static str,
    pub transmission: &'static str,
    pub color: &'static str,
    pub plate: &'static str,
    pub lot: &'static str,
    pub condition: &'static str,
    pub diagram: &'static str,
    pub no_condition: &'static str,
    pub photos: &'static str,
}

impl Labels {
    pub fn of(lang: Lang) -> Labels {
        match lang {
            Lang::Ko => Labels {
                year: "연식",
                registered: "최초등록",
                mileage: "주행거리",
                fuel: "연료",
                transmission: "변속기",
                color: "색상",
                plate: "차량번호",
                lot: "전시장",
                condition: "성능·상태점검",
                diagram: "외판·골격 점검도",
                no_condition: "상태점검 기록이 아직 없습니다. 보러 오시면 함께 확인해 드립니다.",
                photos: "사진",
            },
            Lang::En => Labels {
                year: "Year",
                registered: "first registered",
                mileage: "Mileage",
                fuel: "Fuel",
                transmission: "Transmission",
                color: "Colour",
                plate: "Plate",
                lot: "Lot",
                condition: "Condition inspection",
                diagram: "Panel and frame diagram",
                no_condition:
                    "No condition report yet; we will go through the car with you when you visit.",
                photos: "Photos",
            },
        }
    }
}

/// The same words as the app's (ui/src/i18n `fuel`): 가솔린 everywhere, never
/// 휘발유 on one screen and 가솔린 on another (search and import read both).
pub fn fuel(f: Fuel, lang: Lang) -> &'static str {
    match (f, lang) {
        (Fuel::Gasoline, Lang::Ko) => "가솔린",
        (Fuel::Diesel, Lang::Ko) => "디젤",
        (Fuel::Lpg, Lang::Ko) => "LPG",
        (Fuel::Hybrid, Lang::Ko) => "하이브리드",
        (Fuel::Electric, Lang::Ko) => "전기",
        (Fuel::Other, Lang::Ko) => "기타",
        (Fuel::Gasoline, Lang::En) => "Gasoline",
        (Fuel::Diesel, Lang::En) => "Diesel",
        (Fuel::Lpg, Lang::En) => "LPG",
        (Fuel::Hybrid, Lang::En) => "Hybrid",
        (Fuel::Electric, Lang::En) => "Electric",
        (Fuel::Other, Lang::En) => "Other",
    }
}

pub fn transmission(t: Transmission, lang: Lang) -> &'static str {
    match (t, lang) {
        (Transmission::Auto, Lang::Ko) => "자동",
        (Transmission::Manual, Lang::Ko) => "수동",
        (Transmission::SemiAuto, Lang::Ko) => "세미오토",
        (Transmission::Cvt, Lang::Ko) => "무단(CVT)",
        (Transmission::Other, Lang::Ko) => "기타",
        (Transmission::Auto, Lang::En) => "Automatic",
        (Transmission::Manual, Lang::En) => "Manual",
        (Transmission::SemiAuto, Lang::En) => "Semi-automatic",
        (Transmission::Cvt, Lang::En) => "CVT",
        (Transmission::Other, Lang::En) => "Other",
    }
}

/// An inspection item's state as the form words it.
pub fn item_state(code: &str, set: StateSet, lang: Lang) -> &'static str {
    match (set, code, lang) {
        (StateSet::GoodBad | StateSet::Wear, "good", Lang::Ko) => "양호",
        (StateSet::GoodBad | StateSet::Wear, "good", Lang::En) => "good",
        (StateSet::GoodBad, "bad", Lang::Ko) => "불량",
        (StateSet::GoodBad, "bad", Lang::En) => "faulty",
        (StateSet::Wear, "replace", Lang::Ko) => "교환 필요",
        (StateSet::Wear, "replace", Lang::En) => "needs replacing",
        (StateSet::Leak | StateSet::Presence, "none", Lang::Ko) => "없음",
        (StateSet::Leak | StateSet::Presence, "none", Lang::En) => "none",
        (StateSet::Leak, "minor", Lang::Ko) => "미세 누유·누수",
        (StateSet::Leak, "minor", Lang::En) => "minor seepage",
        (StateSet::Leak, "leak", Lang::Ko) => "누유·누수",
        (StateSet::Leak, "leak", Lang::En) => "leaking",
        (StateSet::Level, "ok", Lang::Ko) => "적정",
        (StateSet::Level, "ok", Lang::En) => "correct level",
        (StateSet::Level, "low", Lang::Ko) => "부족",
        (StateSet::Level, "low", Lang::En) => "low",
        (StateSet::Level, "high", Lang::Ko) => "과다",
        (StateSet::Level, "high", Lang::En) => "too high",
        (StateSet::Presence, "present", Lang::Ko) => "있음",
        (StateSet::Presence, "present", Lang::En) => "present",
        (_, _, Lang::Ko) => "확인 필요",
        (_, _, Lang::En) => "to be checked",
    }
}
