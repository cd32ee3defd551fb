//! Inventory records as the UI and the CLI see them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text_enum;

text_enum! {
    /// Where a vehicle is in its life on the lot.
    pub enum VehicleStatus {
        InStock = "in_stock",
        Reserved = "reserved",
        Sold = "sold",
        Withdrawn = "withdrawn",
    }
}

text_enum! {
    pub enum Fuel {
        Gasoline = "gasoline",
        Diesel = "diesel",
        Lpg = "lpg",
        Hybrid = "hybrid",
        Electric = "electric",
        Other = "other",
    }
}

text_enum! {
    /// The gearbox kinds of the 성능·상태점검기록부 (자동/수동/세미오토/무단/기타).
    pub enum Transmission {
        Auto = "auto",
        Manual = "manual",
        SemiAuto = "semi_auto",
        Cvt = "cvt",
        Other = "other",
    }
}

/// A yard the team sells from (e.g. 월평동, 대전오토월드).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Lot {
    pub id: String,
    pub name: String,
    pub address: String,
    pub phone: String,
    /// Vehicles on this lot that are in stock or reserved.
    pub active_vehicles: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LotInput {
    pub id: Option<String>,
    pub name: String,
    pub address: String,
    pub phone: String,
}

/// One car, every field of SPEC 2.1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Vehicle {
    pub id: String,
    pub make: String,
    pub model: String,
    pub trim: String,
    /// Model year (연식).
    pub year: i32,
    /// First registration date (최초등록일), `YYYY-MM-DD`.
    pub first_registration: Option<String>,
    /// Plate number (차량번호), e.g. `12가3456`.
    pub plate: String,
    /// VIN (차대번호); empty when not yet known.
    pub vin: String,
    #[ts(type = "number")]
    pub odometer_km: i64,
    pub fuel: Fuel,
    pub transmission: Transmission,
    pub color: String,
    /// Asking price in won.
    #[ts(type = "number")]
    pub price_krw: i64,
    pub lot_id: String,
    pub lot_name: String,
    pub status: VehicleStatus,
    /// Date the car came onto the lot, `YYYY-MM-DD`.
    pub stock_date: String,
    pub notes: String,
    pub tags: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Content hash of the cover photo (the gallery's first), if any.
    pub cover_hash: Option<String>,
}

/// What a form or an import supplies to create (`id: null`) or update a vehicle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VehicleInput {
    pub id: Option<String>,
    pub make: String,
    pub model: String,
    pub trim: String,
    pub year: i32,
    pub first_registration: Option<String>,
    pub plate: String,
    pub vin: String,
    #[ts(type = "number")]
    pub odometer_km: i64,
    pub fuel: Fuel,
    pub transmission: Transmission,
    pub color: String,
    #[ts(type = "number")]
    pub price_krw: i64,
    pub lot_id: String,
    pub status: VehicleStatus,
    pub stock_date: String,
    pub notes: String,
    pub tags: Vec<String>,
}

impl From<Vehicle> for VehicleInput {
    fn from(v: Vehicle) -> Self {
        VehicleInput {
            id: Some(v.id),
            make: v.make,
            model: v.model,
            trim: v.trim,
            year: v.year,
            first_registration: v.first_registration,
            plate: v.plate,
            vin: v.vin,
            odometer_km: v.odometer_km,
            fuel: v.fuel,
            transmission: v.transmission,
            color: v.color,
            price_krw: v.price_krw,
            lot_id: v.lot_id,
            status: v.status,
            stock_date: v.stock_date,
            notes: v.notes,
            tags: v.tags,
        }
    }
}

/// Filters of the inventory list. Every field is optional; `text` is the
/// search box (substring match, Korean included).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct VehicleQuery {
    pub text: Option<String>,
    pub lot_id: Option<String>,
    pub status: Option<VehicleStatus>,
    pub model: Option<String>,
    pub year_min: Option<i32>,
    pub year_max: Option<i32>,
    #[ts(type = "number | null")]
    pub price_min: Option<i64>,
    #[ts(type = "number | null")]
    pub price_max: Option<i64>,
    #[ts(type = "number | null")]
    pub mileage_max: Option<i64>,
    pub offset: Option<u32>,
    /// Page size; defaults to 100, at most 1000.
    pub limit: Option<u32>,
}

/// One page of the inventory list and how many match in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VehiclePage {
    pub items: Vec<Vehicle>,
    pub total: u32,
}
