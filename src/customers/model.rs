//! Customers, what they want, and the team's own people.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::inventory::Fuel;
use crate::text_enum;

text_enum! {
    /// How the customer found the dealer.
    pub enum CustomerSource {
        Blog = "blog",
        Referral = "referral",
        WalkIn = "walk_in",
        ListingSite = "listing_site",
        Repeat = "repeat",
        Phone = "phone",
        Other = "other",
    }
}

/// What a customer is looking for; every part is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct Wants {
    /// Models they would consider, e.g. `["SM520", "SM5"]`.
    pub models: Vec<String>,
    pub year_min: Option<i32>,
    pub year_max: Option<i32>,
    /// Most they want to spend, in won.
    #[ts(type = "number | null")]
    pub budget_max_krw: Option<i64>,
    #[ts(type = "number | null")]
    pub mileage_max_km: Option<i64>,
    pub fuel: Option<Fuel>,
    pub color: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Customer {
    pub id: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    /// Where they live, e.g. 서울 노원구.
    pub region: String,
    pub source: CustomerSource,
    /// The car they drive now, e.g. `2002 레조 (자동)`.
    pub current_car: String,
    /// Whether they want to trade their current car in.
    pub trade_in: bool,
    pub wants: Wants,
    pub assigned_user_id: Option<String>,
    pub assigned_user_name: Option<String>,
    pub notes: String,
    /// Consent to be contacted (marketing, follow-ups, recalls).
    pub consent_contact: bool,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CustomerInput {
    pub id: Option<String>,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub region: String,
    pub source: CustomerSource,
    pub current_car: String,
    pub trade_in: bool,
    pub wants: Wants,
    pub assigned_user_id: Option<String>,
    pub notes: String,
    pub consent_contact: bool,
}

impl From<Customer> for CustomerInput {
    fn from(c: Customer) -> Self {
        CustomerInput {
            id: Some(c.id),
            name: c.name,
            phone: c.phone,
            email: c.email,
            region: c.region,
            source: c.source,
            current_car: c.current_car,
            trade_in: c.trade_in,
            wants: c.wants,
            assigned_user_id: c.assigned_user_id,
            notes: c.notes,
            consent_contact: c.consent_contact,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct CustomerQuery {
    /// Matches name, phone, email, region, current car, wanted models and notes.
    pub text: Option<String>,
    pub assigned_user_id: Option<String>,
}

/// A member of the dealer's team. Exactly one is "me" on each device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct User {
    pub id: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub is_me: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UserInput {
    pub id: Option<String>,
    pub name: String,
    pub email: String,
    pub phone: String,
}
