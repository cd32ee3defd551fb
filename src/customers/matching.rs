//! Matching: the cars on every lot ranked by how well they fit what one
//! customer wants, and the customers who want one car. Each candidate
//! carries the reasons behind its score in both languages ("budget +5%",
//! "2 years older than wanted"), so the dealer sees why, not just a number.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Customer, CustomerQuery, Wants};
use crate::condition::Lang;
use crate::db::Store;
use crate::error::Result;
use crate::inventory::{Vehicle, VehicleQuery, VehicleStatus};

/// Over this much above budget a car is not suggested at all.
const OVER_BUDGET_LIMIT_PCT: i64 = 30;
/// Customers listed for a car need at least this score.
const CUSTOMER_MIN_SCORE: i32 = 50;

/// Why a candidate scored as it did; `ko`/`en` are ready to show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MatchReason {
    /// Stable code: model, year_older, year_newer, year_in_range, over_budget,
    /// within_budget, over_mileage, within_mileage, fuel_mismatch, fuel_match,
    /// color_match, color_mismatch, reserved.
    pub code: String,
    /// Positive reasons read as good news in the UI, negative as a caveat.
    pub good: bool,
    pub ko: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VehicleMatch {
    pub vehicle: Vehicle,
    /// 0–100; higher fits better.
    pub score: i32,
    pub reasons: Vec<MatchReason>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CustomerMatch {
    pub customer: Customer,
    pub score: i32,
    pub reasons: Vec<MatchReason>,
}

fn reason(code: &str, good: bool, ko: String, en: String) -> MatchReason {
    MatchReason {
        code: code.to_owned(),
        good,
        ko,
        en,
    }
}

/// Model names compared without spaces, case or hyphens, either containing
/// the other: a want of "SM5" takes an SM520, a want of "SM520 LE" an SM520.
fn model_key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

fn model_fits(wants: &[String], v: &Vehicle) -> Option<String> {
    let model = model_key(&v.model);
    let full = model_key(&format!("{}{}", v.model, v.trim));
    wants
        .iter()
        .find(|w| {
            let w = model_key(w);
            !w.is_empty() && (model.contains(&w) || w.contains(&model) || full.contains(&w))
        })
        .cloned()
}

/// How far `value` is above `cap`, in whole percent (rounded up).
fn pct_over(value: i64, cap: i64) -> i64 {
    if cap <= 0 {
        return if value > 0 { 100 } else { 0 };
    }
    ((value - cap) * 100 + cap - 1) / cap
}

/// Scores `v` against `w`; `None` when the car is not worth suggesting
/// (another model than wanted, sold, or far over budget).
pub fn score(w: &Wants, v: &Vehicle) -> Option<(i32, Vec<MatchReason>)> {
    if matches!(v.status, VehicleStatus::Sold | VehicleStatus::Withdrawn) {
        return None;
    }
    let mut score: i32 = 100;
    let mut reasons = Vec::new();
    if !w.models.is_empty() {
        let wanted = model_fits(&w.models, v)?;
        reasons.push(reason(
            "model",
            true,
            format!("원하는 모델 ({wanted})"),
            format!("wanted model ({wanted})"),
        ));
    }
    if let Some(min) = w.year_min.filter(|m| v.year < *m) {
        let d = min - v.year;
        score -= 8 * d;
        reasons.push(reason(
            "year_older",
            false,
            format!("원하는 연식보다 {d}년 오래됨"),
            format!(
                "{d} year{} older than wanted",
                if d == 1 { "" } else { "s" }
            ),
        ));
    } else if let Some(max) = w.year_max.filter(|m| v.year > *m) {
        let d = v.year - max;
        score -= 2 * d;
        reasons.push(reason(
            "year_newer",
            true,
            format!("원하는 연식보다 {d}년 최신"),
            format!(
                "{d} year{} newer than wanted",
                if d == 1 { "" } else { "s" }
            ),
        ));
    } else if w.year_min.is_some() || w.year_max.is_some() {
        reasons.push(reason(
            "year_in_range",
            true,
            "원하는 연식".to_owned(),
            "year as wanted".to_owned(),
        ));
    }
    if let Some(budget) = w.budget_max_krw {
        if v.price_krw > budget {
            let p = pct_over(v.price_krw, budget);
            if p > OVER_BUDGET_LIMIT_PCT {
                return None;
            }
            score -= 2 * p as i32;
            reasons.push(reason(
                "over_budget",
                false,
                format!("예산 +{p}%"),
                format!("budget +{p}%"),
            ));
        } else {
            reasons.push(reason(
                "within_budget",
                true,
                "예산 안".to_owned(),
                "within budget".to_owned(),
            ));
        }
    }
    if let Some(cap) = w.mileage_max_km {
        if v.odometer_km > cap {
            let p = pct_over(v.odometer_km, cap);
            score -= p.min(50) as i32;
            reasons.push(reason(
                "over_mileage",
                false,
                format!("주행거리 +{p}%"),
                format!("mileage +{p}%"),
            ));
        } else {
            reasons.push(reason(
                "within_mileage",
                true,
                "주행거리 조건 안".to_owned(),
                "mileage within limit".to_owned(),
            ));
        }
    }
    if let Some(fuel) = w.fuel {
        if v.fuel == fuel {
            reasons.push(reason(
                "fuel_match",
                true,
                "원하는 연료".to_owned(),
                "wanted fuel".to_owned(),
            ));
        } else {
            score -= 30;
            reasons.push(reason(
                "fuel_mismatch",
                false,
                format!(
                    "연료 다름 ({})",
                    crate::mail::labels::fuel(v.fuel, Lang::Ko)
                ),
                format!(
                    "different fuel ({})",
                    crate::mail::labels::fuel(v.fuel, Lang::En)
                ),
            ));
        }
    }
    let color = w.color.trim();
    if !color.is_empty() {
        if !v.color.is_empty() && (v.color.contains(color) || color.contains(v.color.as_str())) {
            score += 5;
            reasons.push(reason(
                "color_match",
                true,
                format!("원하는 색상 ({})", v.color),
                format!("wanted colour ({})", v.color),
            ));
        } else {
            score -= 5;
            reasons.push(reason(
                "color_mismatch",
                false,
                format!("색상 {}", v.color),
                format!("colour {}", v.color),
            ));
        }
    }
    if v.status == VehicleStatus::Reserved {
        score -= 10;
        reasons.push(reason(
            "reserved",
            false,
            "예약됨".to_owned(),
            "reserved".to_owned(),
        ));
    }
    Some((score.clamp(0, 100), reasons))
}

/// Best first; ties go to the cheaper car, then the lower mileage.
fn rank(mut list: Vec<VehicleMatch>) -> Vec<VehicleMatch> {
    list.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.vehicle.price_krw.cmp(&b.vehicle.price_krw))
            .then(a.vehicle.odometer_km.cmp(&b.vehicle.odometer_km))
            .then(a.vehicle.id.cmp(&b.vehicle.id))
    });
    list
}

/// Scores every car in `vehicles` for `wants`, best first.
pub fn rank_vehicles(wants: &Wants, vehicles: Vec<Vehicle>) -> Vec<VehicleMatch> {
    rank(
        vehicles
            .into_iter()
            .filter_map(|v| {
                score(wants, &v).map(|(score, reasons)| VehicleMatch {
                    vehicle: v,
                    score,
                    reasons,
                })
            })
            .collect(),
    )
}

impl Store {
    fn unsold_vehicles(&self) -> Result<Vec<Vehicle>> {
        let mut all = Vec::new();
        for status in [VehicleStatus::InStock, VehicleStatus::Reserved] {
            let mut offset = 0;
            loop {
                let page = self.list_vehicles(&VehicleQuery {
                    status: Some(status),
                    offset: Some(offset),
                    limit: Some(1000),
                    ..Default::default()
                })?;
                let n = page.items.len();
                offset += n as u32;
                all.extend(page.items);
                if n < 1000 {
                    break;
                }
            }
        }
        Ok(all)
    }

    /// The cars on every lot that fit this customer's wants, best first.
    pub fn match_vehicles(&self, customer_id: &str, limit: usize) -> Result<Vec<VehicleMatch>> {
        let c = self.get_customer(customer_id)?;
        let mut list = rank_vehicles(&c.wants, self.unsold_vehicles()?);
        list.truncate(limit);
        Ok(list)
    }

    /// The customers who want this car (they named its model), best fit first.
    pub fn match_customers(&self, vehicle_id: &str) -> Result<Vec<CustomerMatch>> {
        let v = self.get_vehicle(vehicle_id)?;
        let mut list: Vec<CustomerMatch> = self
            .list_customers(&CustomerQuery::default())?
            .into_iter()
            .filter(|c| !c.wants.models.is_empty())
            .filter_map(|c| {
                let (score, reasons) = score(&c.wants, &v)?;
                (score >= CUSTOMER_MIN_SCORE).then_some(CustomerMatch {
                    customer: c,
                    score,
                    reasons,
                })
            })
            .collect();
        list.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then(a.customer.name.cmp(&b.customer.name))
        });
        Ok(list)
    }
}
