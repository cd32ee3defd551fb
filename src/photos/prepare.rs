//! One file's journey before it touches the database: read, hash, check,
//! decode, derive, and store the original and derived files. Runs on a
//! worker thread; the database row is written afterwards by the caller.

use std::path::Path;

use super::decode::{self, Sniffed};
use super::derive;
use super::library::PhotoLibrary;
use super::model::{PhotoFormat, PhotoSize};
use super::refusal::{Refusal, Refused};

/// A photo whose files are safely stored, ready for its database row.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub name: String,
    pub hash: String,
    pub format: PhotoFormat,
    pub width: u32,
    pub height: u32,
    pub bytes: i64,
}

pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

pub fn prepare(lib: &PhotoLibrary, path: &Path) -> Refused<Prepared> {
    let name = file_name(path);
    let bytes = std::fs::read(path)
        .map_err(|e| Refusal::new("unreadable", &name, format!("cannot be read ({e})")))?;
    prepare_bytes(lib, &name, &bytes)
}

pub fn prepare_bytes(lib: &PhotoLibrary, name: &str, bytes: &[u8]) -> Refused<Prepared> {
    if bytes.is_empty() {
        return Err(Refusal::new(
            "empty_file",
            name,
            "the file is empty (0 bytes)",
        ));
    }
    let format = match decode::sniff(bytes) {
        Sniffed::Known(f) => f,
        Sniffed::Other(kind) => {
            return Err(Refusal::new(
                "unsupported_format",
                name,
                format!("{kind} images are not supported; use JPEG, PNG or HEIC"),
            ))
        }
        Sniffed::Unknown => {
            return Err(Refusal::new(
                "not_an_image",
                name,
                "the file is not a photo (not JPEG, PNG or HEIC)",
            ))
        }
    };
    let hash = blake3::hash(bytes).to_hex().to_string();
    let (width, height) = store_files(lib, name, bytes, format, &hash, true)?;
    Ok(Prepared {
        name: name.to_owned(),
        hash,
        format,
        width,
        height,
        bytes: bytes.len() as i64,
    })
}

/// Decodes `bytes`, makes every derived size and stores them (and, with
/// `with_original`, the original first: a derived file never exists without
/// its original). Returns the upright size of the original.
fn store_files(
    lib: &PhotoLibrary,
    name: &str,
    bytes: &[u8],
    format: PhotoFormat,
    hash: &str,
    with_original: bool,
) -> Refused<(u32, u32)> {
    let stored =
        |e: crate::Error| Refusal::new("storage", name, format!("could not be stored: {e}"));
    let decoded = decode::decode(name, bytes, format, PhotoSize::Screen.long_edge())?;
    let derived = derive::derive_all(&decoded.image)
        .map_err(|e| Refusal::new("not_an_image", name, format!("could not be resized ({e})")))?;
    if with_original {
        lib.put(&lib.original_path(hash, format), bytes)
            .map_err(stored)?;
    }
    for (size, jpeg) in &derived {
        lib.put(&lib.derived_path(*size, hash), jpeg)
            .map_err(stored)?;
    }
    Ok((decoded.width, decoded.height))
}

/// The file of one derived size, remade from the original if it is missing
/// (a photo that arrived by sync, or derived files made by an older version).
pub fn ensure_derived(
    lib: &PhotoLibrary,
    size: PhotoSize,
    hash: &str,
) -> crate::Result<std::path::PathBuf> {
    let path = lib.derived_path(size, hash);
    if path.is_file() {
        return Ok(path);
    }
    let (original, format) = PhotoFormat::ALL
        .iter()
        .map(|f| (lib.original_path(hash, *f), *f))
        .find(|(p, _)| p.is_file())
        .ok_or_else(|| crate::Error::NotFound {
            what: "photo file",
            id: hash.to_owned(),
        })?;
    let bytes = std::fs::read(&original).map_err(|e| crate::Error::io(&original, e))?;
    store_files(lib, &file_name(&original), &bytes, format, hash, false)
        .map_err(|r| crate::Error::bad_file(&original, r.message))?;
    Ok(path)
}

/// Whether `hash` looks like one of ours (64 lowercase hex digits): checked
/// before a name from the UI becomes a path.
pub fn is_hash(hash: &str) -> bool {
    hash.len() == 64
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}
