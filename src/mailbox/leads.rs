//! "New customer?": messages from unknown addresses that read like
//! inquiries. Accepting makes the customer and logs the inquiry (with the
//! same id on every computer); dismissing hides it everywhere.

use rusqlite::{params, OptionalExtension, Row};

use super::model::{LeadState, MailLead};
use super::record::mail_id;
use crate::customers::{CustomerInput, CustomerSource, Wants};
use crate::db::{now_utc, Store};
use crate::error::{Error, Result};

const SELECT: &str = "SELECT id, message_id, from_addr, from_name, subject, preview, at, state,
    customer_id FROM mail_leads";

fn from_row(r: &Row) -> rusqlite::Result<MailLead> {
    Ok(MailLead {
        id: r.get(0)?,
        message_id: r.get(1)?,
        from_addr: r.get(2)?,
        from_name: r.get(3)?,
        subject: r.get(4)?,
        preview: r.get(5)?,
        at: r.get(6)?,
        state: r.get(7)?,
        customer_id: r.get(8)?,
    })
}

impl Store {
    /// Leads still waiting for the dealer, newest first.
    pub fn mail_leads(&self) -> Result<Vec<MailLead>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "{SELECT} WHERE state = 'new' ORDER BY at DESC, id"
        ))?;
        let rows = stmt
            .query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    fn mail_lead(&self, id: &str) -> Result<MailLead> {
        self.conn()
            .prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
            .query_row([id], from_row)
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "mail lead",
                id: id.to_owned(),
            })
    }

    /// Makes the sender a customer (named as their mail names them) with
    /// the message as their first inquiry; returns the customer's id.
    pub fn accept_mail_lead(&mut self, id: &str) -> Result<String> {
        let lead = self.mail_lead(id)?;
        if lead.state != LeadState::New {
            return Err(Error::Conflict(format!(
                "this message was already {}",
                lead.state
            )));
        }
        let name = if lead.from_name.trim().is_empty() {
            lead.from_addr
                .split('@')
                .next()
                .unwrap_or(&lead.from_addr)
                .to_owned()
        } else {
            lead.from_name.clone()
        };
        let input = CustomerInput {
            id: None,
            name: name.chars().take(crate::validate::SHORT_TEXT_MAX).collect(),
            phone: String::new(),
            email: lead.from_addr.clone(),
            region: String::new(),
            source: CustomerSource::Other,
            current_car: String::new(),
            trade_in: false,
            wants: Wants::default(),
            assigned_user_id: self.me()?.map(|u| u.id),
            notes: String::new(),
            consent_contact: false,
        };
        self.transact(|tx| {
            let customer_id = crate::customers::save_customer_in(tx, &input)?;
            let summary: String = [lead.subject.trim(), lead.preview.trim()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
                .chars()
                .take(crate::validate::LONG_TEXT_MAX)
                .collect();
            let now = now_utc();
            tx.execute(
                "INSERT INTO interactions (id, customer_id, kind, channel, at, summary, user_id,
                     send_id, message_id, shortlist_id, created_at, updated_at)
                 VALUES (?1, ?2, 'inquiry', 'email', ?3, ?4, NULL, NULL, ?5, NULL, ?6, ?6)
                 ON CONFLICT (id) DO NOTHING",
                params![
                    mail_id(&["inquiry", &lead.message_id, &customer_id]),
                    customer_id,
                    lead.at,
                    summary,
                    lead.message_id,
                    now
                ],
            )?;
            tx.execute(
                "UPDATE mail_leads SET state = 'accepted', customer_id = ?2, updated_at = ?3
                 WHERE id = ?1",
                params![lead.id, customer_id, now],
            )?;
            Ok(customer_id)
        })
    }

    /// Hides the message from the list (on every computer, by sync).
    pub fn dismiss_mail_lead(&mut self, id: &str) -> Result<()> {
        let lead = self.mail_lead(id)?;
        self.transact(|tx| {
            tx.execute(
                "UPDATE mail_leads SET state = 'dismissed', updated_at = ?2 WHERE id = ?1",
                params![lead.id, now_utc()],
            )?;
            Ok(())
        })
    }
}
