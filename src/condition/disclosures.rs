//! What a report says that a buyer would want told, beyond the panel marks:
//! the history of the basics (use, flood, fire, tuning, odometer, VIN,
//! colour, recall) and every item marked for attention. One list, used by the
//! summary line, the email's card and text twin, and the app (which words it
//! through i18n); the core words it in `mail::labels::disclosure`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::items::{item, TYRES};
use super::model::{ConditionInput, Flood, OdometerState, Recall, Tuning, UseHistory, VinCheck};

/// Below this tread (mm) a tyre is worth telling; the legal minimum is 1.6.
pub const TYRE_WORN_MM: f64 = 3.0;

/// One finding, as a code with its parameters (never words: each reader
/// words it in its own language).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
#[ts(export)]
pub enum Disclosure {
    /// 침수: partial or total.
    Flood { value: Flood },
    /// 화재 이력.
    Fire,
    /// 용도이력: rental or business.
    UseHistory { value: UseHistory },
    /// 주행거리 및 계기상태: faulty.
    OdometerFaulty,
    /// 차대번호 동일성확인: anything but 양호.
    VinCheck { value: VinCheck },
    /// 튜닝 (구조변경): legal or illegal.
    Tuning { value: Tuning },
    /// 리콜: pending or done.
    Recall { value: Recall },
    /// 색상 변경.
    ColorChanged,
    /// A mechanical item or consumable not in its best state (`key` from the
    /// catalogue, `value` its state code).
    Item { key: String, value: String },
    /// A tyre below [`TYRE_WORN_MM`]: `key` is `tyre.fl`…, `mm` as recorded.
    TyreWorn { key: String, mm: String },
}

impl Disclosure {
    /// Items and tyres: told one by one in the findings, counted in the summary.
    pub fn is_item(&self) -> bool {
        matches!(self, Disclosure::Item { .. } | Disclosure::TyreWorn { .. })
    }
}

/// Everything the report discloses, in the form's order: history first, then
/// the items in catalogue order, then worn tyres.
pub fn disclosures(input: &ConditionInput) -> Vec<Disclosure> {
    let mut out = Vec::new();
    if input.flood != Flood::None {
        out.push(Disclosure::Flood { value: input.flood });
    }
    if input.fire {
        out.push(Disclosure::Fire);
    }
    if input.use_history != UseHistory::None {
        out.push(Disclosure::UseHistory {
            value: input.use_history,
        });
    }
    if input.odometer_state != OdometerState::Good {
        out.push(Disclosure::OdometerFaulty);
    }
    if input.vin_check != VinCheck::Good {
        out.push(Disclosure::VinCheck {
            value: input.vin_check,
        });
    }
    if input.tuning != Tuning::None {
        out.push(Disclosure::Tuning {
            value: input.tuning,
        });
    }
    if input.recall != Recall::None {
        out.push(Disclosure::Recall {
            value: input.recall,
        });
    }
    if input.color_changed {
        out.push(Disclosure::ColorChanged);
    }
    let mut items: Vec<(usize, Disclosure)> = input
        .items
        .iter()
        .filter_map(|i| {
            let info = item(&i.key)?;
            let pos = super::items::ITEMS.iter().position(|x| x.key == i.key)?;
            (i.value != info.states.fine()).then(|| {
                (
                    pos,
                    Disclosure::Item {
                        key: i.key.clone(),
                        value: i.value.clone(),
                    },
                )
            })
        })
        .collect();
    items.sort_by_key(|(pos, _)| *pos);
    out.extend(items.into_iter().map(|(_, d)| d));
    for (t, _, _) in TYRES {
        let key = format!("tyre.{t}");
        let Some(i) = input.items.iter().find(|i| i.key == key) else {
            continue;
        };
        if i.value
            .trim()
            .parse::<f64>()
            .is_ok_and(|mm| mm < TYRE_WORN_MM)
        {
            out.push(Disclosure::TyreWorn {
                key,
                mm: i.value.trim().to_owned(),
            });
        }
    }
    out
}
