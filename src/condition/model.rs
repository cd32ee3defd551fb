//! Condition reports as the UI and the CLI see them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::disclosures::Disclosure;
use super::panels::Mark;
use crate::text_enum;

text_enum! {
    /// 주행거리 및 계기상태.
    pub enum OdometerState {
        Good = "good",
        Faulty = "faulty",
    }
}

text_enum! {
    /// 차대번호 동일성확인: 양호/상이/부식/훼손/변조/도말.
    pub enum VinCheck {
        Good = "good",
        Different = "different",
        Corroded = "corroded",
        Damaged = "damaged",
        Altered = "altered",
        PaintedOver = "painted_over",
    }
}

text_enum! {
    /// 튜닝 (구조변경): 없음 / 적법 / 불법.
    pub enum Tuning {
        None = "none",
        Legal = "legal",
        Illegal = "illegal",
    }
}

text_enum! {
    /// 침수: 없음 / 일부 침수 / 전손 침수.
    pub enum Flood {
        None = "none",
        Partial = "partial",
        Total = "total",
    }
}

text_enum! {
    /// 용도이력: 없음 / 렌트 / 영업용.
    pub enum UseHistory {
        None = "none",
        Rental = "rental",
        Business = "business",
    }
}

text_enum! {
    /// 리콜: 해당 없음 / 미이행 / 이행.
    pub enum Recall {
        None = "none",
        Pending = "pending",
        Done = "done",
    }
}

/// One panel's marks (several allowed) and optional paint thickness.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PanelMark {
    pub panel: String,
    pub marks: Vec<Mark>,
    /// Paint thickness in micrometres, if measured.
    pub paint_um: Option<u32>,
    pub note: String,
}

/// One mechanical item, tyre or consumable reading: `key` from the
/// catalogue (`engine.idle`, `tyre.fl`), `value` a state code or, for tyres,
/// tread depth in mm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemState {
    pub key: String,
    pub value: String,
}

/// What the editor sends: everything of one report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConditionInput {
    /// None for a new report.
    pub id: Option<String>,
    pub vehicle_id: String,
    /// `YYYY-MM-DD`.
    pub inspected_on: String,
    pub inspector: String,
    #[ts(type = "number")]
    pub odometer_km: i64,
    pub odometer_state: OdometerState,
    pub vin_check: VinCheck,
    pub tuning: Tuning,
    pub flood: Flood,
    pub fire: bool,
    pub use_history: UseHistory,
    pub color_changed: bool,
    pub recall: Recall,
    pub panels: Vec<PanelMark>,
    pub items: Vec<ItemState>,
    pub comment: String,
}

/// A saved report with its generated summary in both languages. `input`
/// is what the editor edits (its `id` is this report's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConditionReport {
    pub id: String,
    pub input: ConditionInput,
    pub summary_ko: String,
    pub summary_en: String,
    /// True when frame or welded-on panels were repaired (사고).
    pub accident: bool,
    /// What the report discloses beyond the marks (history, items), for the
    /// app to word; the summaries already say it.
    pub disclosures: Vec<Disclosure>,
    pub created_at: String,
    pub updated_at: String,
}
