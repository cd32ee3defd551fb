//! Recall and service campaigns: pick the sold cars, preview their owners,
//! mail-merge the notice through the outbox, and remember who was told when
//! and who could not be reached.

use rusqlite::{params, ToSql};
use serde::Serialize;

use super::model::{
    Campaign, CampaignFilter, CampaignInput, CampaignOwner, CampaignRecipient, RecipientState,
};
use super::sales::VEHICLE_LABEL;
use crate::db::{new_id, now_utc, Store};
use crate::error::{Error, Result};
use crate::mail::notice::Notice;
use crate::mail::templates::render_user;
use crate::mail::{SendState, SentVehicle};

/// The detail of an owner who could not be told for want of an address.
/// Both are stored as state `no_email` (the table's CHECK and older
/// computers in the team know no other); the detail tells them apart.
const NO_EMAIL: &str = "no email address";
const INVALID_EMAIL: &str = "invalid email address";

#[derive(Serialize)]
struct Words<'a> {
    customer: &'a str,
    car: &'a str,
    vin: &'a str,
    code: &'a str,
    team: &'a str,
    dealer: &'a str,
    /// A recall's deadline (YYYY-MM-DD), title and remedy; empty for other
    /// campaigns.
    deadline: &'a str,
    recall: &'a str,
    remedy: &'a str,
}

/// The recall words of a campaign made for an imported recall: deadline,
/// title, remedy (empty otherwise).
fn recall_words(store: &Store, f: &CampaignFilter) -> Result<(String, String, String)> {
    let Some(id) = f.recall_id.as_deref() else {
        return Ok(Default::default());
    };
    Ok(store
        .conn()
        .query_row(
            "SELECT coalesce(deadline, ''), title, remedy FROM recalls WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap_or_default())
}

/// The owners the filter selects, in sale order.
fn owners(store: &Store, f: &CampaignFilter) -> Result<Vec<CampaignOwner>> {
    let mut cond = vec!["1 = 1".to_owned()];
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    let mut add = |sql: &str, v: Box<dyn ToSql>| {
        args.push(v);
        cond.push(sql.replace('?', &format!("?{}", args.len())));
    };
    let text = |v: &Option<String>| {
        v.as_ref()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    if let Some(m) = text(&f.make) {
        add("v.make = ?", Box::new(m));
    }
    if let Some(m) = text(&f.model) {
        add("v.model = ?", Box::new(m));
    }
    if let Some(y) = f.year_min {
        add("v.year >= ?", Box::new(y));
    }
    if let Some(y) = f.year_max {
        add("v.year <= ?", Box::new(y));
    }
    if let Some(v) = text(&f.vin_from) {
        add("upper(v.vin) >= ?", Box::new(v.to_uppercase()));
    }
    if let Some(v) = text(&f.vin_to) {
        add("upper(v.vin) <= ?", Box::new(v.to_uppercase()));
    }
    if let Some(r) = text(&f.recall_id) {
        add(
            "EXISTS (SELECT 1 FROM vehicle_recalls vr WHERE vr.vehicle_id = v.id
                 AND vr.recall_id = ? AND vr.state = 'open')",
            Box::new(r),
        );
    }
    if let Some(d) = text(&f.sold_from) {
        add(
            "s.delivered_on >= ?",
            Box::new(super::sales::parse_day("sold_from", &d)?.to_string()),
        );
    }
    if let Some(d) = text(&f.sold_to) {
        add(
            "s.delivered_on <= ?",
            Box::new(super::sales::parse_day("sold_to", &d)?.to_string()),
        );
    }
    let bound: Vec<&dyn ToSql> = args.iter().map(|b| b.as_ref()).collect();
    select_owners(store, &cond.join(" AND "), &bound)
}

/// The owner of one sale, whatever the filter says now: a recipient stays
/// on the campaign's record once told (a recall done since, a car edited).
fn owner_of_sale(store: &Store, sale_id: &str) -> Result<Option<CampaignOwner>> {
    Ok(select_owners(store, "s.id = ?1", &[&sale_id])?
        .into_iter()
        .next())
}

fn select_owners(store: &Store, cond: &str, bound: &[&dyn ToSql]) -> Result<Vec<CampaignOwner>> {
    let sql = format!(
        "SELECT s.id, s.customer_id, c.name, c.email, s.vehicle_id, {VEHICLE_LABEL}, v.vin, s.delivered_on
         FROM sales s JOIN customers c ON c.id = s.customer_id JOIN vehicles v ON v.id = s.vehicle_id
         WHERE {cond} ORDER BY s.delivered_on, s.id"
    );
    let rows = store
        .conn()
        .prepare(&sql)?
        .query_map(bound, |r| {
            Ok(CampaignOwner {
                sale_id: r.get(0)?,
                customer_id: r.get(1)?,
                customer_name: r.get(2)?,
                email: r.get(3)?,
                vehicle_id: r.get(4)?,
                vehicle_label: r.get(5)?,
                vin: r.get(6)?,
                delivered_on: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

impl Store {
    pub fn preview_campaign(&self, filter: &CampaignFilter) -> Result<Vec<CampaignOwner>> {
        owners(self, filter)
    }

    pub fn create_campaign(&mut self, input: &CampaignInput) -> Result<Campaign> {
        let title = crate::validate::required("title", &input.title)?;
        let sample = Words {
            customer: "홍길동",
            car: "르노삼성 SM520 LE 2003",
            vin: "KNMA4C2HM3P123456",
            code: "R-2026-01",
            team: "대전모터스",
            dealer: "김민수",
            deadline: "2026-03-31",
            recall: "연료펌프 무상 교환",
            remedy: "연료펌프 교환",
        };
        render_user("subject", &input.subject, &sample, false)?;
        render_user("body", &input.body, &sample, true)?;
        let filter =
            serde_json::to_string(&input.filter).map_err(|e| Error::Other(e.to_string()))?;
        let id = new_id();
        self.transact(|tx| {
            tx.execute(
                "INSERT INTO campaigns (id, title, code, filter, lang, subject, body, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![id, title, input.code.trim(), filter, input.lang, input.subject, input.body, now_utc()],
            )?;
            Ok(())
        })?;
        self.get_campaign(&id)
    }

    pub fn list_campaigns(&self) -> Result<Vec<Campaign>> {
        let ids: Vec<String> = self
            .conn()
            .prepare("SELECT id FROM campaigns ORDER BY created_at DESC")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter().map(|id| self.get_campaign(id)).collect()
    }

    pub fn get_campaign(&self, id: &str) -> Result<Campaign> {
        let (title, code, filter, lang, subject, body, created_at): (String, String, String, _, String, String, String) = self
            .conn()
            .query_row(
                "SELECT title, code, filter, lang, subject, body, created_at FROM campaigns WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
            )
            .map_err(|_| Error::NotFound { what: "campaign", id: id.to_owned() })?;
        let filter: CampaignFilter = serde_json::from_str(&filter).unwrap_or_default();
        let all = owners(self, &filter)?;
        let mut recipients = Vec::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.sale_id, r.state, r.detail, r.at, m.state, m.detail
             FROM campaign_recipients r LEFT JOIN mail_sends m ON m.id = r.send_id
             WHERE r.campaign_id = ?1 ORDER BY r.at, r.id",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<SendState>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (sale_id, state, detail, at, mail_state, mail_detail) in rows {
            let owner = match all.iter().find(|o| o.sale_id == sale_id) {
                Some(o) => Some(o.clone()),
                None => owner_of_sale(self, &sale_id)?,
            };
            let Some(owner) = owner else {
                continue;
            };
            let state = match (state.as_str(), mail_state) {
                ("no_email", _) if detail == INVALID_EMAIL => RecipientState::InvalidEmail,
                ("no_email", _) => RecipientState::NoEmail,
                (_, Some(SendState::Sent)) => RecipientState::Sent,
                (_, Some(SendState::Failed)) | ("failed", _) => RecipientState::Failed,
                _ => RecipientState::Queued,
            };
            let detail = match state {
                RecipientState::Failed => mail_detail.filter(|d| !d.is_empty()).unwrap_or(detail),
                _ => detail,
            };
            recipients.push(CampaignRecipient {
                owner,
                state,
                detail,
                at,
            });
        }
        Ok(Campaign {
            id: id.to_owned(),
            title,
            code,
            filter,
            lang,
            subject,
            body,
            recipients,
            created_at,
        })
    }

    /// The notice (plain-text subject and body, saved or not) as the first
    /// owner `filter` reaches would read it, with the values and renderer
    /// [`Store::send_campaign`] uses; `None` when it reaches no one.
    pub fn preview_campaign_notice(
        &self,
        filter: &CampaignFilter,
        code: &str,
        subject: &str,
        body: &str,
    ) -> Result<Option<(String, String)>> {
        let Some(o) = owners(self, filter)?.into_iter().next() else {
            return Ok(None);
        };
        let team = self
            .setting(crate::mail::TEAM_NAME_KEY)?
            .unwrap_or_default();
        let dealer = self.me()?.map(|u| u.name).unwrap_or_default();
        let (deadline, recall, remedy) = recall_words(self, filter)?;
        let words = Words {
            customer: &o.customer_name,
            car: &o.vehicle_label,
            vin: &o.vin,
            code,
            team: &team,
            dealer: &dealer,
            deadline: &deadline,
            recall: &recall,
            remedy: &remedy,
        };
        Ok(Some((
            render_user("subject", subject, &words, false)?,
            render_user("body", body, &words, false)?,
        )))
    }

    /// Queues the notice to every selected owner not told yet (so sending
    /// again after a crash or after adding an email address tells only the
    /// rest). Owners without an email address are recorded as unreachable.
    pub fn send_campaign(&mut self, id: &str) -> Result<Campaign> {
        let c = self.get_campaign(id)?;
        let account = self.sending_account()?;
        let team = self
            .setting(crate::mail::TEAM_NAME_KEY)?
            .unwrap_or_default();
        let dealer = self.me()?.map(|u| u.name).unwrap_or_default();
        let (deadline, recall, remedy) = recall_words(self, &c.filter)?;
        let told: Vec<String> = c
            .recipients
            .iter()
            .filter(|r| {
                !matches!(
                    r.state,
                    RecipientState::NoEmail | RecipientState::InvalidEmail
                )
            })
            .map(|r| r.owner.sale_id.clone())
            .collect();
        for o in owners(self, &c.filter)? {
            if told.contains(&o.sale_id) {
                continue;
            }
            let rid = format!("{id}/{}", o.sale_id);
            // An address that is not valid (it may have come by sync) is
            // recorded like a missing one; the other owners are told.
            let unreachable = match crate::validate::email("email", &o.email) {
                Ok(a) if a.is_empty() => Some(NO_EMAIL),
                Ok(_) => None,
                Err(_) => Some(INVALID_EMAIL),
            };
            if let Some(detail) = unreachable {
                self.transact(|tx| {
                    tx.execute(
                        "INSERT OR REPLACE INTO campaign_recipients (id, campaign_id, sale_id, state, detail, at)
                         VALUES (?1, ?2, ?3, 'no_email', ?4, ?5)",
                        params![rid, id, o.sale_id, detail, now_utc()],
                    )?;
                    Ok(())
                })?;
                continue;
            }
            let words = Words {
                customer: &o.customer_name,
                car: &o.vehicle_label,
                vin: &o.vin,
                code: &c.code,
                team: &team,
                dealer: &dealer,
                deadline: &deadline,
                recall: &recall,
                remedy: &remedy,
            };
            let subject = render_user("subject", &c.subject, &words, false)?;
            let text = render_user("body", &c.body, &words, false)?;
            let html = crate::mail::notice::text_html(&text);
            let send = self.queue_notice(
                &account,
                &Notice {
                    customer_id: &o.customer_id,
                    to_name: &o.customer_name,
                    to_addr: &o.email,
                    subject: &subject,
                    text: &text,
                    html: &html,
                    lang: c.lang,
                    contents: &[SentVehicle {
                        vehicle_id: o.vehicle_id.clone(),
                        photo_ids: Vec::new(),
                    }],
                    detail: &format!("campaign: {}", c.title),
                    attachments: &[],
                },
            )?;
            let send_id = send.id;
            self.transact(|tx| {
                tx.execute(
                    "INSERT OR REPLACE INTO campaign_recipients (id, campaign_id, sale_id, state, send_id, detail, at)
                     VALUES (?1, ?2, ?3, 'queued', ?4, '', ?5)",
                    params![rid, id, o.sale_id, send_id, now_utc()],
                )?;
                Ok(())
            })?;
        }
        self.get_campaign(id)
    }
}
