//! `lotbook demo`: a believable Korean dealer team to explore the app with.
//! Deterministic (a fixed seed), so screenshots and tests see the same cars.

mod condition;
mod data;
mod mail;
mod photos;
mod recall;
mod story;

pub use photos::{fill_photos, render_jpeg};

use chrono::{Datelike, Duration, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::customers::{CustomerInput, UserInput, Wants};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::inventory::{LotInput, VehicleInput, VehicleStatus};
use data::{CUSTOMERS, MODELS, PLATE_LETTERS};

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DemoReport {
    pub lots: u32,
    pub vehicles: u32,
    pub customers: u32,
    pub users: u32,
    /// Drawn photos added by [`fill_photos`] (0 from [`fill`] alone).
    pub photos: u32,
    /// Condition reports, one per vehicle.
    pub conditions: u32,
    pub shortlists: u32,
    /// Booked visits (the Seoul customer's Saturday).
    pub visits: u32,
    /// Sales with their follow-ups: one per sold car.
    pub sales: u32,
    /// Recall or service campaigns sent.
    pub campaigns: u32,
}

/// A small deterministic generator (SplitMix64): demo data must not change
/// between runs, and the core needs no random crate for it.
struct Seq(u64);

impl Seq {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

fn vin(seq: &mut Seq, wmi: &str, year: i32) -> String {
    const CHARS: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    // Position 10 is the model-year code in real VINs (A=2010 … Y=2000 cycle).
    const YEAR_CODES: &[u8] = b"ABCDEFGHJKLMNPRSTVWXY123456789";
    let mut s = String::from(wmi);
    // Positions 4-8 describe the model, 9 is the check digit.
    for _ in 0..5 {
        s.push(*seq.pick(CHARS) as char);
    }
    let code = YEAR_CODES[((year - 2010).rem_euclid(30)) as usize] as char;
    s.push(*seq.pick(b"0123456789X") as char);
    s.push(code);
    s.push(*seq.pick(CHARS) as char);
    for _ in 0..6 {
        s.push(*seq.pick(b"0123456789") as char);
    }
    s
}

fn plate(seq: &mut Seq) -> String {
    let letter = seq.pick(PLATE_LETTERS);
    let front = if seq.below(3) == 0 {
        100 + seq.below(900)
    } else {
        10 + seq.below(90)
    };
    format!("{front}{letter}{:04}", seq.below(10_000))
}

/// A demo customer as the app saves one, looked after by `dealer`.
fn customer_input(c: &data::DemoCustomer, dealer: &str) -> CustomerInput {
    CustomerInput {
        id: None,
        name: c.name.into(),
        phone: c.phone.into(),
        email: c.email.into(),
        region: c.region.into(),
        source: c.source,
        current_car: c.current_car.into(),
        trade_in: c.trade_in,
        wants: Wants {
            models: c.models.iter().map(|s| s.to_string()).collect(),
            year_min: c.years.map(|y| y.0),
            year_max: c.years.map(|y| y.1),
            budget_max_krw: c.budget_manwon.map(|b| b * 10_000),
            mileage_max_km: c.mileage_max_km,
            fuel: c.fuel,
            color: c.color.into(),
        },
        assigned_user_id: Some(dealer.to_owned()),
        notes: c.notes.into(),
        consent_contact: c.consent,
    }
}

/// Fills an empty data dir's store. Refuses a store that already has data.
pub fn fill(store: &mut Store) -> Result<DemoReport> {
    let existing: i64 = store.conn().query_row(
        "SELECT (SELECT count(*) FROM vehicles) + (SELECT count(*) FROM customers) + (SELECT count(*) FROM lots)",
        [],
        |r| r.get(0),
    )?;
    if existing > 0 {
        return Err(Error::Conflict(format!(
            "{} already holds data; the demo only fills an empty data dir",
            store.data_dir().display()
        )));
    }
    let today = crate::time::today(Utc::now(), store.team_zone()?);
    let mut seq = Seq(0x10_7B00C);
    let mut report = store.transact(|tx| {
        let me = crate::customers::save_user_in(
            tx,
            &UserInput {
                id: None,
                name: "김민수".into(),
                email: "minsu.kim@daejeon-motors.kr".into(),
                phone: "010-4821-3390".into(),
            },
        )?;
        crate::customers::set_me_in(tx, &me)?;
        let colleague = crate::customers::save_user_in(
            tx,
            &UserInput {
                id: None,
                name: "박정호".into(),
                email: "jungho.park@daejeon-motors.kr".into(),
                phone: "010-7712-0458".into(),
            },
        )?;
        let wolpyeong = crate::inventory::save_lot_in(
            tx,
            &LotInput {
                id: None,
                name: "월평동".into(),
                address: "대전광역시 서구 월평동 285-3".into(),
                phone: "042-488-1200".into(),
            },
        )?;
        let autoworld = crate::inventory::save_lot_in(
            tx,
            &LotInput {
                id: None,
                name: "대전오토월드".into(),
                address: "대전광역시 대덕구 대화동 52 대전오토월드 2층 B-14".into(),
                phone: "042-631-7788".into(),
            },
        )?;

        let mut vehicles = 0u32;
        for (i, m) in MODELS.iter().enumerate() {
            for n in 0..m.count {
                let year = m.years.0 + seq.below((m.years.1 - m.years.0 + 1) as u64) as i32;
                let age = (today.year() - year).max(0) as i64;
                let km =
                    ((age * (6_000 + seq.below(7_000) as i64) + 3_000 + seq.below(8_000) as i64)
                        / 100
                        * 100)
                        .min(268_000);
                // About 10% a year off the new price, ±8% for condition and options,
                // never below what an old runner still fetches.
                let condition = 0.92 + seq.below(17) as f64 / 100.0;
                let manwon = m.price_new_manwon as f64 * 0.9f64.powi(age as i32) * condition;
                let floor = (m.price_floor_manwon + seq.below(12) as i64 * 10) as f64;
                let manwon = (manwon.max(floor) / 10.0).round() as i64 * 10;
                // SM520s mostly stand at 대전오토월드, as in the story.
                let lot = if m.model == "SM520" {
                    if n == 0 {
                        &wolpyeong
                    } else {
                        &autoworld
                    }
                } else if (i + n as usize).is_multiple_of(3) {
                    &autoworld
                } else {
                    &wolpyeong
                };
                let status = match seq.below(12) {
                    0 => VehicleStatus::Reserved,
                    1 => VehicleStatus::Sold,
                    _ => VehicleStatus::InStock,
                };
                let first_reg = format!("{year}-{:02}-{:02}", 1 + seq.below(12), 1 + seq.below(28));
                let input = VehicleInput {
                    id: None,
                    make: m.make.into(),
                    model: m.model.into(),
                    trim: seq.pick(m.trims).to_string(),
                    year,
                    first_registration: Some(first_reg),
                    plate: plate(&mut seq),
                    vin: vin(&mut seq, m.wmi, year),
                    odometer_km: km,
                    fuel: m.fuel,
                    transmission: m.transmission,
                    color: seq.pick(data::COLORS).to_string(),
                    price_krw: manwon * 10_000,
                    lot_id: lot.clone(),
                    status,
                    stock_date: (today - Duration::days(seq.below(120) as i64))
                        .format("%Y-%m-%d")
                        .to_string(),
                    notes: seq.pick(data::NOTES).to_string(),
                    tags: data::tags_for(seq.below(6)),
                };
                crate::inventory::save_vehicle_in(tx, &input)?;
                vehicles += 1;
            }
        }

        for c in CUSTOMERS {
            let dealer = if c.colleague { &colleague } else { &me };
            crate::customers::save_customer_in(tx, &customer_input(c, dealer))?;
        }
        Ok(DemoReport {
            lots: 2,
            vehicles,
            customers: CUSTOMERS.len() as u32,
            users: 2,
            photos: 0,
            conditions: 0,
            shortlists: 0,
            visits: 0,
            sales: 0,
            campaigns: 0,
        })
    })?;
    report.conditions = condition::fill_conditions(store)?;
    report.shortlists = mail::fill_mail(store)?;
    let story = story::fill_story(store, Utc::now())?;
    report.customers += story.buyers;
    report.visits = story.visits;
    report.sales = story.sales;
    report.campaigns = story.campaigns;
    Ok(report)
}
