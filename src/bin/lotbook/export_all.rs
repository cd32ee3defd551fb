//! `lotbook export-all DIR`: everything in open formats.

use std::path::Path;

use lotbook::{Result, Store};

use crate::{lang, print};

pub fn run(dir: &Path, json: bool, out: &Path, chosen: Option<String>) -> Result<()> {
    let lang = match chosen {
        Some(l) => lang(&l)?,
        None => env_lang(),
    };
    let store = Store::open(dir)?;
    let r = store.export_all_to(
        out,
        lotbook::export::all::ExportAllControl {
            lang,
            ..Default::default()
        },
    )?;
    print(json, &r, |r| {
        format!(
            "Exported everything to {}: {} vehicles, {} customers, {} photos, {} condition reports, {} emails, {} visits{}",
            r.path,
            r.vehicles,
            r.customers,
            r.photos,
            r.condition_reports,
            r.emails,
            r.visits,
            match (r.photos_missing, r.emails_not_kept + r.emails_missing) {
                (0, 0) => String::new(),
                (p, m) => format!(" ({p} photos not on this computer and {m} emails with no file here were left out; README.txt lists the emails and why)"),
            }
        )
    })
}

/// The user's language from the environment (LC_ALL, LC_MESSAGES, LANG):
/// English when it says so, else Korean.
fn env_lang() -> lotbook::condition::Lang {
    let set = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    if set.to_ascii_lowercase().starts_with("en") {
        lotbook::condition::Lang::En
    } else {
        lotbook::condition::Lang::Ko
    }
}
