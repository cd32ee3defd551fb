//! The other outputs of the composer: the folder for messengers and print,
//! and the introduction email after a handover.

use crate::common;

use lotbook::condition::Lang;
use lotbook::mail::{Budget, BudgetPreset, SendOutput};

fn request(customer: &str, cars: &[String]) -> lotbook::mail::ComposeRequest {
    common::compose_request(
        customer,
        cars,
        Lang::Ko,
        Budget::preset(BudgetPreset::Gmail),
    )
}

#[test]
fn export_writes_numbered_photos_text_and_a_printable_page() {
    let (dir, mut store) = common::demo_store();
    lotbook::demo::fill_photos(&mut store).unwrap();
    let seoul = common::customer_named(&store, "이준혁");
    let cars: Vec<String> = store
        .match_vehicles(&seoul.id, 2)
        .unwrap()
        .into_iter()
        .map(|m| m.vehicle.id)
        .collect();
    let parent = dir.path().join("exports");
    let saved = store
        .export_shortlist_to(&request(&seoul.id, &cars), Some(&parent))
        .unwrap();
    let folder = std::path::PathBuf::from(&saved.path);
    assert!(folder.starts_with(&parent));
    assert!(folder
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("이준혁 "));
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.contains(&"01-1.jpg".to_owned()), "{names:?}");
    assert!(names.contains(&"01-diagram.png".to_owned()), "{names:?}");
    assert!(names.contains(&"02-1.jpg".to_owned()), "{names:?}");
    assert!(names.contains(&"message.txt".to_owned()));
    assert!(names.contains(&"print.html".to_owned()));
    let photos = names.iter().filter(|n| n.ends_with(".jpg")).count();
    let chosen: usize = saved.send.contents.iter().map(|c| c.photo_ids.len()).sum();
    assert_eq!(photos, chosen, "one file per photo in the email");
    let print = std::fs::read_to_string(folder.join("print.html")).unwrap();
    assert!(
        !print.contains("cid:"),
        "the page shows the files beside it"
    );
    assert!(print.contains("src=\"01-1.jpg\""));
    let text = std::fs::read_to_string(folder.join("message.txt")).unwrap();
    assert!(text.starts_with("이준혁 님, 안녕하세요."));
    assert_eq!(saved.send.output, SendOutput::Export);
    // A second export the same day goes next to the first.
    let again = store
        .export_shortlist_to(&request(&seoul.id, &cars), Some(&parent))
        .unwrap();
    assert!(again.path.ends_with("(2)"), "{}", again.path);
}

#[test]
fn introduction_email_after_a_handover() {
    let (dir, mut store) = common::demo_store();
    let seoul = common::customer_named(&store, "이준혁");
    let colleague = store
        .list_users()
        .unwrap()
        .into_iter()
        .find(|u| !u.is_me)
        .unwrap();
    store.hand_over(&seoul.id, &colleague.id, "").unwrap();
    let mut req = request(&seoul.id, &[]);
    req.introduce_user_id = Some(colleague.id.clone());
    let out = dir.path().join("intro.eml");
    let (_, mail) = store.save_eml(&req, &out).unwrap();
    assert_eq!(
        mail.subject,
        "이준혁 님, 담당자 박정호을(를) 소개해 드립니다 (대전모터스)"
    );
    assert!(mail
        .text
        .contains("앞으로는 제 동료 박정호이(가) 이준혁 님을 도와드립니다."));
    assert!(mail.text.contains("010-7712-0458"));
    assert!(mail.images.is_empty());
    req.lang = Lang::En;
    let en = store.compose(&req).unwrap().mail;
    assert!(
        en.subject.starts_with("Introducing 박정호"),
        "{}",
        en.subject
    );
    // Without a colleague to introduce, an email needs cars.
    req.introduce_user_id = None;
    assert_eq!(common::field_error(store.compose(&req)).0, "vehicles");
}
