//! A test network of devices for sync: each device syncs with its own view
//! of the shared folder, and the test decides which segment files reach
//! which view, when, whole, half-copied or duplicated, as a cloud drive or
//! a flaky NAS would.

#![allow(dead_code)]

use lotbook::Store;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub struct Device {
    pub dir: TempDir,
    pub view: TempDir,
    pub store: Store,
}

/// A segment file one device wrote, as the network carries it.
#[derive(Clone)]
pub struct Sent {
    pub device: String,
    pub number: u64,
    pub bytes: Vec<u8>,
    pub info: Vec<u8>,
}

#[derive(Debug, Clone, Copy)]
pub enum Delivery {
    Whole,
    /// The first half under the final name, as a copy still in progress.
    Half,
    /// Whole, plus a cloud drive's "(1)" copy beside it.
    WithDuplicate,
}

pub struct Net {
    pub devices: Vec<Device>,
    pub sent: Vec<Sent>,
    /// Snapshot files written, by name (while their writer keeps them).
    pub snapshots: BTreeMap<String, Vec<u8>>,
    /// Each device's newest applied.json and retired.json, by path under
    /// the device's folder (`<device>/applied.json`).
    pub info: BTreeMap<String, Vec<u8>>,
    /// Segments their writer removed (retired): no longer delivered, and
    /// removed from every view by [`Net::spread`].
    pub retired: BTreeSet<(String, u64)>,
}

impl Net {
    pub fn new(n: usize) -> Net {
        let devices = (0..n)
            .map(|_| {
                let dir = TempDir::new().unwrap();
                let view = TempDir::new().unwrap();
                let store = Store::open(dir.path()).unwrap();
                Device { dir, view, store }
            })
            .collect();
        Net {
            devices,
            sent: Vec::new(),
            snapshots: BTreeMap::new(),
            info: BTreeMap::new(),
            retired: BTreeSet::new(),
        }
    }

    /// A new computer joins the team (its view of the folder is empty).
    pub fn add_device(&mut self) -> usize {
        let dir = TempDir::new().unwrap();
        let view = TempDir::new().unwrap();
        let store = Store::open(dir.path()).unwrap();
        self.devices.push(Device { dir, view, store });
        self.devices.len() - 1
    }

    /// Collects the snapshot, applied.json and retired.json files device
    /// `i` keeps in its view, and notes what it removed.
    pub fn collect_files(&mut self, i: usize) {
        let d = &self.devices[i];
        let me = d.store.device_id().to_owned();
        let view = d.view.path();
        for name in ["applied.json", "retired.json"] {
            if let Ok(bytes) = std::fs::read(device_dir(view, &me).join(name)) {
                self.info.insert(format!("{me}/{name}"), bytes);
            }
        }
        if let Ok(bytes) = std::fs::read(device_dir(view, &me).join("retired.json")) {
            let through = serde_json::from_slice::<serde_json::Value>(&bytes)
                .ok()
                .and_then(|v| v["through"].as_u64())
                .unwrap_or(0);
            for n in 1..=through {
                self.retired.insert((me.clone(), n));
            }
        }
        let dir = snapshots_dir(view);
        let here: BTreeSet<String> = std::fs::read_dir(&dir)
            .map(|es| {
                es.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| !n.starts_with('.'))
                    .collect()
            })
            .unwrap_or_default();
        // Its own snapshots it removed are gone for everyone.
        self.snapshots
            .retain(|name, _| !name.contains(&me) || here.contains(name));
        for name in here {
            if name.contains(&me) && !self.snapshots.contains_key(&name) {
                if let Ok(bytes) = std::fs::read(dir.join(&name)) {
                    self.snapshots.insert(name, bytes);
                }
            }
        }
    }

    /// Brings view `to` up to date with the snapshots, applied.json and
    /// retired.json files written, and removes retired segments from it.
    pub fn spread(&self, to: usize) {
        let view = self.devices[to].view.path();
        let own = self.devices[to].store.device_id();
        let dir = snapshots_dir(view);
        std::fs::create_dir_all(&dir).unwrap();
        let here: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        for name in here {
            if !name.starts_with('.') && !self.snapshots.contains_key(&name) && !name.contains(&own)
            {
                let _ = std::fs::remove_file(dir.join(&name));
            }
        }
        for (name, bytes) in &self.snapshots {
            let path = dir.join(name);
            if !path.exists() {
                std::fs::write(path, bytes).unwrap();
            }
        }
        for (rel, bytes) in &self.info {
            if rel.starts_with(&own) {
                continue;
            }
            write_if_changed(&view.join("lotbook-sync").join("devices").join(rel), bytes);
        }
        for (device, number) in &self.retired {
            let _ = std::fs::remove_file(
                segments_dir(view, device).join(lotbook::sync::layout::segment_name(*number)),
            );
        }
    }

    /// Device `i`'s files in every view look `days` old: it has not been
    /// heard of since (a computer away for months).
    pub fn age(&self, i: usize, days: u64) {
        let me = self.devices[i].store.device_id();
        let then = std::time::SystemTime::now() - std::time::Duration::from_secs(days * 24 * 3600);
        for d in &self.devices {
            let path = device_dir(d.view.path(), &me).join("applied.json");
            if let Ok(f) = std::fs::File::options().write(true).open(&path) {
                f.set_modified(then).unwrap();
            }
        }
    }

    /// One sync pass of device `i` with its view; collects what it wrote.
    pub fn sync(&mut self, i: usize) -> lotbook::sync::SyncReport {
        let d = &mut self.devices[i];
        let report = lotbook::sync::sync_once(&mut d.store, d.view.path(), None)
            .unwrap_or_else(|e| panic!("sync of device {i} failed: {e}"));
        let me = d.store.device_id().to_owned();
        let seg_dir = segments_dir(d.view.path(), &me);
        let info =
            std::fs::read(device_dir(d.view.path(), &me).join("device.json")).unwrap_or_default();
        if let Ok(entries) = std::fs::read_dir(&seg_dir) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                let Some(number) = lotbook::sync::layout::parse_segment_name(&name) else {
                    continue;
                };
                let bytes = std::fs::read(e.path()).unwrap();
                // Two computers under one id (a copied data folder) may
                // write two versions of one number: both travel.
                if !self
                    .sent
                    .iter()
                    .any(|s| s.device == me && s.number == number && s.bytes == bytes)
                {
                    self.sent.push(Sent {
                        device: me.clone(),
                        number,
                        bytes,
                        info: info.clone(),
                    });
                }
            }
        }
        self.collect_files(i);
        report
    }

    /// Device `to` becomes a copy of device `from`'s data folder (one
    /// device id on two computers); it keeps its own view of the folder.
    pub fn clone_device(&mut self, from: usize, to: usize) {
        if from == to {
            return;
        }
        let dir = TempDir::new().unwrap();
        let db = dir.path().join(lotbook::db::DB_FILE);
        lotbook::backup::backup_to(&self.devices[from].store, &db).unwrap();
        let store = Store::open(dir.path()).unwrap();
        let d = &mut self.devices[to];
        d.store = store;
        d.dir = dir;
    }

    pub fn deliver(&self, sent: &Sent, to: usize, how: Delivery) {
        if self.retired.contains(&(sent.device.clone(), sent.number)) {
            return;
        }
        let view = self.devices[to].view.path();
        let how = if self.devices[to].store.device_id() == sent.device {
            // A segment of this very device id: the same file it wrote, or
            // another computer's version that the cloud drive keeps instead.
            let path = segments_dir(view, &sent.device)
                .join(lotbook::sync::layout::segment_name(sent.number));
            if std::fs::read(&path).is_ok_and(|b| b == sent.bytes) {
                return;
            }
            Delivery::Whole
        } else {
            how
        };
        let dir = segments_dir(view, &sent.device);
        std::fs::create_dir_all(&dir).unwrap();
        if !sent.info.is_empty() {
            write_if_changed(
                &device_dir(view, &sent.device).join("device.json"),
                &sent.info,
            );
        }
        for name in ["applied.json", "retired.json"] {
            if let Some(bytes) = self.info.get(&format!("{}/{name}", sent.device)) {
                write_if_changed(&device_dir(view, &sent.device).join(name), bytes);
            }
        }
        let name = lotbook::sync::layout::segment_name(sent.number);
        let path = dir.join(&name);
        match how {
            Delivery::Whole => std::fs::write(&path, &sent.bytes).unwrap(),
            Delivery::Half => {
                // Never cut a file that already arrived whole.
                if std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) < sent.bytes.len() as u64
                {
                    std::fs::write(&path, &sent.bytes[..sent.bytes.len() / 2]).unwrap()
                }
            }
            Delivery::WithDuplicate => {
                std::fs::write(&path, &sent.bytes).unwrap();
                let copy = name.replace(".seg", " (1).seg");
                std::fs::write(dir.join(copy), &sent.bytes).unwrap();
            }
        }
    }

    /// Everything to everyone, then passes until nobody sends anything new.
    pub fn settle(&mut self) {
        for _round in 0..4 {
            let before = self.sent.len();
            for i in 0..self.devices.len() {
                self.sync(i);
            }
            for to in 0..self.devices.len() {
                self.spread(to);
            }
            for s in self.sent.clone() {
                for to in 0..self.devices.len() {
                    self.deliver(&s, to, Delivery::Whole);
                }
            }
            for i in 0..self.devices.len() {
                self.sync(i);
            }
            if self.sent.len() == before {
                return;
            }
        }
        panic!("the devices kept sending new segments");
    }
}

/// As a cloud drive does: an unchanged file is not written again (its
/// time in the folder stays).
fn write_if_changed(path: &Path, bytes: &[u8]) {
    if std::fs::read(path).is_ok_and(|b| b == bytes) {
        return;
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn snapshots_dir(view: &Path) -> PathBuf {
    view.join("lotbook-sync").join("snapshots")
}

fn device_dir(view: &Path, device: &str) -> PathBuf {
    view.join("lotbook-sync").join("devices").join(device)
}

fn segments_dir(view: &Path, device: &str) -> PathBuf {
    device_dir(view, device).join("segments")
}

/// Every synced table's rows (device-local columns left out), in id order:
/// two devices that converged print the same text.
pub fn dump(store: &Store) -> String {
    let mut out = String::new();
    for (table, local) in lotbook::db::capture::CAPTURED_TABLES {
        let conn = store.conn();
        let cols: Vec<String> = conn
            .prepare(&format!("PRAGMA table_info({table})"))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(1))
            .unwrap()
            .map(|c| c.unwrap())
            .filter(|c| !local.contains(&c.as_str()))
            .collect();
        let sql = format!(
            "SELECT {} FROM {table} ORDER BY id",
            cols.iter()
                .map(|c| format!("quote(\"{c}\")"))
                .collect::<Vec<_>>()
                .join(" || '|' || ")
        );
        let mut stmt = conn.prepare(&sql).unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
        out.push_str(&format!("== {table}\n"));
        for row in rows {
            out.push_str(&row.unwrap());
            out.push('\n');
        }
    }
    out
}
