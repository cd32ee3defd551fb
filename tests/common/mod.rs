#![allow(dead_code)]

use lotbook::inventory::{Fuel, LotInput, Transmission, VehicleInput, VehicleStatus};
use lotbook::Store;
use tempfile::TempDir;

pub fn store() -> (TempDir, Store) {
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
        Err(lotbook::Error::Invalid(f)) => (f.field, f.code, f.message),
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
        .output()
        .expect("run lotbook")
}
