//! The photo at the team's shared size: the one file the shared folder
//! carries for a photo instead of the camera original (unless the team keeps
//! sending originals, [`crate::settings::TeamKey::PhotoFiles`]).
//!
//! It is the screen size made at import (1920 px long edge, upright, no
//! metadata): the largest size any screen or e-mail uses (the e-mail's
//! largest is 1600 px), so a colleague holding only it shows the photo,
//! makes thumbnails and composes e-mails exactly like the importer. The
//! photo row records its blake3 (`shared_hash`) beside the original's
//! (`hash`): every computer ends with the same row, the importer holds the
//! original, a colleague the shared size, and either one counts as "held",
//! so nothing is fetched again.
//!
//! ```text
//! photos/shared/ab/<original blake3>.jpg   the shared size, on a colleague's computer
//! ```
//!
//! Named by the original's hash (as the derived sizes are), so the photo's
//! every other file is found from its row; its content was checked against
//! the row's `shared_hash` when it arrived.

use std::path::PathBuf;

use super::library::PhotoLibrary;
use super::model::PhotoSize;
use crate::error::Result;

/// The size the shared file is made at.
pub const SHARED_SIZE: PhotoSize = PhotoSize::Screen;

impl PhotoLibrary {
    /// Where this computer keeps the shared size of the photo whose
    /// original is `hash` (when it does not hold the original).
    pub fn shared_path(&self, hash: &str) -> Result<PathBuf> {
        let hash = super::library::checked_hash(hash)?;
        crate::fsutil::join_inside(
            self.root(),
            &format!("shared/{}/{hash}.jpg", hash.get(..2).unwrap_or("00")),
        )
    }

    /// The shared-size copy of `hash` held here, if any.
    pub fn held_shared(&self, hash: &str) -> Option<PathBuf> {
        self.shared_path(hash).ok().filter(|p| p.is_file())
    }

    /// The bytes of the shared-size file of the photo (original `hash`)
    /// held on this computer, if they hash to `shared_hash`: the copy
    /// fetched from the folder, else the screen size made at import.
    pub fn shared_bytes(&self, hash: &str, shared_hash: &str) -> Option<Vec<u8>> {
        let candidates = [
            self.shared_path(hash).ok(),
            self.derived_path(SHARED_SIZE, hash).ok(),
        ];
        candidates.into_iter().flatten().find_map(|path| {
            let bytes = std::fs::read(path).ok()?;
            (blake3::hash(&bytes).to_hex().as_str() == shared_hash).then_some(bytes)
        })
    }

    /// Whether this computer holds a file the photo can be shown from: its
    /// original or its shared size.
    pub fn holds(&self, hash: &str, format: super::PhotoFormat) -> bool {
        self.original_path(hash, format).is_ok_and(|p| p.is_file())
            || self.held_shared(hash).is_some()
    }
}
