//! Photo originals named by synced rows, fetched from the folder's blobs.
//! A photo whose file is not there yet is not an error: it is tried again
//! at every pass, and the row shows a placeholder meanwhile.

use rusqlite::params;

use super::crypto::TeamKey;
use super::layout::{read_bounded, Folder, Read, BLOB_CAP};
use crate::db::Store;
use crate::error::Result;
use crate::photos::PhotoFormat;

#[derive(Debug, Default)]
pub struct Fetched {
    pub copied: u32,
    pub missing: u32,
    pub notices: Vec<super::Notice>,
}

pub fn fetch_missing(store: &mut Store, folder: &Folder, key: Option<&TeamKey>) -> Result<Fetched> {
    let wanted: Vec<(String, PhotoFormat)> = store
        .conn()
        .prepare("SELECT hash, format FROM sync_missing_blobs ORDER BY hash")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Fetched::default();
    let lib = store.photos().clone();
    for (hash, format) in wanted {
        // A hash that is not one (it arrived by sync) never names a file.
        let Ok(target) = lib.original_path(&hash, format) else {
            out.missing += 1;
            continue;
        };
        if !target.is_file() {
            let source = folder.blob_path(&hash, format.as_str());
            let bytes = match read_bounded(&source, BLOB_CAP) {
                Ok(Read::Bytes(b)) => b,
                Ok(Read::Refused { reason, .. }) => {
                    out.missing += 1;
                    out.notices.push(super::Notice::new(
                        "photo_refused",
                        &[("file", source.display().to_string())],
                        format!("photo file {}: {reason}", source.display()),
                    ));
                    continue;
                }
                Ok(Read::Missing) | Err(_) => {
                    out.missing += 1;
                    continue;
                }
            };
            let bytes = match key {
                Some(k) => match k.open(&bytes) {
                    Some(b) => b,
                    None => {
                        out.missing += 1;
                        continue;
                    }
                },
                None => bytes,
            };
            // Named by content: a file that does not hash to its name is a
            // copy still arriving, or damaged; either way not used.
            if blake3::hash(&bytes).to_hex().as_str() != hash {
                out.missing += 1;
                out.notices.push(super::Notice::new(
                    "photo_damaged",
                    &[("file", source.display().to_string())],
                    format!(
                        "photo file {} in the shared folder is incomplete or damaged; tried again later",
                        source.display()
                    ),
                ));
                continue;
            }
            lib.put(&target, &bytes)?;
            out.copied += 1;
        }
        store.transact(|tx| {
            tx.execute(
                "DELETE FROM sync_missing_blobs WHERE hash = ?1",
                params![hash],
            )?;
            Ok(())
        })?;
    }
    Ok(out)
}
