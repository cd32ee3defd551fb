//! One file's journey before it touches the database: opened (ordinary
//! files only), sniffed, copied into the library's `tmp` while hashed,
//! decoded from that copy under the decode budget, derived, and stored.
//! Runs on a worker thread; the database row is written afterwards by the
//! caller.

use std::io::Read;
use std::path::Path;

use super::decode::{self, Sniffed};
use super::derive;
use super::library::{PhotoLibrary, StageError, Staged};
use super::model::{PhotoFormat, PhotoSize};
use super::refusal::{Refusal, Refused};
use super::shared::SHARED_SIZE;
use super::source;

/// A photo whose files are safely stored, ready for its database row.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub name: String,
    pub hash: String,
    pub format: PhotoFormat,
    pub width: u32,
    pub height: u32,
    pub bytes: i64,
    /// blake3 of the photo at the shared size ([`super::shared`]).
    pub shared_hash: Option<String>,
}

/// Files larger than this are refused before they are copied: a JPEG or
/// HEIC is decoded from memory (a 100 MP camera JPEG is under 100 MB); a
/// PNG streams, but even an uncompressed 100 MP one is under 1 GB.
fn max_bytes(format: PhotoFormat) -> u64 {
    match format {
        PhotoFormat::Jpeg | PhotoFormat::Heic => 256 * 1024 * 1024,
        PhotoFormat::Png => 1024 * 1024 * 1024,
    }
}

pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

pub fn prepare(lib: &PhotoLibrary, path: &Path) -> Refused<Prepared> {
    let name = file_name(path);
    let (file, len) = source::open(path, &name)?;
    prepare_from(lib, &name, file, len)
}

pub fn prepare_bytes(lib: &PhotoLibrary, name: &str, bytes: &[u8]) -> Refused<Prepared> {
    prepare_from(lib, name, bytes, bytes.len() as u64)
}

fn prepare_from(lib: &PhotoLibrary, name: &str, mut src: impl Read, len: u64) -> Refused<Prepared> {
    let unreadable =
        |e: std::io::Error| Refusal::new("unreadable", name, format!("cannot be read ({e})"));
    // Enough to tell every format the sniffer knows.
    let mut head = Vec::with_capacity(16);
    src.by_ref()
        .take(16)
        .read_to_end(&mut head)
        .map_err(unreadable)?;
    let format = check_head(name, &head)?;
    let too_large = || {
        Refusal::new(
            "too_large",
            name,
            format!(
                "the file is over {} MB; photos that large are refused",
                max_bytes(format) / (1024 * 1024)
            ),
        )
    };
    if len > max_bytes(format) {
        return Err(too_large());
    }
    let staged = lib
        .stage(&mut head.as_slice().chain(src), max_bytes(format))
        .map_err(|e| match e {
            StageError::Read(e) => unreadable(e),
            StageError::Write(e) => {
                Refusal::new("storage", name, format!("could not be stored: {e}"))
            }
            StageError::TooLarge => too_large(),
        })?;
    let (hash, bytes) = (staged.hash.clone(), staged.len as i64);
    let source = staged.path().to_owned();
    let (width, height, shared_hash) =
        store_files(lib, name, format, &hash, &source, Some(staged))?;
    Ok(Prepared {
        name: name.to_owned(),
        hash,
        format,
        width,
        height,
        bytes,
        shared_hash,
    })
}

/// What the first bytes of a file say it is, or why it is refused: the
/// photo header reader's first step, before anything is copied.
pub fn check_head(name: &str, head: &[u8]) -> Refused<PhotoFormat> {
    if head.is_empty() {
        return Err(Refusal::new(
            "empty_file",
            name,
            "the file is empty (0 bytes)",
        ));
    }
    match decode::sniff(head) {
        Sniffed::Known(f) => Ok(f),
        Sniffed::Other(kind) => Err(Refusal::new(
            "unsupported_format",
            name,
            format!("{kind} images are not supported; use JPEG, PNG or HEIC"),
        )),
        Sniffed::Unknown => Err(Refusal::new(
            "not_an_image",
            name,
            "the file is not a photo (not JPEG, PNG or HEIC)",
        )),
    }
}

/// Decodes the photo from `source` (the `staged` copy, the stored original
/// or the shared size), makes every derived size and stores them; a staged
/// copy becomes the original first, so a derived file never exists without
/// its source. The decode memory is given back before any file is written.
/// Returns the upright size of the source and the blake3 of the shared
/// size as stored ([`super::shared`]).
fn store_files(
    lib: &PhotoLibrary,
    name: &str,
    format: PhotoFormat,
    hash: &str,
    source: &Path,
    staged: Option<Staged>,
) -> Refused<(u32, u32, Option<String>)> {
    let stored =
        |e: crate::Error| Refusal::new("storage", name, format!("could not be stored: {e}"));
    let original = lib.original_path(hash, format).map_err(stored)?;
    let decoded = decode::decode_file(name, source, format, PhotoSize::Screen.long_edge())?;
    let derived = derive::derive_all(&decoded.image)
        .map_err(|e| Refusal::new("not_an_image", name, format!("could not be resized ({e})")))?;
    let size = (decoded.width, decoded.height);
    drop(decoded);
    if let Some(staged) = staged {
        staged.commit(&original).map_err(stored)?;
    }
    let mut shared_hash = None;
    for (size, jpeg) in &derived {
        let path = lib.derived_path(*size, hash).map_err(stored)?;
        let existed = path.is_file();
        lib.put(&path, jpeg).map_err(stored)?;
        if *size == SHARED_SIZE {
            // The file kept is the one shared: an earlier import's, if any.
            shared_hash = if existed {
                std::fs::read(&path)
                    .ok()
                    .map(|b| blake3::hash(&b).to_hex().to_string())
            } else {
                Some(blake3::hash(jpeg).to_hex().to_string())
            };
        }
    }
    Ok((size.0, size.1, shared_hash))
}

/// The file of one derived size, remade if it is missing (a photo that
/// arrived by sync, or derived files made by an older version) from the
/// original, or on a colleague's computer from the shared size.
pub fn ensure_derived(
    lib: &PhotoLibrary,
    size: PhotoSize,
    hash: &str,
) -> crate::Result<std::path::PathBuf> {
    let path = lib.derived_path(size, hash)?;
    if path.is_file() {
        return Ok(path);
    }
    let original = PhotoFormat::ALL
        .iter()
        .filter_map(|f| lib.original_path(hash, *f).ok().map(|p| (p, *f)))
        .find(|(p, _)| p.is_file());
    let (source, format) = match original {
        Some(found) => found,
        None => {
            let shared = lib
                .held_shared(hash)
                .ok_or_else(|| crate::Error::NotFound {
                    what: "photo file",
                    id: hash.to_owned(),
                })?;
            // The shared size is the screen size itself: kept as it came
            // (not encoded again), the smaller sizes are made from it.
            let bytes = std::fs::read(&shared).map_err(|e| crate::Error::io(&shared, e))?;
            lib.put(&lib.derived_path(SHARED_SIZE, hash)?, &bytes)?;
            (shared, PhotoFormat::Jpeg)
        }
    };
    store_files(lib, &file_name(&source), format, hash, &source, None)
        .map_err(|r| crate::Error::bad_file(&source, r.message))?;
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
