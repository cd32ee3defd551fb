//! Handing a customer to a colleague: the customer's assigned dealer
//! changes and the log says who handed over to whom, and why, so the
//! colleague sees it after sync.

use super::interactions::log_in;
use super::{Channel, Customer, InteractionInput, InteractionKind};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::validate;

impl Store {
    pub fn hand_over(
        &mut self,
        customer_id: &str,
        to_user_id: &str,
        note: &str,
    ) -> Result<Customer> {
        let customer = self.get_customer(customer_id)?;
        let to = self.get_user(to_user_id).map_err(|_| {
            Error::invalid(
                "to_user_id",
                crate::error::ErrorCode::UnknownUser,
                format!("to_user_id {to_user_id:?} is not a member of this team"),
            )
        })?;
        if customer.assigned_user_id.as_deref() == Some(to_user_id) {
            return Err(Error::invalid(
                "to_user_id",
                crate::error::ErrorCode::AlreadyAssigned,
                format!("{} is already looked after by {}", customer.name, to.name),
            ));
        }
        let note = validate::long("note", note)?;
        let me = self.me()?;
        let from = customer
            .assigned_user_name
            .clone()
            .or_else(|| me.as_ref().map(|u| u.name.clone()))
            .unwrap_or_default();
        let summary = if note.is_empty() {
            format!("{from} → {}", to.name)
        } else {
            format!("{from} → {}: {note}", to.name)
        };
        let me_id = me.map(|u| u.id);
        self.transact(|tx| {
            tx.prepare_cached(
                "UPDATE customers SET assigned_user_id = ?2, updated_at = ?3 WHERE id = ?1",
            )?
            .execute(rusqlite::params![
                customer_id,
                to_user_id,
                crate::db::now_utc()
            ])?;
            log_in(
                tx,
                &InteractionInput {
                    customer_id: customer_id.to_owned(),
                    kind: InteractionKind::Handover,
                    channel: Channel::Other,
                    at: None,
                    summary,
                },
                me_id.as_deref(),
                None,
            )?;
            Ok(())
        })?;
        self.get_customer(customer_id)
    }
}
