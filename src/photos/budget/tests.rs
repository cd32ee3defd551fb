use std::sync::atomic::{AtomicU64, Ordering};

use super::*;

const MB: u64 = 1024 * 1024;

#[test]
fn small_decodes_share_the_budget() {
    let budget = DecodeBudget::new(256 * MB);
    // Two 12 MP JPEGs decoded at half scale (~40 MB each) go side by side.
    let a = budget.try_acquire(40 * MB).expect("first fits");
    let b = budget.try_acquire(40 * MB).expect("second fits beside it");
    assert_eq!(budget.in_use(), 80 * MB);
    drop((a, b));
    assert_eq!(budget.in_use(), 0);
}

#[test]
fn a_decode_over_the_budget_runs_alone() {
    let budget = DecodeBudget::new(256 * MB);
    let small = budget.try_acquire(40 * MB).expect("fits");
    // A 100 MP frame (400 MB) is taken as the whole budget: not beside anything.
    assert!(budget.try_acquire(400 * MB).is_none());
    drop(small);
    let big = budget.try_acquire(400 * MB).expect("alone it goes");
    assert_eq!(budget.in_use(), 256 * MB);
    assert!(budget.try_acquire(1).is_none(), "nothing runs beside it");
    drop(big);
    assert_eq!(budget.in_use(), 0);
}

#[test]
fn what_does_not_fit_waits_until_memory_is_given_back() {
    let budget = DecodeBudget::new(100);
    let held = budget.acquire(60);
    std::thread::scope(|s| {
        let waiter = s.spawn(|| {
            let _p = budget.acquire(60);
            budget.in_use()
        });
        while budget.waiting() == 0 {
            std::thread::yield_now();
        }
        // Queued behind the waiter: a later small request does not jump it.
        assert!(budget.try_acquire(10).is_none(), "first come, first served");
        assert_eq!(budget.in_use(), 60);
        drop(held);
        assert_eq!(waiter.join().expect("waiter"), 60);
    });
    assert_eq!(budget.in_use(), 0);
}

#[test]
fn many_workers_never_hold_more_than_the_budget() {
    let budget = DecodeBudget::new(1000);
    let held = AtomicU64::new(0);
    let most = AtomicU64::new(0);
    std::thread::scope(|s| {
        for worker in 0..8u64 {
            let (budget, held, most) = (&budget, &held, &most);
            s.spawn(move || {
                for i in 0..500u64 {
                    // Mostly small, now and then one over the whole budget.
                    let weight = match (worker * 31 + i * 17) % 23 {
                        0 => 5000,
                        n => n * 40,
                    };
                    let permit = budget.acquire(weight);
                    let now = held.fetch_add(permit.weight, Ordering::SeqCst) + permit.weight;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::yield_now();
                    held.fetch_sub(permit.weight, Ordering::SeqCst);
                    drop(permit);
                }
            });
        }
    });
    let most = most.load(Ordering::SeqCst);
    assert!(most <= 1000, "held {most} of 1000");
    assert_eq!(budget.in_use(), 0);
    assert_eq!(budget.waiting(), 0);
}

#[test]
fn photos_weigh_what_their_decode_holds() {
    use crate::photos::decode::jpeg_memory;
    use crate::photos::jpeg_frame::Frame;
    use crate::photos::{png_decode, shrink};
    let frame = |width, height, progressive| Frame {
        width,
        height,
        progressive,
    };
    let capacity = BUDGET.capacity;

    // A 12 MP camera JPEG (4 MB) is decoded at half scale: about 44 MB, so
    // five go side by side.
    let jpeg = jpeg_memory(4 * MB, frame(4000, 3000, false), 1920);
    assert!((30 * MB..50 * MB).contains(&jpeg), "{}", jpeg / MB);
    assert!(5 * jpeg <= capacity);
    // Progressive, libjpeg keeps the whole frame's coefficients too.
    let progressive = jpeg_memory(4 * MB, frame(4000, 3000, true), 1920);
    assert_eq!(progressive - jpeg, 4000 * 3000 * 6);
    // A 100 MP JPEG is decoded at a quarter: its pixels weigh little more.
    let big = jpeg_memory(40 * MB, frame(11_500, 8_600, false), 1920);
    assert!(big < 100 * MB, "{}", big / MB);

    // A 98.9 MP PNG streams through a shrink by 5: about 45 MB, not 300.
    let k = shrink::factor(11_500, 8_600, 1920);
    let png = png_decode::memory(11_500, 8_600, k, 3, false);
    assert!((30 * MB..50 * MB).contains(&png), "{}", png / MB);
    // Interlaced, the whole RGBA frame is decoded first: over the budget,
    // so that one runs alone.
    let interlaced = png_decode::memory(11_500, 8_600, k, 4, true);
    assert!(interlaced > capacity, "{}", interlaced / MB);
}
