//! The rest of SPEC 1's day in the demo: the Seoul customer's Saturday 12:00
//! visit booked with the dealer, the walk-in couple's purchase a month ago
//! with its follow-ups (the 1M call due today), a sale for every sold car, and
//! a recall campaign sent to the owners of one model. Days and hours are the
//! team's time zone's.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use rusqlite::params;

use super::mail::{customer, TEAM_NAME};
use crate::calendar::{VisitInput, VisitKind};
use crate::care::schedule::Step;
use crate::care::{CampaignFilter, CampaignInput, FollowUpState, SaleInput};
use crate::condition::Lang;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::mail::smtp::{SendFailure, Sender};
use crate::mail::{SmtpSecurity, SmtpSettings};

/// What the story added.
pub struct Story {
    /// Buyers registered for the cars sold before the demo's day.
    pub buyers: u32,
    pub visits: u32,
    pub sales: u32,
    pub campaigns: u32,
}

/// The model the demo's recall is about: the couple's car.
pub const RECALL_MODEL: &str = "그랜저";

fn user(store: &Store, name: &str) -> Result<String> {
    store
        .list_users()?
        .into_iter()
        .find(|u| u.name == name)
        .map(|u| u.id)
        .ok_or_else(|| Error::Other(format!("demo dealer {name} is missing")))
}

/// The day a sale was delivered for its 1-month call to fall on `today`
/// (months keep to the month's end, so not always 30 days back).
fn a_month_before(today: NaiveDate) -> NaiveDate {
    (28..=31)
        .map(|d| today - Duration::days(d))
        .find(|d| Step::Months(1).after(*d) == Some(today))
        .unwrap_or(today - Duration::days(30))
}

/// The coming Saturday (a week ahead on a Saturday: he booked ahead).
fn saturday(today: NaiveDate) -> NaiveDate {
    let ahead = match (5 + 7 - today.weekday().num_days_from_monday()) % 7 {
        0 => 7,
        n => n,
    };
    today + Duration::days(ahead as i64)
}

/// Closes every follow-up of a sale that fell before `today`: the demo team
/// made its calls, so only the couple's 1M call is waiting on Today.
fn close_past(store: &mut Store, sale_id: &str, today: NaiveDate, note: &str) -> Result<()> {
    let sale = store.get_sale(sale_id)?;
    for f in sale.follow_ups {
        if f.due_on < today.to_string() {
            store.close_follow_up(&f.id, FollowUpState::Done, note)?;
        }
    }
    Ok(())
}

/// The demo's mail goes nowhere: no server is set up, yet the campaign's
/// notices pass through the real outbox and are recorded as sent.
struct NoWhere;

impl Sender for NoWhere {
    fn send(&self, _from: &str, _to: &str, _message: &[u8]) -> Result<(), SendFailure> {
        Ok(())
    }
}

pub fn fill_story(store: &mut Store, now: DateTime<Utc>) -> Result<Story> {
    let tz = store.team_zone()?;
    let today = crate::time::today(now, tz);
    let me = user(store, "김민수")?;
    let colleague = user(store, "박정호")?;
    let lots: Vec<String> = store.list_lots()?.into_iter().map(|l| l.id).collect();

    // Saturday around 12:00 with the dealer, both lots, his shortlist's cars;
    // the afternoon kept free (he arrived at 13:00 and they drove to the
    // second lot).
    let seoul = customer(store, "이준혁")?;
    let cars: Vec<String> = store
        .list_shortlists(&seoul)?
        .into_iter()
        .flat_map(|s| s.items.into_iter().map(|i| i.vehicle.id))
        .collect();
    let noon =
        saturday(today).and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN));
    store.save_visit(&VisitInput {
        id: None,
        kind: VisitKind::Visit,
        customer_id: Some(seoul),
        user_id: Some(me.clone()),
        start_at: crate::time::instant(noon, tz).to_rfc3339(),
        minutes: 240,
        lot_ids: lots,
        vehicle_ids: cars,
        note: "서울에서 가족과 함께 방문. 메일로 보낸 SM520 보고 대전오토월드(15분)로 이동해 더 보기로. 토요일 오후는 비워 둠.".into(),
        allow_overlap: false,
    })?;

    // Every car already sold has its sale and a registered buyer; another
    // buyer owns a 그랜저 as the couple do (the recall tells both).
    let sold_sql =
        "SELECT id, price_krw, stock_date FROM vehicles WHERE status = 'sold' ORDER BY plate";
    let mut sold: Vec<(String, i64, String)> = store
        .conn()
        .prepare(sold_sql)?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let recall_sold: i64 = store.conn().query_row(
        "SELECT count(*) FROM vehicles WHERE status = 'sold' AND model = ?1",
        [RECALL_MODEL],
        |r| r.get(0),
    )?;
    if recall_sold == 0 {
        sold.extend(
            store
                .conn()
                .prepare(
                    "SELECT id, price_krw, stock_date FROM vehicles
                     WHERE status = 'in_stock' AND model = ?1 ORDER BY plate DESC LIMIT 1",
                )?
                .query_map([RECALL_MODEL], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?,
        );
    }
    let mut sales = 0u32;
    for (n, (vehicle, price, stock)) in sold.iter().enumerate() {
        let buyer = super::data::BUYERS
            .get(n)
            .ok_or_else(|| Error::Other("the demo has more sold cars than buyers".into()))?;
        let stocked = NaiveDate::parse_from_str(stock, "%Y-%m-%d").unwrap_or(today);
        let delivered = stocked + Duration::days((today - stocked).num_days() / 2);
        let buyer = store.save_customer(&super::customer_input(buyer, &me))?.id;
        let sale = store.record_sale(&SaleInput {
            customer_id: buyer,
            vehicle_id: vehicle.clone(),
            price_krw: *price,
            delivered_on: delivered.to_string(),
            user_id: Some(me.clone()),
        })?;
        close_past(store, &sale.id, today, "통화 완료, 만족하심")?;
        sales += 1;
    }

    // The couple bought a 그랜저 from the colleague a month ago: the thank-you
    // call was made, the 1M call is due today.
    let couple = customer(store, "최영수·한미경")?;
    let delivered = a_month_before(today);
    let (car, price): (String, i64) = store
        .conn()
        .query_row(
            "SELECT id, price_krw FROM vehicles WHERE model = ?1 AND status = 'in_stock'
             ORDER BY stock_date <= ?2 DESC, plate LIMIT 1",
            params![RECALL_MODEL, delivered.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|_| Error::Other(format!("the demo has no {RECALL_MODEL} in stock")))?;
    let sale = store.record_sale(&SaleInput {
        customer_id: couple,
        vehicle_id: car,
        price_krw: price,
        delivered_on: delivered.to_string(),
        user_id: Some(colleague),
    })?;
    close_past(
        store,
        &sale.id,
        today,
        "출고 3일 뒤 감사 전화 드림. 잘 타고 계심",
    )?;
    sales += 1;

    // A recall of that model, told to every owner who bought one here, through
    // the outbox (an owner without an address is recorded as unreachable).
    let campaign = store.create_campaign(&CampaignInput {
        title: format!("{RECALL_MODEL} 연료펌프 무상 점검 (리콜)"),
        code: "R-2026-11".into(),
        filter: CampaignFilter {
            model: Some(RECALL_MODEL.into()),
            ..Default::default()
        },
        lang: Lang::Ko,
        subject: "[{{ team }}] {{ car }} 리콜 안내 ({{ code }})".into(),
        body: "{{ customer }}님, 안녕하세요. {{ team }} {{ dealer }}입니다.\n\n\
               구입하신 {{ car }} (차대번호 {{ vin }})이 제조사 리콜 {{ code }} 대상입니다. \
               연료펌프를 무상으로 점검·교환해 드립니다.\n\
               편하신 날을 알려 주시면 정비 예약을 도와드리겠습니다."
            .into(),
    })?;
    let account = SmtpSettings {
        host: "smtp.daejeon-motors.kr".into(),
        port: 465,
        security: SmtpSecurity::Tls,
        username: String::new(),
        from_name: format!("{TEAM_NAME} 김민수"),
        from_addr: "minsu.kim@daejeon-motors.kr".into(),
        has_password: false,
    };
    store.save_smtp_settings(&account, None)?;
    store.send_campaign(&campaign.id)?;
    // Queued just now: due by the clock, not by the story's `now`.
    store.send_outbox(&NoWhere, Utc::now().max(now))?;
    // The dealer sets up his own account; the demo leaves none behind.
    store.clear_smtp_settings()?;
    super::recall::open_recall(store, &campaign.id, today)?;

    Ok(Story {
        buyers: sold.len() as u32,
        visits: 1,
        sales,
        campaigns: 1,
    })
}
