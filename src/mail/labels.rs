//! The email's fixed words in Korean and English.

use serde::Serialize;

use crate::condition::disclosures::Disclosure;
use crate::condition::items::{item, StateSet, TYRES};
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

/// A report's disclosure in words, as the summary line and the email's
/// findings say it (the app words the same codes through its i18n).
pub fn disclosure(d: &Disclosure, lang: Lang) -> String {
    use crate::condition::{Flood, Recall, Tuning, UseHistory, VinCheck};
    let ko = lang == Lang::Ko;
    let pick = |k: &str, e: &str| if ko { k.to_owned() } else { e.to_owned() };
    match d {
        Disclosure::Flood { value } => match value {
            Flood::Total => pick("침수 이력 (전손)", "Flood history (total loss)"),
            _ => pick("침수 이력 (일부)", "Flood history (partial)"),
        },
        Disclosure::Fire => pick("화재 이력", "Fire history"),
        Disclosure::UseHistory { value } => match value {
            UseHistory::Business => pick("영업용 사용 이력", "Former commercial vehicle"),
            _ => pick("렌트 사용 이력", "Former rental car"),
        },
        Disclosure::OdometerFaulty => pick("주행거리 계기 불량", "Odometer faulty"),
        Disclosure::VinCheck { value } => {
            let (k, e) = match value {
                VinCheck::Different => ("상이", "does not match"),
                VinCheck::Corroded => ("부식", "corroded"),
                VinCheck::Damaged => ("훼손", "damaged"),
                VinCheck::Altered => ("변조", "altered"),
                _ => ("도말", "painted over"),
            };
            if ko {
                format!("차대번호 {k}")
            } else {
                format!("VIN {e}")
            }
        }
        Disclosure::Tuning { value } => match value {
            Tuning::Illegal => pick("불법 구조변경", "Illegal modification"),
            _ => pick("구조변경 (적법)", "Modified (legal)"),
        },
        Disclosure::Recall { value } => match value {
            Recall::Pending => pick("리콜 미이행", "Recall not yet done"),
            _ => pick("리콜 이행 완료", "Recall done"),
        },
        Disclosure::ColorChanged => pick("색상 변경", "Colour changed"),
        Disclosure::Item { key, value } => match item(key) {
            Some(info) => format!(
                // Item names may hold a colon already ("오일누유: 실린더 커버").
                "{} — {}",
                if ko { info.ko } else { info.en },
                item_state(value, info.states, lang)
            ),
            None => key.clone(),
        },
        Disclosure::TyreWorn { key, mm } => {
            let pos = key.strip_prefix("tyre.").unwrap_or(key);
            let name = TYRES
                .iter()
                .find(|(k, _, _)| *k == pos)
                .map_or(pos, |(_, k, e)| if ko { k } else { e });
            if ko {
                format!("타이어 {name} — 트레드 {mm} mm")
            } else {
                format!("tyre {name} — tread {mm} mm")
            }
        }
    }
}

/// The summary's count of items to look at: "점검 필요 2" / "2 items need attention".
pub fn attention_count(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Ko => format!("점검 필요 {n}"),
        Lang::En if n == 1 => "1 item needs attention".to_owned(),
        Lang::En => format!("{n} items need attention"),
    }
}
