//! Composing the photo-and-condition email: 5 cars × 8 photos.
//!
//! `cargo bench --bench compose` — makes a store with five cars, each with a
//! condition report and eight distinct photo-like 12 MP photos (imported
//! through the real pipeline, so their email sizes are made), then times
//! `Store::compose` (everything but writing the file), best of 5:
//! - Gmail (25 MB) with the email sizes already made (goal < 2 s);
//! - Naver (10 MB), and a custom 4 MB budget the photos must be re-encoded
//!   smaller to fit;
//! - Gmail with the email sizes missing (a store that received its photos
//!   by sync): each is remade from its 12 MP original first.
//!
//! Prints each time and the message's encoded size against its budget.

#[path = "../tests/it/common.rs"]
mod common;
#[path = "../tests/it/support/synth.rs"]
mod synth;

use std::time::{Duration, Instant};

use lotbook::condition::Lang;
use lotbook::mail::{Budget, BudgetPreset, ComposeRequest};
use lotbook::photos::PhotoSize;
use lotbook::Store;

const CARS: usize = 5;
const PHOTOS: usize = 8;
const ROUNDS: usize = 5;

fn setup(store: &mut Store) -> (String, Vec<String>) {
    let lot = common::lot(store, "대전오토월드");
    let lib = store.photos().clone();
    let mut cars = Vec::new();
    for n in 0..CARS {
        let mut input = common::vehicle(&lot, "SM520");
        input.plate = format!("12가{:04}", 3400 + n);
        let v = store.save_vehicle(&input).expect("vehicle").id;
        for i in 0..PHOTOS {
            let jpeg = synth::jpeg((n * PHOTOS + i) as u64 + 1, 4000, 3000);
            let p = lotbook::photos::prepare::prepare_bytes(&lib, &format!("IMG_{i}.jpg"), &jpeg)
                .expect("prepare");
            store.attach_photo(&v, &p).expect("attach");
        }
        store
            .save_condition(&common::condition_report(&v))
            .expect("condition");
        cars.push(v);
    }
    let customer = common::customer(store, "이준혁", "junhyuk.lee@naver.com");
    (customer, cars)
}

fn request(store: &Store, customer: &str, cars: &[String], budget: Budget) -> ComposeRequest {
    let mut req = common::compose_request(customer, cars, Lang::Ko, budget);
    common::all_photos(store, &mut req);
    req
}

fn remove_email_sizes(store: &Store, cars: &[String]) {
    for v in cars {
        for p in store.list_photos(v).expect("photos") {
            if let Ok(path) = store.photos().derived_path(PhotoSize::Email, &p.hash) {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

fn main() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let mut store = Store::open(dir.path()).expect("store");
    let t = Instant::now();
    let (customer, cars) = setup(&mut store);
    println!(
        "{CARS} cars × {PHOTOS} distinct 4000x3000 photos imported in {:.1} s; {} cores",
        t.elapsed().as_secs_f64(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!("\ncase (best of {ROUNDS})                                   time     message / budget   photos at");
    let gmail = Budget::preset(BudgetPreset::Gmail);
    let cases: [(&str, Budget, bool); 4] = [
        ("Gmail 25 MB, email sizes made", gmail, false),
        (
            "Naver 10 MB, email sizes made",
            Budget::preset(BudgetPreset::Naver),
            false,
        ),
        (
            "custom 4 MB, photos re-encoded to fit",
            Budget::megabytes(4),
            false,
        ),
        (
            "Gmail 25 MB, email sizes remade from originals",
            gmail,
            true,
        ),
    ];
    for (name, budget, remake) in cases {
        let req = request(&store, &customer, &cars, budget);
        let mut best = Duration::MAX;
        let mut last = None;
        for _ in 0..ROUNDS {
            if remake {
                remove_email_sizes(&store, &cars);
            }
            let t = Instant::now();
            let draft = store.compose(&req).expect("compose");
            best = best.min(t.elapsed());
            last = Some(draft.mail);
        }
        let m = last.expect("a round ran");
        println!(
            "{name:<48} {:>7.0} ms   {:>5.1} / {:>4.1} MB   {} px q{}",
            best.as_secs_f64() * 1000.0,
            m.encoded_bytes as f64 / 1e6,
            m.budget_bytes as f64 / 1e6,
            m.photo_edge,
            m.photo_quality
        );
    }
}
