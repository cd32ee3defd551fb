//! Step 1 of composing: read what the email is about from the store (the
//! customer, each car with its photos, condition report and shortlist note,
//! the sender, the template words and the lots).

use std::collections::HashMap;

use super::super::mime::Mailbox;
use super::super::templates::Words;
use crate::condition::ConditionReport;
use crate::customers::Customer;
use crate::db::Store;
use crate::error::{Error, ErrorCode, Result};
use crate::inventory::{Lot, Vehicle};
use crate::mail::model::ComposeRequest;
use crate::photos::Photo;
use crate::shortlist::MAX_VEHICLES;

/// One car with what the email shows of it.
pub(super) struct CarData {
    pub(super) vehicle: Vehicle,
    pub(super) photos: Vec<Photo>,
    pub(super) condition: Option<ConditionReport>,
    pub(super) note: String,
}

/// Everything the later steps read; no step after this one touches the
/// store except to load photo bytes.
pub(super) struct Gathered {
    pub(super) customer: Customer,
    pub(super) cars: Vec<CarData>,
    pub(super) from_name: String,
    pub(super) to: Option<Mailbox>,
    pub(super) from: Option<Mailbox>,
    pub(super) signature: Vec<String>,
    pub(super) words: Words,
    /// A handover introduces the colleague instead of greeting.
    pub(super) handover: bool,
    pub(super) lots: Vec<Lot>,
}

impl Store {
    pub(super) fn gather(&self, req: &ComposeRequest) -> Result<Gathered> {
        let (customer, cars) = self.gather_cars(req)?;
        let (from_name, from_addr, signature) = self.sender()?;
        // Addresses go into headers only once checked (rows arrive by sync too).
        let to = Mailbox::recipient(&customer.name, &customer.email)?;
        let from = Mailbox::sender(&from_name, &from_addr)?;
        let team = self
            .setting(crate::mail::TEAM_NAME_KEY)?
            .unwrap_or_default();
        let colleague = req
            .introduce_user_id
            .as_deref()
            .map(|id| self.get_user(id))
            .transpose()?;
        let words = Words {
            customer: customer.name.clone(),
            dealer: signature.first().cloned().unwrap_or_default(),
            team,
            count: cars.len(),
            colleague: colleague
                .as_ref()
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            colleague_phone: colleague
                .as_ref()
                .map(|u| u.phone.clone())
                .unwrap_or_default(),
        };
        Ok(Gathered {
            customer,
            cars,
            from_name,
            to,
            from,
            signature,
            words,
            handover: colleague.is_some(),
            lots: self.list_lots()?,
        })
    }

    fn gather_cars(&self, req: &ComposeRequest) -> Result<(Customer, Vec<CarData>)> {
        let customer = self.get_customer(&req.customer_id)?;
        if req.vehicles.is_empty() && req.introduce_user_id.is_none() {
            return Err(Error::invalid(
                "vehicles",
                ErrorCode::NoVehicles,
                "choose at least one car for the email",
            ));
        }
        if req.vehicles.len() > MAX_VEHICLES {
            return Err(Error::invalid(
                "vehicles",
                ErrorCode::TooManyVehicles,
                format!("an email holds at most {MAX_VEHICLES} cars"),
            ));
        }
        let notes = match &req.shortlist_id {
            Some(id) => self
                .get_shortlist(id)?
                .items
                .into_iter()
                .map(|i| (i.vehicle.id, i.note))
                .collect(),
            None => HashMap::new(),
        };
        let mut cars = Vec::with_capacity(req.vehicles.len());
        for cv in &req.vehicles {
            let vehicle = self.get_vehicle(&cv.vehicle_id)?;
            let gallery = self.list_photos(&vehicle.id)?;
            let ids = match &cv.photo_ids {
                Some(ids) => ids.clone(),
                None => self.default_email_photos(&vehicle.id)?,
            };
            let mut photos = Vec::with_capacity(ids.len());
            for id in &ids {
                let p = gallery.iter().find(|p| &p.id == id).ok_or_else(|| {
                    Error::invalid(
                        "photo_ids",
                        ErrorCode::UnknownPhoto,
                        format!("photo {id} is not a photo of vehicle {}", vehicle.id),
                    )
                })?;
                photos.push(p.clone());
            }
            cars.push(CarData {
                condition: self.current_condition(&vehicle.id)?,
                note: notes.get(&vehicle.id).cloned().unwrap_or_default(),
                vehicle,
                photos,
            });
        }
        Ok((customer, cars))
    }

    /// Who the email is from: the SMTP account's name and address if set,
    /// else this device's dealer.
    pub(in crate::mail) fn sender(&self) -> Result<(String, String, Vec<String>)> {
        let me = self.me()?;
        let smtp = self.smtp_account()?;
        let name = smtp
            .as_ref()
            .map(|s| s.from_name.clone())
            .filter(|n| !n.is_empty())
            .or_else(|| me.as_ref().map(|u| u.name.clone()))
            .unwrap_or_default();
        let addr = smtp
            .as_ref()
            .map(|s| s.from_addr.clone())
            .filter(|a| !a.is_empty())
            .or_else(|| me.as_ref().map(|u| u.email.clone()))
            .unwrap_or_default();
        let team = self
            .setting(crate::mail::TEAM_NAME_KEY)?
            .unwrap_or_default();
        let signature: Vec<String> = [
            me.as_ref()
                .map(|u| u.name.clone())
                .unwrap_or_else(|| name.clone()),
            team,
            me.as_ref().map(|u| u.phone.clone()).unwrap_or_default(),
            addr.clone(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
        Ok((name, addr, signature))
    }
}
