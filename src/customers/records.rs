use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{Customer, CustomerInput, CustomerQuery, Wants};
use crate::db::{new_id, now_utc, Store};
use crate::error::{Error, Result};
use crate::validate;

const SELECT_CUSTOMER: &str = "SELECT c.id, c.name, c.phone, c.email, c.region, c.source,
    c.current_car, c.trade_in, c.want_models, c.want_year_min, c.want_year_max,
    c.want_budget_max_krw, c.want_mileage_max_km, c.want_fuel, c.want_color,
    c.assigned_user_id, u.name, c.notes, c.consent_contact, c.created_at, c.updated_at
    FROM customers c LEFT JOIN users u ON u.id = c.assigned_user_id";

fn customer_from_row(r: &Row) -> rusqlite::Result<Customer> {
    let models: String = r.get(8)?;
    Ok(Customer {
        id: r.get(0)?,
        name: r.get(1)?,
        phone: r.get(2)?,
        email: r.get(3)?,
        region: r.get(4)?,
        source: r.get(5)?,
        current_car: r.get(6)?,
        trade_in: r.get(7)?,
        wants: Wants {
            // Written only by save_customer as a JSON list.
            models: serde_json::from_str(&models).unwrap_or_default(),
            year_min: r.get(9)?,
            year_max: r.get(10)?,
            budget_max_krw: r.get(11)?,
            mileage_max_km: r.get(12)?,
            fuel: r.get(13)?,
            color: r.get(14)?,
        },
        assigned_user_id: r.get(15)?,
        assigned_user_name: r.get(16)?,
        notes: r.get(17)?,
        consent_contact: r.get(18)?,
        created_at: r.get(19)?,
        updated_at: r.get(20)?,
    })
}

pub(crate) fn checked(conn: &Connection, input: &CustomerInput) -> Result<CustomerInput> {
    let w = &input.wants;
    let year = |field: &str, y: Option<i32>| y.map(|y| validate::model_year(field, y)).transpose();
    let wants = Wants {
        models: validate::list("wants.models", &w.models)?,
        year_min: year("wants.year_min", w.year_min)?,
        year_max: year("wants.year_max", w.year_max)?,
        budget_max_krw: w
            .budget_max_krw
            .map(|b| validate::range("wants.budget_max_krw", b, 0, 10_000_000_000))
            .transpose()?,
        mileage_max_km: w
            .mileage_max_km
            .map(|m| validate::range("wants.mileage_max_km", m, 0, 2_000_000))
            .transpose()?,
        fuel: w.fuel,
        color: validate::short("wants.color", &w.color)?,
    };
    if let (Some(a), Some(b)) = (wants.year_min, wants.year_max) {
        if a > b {
            return Err(Error::invalid(
                "wants.year_max",
                crate::error::ErrorCode::YearOutOfRange,
                format!("wants.year_max ({b}) is before wants.year_min ({a})"),
            ));
        }
    }
    if let Some(user) = input.assigned_user_id.as_deref() {
        let found: Option<i64> = conn
            .prepare_cached("SELECT 1 FROM users WHERE id = ?1")?
            .query_row([user], |r| r.get(0))
            .optional()?;
        if found.is_none() {
            return Err(Error::invalid(
                "assigned_user_id",
                crate::error::ErrorCode::UnknownUser,
                format!("assigned_user_id {user:?} is not a member of this team"),
            ));
        }
    }
    Ok(CustomerInput {
        id: input.id.clone(),
        name: validate::required("name", &input.name)?,
        phone: validate::phone("phone", &input.phone)?,
        email: validate::email("email", &input.email)?,
        region: validate::short("region", &input.region)?,
        source: input.source,
        current_car: validate::short("current_car", &input.current_car)?,
        trade_in: input.trade_in,
        wants,
        assigned_user_id: input.assigned_user_id.clone(),
        notes: validate::long("notes", &input.notes)?,
        consent_contact: input.consent_contact,
    })
}

pub(crate) fn save_customer(conn: &Connection, input: &CustomerInput) -> Result<String> {
    let c = checked(conn, input)?;
    let models = serde_json::to_string(&c.wants.models).map_err(|e| Error::Other(e.to_string()))?;
    let now = now_utc();
    let w = &c.wants;
    let (id, sql) = match &c.id {
        None => (
            new_id(),
            "INSERT INTO customers (id, name, phone, email, region, source, current_car, trade_in,
                want_models, want_year_min, want_year_max, want_budget_max_krw, want_mileage_max_km,
                want_fuel, want_color, assigned_user_id, notes, consent_contact, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?19)",
        ),
        Some(id) => (
            id.clone(),
            "UPDATE customers SET name = ?2, phone = ?3, email = ?4, region = ?5, source = ?6,
                current_car = ?7, trade_in = ?8, want_models = ?9, want_year_min = ?10,
                want_year_max = ?11, want_budget_max_krw = ?12, want_mileage_max_km = ?13,
                want_fuel = ?14, want_color = ?15, assigned_user_id = ?16, notes = ?17,
                consent_contact = ?18, updated_at = ?19
             WHERE id = ?1",
        ),
    };
    let n = conn.prepare_cached(sql)?.execute(params![
        id,
        c.name,
        c.phone,
        c.email,
        c.region,
        c.source,
        c.current_car,
        c.trade_in,
        models,
        w.year_min,
        w.year_max,
        w.budget_max_krw,
        w.mileage_max_km,
        w.fuel,
        w.color,
        c.assigned_user_id,
        c.notes,
        c.consent_contact,
        now
    ])?;
    if n == 0 {
        return Err(Error::NotFound {
            what: "customer",
            id,
        });
    }
    Ok(id)
}

impl Store {
    pub fn get_customer(&self, id: &str) -> Result<Customer> {
        self.conn()
            .prepare_cached(&format!("{SELECT_CUSTOMER} WHERE c.id = ?1"))?
            .query_row([id], customer_from_row)
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "customer",
                id: id.to_owned(),
            })
    }

    /// Customers matching `q`, most recently updated first.
    pub fn list_customers(&self, q: &CustomerQuery) -> Result<Vec<Customer>> {
        let text = q
            .text
            .as_deref()
            .map(str::trim)
            .unwrap_or("")
            .to_lowercase();
        let mut stmt = self.conn().prepare_cached(&format!(
            "{SELECT_CUSTOMER}
             WHERE (?1 = '' OR instr(lower(concat_ws(' ', c.name, c.phone, c.email, c.region,
                    c.current_car, c.want_models, c.notes)), ?1) > 0)
               AND (?2 IS NULL OR c.assigned_user_id = ?2)
             ORDER BY c.updated_at DESC, c.id DESC"
        ))?;
        let rows = stmt
            .query_map(params![text, q.assigned_user_id], customer_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn save_customer(&mut self, input: &CustomerInput) -> Result<Customer> {
        let id = self.transact(|tx| save_customer(tx, input))?;
        self.get_customer(&id)
    }

    pub fn delete_customer(&mut self, id: &str) -> Result<()> {
        self.transact(|tx| {
            if tx.execute("DELETE FROM customers WHERE id = ?1", [id])? == 0 {
                return Err(Error::NotFound {
                    what: "customer",
                    id: id.to_owned(),
                });
            }
            Ok(())
        })
    }
}
