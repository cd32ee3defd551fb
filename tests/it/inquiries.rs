//! Inquiries: time to reply counted in working hours, overdue after the
//! team's limit, answered by the first thing that went out; handovers.

use crate::common;

use chrono::{DateTime, Utc};
use lotbook::customers::reply_time::{working_minutes, WorkingHours};
use lotbook::customers::{Channel, InteractionInput, InteractionKind};
use lotbook::Store;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

#[test]
fn working_minutes_table() {
    let h = WorkingHours::default(); // 09:00–19:00 Mon–Sat, Korea
    let cases = [
        // (from, to, minutes) — 2026-12-05 is a Saturday, 12-06 a Sunday.
        ("2026-12-01T10:00:00+09:00", "2026-12-01T11:30:00+09:00", 90),
        ("2026-12-01T18:30:00+09:00", "2026-12-02T09:30:00+09:00", 60),
        ("2026-12-01T20:00:00+09:00", "2026-12-02T08:00:00+09:00", 0),
        ("2026-12-05T18:50:00+09:00", "2026-12-07T09:10:00+09:00", 20),
        ("2026-12-06T10:00:00+09:00", "2026-12-06T17:00:00+09:00", 0),
        ("2026-12-01T07:00:00+09:00", "2026-12-01T10:00:00+09:00", 60),
        ("2026-12-01T10:00:00+09:00", "2026-12-01T09:00:00+09:00", 0),
        (
            "2026-12-01T09:00:00+09:00",
            "2026-12-03T19:00:00+09:00",
            1800,
        ),
    ];
    for (from, to, want) in cases {
        assert_eq!(working_minutes(t(from), t(to), &h), want, "{from} → {to}");
    }
}

fn log(store: &mut Store, customer: &str, kind: InteractionKind, at: &str) -> String {
    store
        .log_interaction(&InteractionInput {
            customer_id: customer.into(),
            kind,
            channel: Channel::Phone,
            at: Some(at.into()),
            summary: format!("{kind}"),
        })
        .unwrap()
        .id
}

#[test]
fn overdue_until_answered_and_the_limit_is_a_setting() {
    let (_dir, mut store) = common::demo_store();
    let id = common::customer_named(&store, "배성우").id;
    let q = log(
        &mut store,
        &id,
        InteractionKind::Inquiry,
        "2026-12-01T10:00:00+09:00",
    );
    let find = |store: &Store, now: &str| {
        store
            .inquiries("2026-11-01T00:00:00Z", t(now))
            .unwrap()
            .into_iter()
            .find(|i| i.interaction.id == q)
            .unwrap()
    };
    let at_11 = find(&store, "2026-12-01T11:00:00+09:00");
    assert!(!at_11.overdue);
    assert_eq!(at_11.response_minutes, 60);
    let at_1230 = find(&store, "2026-12-01T12:30:00+09:00");
    assert!(at_1230.overdue, "2 h 30 min > 2 h");
    // Overdue ones come first.
    let list = store
        .inquiries("2026-11-01T00:00:00Z", t("2026-12-01T12:30:00+09:00"))
        .unwrap();
    assert_eq!(list[0].interaction.id, q);

    // The team allows 3 hours: no longer overdue.
    store
        .set_team_setting("reply.within_minutes", "180")
        .unwrap();
    assert!(!find(&store, "2026-12-01T12:30:00+09:00").overdue);
    let (field, _, _) = common::field_error(store.set_team_setting("reply.within_minutes", "soon"));
    assert_eq!(field, "reply.within_minutes");

    // A call back at 12:10 answers it: 130 working minutes to reply.
    log(
        &mut store,
        &id,
        InteractionKind::Call,
        "2026-12-01T12:10:00+09:00",
    );
    let answered = find(&store, "2026-12-01T15:00:00+09:00");
    assert_eq!(
        answered.replied_at.as_deref(),
        Some("2026-12-01T03:10:00.000Z")
    );
    assert_eq!(answered.response_minutes, 130);
    assert!(!answered.overdue);
    // A note is not an answer.
    let q2 = log(
        &mut store,
        &id,
        InteractionKind::Inquiry,
        "2026-12-02T10:00:00+09:00",
    );
    log(
        &mut store,
        &id,
        InteractionKind::Note,
        "2026-12-02T10:05:00+09:00",
    );
    let open = store
        .inquiries("2026-11-01T00:00:00Z", t("2026-12-02T10:30:00+09:00"))
        .unwrap()
        .into_iter()
        .find(|i| i.interaction.id == q2)
        .unwrap();
    assert!(open.replied_at.is_none());
}

#[test]
fn demo_has_an_overdue_inquiry_and_bad_times_name_the_field() {
    let (_dir, mut store) = common::demo_store();
    let list = store.recent_inquiries().unwrap();
    let first = &list[0];
    assert_eq!(first.customer_name, "신유나");
    assert!(first.overdue);
    let seoul = list.iter().find(|q| q.customer_name == "이준혁").unwrap();
    assert!(seoul.replied_at.is_some(), "the dealer called him back");
    let (field, code, _) = common::field_error(store.log_interaction(&InteractionInput {
        customer_id: first.interaction.customer_id.clone(),
        kind: InteractionKind::Inquiry,
        channel: Channel::Web,
        at: Some("yesterday".into()),
        summary: String::new(),
    }));
    assert_eq!((field.as_str(), code.as_str()), ("at", "invalid_time"));
}

#[test]
fn handover_changes_the_dealer_and_logs_who_to_whom() {
    let (_dir, mut store) = common::demo_store();
    let users = store.list_users().unwrap();
    let colleague = users.iter().find(|u| !u.is_me).unwrap().clone();
    let seoul = common::customer_named(&store, "이준혁");
    let after = store
        .hand_over(&seoul.id, &colleague.id, "토요일 16:30 부부 손님 응대 중")
        .unwrap();
    assert_eq!(
        after.assigned_user_id.as_deref(),
        Some(colleague.id.as_str())
    );
    let log = store.list_interactions(&seoul.id).unwrap();
    assert_eq!(log[0].kind, InteractionKind::Handover);
    assert_eq!(
        log[0].summary,
        "김민수 → 박정호: 토요일 16:30 부부 손님 응대 중"
    );
    let (field, code, _) = common::field_error(store.hand_over(&seoul.id, &colleague.id, ""));
    assert_eq!(
        (field.as_str(), code.as_str()),
        ("to_user_id", "already_assigned")
    );
    assert_eq!(
        common::field_error(store.hand_over(&seoul.id, "nobody", "")).0,
        "to_user_id"
    );
}

#[test]
fn the_inquiry_lists_look_back_thirty_days_from_the_time_given() {
    let (_dir, mut store) = common::demo_store();
    let id = common::customer_named(&store, "배성우").id;
    assert_eq!(lotbook::customers::INQUIRY_WINDOW_DAYS, 30);
    let now = t("2026-12-01T12:00:00+09:00");
    let inside = log(
        &mut store,
        &id,
        InteractionKind::Inquiry,
        "2026-11-01T13:00:00+09:00",
    );
    let outside = log(
        &mut store,
        &id,
        InteractionKind::Inquiry,
        "2026-11-01T11:00:00+09:00",
    );
    let listed: Vec<String> = store
        .recent_inquiries_at(now)
        .unwrap()
        .into_iter()
        .map(|q| q.interaction.id)
        .collect();
    assert!(listed.contains(&inside), "29 days 23 hours ago is listed");
    assert!(!listed.contains(&outside), "30 days 1 hour ago is not");
    // Today's card counts the same window.
    let today = store.today(now).unwrap();
    assert!(today.inquiries.iter().any(|q| q.interaction.id == inside));
    assert!(!today.inquiries.iter().any(|q| q.interaction.id == outside));
}
