//! The history of emails made for customers (`mail_sends`): what each held,
//! how it left, and what became of it.

use rusqlite::{params, Connection, Row};

use super::model::{MailSend, SendOutput, SendState, SentVehicle};
use crate::condition::Lang;
use crate::db::{now_utc, Store};
use crate::error::{Error, Result};

const COLUMNS: &str = "id, customer_id, shortlist_id, output, state, to_addr, subject, lang, \
                       contents, bytes, detail, created_at, updated_at";

fn from_row(r: &Row) -> rusqlite::Result<MailSend> {
    let contents: String = r.get(8)?;
    Ok(MailSend {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        shortlist_id: r.get(2)?,
        output: r.get(3)?,
        state: r.get(4)?,
        to_addr: r.get(5)?,
        subject: r.get(6)?,
        lang: r.get(7)?,
        // Written only by record() as JSON.
        contents: serde_json::from_str(&contents).unwrap_or_default(),
        bytes: r.get(9)?,
        detail: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

pub struct NewSend<'a> {
    pub id: &'a str,
    pub customer_id: &'a str,
    pub shortlist_id: Option<&'a str>,
    pub output: SendOutput,
    pub state: SendState,
    pub to_addr: &'a str,
    pub subject: &'a str,
    pub lang: Lang,
    pub contents: &'a [SentVehicle],
    pub bytes: u64,
    pub message_id: &'a str,
    pub detail: &'a str,
    pub user_id: Option<&'a str>,
}

pub(crate) fn record(conn: &Connection, s: &NewSend) -> Result<()> {
    let contents = serde_json::to_string(s.contents).map_err(|e| Error::Other(e.to_string()))?;
    let now = now_utc();
    conn.prepare_cached(&format!(
        "INSERT INTO mail_sends ({COLUMNS}, message_id, user_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13, ?14)"
    ))?
    .execute(params![
        s.id,
        s.customer_id,
        s.shortlist_id,
        s.output,
        s.state,
        s.to_addr,
        s.subject,
        s.lang,
        contents,
        s.bytes as i64,
        s.detail,
        now,
        s.message_id,
        s.user_id
    ])?;
    Ok(())
}

pub(crate) fn set_state(conn: &Connection, id: &str, state: SendState, detail: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE mail_sends SET state = ?2, detail = ?3, updated_at = ?4
         WHERE id = ?1 AND (state IS NOT ?2 OR detail IS NOT ?3)",
    )?
    .execute(params![id, state, detail, now_utc()])?;
    Ok(())
}

impl Store {
    fn query_sends(&self, column: &str, value: &str) -> Result<Vec<MailSend>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM mail_sends WHERE {column} = ?1 ORDER BY created_at DESC, id DESC"
        ))?;
        let rows = stmt
            .query_map([value], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Every email made for a customer, newest first.
    pub fn list_sends(&self, customer_id: &str) -> Result<Vec<MailSend>> {
        self.query_sends("customer_id", customer_id)
    }

    pub(crate) fn list_sends_of_shortlist(&self, shortlist_id: &str) -> Result<Vec<MailSend>> {
        self.query_sends("shortlist_id", shortlist_id)
    }

    pub fn get_send(&self, id: &str) -> Result<MailSend> {
        self.query_sends("id", id)?
            .pop()
            .ok_or_else(|| Error::NotFound {
                what: "email",
                id: id.to_owned(),
            })
    }
}
