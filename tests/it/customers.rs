//! Customers and the team's dealers.

use crate::common;

use lotbook::customers::{CustomerInput, CustomerQuery, CustomerSource, UserInput, Wants};

fn input(name: &str) -> CustomerInput {
    CustomerInput {
        id: None,
        name: name.into(),
        phone: "010-2934-5521".into(),
        email: "junhyuk.lee@naver.com".into(),
        region: "서울 노원구".into(),
        source: CustomerSource::Blog,
        current_car: "2002 대우 레조 (자동)".into(),
        trade_in: true,
        wants: Wants {
            models: vec!["SM520".into()],
            year_min: Some(2002),
            year_max: Some(2004),
            budget_max_krw: Some(5_000_000),
            ..Default::default()
        },
        assigned_user_id: None,
        notes: String::new(),
        consent_contact: true,
    }
}

#[test]
fn a_customer_round_trips_with_wants_and_dealer() {
    let (_dir, mut store) = common::store();
    let me = store
        .save_user(
            &UserInput {
                id: None,
                name: "김민수".into(),
                email: String::new(),
                phone: String::new(),
            },
            true,
        )
        .unwrap();
    assert!(me.is_me);
    let c = store
        .save_customer(&CustomerInput {
            assigned_user_id: Some(me.id.clone()),
            ..input("이준혁")
        })
        .unwrap();
    let back = store.get_customer(&c.id).unwrap();
    assert_eq!(back.wants.models, ["SM520"]);
    assert_eq!(back.wants.budget_max_krw, Some(5_000_000));
    assert_eq!(back.assigned_user_name.as_deref(), Some("김민수"));
    assert!(back.trade_in && back.consent_contact);
    let found = store
        .list_customers(&CustomerQuery {
            text: Some("레조".into()),
            assigned_user_id: None,
        })
        .unwrap();
    assert_eq!(found.len(), 1);
    let found = store
        .list_customers(&CustomerQuery {
            text: Some("sm520".into()),
            assigned_user_id: None,
        })
        .unwrap();
    assert_eq!(
        found.len(),
        1,
        "wanted models are searchable, case-insensitively"
    );
}

#[test]
fn customer_validation_names_the_field() {
    let (_dir, mut store) = common::store();
    let cases = [
        (
            CustomerInput {
                name: "".into(),
                ..input("x")
            },
            "name",
            "required",
        ),
        (
            CustomerInput {
                email: "junhyuk@".into(),
                ..input("x")
            },
            "email",
            "invalid_email",
        ),
        (
            CustomerInput {
                phone: "전화".into(),
                ..input("x")
            },
            "phone",
            "invalid_phone",
        ),
        (
            CustomerInput {
                assigned_user_id: Some("ghost".into()),
                ..input("x")
            },
            "assigned_user_id",
            "unknown_user",
        ),
        (
            CustomerInput {
                wants: Wants {
                    budget_max_krw: Some(-1),
                    ..Default::default()
                },
                ..input("x")
            },
            "wants.budget_max_krw",
            "negative",
        ),
        (
            CustomerInput {
                wants: Wants {
                    year_min: Some(2010),
                    year_max: Some(2005),
                    ..Default::default()
                },
                ..input("x")
            },
            "wants.year_max",
            "year_out_of_range",
        ),
    ];
    for (c, field, code) in cases {
        let (f, k, m) = common::field_error(store.save_customer(&c));
        assert_eq!((f.as_str(), k.as_str()), (field, code), "{m}");
        assert!(m.contains(field), "{m}");
    }
    assert!(store
        .list_customers(&CustomerQuery::default())
        .unwrap()
        .is_empty());
}

#[test]
fn exactly_one_user_is_me() {
    let (_dir, mut store) = common::store();
    assert!(store.me().unwrap().is_none());
    let a = store
        .save_user(
            &UserInput {
                id: None,
                name: "김민수".into(),
                email: String::new(),
                phone: String::new(),
            },
            true,
        )
        .unwrap();
    let b = store
        .save_user(
            &UserInput {
                id: None,
                name: "박정호".into(),
                email: String::new(),
                phone: String::new(),
            },
            true,
        )
        .unwrap();
    let users = store.list_users().unwrap();
    assert_eq!(users.iter().filter(|u| u.is_me).count(), 1);
    assert_eq!(store.me().unwrap().map(|u| u.id), Some(b.id));
    assert!(!store.get_user(&a.id).unwrap().is_me);
}
