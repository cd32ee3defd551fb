//! The demo's customer log and shortlist: the Seoul customer's phone
//! inquiry (answered), a shortlist of the three SM520s that fit him best,
//! and an emailed inquiry nobody has answered yet (overdue on Today).

use chrono::{Duration, NaiveTime, Utc};

use crate::customers::{Channel, CustomerQuery, InteractionInput, InteractionKind};
use crate::db::Store;
use crate::error::{Error, Result};

pub const TEAM_NAME: &str = "대전모터스";

/// The demo customer called `name` (the demo's names are unique).
pub(super) fn customer(store: &Store, name: &str) -> Result<String> {
    store
        .list_customers(&CustomerQuery {
            text: Some(name.into()),
            assigned_user_id: None,
        })?
        .into_iter()
        .find(|c| c.name == name)
        .map(|c| c.id)
        .ok_or_else(|| Error::Other(format!("demo customer {name} is missing")))
}

/// `days` ago at `hour`:`minute` in the team's zone, as RFC 3339.
fn local(tz: chrono_tz::Tz, days: i64, hour: u32, minute: u32) -> String {
    let day = crate::time::today(Utc::now(), tz) - Duration::days(days);
    let t = day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN));
    crate::time::instant(t, tz).to_rfc3339()
}

/// Returns the number of shortlists made.
pub fn fill_mail(store: &mut Store) -> Result<u32> {
    store.set_setting(crate::mail::TEAM_NAME_KEY, TEAM_NAME)?;
    let tz = store.team_zone()?;
    let at = |days, hour, minute| local(tz, days, hour, minute);
    let seoul = customer(store, "이준혁")?;
    let log = |kind, channel, at: String, summary: &str| InteractionInput {
        customer_id: seoul.clone(),
        kind,
        channel,
        at: Some(at),
        summary: summary.into(),
    };
    store.log_interaction(&log(
        InteractionKind::Inquiry,
        Channel::Phone,
        at(2, 19, 10),
        "블로그 보고 전화. 레조(2002, 자동) 타는 중, SM520 원함. 추천 차량 사진과 상태를 이메일로 요청.",
    ))?;
    store.log_interaction(&log(
        InteractionKind::Call,
        Channel::Phone,
        at(1, 9, 20),
        "아침에 전화해 원하는 조건 자세히 확인: 2003~2005년식, 500만원 이하, 주행 18만km 이하. 오늘 중 메일 보내기로.",
    ))?;
    let matches = store.match_vehicles(&seoul, 3)?;
    let ids: Vec<String> = matches.into_iter().map(|m| m.vehicle.id).collect();
    store.create_shortlist(&seoul, "SM520 추천", &ids)?;

    let yuna = customer(store, "신유나")?;
    store.log_interaction(&InteractionInput {
        customer_id: yuna,
        kind: InteractionKind::Inquiry,
        channel: Channel::Email,
        at: Some(at(2, 10, 5)),
        summary: "아반떼 사진과 상태를 이메일로 받고 싶어요. 예산 1,400만원.".into(),
    })?;
    Ok(1)
}
