//! Every email made for a customer, as the `.eml` file it was: sent ones
//! (`mail/sent/`), ones still waiting in the outbox (`mail/outbox/`), and
//! drafts saved as `.eml` where that file is still on this computer. Named
//! `2026-12-05 1430 이준혁 - subject.eml` so they sort by time.
//!
//! An email whose file this computer never had is not rebuilt (made again
//! today it would show today's prices and photos, not what the customer
//! got): it is listed in README.txt as not kept, with why. Only a file this
//! computer did keep and no longer has counts as missing.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::names::Unique;
use super::{layout, ExportAllControl, ExportStep};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::fsutil::join_inside;

/// A draft file is only taken when it looks like a message and is no bigger
/// than any email Lotbook makes: its path came from a record that may have
/// been synced from another computer, and must not pull in any other file.
const MAX_DRAFT_BYTES: u64 = 64 << 20;

struct Sent {
    id: String,
    state: String,
    output: String,
    subject: String,
    created_at: String,
    detail: String,
    outbox_file: Option<String>,
    customer: String,
}

/// Why an email made for a customer is not in the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Why {
    /// Made as a folder for a messenger (photos and text), never an email file.
    Messenger { folder: String },
    /// Saved as a draft file the dealer chose; that file is not there now.
    DraftElsewhere { file: String },
    /// Sent or queued by another computer of the team (each sends its own).
    OtherComputer,
    /// This computer kept its file and it is gone (missing).
    FileGone { file: String },
}

/// One email not in the export, for README.txt.
#[derive(Debug, Clone)]
pub(super) struct NotKept {
    /// Local time, "2026-12-05 14:30".
    pub when: String,
    pub customer: String,
    pub subject: String,
    pub why: Why,
}

impl NotKept {
    pub fn missing(&self) -> bool {
        matches!(self.why, Why::FileGone { .. })
    }
}

/// Returns (emails written, emails not in the export and why).
pub(super) fn write(
    store: &Store,
    dir: &Path,
    control: &mut ExportAllControl,
) -> Result<(u32, Vec<NotKept>)> {
    let rows: Vec<Sent> = store
        .conn()
        .prepare(
            "SELECT m.id, m.state, m.output, m.subject, m.created_at, m.detail, o.file,
                    coalesce(c.name, '')
               FROM mail_sends m
               LEFT JOIN outbox o ON o.id = m.id
               LEFT JOIN customers c ON c.id = m.customer_id
              ORDER BY m.created_at, m.id",
        )?
        .query_map([], |r| {
            Ok(Sent {
                id: r.get(0)?,
                state: r.get(1)?,
                output: r.get(2)?,
                subject: r.get(3)?,
                created_at: r.get(4)?,
                detail: r.get(5)?,
                outbox_file: r.get(6)?,
                customer: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let tz = store.team_zone()?;
    let total = rows.len() as u32;
    let mut written = 0u32;
    let mut left_out = Vec::new();
    let mut names: std::collections::HashMap<&str, Unique> = Default::default();
    for (n, m) in rows.iter().enumerate() {
        control.step(ExportStep::Emails, n as u32, total)?;
        let at = crate::calendar::visits::parse_utc(&m.created_at);
        let Some(from) = source(store.data_dir(), m) else {
            left_out.push(NotKept {
                when: crate::time::local(at, tz)
                    .format("%Y-%m-%d %H:%M")
                    .to_string(),
                customer: m.customer.clone(),
                subject: m.subject.clone(),
                why: why_not(m),
            });
            continue;
        };
        let folder = match m.state.as_str() {
            "sent" => layout::SENT,
            "queued" | "failed" => layout::OUTBOX,
            _ => layout::DRAFTS,
        };
        let when = crate::time::local(at, tz).format("%Y-%m-%d %H%M");
        let stem = format!("{when} {} - {}", m.customer, m.subject);
        let name = names
            .entry(folder)
            .or_default()
            .name(&stem, "email", ".eml");
        let to_dir = dir.join(folder);
        std::fs::create_dir_all(&to_dir).map_err(|e| Error::io(&to_dir, e))?;
        let bytes = std::fs::read(&from).map_err(|e| Error::io(&from, e))?;
        crate::fsutil::write_atomic(&to_dir.join(name), &bytes)?;
        written += 1;
    }
    control.step(ExportStep::Emails, total, total)?;
    Ok((written, left_out))
}

/// Why an email whose file was not found is not in the export.
fn why_not(m: &Sent) -> Why {
    match (&m.outbox_file, m.output.as_str()) {
        // This computer queued it: the file was written before the row.
        (Some(file), _) => Why::FileGone { file: file.clone() },
        (None, "export") => Why::Messenger {
            folder: m.detail.clone(),
        },
        (None, "eml") => Why::DraftElsewhere {
            file: m.detail.clone(),
        },
        (None, _) => Why::OtherComputer,
    }
}

/// Where this email's file is on this computer, if anywhere.
fn source(data_dir: &Path, m: &Sent) -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(file) = &m.outbox_file {
        candidates.extend(join_inside(data_dir, file).ok());
    }
    // A pass moves a sent message from the outbox to mail/sent/<id>.eml.
    for folder in ["mail/sent", "mail/outbox"] {
        candidates.extend(join_inside(data_dir, &format!("{folder}/{}.eml", m.id)).ok());
    }
    if let Some(found) = candidates.into_iter().find(|p| p.is_file()) {
        return Some(found);
    }
    // A draft the dealer saved: only a file that still looks like one.
    let draft = PathBuf::from(&m.detail);
    (m.output == "eml" && looks_like_eml(&draft)).then_some(draft)
}

fn looks_like_eml(path: &Path) -> bool {
    let ext_ok = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("eml"));
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if !ext_ok || !meta.is_file() || meta.len() > MAX_DRAFT_BYTES {
        return false;
    }
    let mut head = [0u8; 512];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let head = String::from_utf8_lossy(&head[..n]);
    // Lotbook's drafts carry these headers near the top.
    head.lines()
        .take(20)
        .any(|l| l.starts_with("MIME-Version:") || l.starts_with("X-Unsent:"))
}
