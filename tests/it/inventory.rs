//! Vehicles: validation messages that name the field, filters and search.

use crate::common;

use lotbook::inventory::{VehicleInput, VehicleQuery, VehicleStatus};

#[test]
fn validation_names_the_field() {
    let (_dir, mut store) = common::store();
    let lot = common::lot(&mut store, "월평동");
    let base = common::vehicle(&lot, "SM520");
    let cases: Vec<(VehicleInput, &str, &str, &str)> = vec![
        (
            VehicleInput {
                vin: "KNMXX123".into(),
                ..base.clone()
            },
            "vin",
            "invalid_vin",
            "VIN must be 17 characters",
        ),
        (
            VehicleInput {
                vin: "KNMAB12C3D4I56789".into(),
                ..base.clone()
            },
            "vin",
            "invalid_vin",
            "without I, O or Q",
        ),
        (
            VehicleInput {
                year: 1890,
                ..base.clone()
            },
            "year",
            "year_out_of_range",
            "year must be between 1950",
        ),
        (
            VehicleInput {
                year: 2999,
                ..base.clone()
            },
            "year",
            "year_out_of_range",
            "year must be between",
        ),
        (
            VehicleInput {
                price_krw: -1,
                ..base.clone()
            },
            "price_krw",
            "negative",
            "price_krw must be at least 0",
        ),
        (
            VehicleInput {
                odometer_km: -5,
                ..base.clone()
            },
            "odometer_km",
            "negative",
            "odometer_km must be at least 0",
        ),
        (
            VehicleInput {
                model: "  ".into(),
                ..base.clone()
            },
            "model",
            "required",
            "model is required",
        ),
        (
            VehicleInput {
                lot_id: "nope".into(),
                ..base.clone()
            },
            "lot_id",
            "unknown_lot",
            "lot_id",
        ),
        (
            VehicleInput {
                stock_date: "2026-13-01".into(),
                ..base.clone()
            },
            "stock_date",
            "invalid_date",
            "stock_date must be a date",
        ),
        (
            VehicleInput {
                first_registration: Some("어제".into()),
                ..base.clone()
            },
            "first_registration",
            "invalid_date",
            "first_registration",
        ),
    ];
    for (input, field, code, text) in cases {
        let (f, c, m) = common::field_error(store.save_vehicle(&input));
        assert_eq!((f.as_str(), c.as_str()), (field, code), "{m}");
        assert!(m.contains(text), "message {m:?} should contain {text:?}");
    }
    assert_eq!(
        store.list_vehicles(&VehicleQuery::default()).unwrap().total,
        0,
        "nothing was saved"
    );
}

#[test]
fn vins_are_normalised_and_unique_among_cars_for_sale() {
    let (_dir, mut store) = common::store();
    let lot = common::lot(&mut store, "월평동");
    let v = store
        .save_vehicle(&VehicleInput {
            vin: " knmbb11c3d4256789 ".into(),
            plate: "12가 3456".into(),
            ..common::vehicle(&lot, "SM520")
        })
        .unwrap();
    assert_eq!(v.vin, "KNMBB11C3D4256789");
    assert_eq!(v.plate, "12가3456");
    let dup = VehicleInput {
        vin: "KNMBB11C3D4256789".into(),
        ..common::vehicle(&lot, "SM5")
    };
    let (field, code, msg) = common::field_error(store.save_vehicle(&dup));
    assert_eq!((field.as_str(), code.as_str()), ("vin", "duplicate_vin"));
    assert!(msg.contains("SM520"), "{msg}");
    // Once the first car is sold, the VIN may come back (bought again).
    let mut sold: VehicleInput = v.into();
    sold.status = VehicleStatus::Sold;
    store.save_vehicle(&sold).unwrap();
    store.save_vehicle(&dup).unwrap();
}

fn ids(page: &lotbook::inventory::VehiclePage) -> Vec<String> {
    page.items.iter().map(|v| v.model.clone()).collect()
}

#[test]
fn korean_substring_search_and_filters() {
    let (_dir, mut store) = common::store();
    let wolpyeong = common::lot(&mut store, "월평동");
    let autoworld = common::lot(&mut store, "대전오토월드");
    for (lot, model, year, price, km, status) in [
        (
            &wolpyeong,
            "SM520",
            2003,
            3_800_000,
            160_000,
            VehicleStatus::InStock,
        ),
        (
            &autoworld,
            "SM520",
            2004,
            4_200_000,
            140_000,
            VehicleStatus::InStock,
        ),
        (
            &autoworld,
            "SM5",
            2015,
            7_900_000,
            90_000,
            VehicleStatus::Reserved,
        ),
        (
            &wolpyeong,
            "쏘나타",
            2019,
            15_500_000,
            60_000,
            VehicleStatus::InStock,
        ),
        (
            &wolpyeong,
            "그랜저",
            2020,
            23_000_000,
            45_000,
            VehicleStatus::Sold,
        ),
        (
            &autoworld,
            "K5",
            2021,
            19_800_000,
            30_000,
            VehicleStatus::InStock,
        ),
    ] {
        store
            .save_vehicle(&VehicleInput {
                year,
                price_krw: price,
                odometer_km: km,
                status,
                ..common::vehicle(lot, model)
            })
            .unwrap();
    }
    let q = |text: &str| VehicleQuery {
        text: Some(text.into()),
        ..Default::default()
    };
    let page = store.list_vehicles(&q("SM5")).unwrap();
    assert_eq!(
        page.total,
        3,
        "SM5 finds SM520 twice and SM5: {:?}",
        ids(&page)
    );
    assert_eq!(
        store.list_vehicles(&q("sm52")).unwrap().total,
        2,
        "case-insensitive"
    );
    let page = store.list_vehicles(&q("월평")).unwrap();
    assert_eq!(page.total, 3, "월평 finds the 월평동 lot's cars");
    assert!(page.items.iter().all(|v| v.lot_name == "월평동"));
    assert_eq!(
        ids(&store.list_vehicles(&q("쏘나")).unwrap()),
        ["쏘나타"],
        "a 2-character term matches the start of a word"
    );
    assert_eq!(
        store.list_vehicles(&q("k")).unwrap().total,
        1,
        "so does a single character"
    );
    assert_eq!(
        store.list_vehicles(&q("은색 SM52")).unwrap().total,
        2,
        "short and long terms combine"
    );
    assert_eq!(
        ids(&store.list_vehicles(&q("오토월드 K5")).unwrap()),
        ["K5"],
        "terms combine with AND"
    );
    assert_eq!(store.list_vehicles(&q("디젤")).unwrap().total, 0);
    assert_eq!(
        store.list_vehicles(&q("가솔린")).unwrap().total,
        6,
        "fuel is searchable in Korean"
    );
    assert_eq!(
        store.list_vehicles(&q("\"")).unwrap().total,
        0,
        "a quote is searched, not a syntax error"
    );

    let all = VehicleQuery::default();
    assert_eq!(
        store
            .list_vehicles(&VehicleQuery {
                lot_id: Some(autoworld.clone()),
                ..all.clone()
            })
            .unwrap()
            .total,
        3
    );
    assert_eq!(
        store
            .list_vehicles(&VehicleQuery {
                status: Some(VehicleStatus::InStock),
                ..all.clone()
            })
            .unwrap()
            .total,
        4
    );
    assert_eq!(
        store
            .list_vehicles(&VehicleQuery {
                model: Some("SM520".into()),
                ..all.clone()
            })
            .unwrap()
            .total,
        2
    );
    assert_eq!(
        ids(&store
            .list_vehicles(&VehicleQuery {
                year_min: Some(2019),
                year_max: Some(2020),
                ..all.clone()
            })
            .unwrap())
        .len(),
        2
    );
    assert_eq!(
        store
            .list_vehicles(&VehicleQuery {
                price_min: Some(4_000_000),
                price_max: Some(16_000_000),
                ..all.clone()
            })
            .unwrap()
            .total,
        3
    );
    assert_eq!(
        store
            .list_vehicles(&VehicleQuery {
                mileage_max: Some(60_000),
                ..all.clone()
            })
            .unwrap()
            .total,
        3
    );
    let combined = VehicleQuery {
        text: Some("SM5".into()),
        lot_id: Some(autoworld),
        status: Some(VehicleStatus::InStock),
        ..all.clone()
    };
    assert_eq!(store.list_vehicles(&combined).unwrap().total, 1);

    // Paging: total stays, items are the page.
    let page = store
        .list_vehicles(&VehicleQuery {
            limit: Some(4),
            offset: Some(4),
            ..all
        })
        .unwrap();
    assert_eq!((page.items.len(), page.total), (2, 6));
}

#[test]
fn renaming_a_lot_updates_the_search() {
    let (_dir, mut store) = common::store();
    let lot = common::lot(&mut store, "월평동");
    store.save_vehicle(&common::vehicle(&lot, "SM520")).unwrap();
    store
        .save_lot(&lotbook::inventory::LotInput {
            id: Some(lot),
            name: "둔산동".into(),
            address: String::new(),
            phone: String::new(),
        })
        .unwrap();
    let q = |t: &str| VehicleQuery {
        text: Some(t.into()),
        ..Default::default()
    };
    assert_eq!(store.list_vehicles(&q("월평")).unwrap().total, 0);
    assert_eq!(store.list_vehicles(&q("둔산")).unwrap().total, 1);
}

#[test]
fn demo_data_is_believable() {
    let (_dir, store) = common::demo_store();
    let lots = store.list_lots().unwrap();
    assert_eq!(
        lots.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(),
        ["월평동", "대전오토월드"]
    );
    let all = store
        .list_vehicles(&VehicleQuery {
            limit: Some(1000),
            ..Default::default()
        })
        .unwrap();
    assert!((35..=45).contains(&all.total), "{}", all.total);
    for model in ["SM520", "SM5", "쏘나타", "그랜저", "K5", "아반떼", "레조"] {
        assert!(all.items.iter().any(|v| v.model == model), "{model}");
    }
    for v in &all.items {
        assert!(lotbook::inventory::vin_is_valid(&v.vin), "{}", v.vin);
        assert!(
            v.price_krw % 100_000 == 0 && v.price_krw >= 500_000,
            "{} {}",
            v.model,
            v.price_krw
        );
        assert!(v.odometer_km < 300_000);
    }
    let seoul = store
        .list_customers(&lotbook::customers::CustomerQuery {
            text: Some("레조".into()),
            assigned_user_id: None,
        })
        .unwrap();
    assert!(seoul.iter().any(|c| c.region.starts_with("서울")
        && c.wants.models == ["SM520"]
        && c.current_car.contains("2002")));
    assert_eq!(store.list_users().unwrap().len(), 2);
    assert_eq!(store.me().unwrap().map(|u| u.name), Some("김민수".into()));
}

#[test]
fn broad_searches_page_in_list_order() {
    // Enough matches that the query walks the ordered index instead of sorting.
    let (dir, mut store) = common::store();
    let mut csv = String::from("제조사,모델,연식,전시장,가격(만원),상태,입고일\n");
    for i in 0..1200 {
        let (make, model) = if i % 2 == 0 {
            ("르노삼성", "SM520")
        } else {
            ("기아", "K5")
        };
        let status = if i % 3 == 0 {
            "판매완료"
        } else {
            "판매중"
        };
        csv.push_str(&format!(
            "{make},{model},2004,{},{},{status},2026-{:02}-{:02}\n",
            if i % 4 < 2 {
                "월평동"
            } else {
                "대전오토월드"
            },
            300 + i,
            1 + i % 12,
            1 + i % 28
        ));
    }
    let file = dir.path().join("many.csv");
    std::fs::write(&file, csv).unwrap();
    store.import_vehicles_csv(&file).unwrap();

    let check = |q: VehicleQuery, expect_total: u32| {
        let page = store.list_vehicles(&q).unwrap();
        assert_eq!(page.total, expect_total, "{q:?}");
        assert_eq!(page.items.len() as u32, expect_total.min(100));
        for pair in page.items.windows(2) {
            assert!(
                pair[0].stock_date >= pair[1].stock_date,
                "newest stock first"
            );
        }
        page
    };
    let page = check(
        VehicleQuery {
            text: Some("SM52".into()),
            ..Default::default()
        },
        600,
    );
    assert!(page.items.iter().all(|v| v.model == "SM520"));
    let page = check(
        VehicleQuery {
            text: Some("SM52".into()),
            status: Some(VehicleStatus::InStock),
            ..Default::default()
        },
        400,
    );
    assert!(page
        .items
        .iter()
        .all(|v| v.model == "SM520" && v.status == VehicleStatus::InStock));
    check(
        VehicleQuery {
            text: Some("월평".into()),
            ..Default::default()
        },
        600,
    );
    check(
        VehicleQuery {
            text: Some("월평 SM520".into()),
            ..Default::default()
        },
        300,
    );
    // The last page of a broad search.
    let last = store
        .list_vehicles(&VehicleQuery {
            text: Some("SM52".into()),
            offset: Some(550),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(last.items.len(), 50);
}
