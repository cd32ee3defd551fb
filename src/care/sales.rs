//! Recording a sale: the car becomes sold and its follow-ups are planned.

use chrono::NaiveDate;
use rusqlite::{params, Row};

use super::model::{FollowUp, Sale, SaleInput};
use super::schedule::{self, DEFAULT_SCHEDULE, SCHEDULE_KEY};
use crate::db::{new_id, now_utc, Store};
use crate::error::{Error, Result};

pub(crate) fn parse_day(field: &str, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            field,
            crate::error::ErrorCode::InvalidDate,
            format!("{field} must be a date like 2026-12-05, got {s:?}"),
        )
    })
}

pub(crate) const FOLLOW_UP_COLUMNS: &str =
    "id, sale_id, step, due_on, snoozed_until, state, note, closed_at";

pub(crate) fn follow_up_from_row(r: &Row) -> rusqlite::Result<FollowUp> {
    Ok(FollowUp {
        id: r.get(0)?,
        sale_id: r.get(1)?,
        step: r.get(2)?,
        due_on: r.get(3)?,
        snoozed_until: r.get(4)?,
        state: r.get(5)?,
        note: r.get(6)?,
        closed_at: r.get(7)?,
    })
}

/// "르노삼성 SM520 LE 2003 (12가3456)".
pub(crate) const VEHICLE_LABEL: &str =
    "trim(v.make || ' ' || v.model || ' ' || v.trim) || ' ' || v.year || \
     CASE WHEN v.plate <> '' THEN ' (' || v.plate || ')' ELSE '' END";

impl Store {
    /// Records a sale; a car with an open recall is refused (`open_recall`)
    /// until the dealer confirms the buyer was told
    /// ([`Store::record_sale_told`]).
    pub fn record_sale(&mut self, input: &SaleInput) -> Result<Sale> {
        self.record_sale_told(input, false)
    }

    /// Records a sale; `recall_told`: the dealer confirmed the buyer was
    /// told of the car's open recalls.
    pub fn record_sale_told(&mut self, input: &SaleInput, recall_told: bool) -> Result<Sale> {
        let delivered = parse_day("delivered_on", &input.delivered_on)?;
        crate::validate::range("price_krw", input.price_krw, 0, 10_000_000_000)?;
        self.get_customer(&input.customer_id)?;
        let vehicle = self.get_vehicle(&input.vehicle_id)?;
        if let Some(u) = &input.user_id {
            self.get_user(u)?;
        }
        let sold_before: i64 = self.conn().query_row(
            "SELECT count(*) FROM sales WHERE vehicle_id = ?1",
            [&vehicle.id],
            |r| r.get(0),
        )?;
        if sold_before > 0 {
            return Err(Error::invalid(
                "vehicle_id",
                crate::error::ErrorCode::AlreadySold,
                format!(
                    "{} {} was already recorded as sold",
                    vehicle.model, vehicle.plate
                ),
            ));
        }
        let open = self.open_recalls_of_vehicle(&vehicle.id)?;
        if !open.is_empty() && !recall_told {
            return Err(Error::invalid(
                "vehicle_id",
                crate::error::ErrorCode::OpenRecall,
                format!(
                    "{} {} {}",
                    vehicle.model,
                    vehicle.plate,
                    crate::recalls::open_recall_notice(&open)
                ),
            ));
        }
        let steps = schedule::parse(
            &self
                .setting(SCHEDULE_KEY)?
                .unwrap_or_else(|| DEFAULT_SCHEDULE.into()),
        )?;
        let id = new_id();
        let now = now_utc();
        self.transact(|tx| {
            tx.execute(
                "INSERT INTO sales (id, customer_id, vehicle_id, price_krw, delivered_on, user_id,
                     created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![
                    id,
                    input.customer_id,
                    input.vehicle_id,
                    input.price_krw,
                    delivered.to_string(),
                    input.user_id,
                    now
                ],
            )?;
            tx.execute(
                "UPDATE vehicles SET status = 'sold', updated_at = ?2 WHERE id = ?1 AND status <> 'sold'",
                params![input.vehicle_id, now],
            )?;
            for step in &steps {
                let Some(due) = step.after(delivered) else { continue };
                tx.execute(
                    "INSERT INTO follow_ups (id, sale_id, step, due_on, state, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, 'open', ?5, ?5)",
                    params![format!("{id}/{}", step.label()), id, step.label(), due.to_string(), now],
                )?;
            }
            Ok(())
        })?;
        self.get_sale(&id)
    }

    pub fn get_sale(&self, id: &str) -> Result<Sale> {
        self.list_sales_where("s.id = ?1", id)?
            .pop()
            .ok_or_else(|| Error::NotFound {
                what: "sale",
                id: id.to_owned(),
            })
    }

    pub fn sales_of_vehicle(&self, vehicle_id: &str) -> Result<Vec<Sale>> {
        self.list_sales_where("s.vehicle_id = ?1", vehicle_id)
    }

    pub fn sales_of_customer(&self, customer_id: &str) -> Result<Vec<Sale>> {
        self.list_sales_where("s.customer_id = ?1", customer_id)
    }

    /// Every sale, newest delivery first.
    pub fn list_sales(&self) -> Result<Vec<Sale>> {
        // `?1` is bound but not needed: one query shape for every listing.
        self.list_sales_where("?1 = ?1", "")
    }

    fn list_sales_where(&self, cond: &str, arg: &str) -> Result<Vec<Sale>> {
        let sql = format!(
            "SELECT s.id, s.customer_id, c.name, s.vehicle_id, {VEHICLE_LABEL}, s.price_krw,
                    s.delivered_on, s.user_id, u.name, s.created_at
             FROM sales s JOIN customers c ON c.id = s.customer_id
             JOIN vehicles v ON v.id = s.vehicle_id LEFT JOIN users u ON u.id = s.user_id
             WHERE {cond} ORDER BY s.delivered_on DESC, s.id"
        );
        let mut sales = self
            .conn()
            .prepare_cached(&sql)?
            .query_map([arg], |r| {
                Ok(Sale {
                    id: r.get(0)?,
                    customer_id: r.get(1)?,
                    customer_name: r.get(2)?,
                    vehicle_id: r.get(3)?,
                    vehicle_label: r.get(4)?,
                    price_krw: r.get(5)?,
                    delivered_on: r.get(6)?,
                    user_id: r.get(7)?,
                    user_name: r.get(8)?,
                    follow_ups: Vec::new(),
                    created_at: r.get(9)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for s in &mut sales {
            s.follow_ups = self
                .conn()
                .prepare_cached(&format!(
                    "SELECT {FOLLOW_UP_COLUMNS} FROM follow_ups WHERE sale_id = ?1 ORDER BY due_on"
                ))?
                .query_map([&s.id], follow_up_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
        }
        Ok(sales)
    }
}
