//! The workers on a fake clock: schedules kept, wake() runs a pass at once,
//! a failing or panicking pass does not end the loop, dropping the handle
//! stops the thread.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::*;
use crate::backup::worker::AutoBackup;
use crate::error::Error;
use crate::mail::outbox_worker::OutboxSender;
use crate::sync::worker::{SyncJob, SyncPassed, SyncPlace};

const SEC: Duration = Duration::from_secs(1);

/// Long enough for a pass that is due to be seen (real time).
fn expect<T>(rx: &Receiver<T>) -> T {
    rx.recv_timeout(Duration::from_secs(5))
        .unwrap_or_else(|_| panic!("a pass was due"))
}

/// Quiet for a while: no pass came (real time).
fn quiet<T>(rx: &Receiver<T>) {
    assert!(
        rx.recv_timeout(Duration::from_millis(60)).is_err(),
        "no pass was due"
    );
}

/// The results a fake backup pass gives, in turn (then: Ok).
type Given = Arc<Mutex<Vec<Option<crate::Result<Vec<crate::backup::LocationOutcome>>>>>>;

/// A backup job whose passes give `results`.
fn backup_job(results: Given) -> AutoBackup {
    AutoBackup(Box::new(move || {
        let mut r = results.lock().unwrap();
        if r.is_empty() {
            Some(Ok(Vec::new()))
        } else {
            r.remove(0)
        }
    }))
}

fn start<J: Job>(job: J, clock: &Arc<FakeClock>) -> (Worker, Receiver<()>) {
    let (tx, rx) = channel();
    let worker = Worker::start(job, clock.clone(), move |_| {
        let _ = tx.send(());
    })
    .unwrap();
    (worker, rx)
}

#[test]
fn backup_runs_at_start_then_every_ten_minutes_and_at_once_when_woken() {
    let clock = Arc::new(FakeClock::default());
    let (worker, passes) = start(backup_job(Arc::default()), &clock);
    expect(&passes);
    clock.advance(crate::backup::worker::EVERY - SEC);
    quiet(&passes);
    clock.advance(SEC);
    expect(&passes);
    worker.wake();
    expect(&passes);
    quiet(&passes);
}

#[test]
fn backup_tries_again_a_minute_later_while_a_restore_has_the_folder() {
    let clock = Arc::new(FakeClock::default());
    let results = Arc::new(Mutex::new(vec![None]));
    let (_worker, passes) = start(backup_job(results), &clock);
    quiet(&passes);
    clock.advance(crate::backup::worker::WHILE_CLOSED);
    expect(&passes);
}

#[test]
fn a_failing_pass_and_a_panicking_pass_do_not_end_the_loop() {
    let clock = Arc::new(FakeClock::default());
    let failed = Some(Err(Error::Other("disk gone".into())));
    let results = Arc::new(Mutex::new(vec![failed]));
    let (_worker, passes) = start(backup_job(results), &clock);
    expect(&passes);
    clock.advance(crate::backup::worker::EVERY);
    expect(&passes);

    let turns = Arc::new(AtomicUsize::new(0));
    let t = turns.clone();
    let panicky = AutoBackup(Box::new(move || {
        if t.fetch_add(1, Ordering::SeqCst) == 0 {
            panic!("a fault in the first pass");
        }
        Some(Ok(Vec::new()))
    }));
    let (_worker, passes) = start(panicky, &clock);
    quiet(&passes);
    clock.advance(SEC * 60);
    expect(&passes);
    assert_eq!(turns.load(Ordering::SeqCst), 2);
}

#[test]
fn dropping_the_handle_stops_and_joins_the_thread() {
    let clock = Arc::new(FakeClock::default());
    let alive = Arc::new(());
    let held = alive.clone();
    let job = AutoBackup(Box::new(move || {
        let _ = &held;
        Some(Ok(Vec::new()))
    }));
    let (worker, passes) = start(job, &clock);
    expect(&passes);
    assert_eq!(Arc::strong_count(&alive), 2);
    drop(worker);
    // Joined: the job (and what it holds) is gone when drop returns.
    assert_eq!(Arc::strong_count(&alive), 1);
}

#[test]
fn the_outbox_waits_two_minutes_before_its_first_pass() {
    let clock = Arc::new(FakeClock::default());
    let sent = OutboxSender(Box::new(|| Some(Ok(Default::default()))));
    let (worker, passes) = start(sent, &clock);
    quiet(&passes);
    clock.advance(crate::mail::outbox_worker::EVERY);
    expect(&passes);
    worker.wake();
    expect(&passes);
}

/// A team folder held in memory: what sync sees and how often it ran.
#[derive(Clone, Default)]
struct FakePlace {
    off: Arc<AtomicBool>,
    pending: Arc<AtomicBool>,
    syncs: Arc<AtomicUsize>,
}

impl SyncPlace for FakePlace {
    fn folder(&mut self) -> Option<String> {
        (!self.off.load(Ordering::SeqCst)).then(|| "/team".to_owned())
    }
    fn pending(&mut self) -> bool {
        self.pending.load(Ordering::SeqCst)
    }
    fn sync(&mut self) -> crate::Result<bool> {
        self.syncs.fetch_add(1, Ordering::SeqCst);
        self.pending.store(false, Ordering::SeqCst);
        Ok(true)
    }
}

fn start_sync(place: &FakePlace, clock: &Arc<FakeClock>) -> (Worker, Receiver<SyncPassed>) {
    let (tx, rx) = channel();
    let job = SyncJob::new(place.clone(), ());
    let worker = Worker::start(job, clock.clone(), move |p: &SyncPassed| {
        let _ = tx.send(*p);
    })
    .unwrap();
    (worker, rx)
}

#[test]
fn sync_passes_at_start_sends_changes_within_five_seconds_and_does_a_full_pass_every_two_minutes() {
    use crate::sync::worker::{CHECK_EVERY, FULL_EVERY};
    let clock = Arc::new(FakeClock::default());
    let place = FakePlace::default();
    let (_worker, passes) = start_sync(&place, &clock);
    assert_eq!(expect(&passes), SyncPassed { applied: true });

    // Nothing to send: the 5 s looks pass no data.
    clock.advance(CHECK_EVERY);
    quiet(&passes);
    // A local change goes out at the next look.
    place.pending.store(true, Ordering::SeqCst);
    clock.advance(CHECK_EVERY);
    expect(&passes);
    // The full pass comes two minutes after the last pass.
    for _ in 0..(FULL_EVERY.as_secs() / CHECK_EVERY.as_secs() - 1) {
        clock.advance(CHECK_EVERY);
        quiet(&passes);
    }
    clock.advance(CHECK_EVERY);
    expect(&passes);
    assert_eq!(place.syncs.load(Ordering::SeqCst), 3);
}

#[test]
fn a_wake_syncs_after_the_folder_settles_and_sync_off_passes_nothing() {
    use crate::sync::worker::SETTLE;
    let clock = Arc::new(FakeClock::default());
    let place = FakePlace::default();
    let (worker, passes) = start_sync(&place, &clock);
    expect(&passes);
    worker.wake();
    worker.wake(); // a burst of file events is one pass
    quiet(&passes);
    clock.advance(SETTLE);
    expect(&passes);
    quiet(&passes);

    place.off.store(true, Ordering::SeqCst);
    worker.wake();
    clock.advance(SETTLE);
    quiet(&passes);
    clock.advance(crate::sync::worker::FULL_EVERY * 2);
    quiet(&passes);
    assert_eq!(place.syncs.load(Ordering::SeqCst), 2);
}

#[test]
fn background_work_is_counted_while_it_runs() {
    {
        let _w = working("test-count");
        assert!(background().contains(&"test-count"));
    }
    assert!(!background().contains(&"test-count"));
}
