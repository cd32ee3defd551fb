use super::*;
use crate::db::{new_id, Store};
use crate::inventory::{Fuel, LotInput, Transmission, VehicleStatus};

fn car(lot_id: &str, model: &str) -> VehicleInput {
    VehicleInput {
        id: None,
        make: "기아".into(),
        model: model.into(),
        trim: String::new(),
        year: 2019,
        first_registration: None,
        plate: String::new(),
        vin: String::new(),
        odometer_km: 10_000,
        fuel: Fuel::Gasoline,
        transmission: Transmission::Auto,
        color: "흰색".into(),
        price_krw: 9_000_000,
        lot_id: lot_id.into(),
        status: VehicleStatus::InStock,
        stock_date: "2026-12-01".into(),
        notes: String::new(),
        tags: vec![],
    }
}

fn store_with_lot() -> (tempfile::TempDir, Store, String) {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let lot = store
        .save_lot(&LotInput {
            id: None,
            name: "월평동".into(),
            address: String::new(),
            phone: String::new(),
        })
        .unwrap()
        .id;
    (dir, store, lot)
}

fn models(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT model FROM vehicles ORDER BY model")
        .unwrap();
    let rows = stmt.query_map([], |r| r.get(0)).unwrap();
    rows.collect::<std::result::Result<_, _>>().unwrap()
}

#[test]
fn a_batch_the_table_refuses_is_written_car_by_car_up_to_the_refused_one() {
    let (_dir, mut store, lot) = store_with_lot();
    let err = store
        .transact(|tx| {
            let mut new = NewVehicles::default();
            for (lot_id, model) in [(&lot, "레이"), (&lot, "모닝"), (&new_id(), "없는 전시장")]
            {
                new.push(
                    tx,
                    new_id(),
                    car(lot_id, model),
                    "[]".into(),
                    "2026-12-06T00:00:00Z".into(),
                )?;
            }
            assert!(models(tx).is_empty(), "held until flushed");
            let refused = new.flush(tx);
            assert_eq!(
                models(tx),
                ["레이", "모닝"],
                "the cars before the refused one"
            );
            assert!(!new.holds("any"), "nothing is held after a flush");
            refused
        })
        .unwrap_err();
    assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
    assert!(models(store.conn()).is_empty(), "the transaction is undone");
}

#[test]
fn a_full_batch_is_written_at_once_and_the_rest_on_flush() {
    let (_dir, mut store, lot) = store_with_lot();
    store
        .transact(|tx| {
            let mut new = NewVehicles::default();
            let mut last = String::new();
            for i in 0..ROWS + 3 {
                last = new_id();
                new.push(
                    tx,
                    last.clone(),
                    car(&lot, &format!("{i:04}")),
                    "[]".into(),
                    "2026-12-06T00:00:00Z".into(),
                )?;
            }
            assert_eq!(models(tx).len(), ROWS, "the full batch went in");
            assert!(new.holds(&last));
            new.flush(tx)?;
            assert_eq!(models(tx).len(), ROWS + 3);
            Ok(())
        })
        .unwrap();
}
