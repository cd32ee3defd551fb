//! Photo files named by synced rows, fetched from the folder's blobs: the
//! original when the folder has it, else the photo at its shared size
//! (`photos.shared_hash`, see [`crate::photos::shared`]). A photo whose file
//! is not there yet is not an error: it is tried again at every pass, and
//! the row shows a placeholder meanwhile. Either file ends the wait, so a
//! photo is fetched once.

use rusqlite::params;
use std::path::Path;

use super::crypto::TeamKey;
use super::layout::{read_bounded, Folder, Read, BLOB_CAP};
use super::send::SHARED_EXT;
use crate::db::Store;
use crate::error::Result;
use crate::photos::{PhotoFormat, PhotoLibrary};

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
        let (Ok(original), Ok(shared)) = (lib.original_path(&hash, format), lib.shared_path(&hash))
        else {
            out.missing += 1;
            continue;
        };
        if !lib.holds(&hash, format) {
            let from_original = fetch_one(
                &lib,
                &folder.blob_path(&hash, format.as_str()),
                &hash,
                &original,
                key,
                &mut out,
            )?;
            let mut got = from_original;
            if !got {
                for shared_hash in shared_hashes(store, &hash)? {
                    let source = folder.blob_path(&shared_hash, SHARED_EXT);
                    if fetch_one(&lib, &source, &shared_hash, &shared, key, &mut out)? {
                        got = true;
                        break;
                    }
                }
            }
            if !got {
                // The computer that put it there archived it (sold car):
                // not a file to wait for. The photo shows as archived.
                if crate::photos::archive::folder_archived(store.conn(), &hash)? {
                    stop_waiting(store, &hash)?;
                    continue;
                }
                out.missing += 1;
                continue;
            }
            out.copied += 1;
        }
        stop_waiting(store, &hash)?;
    }
    Ok(out)
}

/// The photo file `hash` is no longer waited for.
fn stop_waiting(store: &mut Store, hash: &str) -> Result<()> {
    store.transact(|tx| {
        tx.execute(
            "DELETE FROM sync_missing_blobs WHERE hash = ?1",
            params![hash],
        )?;
        Ok(())
    })
}

/// The shared-size hashes the rows of original `hash` name (one, unless two
/// computers imported the same original).
fn shared_hashes(store: &Store, hash: &str) -> Result<Vec<String>> {
    let mut found: Vec<String> = store
        .conn()
        .prepare_cached(
            "SELECT DISTINCT shared_hash FROM photos
             WHERE hash = ?1 AND shared_hash IS NOT NULL ORDER BY shared_hash",
        )?
        .query_map([hash], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // Only a checked hash names a file in the folder.
    found.retain(|h| crate::validate::is_hash(h));
    Ok(found)
}

/// Copies the folder's `source` to `target` if it is there, opens (when the
/// folder is encrypted) and hashes to `want`. Anything else is left for a
/// later pass, with a notice when the file is refused or damaged.
fn fetch_one(
    lib: &PhotoLibrary,
    source: &Path,
    want: &str,
    target: &Path,
    key: Option<&TeamKey>,
    out: &mut Fetched,
) -> Result<bool> {
    let bytes = match read_bounded(source, BLOB_CAP) {
        Ok(Read::Bytes(b)) => b,
        Ok(Read::Refused { reason, .. }) => {
            out.notices.push(super::Notice::new(
                "photo_refused",
                &[("file", source.display().to_string())],
                format!("photo file {}: {reason}", source.display()),
            ));
            return Ok(false);
        }
        Ok(Read::Missing) | Err(_) => return Ok(false),
    };
    let bytes = match key {
        Some(k) => match k.open(&bytes) {
            Some(b) => b,
            None => return Ok(false),
        },
        None => bytes,
    };
    // Named by content: a file that does not hash to its name is a copy
    // still arriving, or damaged; either way not used.
    if blake3::hash(&bytes).to_hex().as_str() != want {
        out.notices.push(super::Notice::new(
            "photo_damaged",
            &[("file", source.display().to_string())],
            format!(
                "photo file {} in the shared folder is incomplete or damaged; tried again later",
                source.display()
            ),
        ));
        return Ok(false);
    }
    lib.put(target, &bytes)?;
    Ok(true)
}

/// Removes from the folder the files of photos this computer put there and
/// has since archived ([`crate::photos::archive`]): that bounds the team's
/// folder. Their rows say so (`folder_archived_at`, sent with this pass's
/// segment), so no other computer waits for them.
pub fn remove_archived(store: &mut Store, folder: &Folder) -> Result<u32> {
    let todo: Vec<(String, PhotoFormat)> = store
        .conn()
        .prepare("SELECT hash, format FROM photo_archive WHERE folder_todo = 1 ORDER BY hash")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut removed = 0;
    for (hash, format) in todo {
        let mut names = vec![folder.blob_path(&hash, format.as_str())];
        for shared_hash in shared_hashes(store, &hash)? {
            names.push(folder.blob_path(&shared_hash, SHARED_EXT));
        }
        for path in names {
            match crate::fsutil::remove_file(&path) {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                // Left for the next pass (a locked file on a cloud drive).
                Err(e) => {
                    tracing::warn!(
                        "archived photo {} not removed from the folder: {e}",
                        path.display()
                    );
                    return Ok(removed);
                }
            }
        }
        store.transact(|tx| {
            tx.execute(
                "UPDATE photo_archive SET folder_todo = 0 WHERE hash = ?1",
                params![hash],
            )?;
            Ok(())
        })?;
    }
    Ok(removed)
}
