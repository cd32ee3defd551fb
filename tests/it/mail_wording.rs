//! The wording preview in Settings says what the email says: same words, same
//! customer, same team and dealer.

use crate::common;

use lotbook::condition::Lang;
use lotbook::mail::templates::default_template;
use lotbook::mail::{Budget, BudgetPreset};

#[test]
fn the_preview_reads_as_the_email_for_a_real_customer() {
    let (_dir, store) = common::demo_store();
    let seoul = common::customer_named(&store, "이준혁");
    let list = store.list_shortlists(&seoul.id).unwrap();
    let ids: Vec<String> = list[0].items.iter().map(|i| i.vehicle.id.clone()).collect();
    assert_eq!(
        ids.len(),
        3,
        "the preview speaks of three cars, as this email"
    );
    for lang in [Lang::Ko, Lang::En] {
        let req =
            common::compose_request(&seoul.id, &ids, lang, Budget::preset(BudgetPreset::Naver));
        let mail = store.compose(&req).unwrap().mail;
        let subject = store
            .preview_wording(
                "subject",
                lang,
                default_template("subject", lang),
                &seoul.id,
            )
            .unwrap();
        assert_eq!(subject, mail.subject, "{lang:?}");
        let greeting = store
            .preview_wording(
                "greeting",
                lang,
                default_template("greeting", lang),
                &seoul.id,
            )
            .unwrap();
        assert!(
            greeting.contains("이준혁") && greeting.contains("대전모터스"),
            "{greeting}"
        );
        assert!(
            mail.text.contains(&greeting),
            "{lang:?}: {greeting}\n---\n{}",
            mail.text
        );
    }
    // Wording not yet saved is previewed as typed; a mistake names the part.
    let own = store
        .preview_wording(
            "closing",
            Lang::Ko,
            "{{ customer }} 님, 또 뵙겠습니다.",
            &seoul.id,
        )
        .unwrap();
    assert_eq!(own, "이준혁 님, 또 뵙겠습니다.");
    let (field, code, _) = common::field_error(store.preview_wording(
        "closing",
        Lang::Ko,
        "{{ customer 님",
        &seoul.id,
    ));
    assert_eq!(
        (field.as_str(), code.as_str()),
        ("mail.closing.ko", "invalid_template")
    );
}
