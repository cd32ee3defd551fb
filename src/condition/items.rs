//! The mechanical sections of the 기록부 with their items and the states each
//! may take, plus tyres and consumables. Follows the statutory form's items;
//! simplified where it splits automatic and manual gearboxes (one set of
//! gearbox items here; "not applicable" covers the other kind).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The states an item can take, as the form offers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StateSet {
    /// 양호 / 불량
    GoodBad,
    /// 없음 / 미세누유 / 누유 (oil), 없음 / 미세누수 / 누수 (coolant)
    Leak,
    /// 적정 / 부족 (/ 과다 for gearbox oil)
    Level,
    /// 없음 / 있음
    Presence,
    /// 양호 / 교환 필요 (consumables)
    Wear,
}

impl StateSet {
    pub const ALL: &'static [StateSet] = &[
        StateSet::GoodBad,
        StateSet::Leak,
        StateSet::Level,
        StateSet::Presence,
        StateSet::Wear,
    ];

    /// The stored codes, best first.
    pub fn codes(self) -> &'static [&'static str] {
        match self {
            StateSet::GoodBad => &["good", "bad"],
            StateSet::Leak => &["none", "minor", "leak"],
            StateSet::Level => &["ok", "low", "high"],
            StateSet::Presence => &["none", "present"],
            StateSet::Wear => &["good", "replace"],
        }
    }

    /// The code that means all is well (for counting what needs attention).
    pub fn fine(self) -> &'static str {
        self.codes()[0]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemInfo {
    /// `section.item`, stable: stored in the database.
    pub key: &'static str,
    pub section: &'static str,
    pub states: StateSet,
    pub ko: &'static str,
    pub en: &'static str,
}

const fn i(
    key: &'static str,
    section: &'static str,
    states: StateSet,
    ko: &'static str,
    en: &'static str,
) -> ItemInfo {
    ItemInfo {
        key,
        section,
        states,
        ko,
        en,
    }
}

use StateSet::{GoodBad, Leak, Level, Presence, Wear};

/// Sections in the form's order, with their Korean and English names.
pub const SECTIONS: &[(&str, &str, &str)] = &[
    ("self_diagnosis", "자기진단", "Self-diagnosis"),
    ("engine", "원동기", "Engine"),
    ("transmission", "변속기", "Transmission"),
    ("power_train", "동력전달", "Power train"),
    ("steering", "조향", "Steering"),
    ("brakes", "제동", "Brakes"),
    ("electrical", "전기", "Electrical"),
    ("fuel", "연료", "Fuel"),
    ("consumables", "소모품", "Consumables"),
];

pub const ITEMS: &[ItemInfo] = &[
    i(
        "self_diagnosis.engine",
        "self_diagnosis",
        GoodBad,
        "원동기",
        "engine",
    ),
    i(
        "self_diagnosis.transmission",
        "self_diagnosis",
        GoodBad,
        "변속기",
        "transmission",
    ),
    i(
        "engine.idle",
        "engine",
        GoodBad,
        "작동상태(공회전)",
        "running (idle)",
    ),
    i(
        "engine.oil_leak_cover",
        "engine",
        Leak,
        "오일누유: 실린더 커버",
        "oil leak: cylinder cover",
    ),
    i(
        "engine.oil_leak_head",
        "engine",
        Leak,
        "오일누유: 실린더 헤드/개스킷",
        "oil leak: head/gasket",
    ),
    i(
        "engine.oil_leak_block",
        "engine",
        Leak,
        "오일누유: 실린더 블록/오일팬",
        "oil leak: block/oil pan",
    ),
    i(
        "engine.oil_level",
        "engine",
        Level,
        "오일 유량",
        "oil level",
    ),
    i(
        "engine.coolant_leak_head",
        "engine",
        Leak,
        "냉각수 누수: 실린더 헤드/개스킷",
        "coolant leak: head/gasket",
    ),
    i(
        "engine.coolant_leak_pump",
        "engine",
        Leak,
        "냉각수 누수: 워터펌프",
        "coolant leak: water pump",
    ),
    i(
        "engine.coolant_leak_radiator",
        "engine",
        Leak,
        "냉각수 누수: 라디에이터",
        "coolant leak: radiator",
    ),
    i(
        "engine.coolant_level",
        "engine",
        Level,
        "냉각수 수량",
        "coolant level",
    ),
    i(
        "engine.common_rail",
        "engine",
        GoodBad,
        "커먼레일",
        "common rail",
    ),
    i(
        "transmission.oil_leak",
        "transmission",
        Leak,
        "오일누유",
        "oil leak",
    ),
    i(
        "transmission.oil_level",
        "transmission",
        Level,
        "오일유량 및 상태",
        "oil level and condition",
    ),
    i(
        "transmission.idle",
        "transmission",
        GoodBad,
        "작동상태(공회전)",
        "running (idle)",
    ),
    i(
        "transmission.shifting",
        "transmission",
        GoodBad,
        "기어변속장치",
        "gear shifting",
    ),
    i(
        "power_train.clutch",
        "power_train",
        GoodBad,
        "클러치 어셈블리",
        "clutch assembly",
    ),
    i(
        "power_train.cv_joint",
        "power_train",
        GoodBad,
        "등속조인트",
        "CV joints",
    ),
    i(
        "power_train.propeller_shaft",
        "power_train",
        GoodBad,
        "추친축 및 베어링",
        "propeller shaft and bearings",
    ),
    i(
        "power_train.differential",
        "power_train",
        GoodBad,
        "디퍼렌셜 기어",
        "differential",
    ),
    i(
        "steering.oil_leak",
        "steering",
        Leak,
        "동력조향 작동 오일 누유",
        "power steering oil leak",
    ),
    i(
        "steering.pump",
        "steering",
        GoodBad,
        "스티어링 펌프",
        "steering pump",
    ),
    i(
        "steering.gear",
        "steering",
        GoodBad,
        "스티어링 기어(MDPS포함)",
        "steering gear (incl. MDPS)",
    ),
    i(
        "steering.joint",
        "steering",
        GoodBad,
        "스티어링 조인트",
        "steering joint",
    ),
    i(
        "steering.hose",
        "steering",
        GoodBad,
        "파워고압호스",
        "power steering hose",
    ),
    i(
        "steering.tie_rod",
        "steering",
        GoodBad,
        "타이로드엔드 및 볼 조인트",
        "tie-rod ends and ball joints",
    ),
    i(
        "brakes.master_cylinder_leak",
        "brakes",
        Leak,
        "브레이크 마스터 실린더 오일 누유",
        "master cylinder oil leak",
    ),
    i(
        "brakes.oil_leak",
        "brakes",
        Leak,
        "브레이크 오일 누유",
        "brake fluid leak",
    ),
    i(
        "brakes.booster",
        "brakes",
        GoodBad,
        "배력장치 상태",
        "brake booster",
    ),
    i(
        "electrical.alternator",
        "electrical",
        GoodBad,
        "발전기 출력",
        "alternator output",
    ),
    i(
        "electrical.starter",
        "electrical",
        GoodBad,
        "시동 모터",
        "starter motor",
    ),
    i(
        "electrical.wiper",
        "electrical",
        GoodBad,
        "와이퍼 모터 기능",
        "wiper motor",
    ),
    i(
        "electrical.blower",
        "electrical",
        GoodBad,
        "실내송풍 모터",
        "cabin blower motor",
    ),
    i(
        "electrical.radiator_fan",
        "electrical",
        GoodBad,
        "라디에이터 팬 모터",
        "radiator fan motor",
    ),
    i(
        "electrical.window",
        "electrical",
        GoodBad,
        "윈도우 모터",
        "window motors",
    ),
    i(
        "fuel.leak",
        "fuel",
        Presence,
        "연료누출(LP가스 포함)",
        "fuel leak (incl. LPG)",
    ),
    i(
        "consumables.engine_oil",
        "consumables",
        Wear,
        "엔진오일",
        "engine oil",
    ),
    i(
        "consumables.brake_pads",
        "consumables",
        Wear,
        "브레이크 패드",
        "brake pads",
    ),
    i(
        "consumables.wiper_blades",
        "consumables",
        Wear,
        "와이퍼 블레이드",
        "wiper blades",
    ),
    i(
        "consumables.battery",
        "consumables",
        Wear,
        "배터리",
        "battery",
    ),
    i(
        "consumables.air_filter",
        "consumables",
        Wear,
        "에어필터",
        "air filter",
    ),
];

pub fn item(key: &str) -> Option<&'static ItemInfo> {
    ITEMS.iter().find(|i| i.key == key)
}

/// Tyre positions; tread depth in mm (new ≈ 8, legal minimum 1.6).
pub const TYRES: &[(&str, &str, &str)] = &[
    ("fl", "앞 좌", "front L"),
    ("fr", "앞 우", "front R"),
    ("rl", "뒤 좌", "rear L"),
    ("rr", "뒤 우", "rear R"),
];
