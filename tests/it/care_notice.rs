//! The campaign form's preview: the notice as a real owner reads it, made by
//! the same renderer and values as the sent one.

use crate::common;

#[test]
fn the_notice_preview_names_the_first_owner_and_their_car() {
    let (_dir, store) = common::demo_store();
    let campaign = store
        .list_campaigns()
        .unwrap()
        .into_iter()
        .next()
        .expect("the demo's recall");
    let owner = store
        .preview_campaign(&campaign.filter)
        .unwrap()
        .into_iter()
        .next()
        .unwrap();
    let (subject, body) = store
        .preview_campaign_notice(
            &campaign.filter,
            &campaign.code,
            &campaign.subject,
            &campaign.body,
        )
        .unwrap()
        .expect("the recall reaches an owner");
    assert!(
        subject.contains(&owner.vehicle_label) && subject.contains(&campaign.code),
        "{subject}"
    );
    assert!(body.starts_with(&owner.customer_name), "{body}");
    assert!(
        body.contains(&owner.vin) && body.contains("대전모터스"),
        "{body}"
    );
    assert!(!body.contains("{{") && !subject.contains("{{"));

    // Words not yet saved are previewed as typed; a filter reaching no one gives none.
    let own = store
        .preview_campaign_notice(&campaign.filter, "R-1", "{{ code }}", "{{ customer }} 님")
        .unwrap()
        .unwrap();
    assert_eq!(
        own,
        ("R-1".to_owned(), format!("{} 님", owner.customer_name))
    );
    let mut nobody = campaign.filter.clone();
    nobody.model = Some("없는 모델".into());
    assert_eq!(
        store
            .preview_campaign_notice(&nobody, "", "s", "b")
            .unwrap(),
        None
    );
    let (field, code, _) = common::field_error(store.preview_campaign_notice(
        &campaign.filter,
        "",
        "s",
        "{{ customer 님",
    ));
    assert_eq!(
        (field.as_str(), code.as_str()),
        ("body", "invalid_template")
    );
}
