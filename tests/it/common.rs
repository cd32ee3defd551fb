#![allow(dead_code)]

use lotbook::condition::{
    ConditionInput, Flood, ItemState, Mark, OdometerState, PanelMark, Recall, Tuning, UseHistory,
    VinCheck,
};
use lotbook::inventory::{Fuel, LotInput, Transmission, VehicleInput, VehicleStatus};
use lotbook::Store;
use tempfile::TempDir;

pub fn store() -> (TempDir, Store) {
    fake_keychain();
    let dir = TempDir::new().expect("temp dir");
    let store = Store::open(dir.path()).expect("open store");
    (dir, store)
}

pub fn demo_store() -> (TempDir, Store) {
    let (dir, mut store) = store();
    lotbook::demo::fill(&mut store).expect("demo");
    (dir, store)
}

pub fn lot(store: &mut Store, name: &str) -> String {
    store
        .save_lot(&LotInput {
            id: None,
            name: name.into(),
            address: String::new(),
            phone: String::new(),
        })
        .expect("lot")
        .id
}

pub fn vehicle(lot_id: &str, model: &str) -> VehicleInput {
    VehicleInput {
        id: None,
        make: "르노삼성".into(),
        model: model.into(),
        trim: "LE".into(),
        year: 2003,
        first_registration: Some("2003-04-01".into()),
        plate: String::new(),
        vin: String::new(),
        odometer_km: 150_000,
        fuel: Fuel::Gasoline,
        transmission: Transmission::Auto,
        color: "은색".into(),
        price_krw: 3_500_000,
        lot_id: lot_id.into(),
        status: VehicleStatus::InStock,
        stock_date: "2026-10-01".into(),
        notes: String::new(),
        tags: vec![],
    }
}

/// The field error of a failed save: (field, code, message).
pub fn field_error<T: std::fmt::Debug>(r: lotbook::Result<T>) -> (String, String, String) {
    match r {
        Err(lotbook::Error::Invalid(f)) => (f.field, f.code.to_string(), f.message),
        other => panic!("expected a field error, got {other:?}"),
    }
}

/// The shared real-photo test set: `$LOTBOOK_TEST_PHOTOS`, else
/// `../shared/testdata/photos` beside the repository. Missing is a failure,
/// never a skip.
pub fn test_photos() -> std::path::PathBuf {
    let candidates = [
        std::env::var_os("LOTBOOK_TEST_PHOTOS").map(std::path::PathBuf::from),
        Some(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/photos")),
        Some(std::path::PathBuf::from("/work/shared/testdata/photos")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|p| p.join("orientation").is_dir())
        .expect("the test photos (../shared/testdata/photos or $LOTBOOK_TEST_PHOTOS)")
}

/// Runs the `lotbook` binary on `dir` as a user would (never the
/// environment's data dir).
pub fn lotbook(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_lotbook"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("LOTBOOK_DATA_DIR")
        .env(lotbook::keychain::FOLDER_ENV, fake_keychain())
        .output()
        .expect("run lotbook")
}

/// One SM520 on a lot 월평동; returns its id.
pub fn car(store: &mut Store) -> String {
    let lot = lot(store, "월평동");
    store
        .save_vehicle(&vehicle(&lot, "SM520"))
        .expect("vehicle")
        .id
}

/// A condition report with an exchanged fender, a scratched door and three items.
pub fn condition_report(vehicle_id: &str) -> ConditionInput {
    ConditionInput {
        id: None,
        vehicle_id: vehicle_id.to_owned(),
        inspected_on: "2026-11-20".into(),
        inspector: "김민수".into(),
        odometer_km: 83_900,
        odometer_state: OdometerState::Good,
        vin_check: VinCheck::Good,
        tuning: Tuning::None,
        flood: Flood::None,
        fire: false,
        use_history: UseHistory::None,
        color_changed: false,
        recall: Recall::None,
        panels: vec![
            PanelMark {
                panel: "front_fender_l".into(),
                marks: vec![Mark::Exchanged],
                paint_um: Some(210),
                note: String::new(),
            },
            PanelMark {
                panel: "front_door_l".into(),
                marks: vec![Mark::Scratched],
                paint_um: None,
                note: "운전석 문 흠집".into(),
            },
        ],
        items: vec![
            ItemState {
                key: "engine.idle".into(),
                value: "good".into(),
            },
            ItemState {
                key: "engine.oil_leak_cover".into(),
                value: "minor".into(),
            },
            ItemState {
                key: "tyre.fl".into(),
                value: "6.5".into(),
            },
        ],
        comment: "1인 소유, 정비 이력 확인".into(),
    }
}

/// The customer of that name (the demo's 이준혁 is the one from Seoul).
pub fn customer_named(store: &Store, name: &str) -> lotbook::customers::Customer {
    store
        .list_customers(&Default::default())
        .expect("customers")
        .into_iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no customer named {name}"))
}

/// A customer from Seoul with an email address and no particular wants.
pub fn customer(store: &mut Store, name: &str, email: &str) -> String {
    store
        .save_customer(&lotbook::customers::CustomerInput {
            id: None,
            name: name.into(),
            phone: String::new(),
            email: email.into(),
            region: "서울 노원구".into(),
            source: lotbook::customers::CustomerSource::Blog,
            current_car: String::new(),
            trade_in: false,
            wants: lotbook::customers::Wants::default(),
            assigned_user_id: None,
            notes: String::new(),
            consent_contact: true,
        })
        .expect("customer")
        .id
}

/// An email for `customer` about `vehicles`, each with its default photos.
pub fn compose_request(
    customer: &str,
    vehicles: &[String],
    lang: lotbook::condition::Lang,
    budget: lotbook::mail::Budget,
) -> lotbook::mail::ComposeRequest {
    lotbook::mail::ComposeRequest {
        customer_id: customer.into(),
        vehicles: vehicles
            .iter()
            .map(|v| lotbook::mail::ComposeVehicle {
                vehicle_id: v.clone(),
                photo_ids: None,
            })
            .collect(),
        lang,
        budget,
        shortlist_id: None,
        introduce_user_id: None,
        message: String::new(),
    }
}

/// Puts every photo of each car in the email (not only the default choice).
pub fn all_photos(store: &Store, req: &mut lotbook::mail::ComposeRequest) {
    for v in &mut req.vehicles {
        let all = store.list_photos(&v.vehicle_id).expect("photos");
        v.photo_ids = Some(all.into_iter().map(|p| p.id).collect());
    }
}

/// The tests' keychain: a folder for this test process (and the CLIs it
/// starts with [`lotbook::keychain::FOLDER_ENV`]), never the OS keychain.
/// Only `outbox::a_send_killed_midway_is_sent_once_more_and_nothing_is_lost`
/// uses the real one, through the CLI.
pub fn fake_keychain() -> &'static std::path::Path {
    lotbook::keychain::use_folder(
        &std::env::temp_dir().join(format!("lotbook-test-keychain-{}", std::process::id())),
    )
}
