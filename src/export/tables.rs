//! The rows of each export, read straight from the database: words a person
//! reads in Korean (as the app's Korean screens say them), days and times in
//! the team's zone.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::Row;

use super::{Cell, Table};
use crate::db::Store;
use crate::error::Result;
use crate::inventory::csv::fuel_word;
use crate::inventory::Fuel;

pub(super) fn vehicles(store: &Store) -> Result<Table> {
    crate::inventory::csv::vehicles_table(store)
}

pub(super) fn customers(store: &Store) -> Result<Table> {
    let tz = store.team_zone()?;
    let rows = query(
        store,
        "SELECT c.id, c.name, c.phone, c.email, c.region, c.source, c.current_car, c.trade_in,
                c.want_models, c.want_year_min, c.want_year_max, c.want_budget_max_krw,
                c.want_mileage_max_km, c.want_fuel, c.want_color, u.name, c.consent_contact,
                c.notes, c.created_at
           FROM customers c LEFT JOIN users u ON u.id = c.assigned_user_id
          ORDER BY c.name, c.id",
        |r| {
            let models: String = r.get(8)?;
            let models: Vec<String> = serde_json::from_str(&models).unwrap_or_default();
            Ok(vec![
                text(r, 0)?,
                text(r, 1)?,
                text(r, 2)?,
                text(r, 3)?,
                text(r, 4)?,
                Cell::Text(source_word(&r.get::<_, String>(5)?).to_owned()),
                text(r, 6)?,
                yes_no(r.get(7)?),
                Cell::Text(models.join(", ")),
                int(r, 9)?,
                int(r, 10)?,
                int(r, 11)?,
                int(r, 12)?,
                match r
                    .get::<_, Option<String>>(13)?
                    .as_deref()
                    .and_then(Fuel::parse)
                {
                    Some(f) => Cell::Text(fuel_word(f).to_owned()),
                    None => Cell::Empty,
                },
                text(r, 14)?,
                text(r, 15)?,
                yes_no(r.get(16)?),
                text(r, 17)?,
                time(r, 18, tz)?,
            ])
        },
    )?;
    Ok(Table {
        sheet: "고객",
        columns: vec![
            ("id", 38.0),
            ("이름", 10.0),
            ("전화", 15.0),
            ("이메일", 24.0),
            ("지역", 16.0),
            ("유입 경로", 12.0),
            ("현재 차량", 20.0),
            ("보상 판매", 9.0),
            ("희망 모델", 20.0),
            ("희망 연식(부터)", 14.0),
            ("희망 연식(까지)", 14.0),
            ("예산(원)", 14.0),
            ("최대 주행거리(km)", 16.0),
            ("희망 연료", 10.0),
            ("희망 색상", 10.0),
            ("담당", 10.0),
            ("연락 동의", 9.0),
            ("메모", 40.0),
            ("등록일시", 17.0),
        ],
        rows,
    })
}

pub(super) fn sales(store: &Store) -> Result<Table> {
    let tz = store.team_zone()?;
    let rows = query(
        store,
        "SELECT s.id, s.delivered_on, c.name, c.phone, v.plate,
                trim(v.make || ' ' || v.model || ' ' || v.trim), v.year, s.price_krw, u.name,
                f.step, f.due_on, f.snoozed_until, f.state, f.note, f.closed_at
           FROM sales s
           JOIN customers c ON c.id = s.customer_id
           JOIN vehicles v ON v.id = s.vehicle_id
           LEFT JOIN users u ON u.id = s.user_id
           LEFT JOIN follow_ups f ON f.sale_id = s.id
          ORDER BY s.delivered_on, s.id, f.due_on, f.step",
        |r| {
            let step: Option<String> = r.get(9)?;
            let state: Option<String> = r.get(12)?;
            Ok(vec![
                text(r, 0)?,
                date(r, 1)?,
                text(r, 2)?,
                text(r, 3)?,
                text(r, 4)?,
                text(r, 5)?,
                int(r, 6)?,
                int(r, 7)?,
                text(r, 8)?,
                match step {
                    Some(s) => Cell::Text(step_word(&s)),
                    None => Cell::Empty,
                },
                date(r, 10)?,
                date(r, 11)?,
                match state.as_deref() {
                    Some(s) => Cell::Text(follow_up_state_word(s).to_owned()),
                    None => Cell::Empty,
                },
                text(r, 13)?,
                time(r, 14, tz)?,
            ])
        },
    )?;
    Ok(Table {
        sheet: "판매",
        columns: vec![
            ("판매 id", 38.0),
            ("인도일", 12.0),
            ("고객", 10.0),
            ("전화", 15.0),
            ("차량번호", 12.0),
            ("차량", 22.0),
            ("연식", 8.0),
            ("판매가(원)", 14.0),
            ("담당", 10.0),
            ("사후관리", 20.0),
            ("예정일", 12.0),
            ("미룬 날", 12.0),
            ("상태", 9.0),
            ("사후관리 메모", 30.0),
            ("처리일시", 17.0),
        ],
        rows,
    })
}

pub(super) fn visits(store: &Store) -> Result<Table> {
    let tz = store.team_zone()?;
    let rows = query(
        store,
        "SELECT v.id, v.start_at, v.minutes, c.name, c.phone, u.name, v.status, v.note
           FROM visits v
           JOIN customers c ON c.id = v.customer_id
           LEFT JOIN users u ON u.id = v.user_id
          WHERE v.kind = 'visit'
          ORDER BY v.start_at, v.id",
        |r| {
            Ok(vec![
                text(r, 0)?,
                time(r, 1, tz)?,
                int(r, 2)?,
                text(r, 3)?,
                text(r, 4)?,
                text(r, 5)?,
                Cell::Text(visit_status_word(&r.get::<_, String>(6)?).to_owned()),
                text(r, 7)?,
            ])
        },
    )?;
    Ok(Table {
        sheet: "방문",
        columns: vec![
            ("방문 id", 38.0),
            ("일시", 17.0),
            ("시간(분)", 9.0),
            ("고객", 10.0),
            ("전화", 15.0),
            ("담당", 10.0),
            ("상태", 9.0),
            ("메모", 40.0),
        ],
        rows,
    })
}

pub(super) fn inquiries(store: &Store) -> Result<Table> {
    let tz = store.team_zone()?;
    let rows = query(
        store,
        "SELECT i.id, i.at, c.name, c.phone, i.channel, i.summary, u.name
           FROM interactions i
           JOIN customers c ON c.id = i.customer_id
           LEFT JOIN users u ON u.id = i.user_id
          WHERE i.kind = 'inquiry'
          ORDER BY i.at, i.id",
        |r| {
            Ok(vec![
                text(r, 0)?,
                time(r, 1, tz)?,
                text(r, 2)?,
                text(r, 3)?,
                Cell::Text(channel_word(&r.get::<_, String>(4)?).to_owned()),
                text(r, 5)?,
                text(r, 6)?,
            ])
        },
    )?;
    Ok(Table {
        sheet: "문의",
        columns: vec![
            ("문의 id", 38.0),
            ("일시", 17.0),
            ("고객", 10.0),
            ("전화", 15.0),
            ("경로", 9.0),
            ("내용", 50.0),
            ("담당", 10.0),
        ],
        rows,
    })
}

fn query(
    store: &Store,
    sql: &str,
    f: impl FnMut(&Row<'_>) -> rusqlite::Result<Vec<Cell>>,
) -> Result<Vec<Vec<Cell>>> {
    let mut stmt = store.conn().prepare(sql)?;
    let rows = stmt.query_map([], f)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn text(r: &Row<'_>, i: usize) -> rusqlite::Result<Cell> {
    Ok(match r.get::<_, Option<String>>(i)? {
        Some(s) if !s.is_empty() => Cell::Text(s),
        _ => Cell::Empty,
    })
}

fn int(r: &Row<'_>, i: usize) -> rusqlite::Result<Cell> {
    Ok(r.get::<_, Option<i64>>(i)?.map_or(Cell::Empty, Cell::Int))
}

/// A stored `YYYY-MM-DD` day; other text as it is.
fn date(r: &Row<'_>, i: usize) -> rusqlite::Result<Cell> {
    Ok(match r.get::<_, Option<String>>(i)? {
        None => Cell::Empty,
        Some(s) => match NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
            Ok(d) => Cell::Date(d),
            Err(_) if s.trim().is_empty() => Cell::Empty,
            Err(_) => Cell::Text(s),
        },
    })
}

/// A stored RFC 3339 instant as the team's wall-clock time; other text as it is.
fn time(r: &Row<'_>, i: usize, tz: Tz) -> rusqlite::Result<Cell> {
    Ok(match r.get::<_, Option<String>>(i)? {
        None => Cell::Empty,
        Some(s) => match DateTime::parse_from_rfc3339(s.trim()) {
            Ok(t) => Cell::DateTime(crate::time::local(t.with_timezone(&Utc), tz)),
            Err(_) if s.trim().is_empty() => Cell::Empty,
            Err(_) => Cell::Text(s),
        },
    })
}

fn yes_no(b: bool) -> Cell {
    Cell::Text(if b { "예" } else { "아니오" }.to_owned())
}

// The words of the app's Korean screens (ui/src/i18n/ko.ts).

fn source_word(s: &str) -> &str {
    match s {
        "blog" => "블로그",
        "referral" => "소개",
        "walk_in" => "방문(워크인)",
        "listing_site" => "매물 사이트",
        "repeat" => "재구매",
        "phone" => "전화",
        "other" => "기타",
        s => s,
    }
}

fn channel_word(s: &str) -> &str {
    match s {
        "phone" => "전화",
        "email" => "이메일",
        "sms" => "문자",
        "messenger" => "메신저",
        "web" => "웹",
        "walk_in" => "방문",
        "other" => "기타",
        s => s,
    }
}

fn visit_status_word(s: &str) -> &str {
    match s {
        "booked" => "예약",
        "late" => "늦음",
        "arrived" => "도착",
        "done" => "완료",
        "no_show" => "노쇼",
        "cancelled" => "취소",
        s => s,
    }
}

fn follow_up_state_word(s: &str) -> &str {
    match s {
        "open" => "예정",
        "done" => "완료",
        "skipped" => "건너뜀",
        s => s,
    }
}

/// `3d` → `3일 감사 인사`; a step of the team's own schedule as it is.
fn step_word(s: &str) -> String {
    match s {
        "3d" => "3일 감사 인사".into(),
        "1m" => "1개월 안부 전화 (1M)".into(),
        "6m" => "6개월 점검 안내".into(),
        "1y" => "1년 안부 연락".into(),
        s => s.to_owned(),
    }
}
