//! List/filter/search latency over 50,000 vehicles (SPEC 4: p95 < 10 ms).
//!
//! `cargo bench --bench inventory_search` — builds a store with 50,000
//! vehicles through the real CSV import (all or nothing in chunks, change capture
//! on), then times each query shape and prints p50/p95/max.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use lotbook::inventory::{VehicleQuery, VehicleStatus};
use lotbook::Store;

const VEHICLES: usize = 50_000;
const RUNS: usize = 300;

const MODELS: &[(&str, &str)] = &[
    ("르노삼성", "SM520"),
    ("르노삼성", "SM5"),
    ("현대", "쏘나타"),
    ("현대", "그랜저"),
    ("기아", "K5"),
    ("현대", "아반떼"),
    ("대우", "레조"),
    ("기아", "쏘렌토"),
    ("기아", "모닝"),
    ("현대", "싼타페"),
    ("쉐보레", "말리부"),
    ("쌍용", "티볼리"),
    ("기아", "카니발"),
    ("현대", "투싼"),
    ("기아", "K7"),
];
const LOTS: &[&str] = &["월평동", "대전오토월드", "유성", "둔산", "천안", "청주"];
const COLORS: &[&str] = &["흰색", "검정", "은색", "쥐색", "진주색", "청색"];
const LETTERS: &[&str] = &[
    "가", "나", "다", "라", "마", "거", "너", "더", "러", "머", "버", "서",
];

fn csv(n: usize) -> String {
    let mut s = String::from(
        "제조사,모델,연식,차량번호,주행거리(km),연료,색상,가격(만원),전시장,상태,입고일,메모\n",
    );
    let mut x: u64 = 0x2545F4914F6CDD1D;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for i in 0..n {
        let (make, model) = MODELS[(next() % MODELS.len() as u64) as usize];
        let year = 2000 + (next() % 25) as i32;
        let status = match next() % 10 {
            0 => "계약중",
            1 | 2 => "판매완료",
            _ => "판매중",
        };
        let _ = writeln!(
            s,
            "{make},{model},{year},{}{}{:04},{},가솔린,{},{},{},{status},2026-{:02}-{:02},{}",
            10 + i % 90,
            LETTERS[(next() % LETTERS.len() as u64) as usize],
            i % 10_000,
            (next() % 250_000) / 100 * 100,
            COLORS[(next() % COLORS.len() as u64) as usize],
            150 + next() % 4000,
            LOTS[(next() % LOTS.len() as u64) as usize],
            1 + next() % 10,
            1 + next() % 28,
            // Quoted: the note holds a comma.
            if i % 7 == 0 {
                "\"1인 소유, 무사고\""
            } else {
                ""
            },
        );
    }
    s
}

fn measure(store: &Store, name: &str, q: &VehicleQuery) {
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut total = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        let page = store.list_vehicles(q).expect("query");
        times.push(t.elapsed());
        total = page.total;
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<44} {:>8.2} {:>8.2} {:>8.2} {:>8}",
        ms(times[RUNS / 2]),
        ms(times[RUNS * 95 / 100]),
        ms(times[RUNS - 1]),
        total
    );
}

fn main() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let mut store = Store::open(dir.path()).expect("store");
    let file = dir.path().join("bench.csv");
    std::fs::write(&file, csv(VEHICLES)).expect("write csv");
    let t = Instant::now();
    let report = store.import_vehicles_csv(&file).expect("import");
    println!(
        "imported {} vehicles in {:.1} s (all or nothing, in chunks of <= 0.4 s, change capture on)\n",
        report.inserted,
        t.elapsed().as_secs_f64()
    );
    let wolpyeong = store
        .list_lots()
        .expect("lots")
        .into_iter()
        .find(|l| l.name == "월평동")
        .expect("lot")
        .id;

    println!(
        "{:<44} {:>8} {:>8} {:>8} {:>8}",
        "query (page of 100)", "p50 ms", "p95 ms", "max ms", "matches"
    );
    let page = VehicleQuery {
        limit: Some(100),
        ..Default::default()
    };
    measure(&store, "plain page (newest stock first)", &page);
    measure(
        &store,
        "plain page 50 (offset 5,000)",
        &VehicleQuery {
            offset: Some(5_000),
            ..page.clone()
        },
    );
    measure(
        &store,
        "filtered: lot + in stock + price + year",
        &VehicleQuery {
            lot_id: Some(wolpyeong.clone()),
            status: Some(VehicleStatus::InStock),
            price_min: Some(5_000_000),
            price_max: Some(20_000_000),
            year_min: Some(2010),
            ..page.clone()
        },
    );
    measure(
        &store,
        "filtered: model + mileage cap",
        &VehicleQuery {
            model: Some("SM520".into()),
            mileage_max: Some(150_000),
            ..page.clone()
        },
    );
    measure(
        &store,
        "search \"SM5\" (trigram)",
        &VehicleQuery {
            text: Some("SM5".into()),
            ..page.clone()
        },
    );
    measure(
        &store,
        "search \"쏘나타\" (Korean trigram)",
        &VehicleQuery {
            text: Some("쏘나타".into()),
            ..page.clone()
        },
    );
    measure(
        &store,
        "search \"월평\" (2-char Korean)",
        &VehicleQuery {
            text: Some("월평".into()),
            ..page.clone()
        },
    );
    measure(
        &store,
        "search \"그랜저 무사고\" + in stock",
        &VehicleQuery {
            text: Some("그랜저 무사고".into()),
            status: Some(VehicleStatus::InStock),
            ..page.clone()
        },
    );
    measure(
        &store,
        "search plate \"12가\"",
        &VehicleQuery {
            text: Some("12가".into()),
            ..page
        },
    );
}
