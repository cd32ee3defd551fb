//! Condition reports for the demo cars: most 무사고 with a few scratches or
//! dents, one with an exchanged front fender, one with frame repair, one with
//! flood history — the cases a dealer must be able to show honestly.

use rusqlite::Connection;

use super::Seq;
use crate::condition::{
    ConditionInput, Flood, ItemState, Mark, OdometerState, PanelMark, Recall, Tuning, UseHistory,
    VinCheck,
};
use crate::db::Store;
use crate::error::Result;

const INSPECTORS: &[&str] = &[
    "대전자동차성능점검장 이정훈",
    "한국자동차진단보증협회 대전지부 최성민",
    "오토월드 성능점검장 장유진",
];

/// Outer panels a car picks up small blemishes on, with how likely each is.
const BLEMISH_PANELS: &[&str] = &[
    "front_door_l",
    "front_door_r",
    "rear_door_l",
    "rear_door_r",
    "front_fender_l",
    "front_fender_r",
    "hood",
    "trunk_lid",
    "quarter_l",
    "quarter_r",
];

/// Which special history a demo car gets, by its place in stock order.
enum Story {
    Clean,
    FenderExchanged,
    FrameRepair,
    Flood,
}

fn panel(key: &str, marks: &[Mark], paint_um: Option<u32>, note: &str) -> PanelMark {
    PanelMark {
        panel: key.into(),
        marks: marks.to_vec(),
        paint_um,
        note: note.into(),
    }
}

fn item(key: &str, value: &str) -> ItemState {
    ItemState {
        key: key.into(),
        value: value.into(),
    }
}

struct DemoCar {
    id: String,
    km: i64,
    stock_date: String,
    year: i32,
    says_no_accident: bool,
}

fn cars(conn: &Connection) -> Result<Vec<DemoCar>> {
    let mut stmt = conn.prepare(
        "SELECT id, odometer_km, stock_date, year,
                instr(notes, '무사고') > 0 OR instr(tags, '무사고') > 0
         FROM vehicles ORDER BY rid",
    )?;
    let cars = stmt
        .query_map([], |r| {
            Ok(DemoCar {
                id: r.get(0)?,
                km: r.get(1)?,
                stock_date: r.get(2)?,
                year: r.get(3)?,
                says_no_accident: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(cars)
}

fn report(car: &DemoCar, story: &Story, seq: &mut Seq) -> ConditionInput {
    let mut panels = Vec::new();
    let mut items = Vec::new();
    let mut flood = Flood::None;
    let mut comment = String::new();
    // A few blemishes on almost every used car, more on older ones.
    let blemishes = (seq.below(3) + u64::from(car.year < 2018)) as usize;
    for _ in 0..blemishes {
        let key = *seq.pick(BLEMISH_PANELS);
        let mark = if seq.below(3) == 0 {
            Mark::Dented
        } else {
            Mark::Scratched
        };
        match panels.iter_mut().find(|p: &&mut PanelMark| p.panel == key) {
            Some(p) if !p.marks.contains(&mark) => p.marks.push(mark),
            Some(_) => {}
            None => panels.push(panel(key, &[mark], None, "")),
        }
    }
    match story {
        Story::Clean => {}
        Story::FenderExchanged => {
            panels.retain(|p| p.panel != "front_fender_r");
            panels.push(panel(
                "front_fender_r",
                &[Mark::Exchanged],
                Some(310),
                "정품 교환, 도장 양호",
            ));
            comment = "우측 앞 펜더 교환(단순수리). 골격 이상 없음.".into();
        }
        Story::FrameRepair => {
            panels.retain(|p| !p.panel.starts_with("quarter_l"));
            panels.push(panel("quarter_l", &[Mark::Exchanged], Some(280), ""));
            panels.push(panel("rear_panel", &[Mark::Welded], None, "용접 흔적"));
            panels.push(panel("trunk_floor", &[Mark::Welded], None, ""));
            comment =
                "후방 추돌 수리 이력(리어 패널·트렁크 플로어 판금/용접). 주행 이상 없음.".into();
        }
        Story::Flood => {
            flood = Flood::Partial;
            panels.push(panel("floor_panel", &[Mark::Corroded], None, "하부 부식"));
            items.push(item("electrical.wiper", "bad"));
            comment = "2023년 여름 일부 침수 이력(실내 카펫 교체). 전기장치 점검 필요.".into();
        }
    }
    // Mechanical items: all fine, with the odd minor leak on older cars.
    if car.year < 2017 && seq.below(2) == 0 {
        items.push(item("engine.oil_leak_cover", "minor"));
    }
    if seq.below(4) == 0 {
        items.push(item("consumables.wiper_blades", "replace"));
    }
    for (pos, base) in [("fl", 0), ("fr", 0), ("rl", 1), ("rr", 1)] {
        let mm = 3.0 + (seq.below(50) as f64) / 10.0 + f64::from(base);
        items.push(item(&format!("tyre.{pos}"), &format!("{mm:.1}")));
    }
    ConditionInput {
        id: None,
        vehicle_id: car.id.clone(),
        inspected_on: car.stock_date.clone(),
        inspector: seq.pick(INSPECTORS).to_string(),
        odometer_km: car.km,
        odometer_state: OdometerState::Good,
        vin_check: VinCheck::Good,
        tuning: Tuning::None,
        flood,
        fire: false,
        use_history: if seq.below(8) == 0 {
            UseHistory::Rental
        } else {
            UseHistory::None
        },
        color_changed: false,
        recall: if seq.below(6) == 0 {
            Recall::Done
        } else {
            Recall::None
        },
        panels,
        items,
        comment,
    }
}

/// Saves one current report per demo car. Returns how many were written.
pub fn fill_conditions(store: &mut Store) -> Result<u32> {
    let cars = cars(store.conn())?;
    let mut seq = Seq(0xC0_4D17);
    // The special histories go to cars that do not advertise 무사고.
    let mut specials = vec![Story::Flood, Story::FrameRepair, Story::FenderExchanged];
    let mut written = 0;
    for (i, car) in cars.iter().enumerate() {
        let story = if i >= 3 && i % 4 == 3 && !car.says_no_accident {
            specials.pop().unwrap_or(Story::Clean)
        } else {
            Story::Clean
        };
        let input = report(car, &story, &mut seq);
        store.save_condition(&input)?;
        written += 1;
    }
    Ok(written)
}

/// The marked panel a drawn view of the car shows best, so the demo has
/// photos linked to their panels ("scratch on the left front door").
pub fn part_for_view(marked: &[String], view: &str) -> Option<String> {
    let seen_from: &[&str] = match view {
        "front34" => &["hood", "front_fender_l", "front_fender_r"],
        "side" => &[
            "front_door_l",
            "rear_door_l",
            "front_door_r",
            "rear_door_r",
            "quarter_l",
            "quarter_r",
        ],
        "rear34" => &["trunk_lid", "quarter_l", "quarter_r", "rear_panel"],
        _ => &[],
    };
    seen_from
        .iter()
        .find(|k| marked.iter().any(|m| m == *k))
        .map(|k| k.to_string())
}
