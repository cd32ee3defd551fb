//! The mailbox worker: a thread of its own that looks at the mailbox at
//! start, then waits on INBOX with IDLE where the server offers it (new mail
//! is seen at once) and looks again every few minutes (the Sent folder has
//! no IDLE of its own), or polls where there is no IDLE. Offline is normal:
//! it tries again quietly later. A refused password is not tried again
//! until the settings are saved. The shell only starts it (with its restore
//! gate and a callback after each pass, which emits the UI's event).

use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use super::check::pass;
use super::imap::Conn;
use super::model::{MailboxReport, MailboxState};
use crate::db::Store;

/// The time the worker stamps passes with (tests move it).
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;
/// Asked before each pass for leave to open the data folder (the shell's
/// restore gate); the pass holds what it returns. `None`: not now.
pub type Enter = Arc<dyn Fn() -> Option<Box<dyn Send>> + Send + Sync>;

#[derive(Clone)]
pub struct WorkerOptions {
    /// A full pass at least this often (INBOX and Sent).
    pub poll_every: Duration,
    /// IDLE is waited in slices this long so a wake or stop is heard.
    pub idle_slice: Duration,
    /// The wait after an offline pass.
    pub retry_after: Duration,
    pub now: Clock,
    pub enter: Option<Enter>,
}

impl Default for WorkerOptions {
    fn default() -> Self {
        WorkerOptions {
            poll_every: Duration::from_secs(120),
            idle_slice: Duration::from_secs(20),
            retry_after: Duration::from_secs(300),
            now: Arc::new(Utc::now),
            enter: None,
        }
    }
}

enum Msg {
    Wake,
    Stop,
}

/// The running worker; dropping it stops the thread (at its next look at
/// its messages: within one IDLE slice or network timeout).
pub struct MailboxWorker {
    tx: Sender<Msg>,
    thread: Option<JoinHandle<()>>,
}

impl MailboxWorker {
    /// Starts the worker on the data folder `dir`; `on_pass` hears every pass.
    pub fn start(
        dir: PathBuf,
        options: WorkerOptions,
        on_pass: impl FnMut(&MailboxReport) + Send + 'static,
    ) -> MailboxWorker {
        let (tx, rx) = channel();
        let thread = std::thread::Builder::new()
            .name("mailbox".into())
            .spawn(move || run(dir, options, rx, on_pass))
            .map_err(|e| tracing::warn!("mailbox: the worker could not start: {e}"))
            .ok();
        MailboxWorker { tx, thread }
    }

    /// A pass now (settings saved, "check now").
    pub fn wake(&self) {
        let _ = self.tx.send(Msg::Wake);
    }

    /// Wakes the worker from anywhere.
    pub fn waker(&self) -> impl Fn() + Send + 'static {
        let tx = self.tx.clone();
        move || {
            let _ = tx.send(Msg::Wake);
        }
    }

    /// Stops the worker and waits for its thread to end.
    pub fn stop(mut self) {
        let _ = self.tx.send(Msg::Stop);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for MailboxWorker {
    fn drop(&mut self) {
        let _ = self.tx.send(Msg::Stop);
    }
}

/// What ended a wait.
enum Woken {
    Time,
    Wake,
    Stop,
}

fn wait(rx: &Receiver<Msg>, d: Duration) -> Woken {
    match rx.recv_timeout(d) {
        Ok(Msg::Wake) => Woken::Wake,
        Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => Woken::Stop,
        Err(RecvTimeoutError::Timeout) => Woken::Time,
    }
}

fn heard(rx: &Receiver<Msg>) -> Option<Woken> {
    match rx.try_recv() {
        Ok(Msg::Wake) => Some(Woken::Wake),
        Ok(Msg::Stop) | Err(TryRecvError::Disconnected) => Some(Woken::Stop),
        Err(TryRecvError::Empty) => None,
    }
}

/// Waits on INBOX with IDLE until new mail, a message, or `until`.
fn idle(conn: &mut Conn, rx: &Receiver<Msg>, slice: Duration, until: Instant) -> Woken {
    loop {
        if let Some(w) = heard(rx) {
            return w;
        }
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Woken::Time;
        }
        match conn.idle_wait(left.min(slice)) {
            Ok(true) => return Woken::Wake,
            Ok(false) => {}
            // The server went away: look again (the pass will say offline).
            Err(_) => return Woken::Time,
        }
    }
}

fn one_pass(
    dir: &std::path::Path,
    now: DateTime<Utc>,
) -> crate::Result<(MailboxReport, Option<Conn>)> {
    let mut store = Store::open_beside(dir)?;
    if store.imap_refused()? {
        // Not tried again until the settings change (saving them clears this).
        let status = store.mailbox_status()?;
        return Ok((
            MailboxReport {
                status,
                items: Vec::new(),
            },
            None,
        ));
    }
    pass(&mut store, now)
}

fn run(
    dir: PathBuf,
    options: WorkerOptions,
    rx: Receiver<Msg>,
    mut on_pass: impl FnMut(&MailboxReport),
) {
    loop {
        let gate = options.enter.as_ref().map(|enter| enter());
        if matches!(gate, Some(None)) {
            match wait(&rx, options.poll_every) {
                Woken::Stop => return,
                _ => continue,
            }
        }
        let started = Instant::now();
        let result = one_pass(&dir, (options.now)());
        drop(gate);
        let woken = match result {
            Ok((report, conn)) => {
                on_pass(&report);
                let until = started + options.poll_every;
                match (report.status.state, conn) {
                    (MailboxState::Ok, Some(mut c)) if c.idle => {
                        let w = idle(&mut c, &rx, options.idle_slice, until);
                        drop(c); // no LOGOUT after IDLE: the server may be gone
                        w
                    }
                    (MailboxState::Ok, conn) => {
                        if let Some(c) = conn {
                            c.logout();
                        }
                        wait(&rx, until.saturating_duration_since(Instant::now()))
                    }
                    (MailboxState::Offline | MailboxState::Failed, _) => {
                        wait(&rx, options.retry_after)
                    }
                    _ => wait(&rx, options.poll_every),
                }
            }
            Err(e) => {
                tracing::warn!("mailbox: {e}");
                wait(&rx, options.retry_after)
            }
        };
        if let Woken::Stop = woken {
            return;
        }
    }
}
