//! Matching: a table of wants against cars, the reasons in both languages,
//! and the store's ranking over every lot.

use crate::common;

use lotbook::customers::matching::{rank_vehicles, score};
use lotbook::customers::Wants;
use lotbook::inventory::{Fuel, Transmission, Vehicle, VehicleStatus};

fn car(model: &str, year: i32, price_manwon: i64, km: i64) -> Vehicle {
    Vehicle {
        id: format!("{model}-{year}-{price_manwon}-{km}"),
        make: "르노삼성".into(),
        model: model.into(),
        trim: "LE".into(),
        year,
        first_registration: None,
        plate: String::new(),
        vin: String::new(),
        odometer_km: km,
        fuel: Fuel::Gasoline,
        transmission: Transmission::Auto,
        color: "은색".into(),
        price_krw: price_manwon * 10_000,
        lot_id: "lot".into(),
        lot_name: "월평동".into(),
        status: VehicleStatus::InStock,
        stock_date: "2026-11-01".into(),
        notes: String::new(),
        tags: vec![],
        created_at: String::new(),
        updated_at: String::new(),
        cover_hash: None,
    }
}

fn seoul() -> Wants {
    Wants {
        models: vec!["SM520".into()],
        year_min: Some(2003),
        year_max: Some(2005),
        budget_max_krw: Some(5_000_000),
        mileage_max_km: Some(180_000),
        fuel: Some(Fuel::Gasoline),
        color: String::new(),
    }
}

fn codes(w: &Wants, v: &Vehicle) -> Option<(i32, Vec<String>)> {
    score(w, v).map(|(s, r)| (s, r.into_iter().map(|r| r.code).collect()))
}

#[test]
fn table_of_cases() {
    let w = seoul();
    // (car, expected score, expected reason codes; None = not suggested)
    type Expected = Option<(i32, &'static [&'static str])>;
    let cases: Vec<(Vehicle, Expected)> = vec![
        (
            car("SM520", 2004, 450, 150_000),
            Some((
                100,
                &[
                    "model",
                    "year_in_range",
                    "within_budget",
                    "within_mileage",
                    "fuel_match",
                ],
            )),
        ),
        // 5% over budget: −10, said as "budget +5%".
        (
            car("SM520", 2004, 525, 150_000),
            Some((
                90,
                &[
                    "model",
                    "year_in_range",
                    "over_budget",
                    "within_mileage",
                    "fuel_match",
                ],
            )),
        ),
        // Two years older than wanted: −16.
        (
            car("SM520", 2001, 300, 150_000),
            Some((
                84,
                &[
                    "model",
                    "year_older",
                    "within_budget",
                    "within_mileage",
                    "fuel_match",
                ],
            )),
        ),
        // Newer than wanted costs little.
        (
            car("SM520", 2006, 480, 120_000),
            Some((
                98,
                &[
                    "model",
                    "year_newer",
                    "within_budget",
                    "within_mileage",
                    "fuel_match",
                ],
            )),
        ),
        // 10% over the mileage cap: −10.
        (
            car("SM520", 2004, 400, 198_000),
            Some((
                90,
                &[
                    "model",
                    "year_in_range",
                    "within_budget",
                    "over_mileage",
                    "fuel_match",
                ],
            )),
        ),
        // "SM5" family: SM525V is another model than wanted.
        (car("SM525V", 2004, 400, 150_000), None),
        (car("쏘나타", 2004, 400, 150_000), None),
        // Far over budget (40%): not suggested at all.
        (car("SM520", 2004, 700, 150_000), None),
    ];
    for (v, want) in cases {
        let got = codes(&w, &v);
        let want = want.map(|(s, c)| (s, c.iter().map(|c| c.to_string()).collect::<Vec<_>>()));
        assert_eq!(got, want, "{}", v.id);
    }
}

#[test]
fn reasons_read_in_both_languages() {
    let (_, reasons) = score(&seoul(), &car("SM520", 2001, 525, 150_000)).unwrap();
    let over = reasons.iter().find(|r| r.code == "over_budget").unwrap();
    assert_eq!(
        (over.ko.as_str(), over.en.as_str()),
        ("예산 +5%", "budget +5%")
    );
    assert!(!over.good);
    let older = reasons.iter().find(|r| r.code == "year_older").unwrap();
    assert_eq!(older.en, "2 years older than wanted");
    assert_eq!(older.ko, "원하는 연식보다 2년 오래됨");
}

#[test]
fn fuel_colour_reserved_and_sold() {
    let mut w = seoul();
    w.color = "흰색".into();
    let mut diesel = car("SM520", 2004, 400, 150_000);
    diesel.fuel = Fuel::Diesel;
    diesel.color = "흰색".into();
    let (s, r) = score(&w, &diesel).unwrap();
    assert_eq!(s, 100 - 30 + 5);
    assert!(r
        .iter()
        .any(|r| r.code == "fuel_mismatch" && r.ko == "연료 다름 (디젤)"));
    let mut reserved = car("SM520", 2004, 400, 150_000);
    reserved.status = VehicleStatus::Reserved;
    assert_eq!(score(&seoul(), &reserved).unwrap().0, 90);
    let mut sold = car("SM520", 2004, 400, 150_000);
    sold.status = VehicleStatus::Sold;
    assert!(score(&seoul(), &sold).is_none());
    // No wants at all: every unsold car, equal.
    assert_eq!(
        score(&Wants::default(), &car("쏘나타", 2010, 900, 90_000))
            .unwrap()
            .0,
        100
    );
}

#[test]
fn ranking_breaks_ties_by_price_then_mileage() {
    let ranked = rank_vehicles(
        &seoul(),
        vec![
            car("SM520", 2004, 480, 150_000),
            car("SM520", 2004, 420, 160_000),
            car("SM520", 2004, 420, 140_000),
            car("SM520", 2002, 300, 100_000),
        ],
    );
    let ids: Vec<&str> = ranked.iter().map(|m| m.vehicle.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "SM520-2004-420-140000",
            "SM520-2004-420-160000",
            "SM520-2004-480-150000",
            "SM520-2002-300-100000"
        ]
    );
}

#[test]
fn the_seoul_customer_gets_sm520s_and_the_cars_know_who_wants_them() {
    let (_dir, store) = common::demo_store();
    let seoul = common::customer_named(&store, "이준혁");
    let matches = store.match_vehicles(&seoul.id, 20).unwrap();
    assert!(matches.len() >= 3);
    assert!(matches.iter().all(|m| m.vehicle.model == "SM520"));
    assert!(matches.windows(2).all(|w| w[0].score >= w[1].score));
    let best = &matches[0].vehicle.id;
    let who = store.match_customers(best).unwrap();
    assert!(who.iter().any(|c| c.customer.id == seoul.id));
}
