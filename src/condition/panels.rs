//! The panels of the 자동차 성능·상태점검기록부's accident/repair diagram.
//!
//! Outer panels (외판) rank 1 are bolted on; rank 2 are welded on. Frame parts
//! (주요골격) ranks A/B/C. Simplified from the statutory form where it splits
//! front and rear side members and wheel houses: here one side member and one
//! wheel house per side, as the issue lists them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::lang::Lang;
use crate::text_enum;

text_enum! {
    /// Where a panel sits in the form's ranking.
    pub enum PanelRank {
        Outer1 = "outer1",
        Outer2 = "outer2",
        FrameA = "frame_a",
        FrameB = "frame_b",
        FrameC = "frame_c",
    }
}

impl PanelRank {
    pub fn is_frame(self) -> bool {
        matches!(
            self,
            PanelRank::FrameA | PanelRank::FrameB | PanelRank::FrameC
        )
    }
}

text_enum! {
    /// The form's marks: X 교환, W 판금/용접, C 부식, A 흠집, U 요철, T 손상.
    pub enum Mark {
        Exchanged = "X",
        Welded = "W",
        Corroded = "C",
        Scratched = "A",
        Dented = "U",
        Damaged = "T",
    }
}

impl Mark {
    /// The standard colours of the marks on printed 기록부 diagrams, kept
    /// apart enough to tell on screen and in print.
    pub fn color(self) -> &'static str {
        match self {
            Mark::Exchanged => "#d32f2f",
            Mark::Welded => "#ef6c00",
            Mark::Corroded => "#795548",
            Mark::Scratched => "#1976d2",
            Mark::Dented => "#7b1fa2",
            Mark::Damaged => "#455a64",
        }
    }

    /// The mark's name as the form and the legend give it.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Mark::Exchanged, Lang::Ko) => "교환",
            (Mark::Welded, Lang::Ko) => "판금/용접",
            (Mark::Corroded, Lang::Ko) => "부식",
            (Mark::Scratched, Lang::Ko) => "흠집",
            (Mark::Dented, Lang::Ko) => "요철",
            (Mark::Damaged, Lang::Ko) => "손상",
            (Mark::Exchanged, Lang::En) => "replaced",
            (Mark::Welded, Lang::En) => "sheet metal/weld",
            (Mark::Corroded, Lang::En) => "corrosion",
            (Mark::Scratched, Lang::En) => "scratch",
            (Mark::Dented, Lang::En) => "dent",
            (Mark::Damaged, Lang::En) => "damage",
        }
    }

    /// Replacing or welding a part: repair, as opposed to a blemish.
    pub fn is_repair(self) -> bool {
        matches!(self, Mark::Exchanged | Mark::Welded)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PanelInfo {
    pub key: &'static str,
    pub rank: PanelRank,
    pub ko: &'static str,
    pub en: &'static str,
}

const fn p(key: &'static str, rank: PanelRank, ko: &'static str, en: &'static str) -> PanelInfo {
    PanelInfo { key, rank, ko, en }
}

use PanelRank::{FrameA, FrameB, FrameC, Outer1, Outer2};

/// Every panel, in the form's order.
pub const PANELS: &[PanelInfo] = &[
    p("hood", Outer1, "후드", "hood"),
    p("front_fender_l", Outer1, "앞 펜더 좌", "front fender L"),
    p("front_fender_r", Outer1, "앞 펜더 우", "front fender R"),
    p("front_door_l", Outer1, "앞 도어 좌", "front door L"),
    p("front_door_r", Outer1, "앞 도어 우", "front door R"),
    p("rear_door_l", Outer1, "뒤 도어 좌", "rear door L"),
    p("rear_door_r", Outer1, "뒤 도어 우", "rear door R"),
    p("trunk_lid", Outer1, "트렁크 리드", "trunk lid"),
    p(
        "radiator_support",
        Outer1,
        "라디에이터 서포트",
        "radiator support",
    ),
    p("quarter_l", Outer2, "쿼터 패널 좌", "quarter panel L"),
    p("quarter_r", Outer2, "쿼터 패널 우", "quarter panel R"),
    p("roof", Outer2, "루프 패널", "roof"),
    p("side_sill_l", Outer2, "사이드실 좌", "side sill L"),
    p("side_sill_r", Outer2, "사이드실 우", "side sill R"),
    p("front_panel", FrameA, "프론트 패널", "front panel"),
    p("cross_member", FrameA, "크로스 멤버", "cross member"),
    p(
        "inside_panel_l",
        FrameA,
        "인사이드 패널 좌",
        "inside panel L",
    ),
    p(
        "inside_panel_r",
        FrameA,
        "인사이드 패널 우",
        "inside panel R",
    ),
    p("rear_panel", FrameA, "리어 패널", "rear panel"),
    p("trunk_floor", FrameA, "트렁크 플로어", "trunk floor"),
    p("side_member_l", FrameB, "사이드 멤버 좌", "side member L"),
    p("side_member_r", FrameB, "사이드 멤버 우", "side member R"),
    p("wheel_house_l", FrameB, "휠하우스 좌", "wheel house L"),
    p("wheel_house_r", FrameB, "휠하우스 우", "wheel house R"),
    p("pillar_a_l", FrameB, "A필러 좌", "A-pillar L"),
    p("pillar_a_r", FrameB, "A필러 우", "A-pillar R"),
    p("pillar_b_l", FrameB, "B필러 좌", "B-pillar L"),
    p("pillar_b_r", FrameB, "B필러 우", "B-pillar R"),
    p("pillar_c_l", FrameB, "C필러 좌", "C-pillar L"),
    p("pillar_c_r", FrameB, "C필러 우", "C-pillar R"),
    p("package_tray", FrameB, "패키지 트레이", "package tray"),
    p("dash_panel", FrameC, "대쉬 패널", "dash panel"),
    p("floor_panel", FrameC, "플로어 패널", "floor panel"),
];

pub fn panel(key: &str) -> Option<&'static PanelInfo> {
    PANELS.iter().find(|p| p.key == key)
}

/// Whether repairing this panel makes the car 사고 (accident history): any
/// frame part, and the welded-on outer panels (quarter panels, roof, side
/// sills), whose exchange or welding means cutting into the body — the
/// statutory definition. Bolted outer panels are 단순수리 (simple repair).
pub fn counts_as_accident(info: &PanelInfo) -> bool {
    info.rank.is_frame() || info.rank == PanelRank::Outer2
}
