//! Each car's record of a recall: listed per car, per recall and for
//! Today; closed as done (the day, who) or not applicable (why).

use rusqlite::{params, Row, ToSql};

use super::model::{CarRecall, RecallClose, RecallOwner, RecallState, RecallSummary};
use super::vin::normalise;
use crate::care::RecipientState;
use crate::db::{now_utc, Store};
use crate::error::{Error, Result};

/// A car's record with its recall, its car and, when sold, the owner and
/// whether the recall's campaign told them.
const CAR_RECALL_SELECT: &str = "
    SELECT vr.id, vr.recall_id, r.code, r.title, r.remedy, r.deadline, vr.vehicle_id,
           trim(v.make || ' ' || v.model || ' ' || v.trim) || ' ' || v.year ||
               CASE WHEN v.plate <> '' THEN ' (' || v.plate || ')' ELSE '' END,
           v.vin, v.status, vr.state, vr.done_on, vr.done_by, vr.reason,
           s.id, c.id, c.name, c.phone, c.email, cr.state, cr.detail, m.state
    FROM vehicle_recalls vr
    JOIN recalls r ON r.id = vr.recall_id
    JOIN vehicles v ON v.id = vr.vehicle_id
    LEFT JOIN sales s ON s.vehicle_id = v.id AND v.status = 'sold'
    LEFT JOIN customers c ON c.id = s.customer_id
    LEFT JOIN campaign_recipients cr ON cr.id = r.campaign_id || '/' || s.id
    LEFT JOIN mail_sends m ON m.id = cr.send_id";

const ORDER: &str = " ORDER BY coalesce(r.deadline, '9999'), r.code, v.model, v.vin";

fn car_recall(r: &Row) -> rusqlite::Result<CarRecall> {
    let sale_id: Option<String> = r.get(14)?;
    let owner = match (sale_id, r.get::<_, Option<String>>(15)?) {
        (Some(sale_id), Some(customer_id)) => {
            let state: Option<String> = r.get(19)?;
            let detail: Option<String> = r.get(20)?;
            let mail: Option<String> = r.get(21)?;
            let told = match (state.as_deref(), mail.as_deref()) {
                (None, _) => None,
                (Some("no_email"), _) if detail.as_deref() == Some("invalid email address") => {
                    Some(RecipientState::InvalidEmail)
                }
                (Some("no_email"), _) => Some(RecipientState::NoEmail),
                (_, Some("sent")) => Some(RecipientState::Sent),
                (_, Some("failed")) | (Some("failed"), _) => Some(RecipientState::Failed),
                _ => Some(RecipientState::Queued),
            };
            Some(RecallOwner {
                sale_id,
                customer_id,
                customer_name: r.get(16)?,
                phone: r.get(17)?,
                email: r.get(18)?,
                told,
            })
        }
        _ => None,
    };
    Ok(CarRecall {
        id: r.get(0)?,
        recall_id: r.get(1)?,
        code: r.get(2)?,
        title: r.get(3)?,
        remedy: r.get(4)?,
        deadline: r.get(5)?,
        vehicle_id: r.get(6)?,
        vehicle_label: r.get(7)?,
        vin: r.get(8)?,
        vehicle_status: r.get(9)?,
        state: r.get(10)?,
        done_on: r.get(11)?,
        done_by: r.get(12)?,
        reason: r.get(13)?,
        owner,
    })
}

/// What to tell the buyer of a car with open recalls (English, for the
/// CLI and the log; the app words it from the records).
pub fn open_recall_notice(open: &[CarRecall]) -> String {
    let list: Vec<String> = open
        .iter()
        .map(|r| {
            let mut s = format!("{} {}", r.code, r.title);
            if !r.remedy.is_empty() {
                s.push_str(&format!(" (remedy: {})", r.remedy));
            }
            if let Some(d) = &r.deadline {
                s.push_str(&format!(", by {d}"));
            }
            s
        })
        .collect();
    format!(
        "has an open recall: {}. Tell the buyer before the sale; the maker's service does the work free of charge.",
        list.join("; ")
    )
}

impl Store {
    pub(crate) fn car_recalls_where(
        &self,
        cond: &str,
        args: &[&dyn ToSql],
    ) -> Result<Vec<CarRecall>> {
        let sql = format!("{CAR_RECALL_SELECT} WHERE {cond}{ORDER}");
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_map(args, car_recall)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every recall record of one car (open ones first).
    pub fn recalls_of_vehicle(&self, vehicle_id: &str) -> Result<Vec<CarRecall>> {
        let mut all = self.car_recalls_where("vr.vehicle_id = ?1", &[&vehicle_id])?;
        all.sort_by_key(|r| r.state != RecallState::Open);
        Ok(all)
    }

    /// The open recalls of one car.
    pub fn open_recalls_of_vehicle(&self, vehicle_id: &str) -> Result<Vec<CarRecall>> {
        self.car_recalls_where("vr.vehicle_id = ?1 AND vr.state = 'open'", &[&vehicle_id])
    }

    /// The cars of one recall.
    pub fn recall_cars(&self, recall_id: &str) -> Result<Vec<CarRecall>> {
        self.car_recalls_where("vr.recall_id = ?1", &[&recall_id])
    }

    /// Every recall record, or only the open ones.
    pub fn list_car_recalls(&self, open_only: bool) -> Result<Vec<CarRecall>> {
        let cond = if open_only {
            "vr.state = 'open'"
        } else {
            "1 = 1"
        };
        self.car_recalls_where(cond, &[])
    }

    /// Ids of cars with an open recall (the inventory's badge).
    pub fn vehicles_with_open_recall(&self) -> Result<Vec<String>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT DISTINCT vehicle_id FROM vehicle_recalls WHERE state = 'open' ORDER BY vehicle_id",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn get_recall(&self, id: &str) -> Result<RecallSummary> {
        self.list_recalls_where("r.id = ?1", &[&id])?
            .pop()
            .ok_or_else(|| Error::NotFound {
                what: "recall",
                id: id.to_owned(),
            })
    }

    /// Every recall, the nearest deadline first.
    pub fn list_recalls(&self) -> Result<Vec<RecallSummary>> {
        self.list_recalls_where("1 = 1", &[])
    }

    fn list_recalls_where(&self, cond: &str, args: &[&dyn ToSql]) -> Result<Vec<RecallSummary>> {
        let sql = format!(
            "SELECT r.id, r.maker, r.code, r.title, r.remedy, r.deadline, r.campaign_id, r.created_at,
                    count(vr.id),
                    count(vr.id) FILTER (WHERE vr.state = 'open'),
                    count(vr.id) FILTER (WHERE vr.state = 'open' AND v.status <> 'sold'),
                    count(vr.id) FILTER (WHERE vr.state = 'open' AND v.status = 'sold')
             FROM recalls r
             LEFT JOIN vehicle_recalls vr ON vr.recall_id = r.id
             LEFT JOIN vehicles v ON v.id = vr.vehicle_id
             WHERE {cond} GROUP BY r.id
             ORDER BY coalesce(r.deadline, '9999'), r.code"
        );
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_map(args, |r| {
                Ok(RecallSummary {
                    id: r.get(0)?,
                    maker: r.get(1)?,
                    code: r.get(2)?,
                    title: r.get(3)?,
                    remedy: r.get(4)?,
                    deadline: r.get(5)?,
                    campaign_id: r.get(6)?,
                    created_at: r.get(7)?,
                    cars: r.get(8)?,
                    open: r.get(9)?,
                    open_in_stock: r.get(10)?,
                    open_sold: r.get(11)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The record of the car with `vin` for the recall `code` (VIN and code
    /// as anyone writes them: case, spaces and dashes do not matter).
    pub fn find_car_recall(&self, vin: &str, code: &str) -> Result<CarRecall> {
        let (vin, code) = (normalise(vin), normalise(code));
        let norm = |col: &str| format!("upper(replace(replace({col}, ' ', ''), '-', ''))");
        let cond = format!("{} = ?1 AND {} = ?2", norm("v.vin"), norm("r.code"));
        self.car_recalls_where(&cond, &[&vin, &code])?
            .pop()
            .ok_or_else(|| Error::NotFound {
                what: "recall of the car",
                id: format!("{vin} {code}"),
            })
    }

    fn get_car_recall(&self, id: &str) -> Result<CarRecall> {
        self.car_recalls_where("vr.id = ?1", &[&id])?
            .pop()
            .ok_or_else(|| Error::NotFound {
                what: "recall of the car",
                id: id.to_owned(),
            })
    }

    /// Closes (or opens again) one car's recall: done on a day by someone,
    /// or not applicable for a reason.
    pub fn close_car_recall(&mut self, close: &RecallClose) -> Result<CarRecall> {
        self.get_car_recall(&close.id)?;
        let by = crate::validate::short("done_by", &close.done_by)?;
        let reason = crate::validate::text(
            "reason",
            &close.reason,
            false,
            crate::validate::LONG_TEXT_MAX,
        )?;
        let (done_on, by, reason) = match close.state {
            RecallState::Open => (None, String::new(), String::new()),
            RecallState::Done => {
                let day = match close.done_on.as_deref().map(str::trim) {
                    Some(d) if !d.is_empty() => crate::care::sales::parse_day("done_on", d)?,
                    _ => crate::time::today(chrono::Utc::now(), self.team_zone()?),
                };
                let by = if by.is_empty() {
                    self.me()?.map(|u| u.name).unwrap_or_default()
                } else {
                    by
                };
                (Some(day.to_string()), by, String::new())
            }
            RecallState::NotApplicable => {
                if reason.trim().is_empty() {
                    return Err(Error::invalid(
                        "reason",
                        crate::error::ErrorCode::Required,
                        "say why the recall does not apply to this car",
                    ));
                }
                (None, String::new(), reason)
            }
        };
        self.transact(|tx| {
            tx.execute(
                "UPDATE vehicle_recalls SET state = ?2, done_on = ?3, done_by = ?4, reason = ?5, updated_at = ?6
                 WHERE id = ?1",
                params![close.id, close.state, done_on, by, reason, now_utc()],
            )?;
            Ok(())
        })?;
        self.get_car_recall(&close.id)
    }
}
