//! One file's journey before it touches the database: opened (ordinary
//! files only), sniffed, copied into the library's `tmp` while hashed,
//! decoded from that copy under the decode budget, derived, and stored.
//! Runs on a worker thread; the database row is written afterwards by the
//! caller.
//!
//! An import's workers stop short of making the files durable
//! ([`prepare_unsynced`]): the thread that commits the rows syncs each
//! photo's files and moves them into place as each photo arrives, before
//! its row ([`Unsynced::persist`]), so the workers' cores decode while the
//! disk syncs. The guarantee is unchanged: no row is written before every file
//! it names is synced, renamed into place and its folder synced; until
//! then the files are `photos/tmp/*.part`, which a crash leaves to be
//! removed at the next start (and a name only ever appears by the rename
//! of a synced file, so a file that exists is whole).

use std::io::Read;
use std::path::Path;

use super::decode::{self, Sniffed};
use super::derive::{self, Scratch};
use super::library::{PendingFile, PhotoLibrary, StageError, Staged};
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

/// A prepared photo whose files are written into `photos/tmp` but not yet
/// synced nor in place; dropped, they are removed.
#[derive(Debug)]
pub struct Unsynced {
    prepared: Prepared,
    files: Files,
}

impl Unsynced {
    /// Syncs the photo's files and moves them into place (the original
    /// first, so a derived file never exists without its source): after
    /// this the row may name them.
    pub fn persist(self) -> Refused<Prepared> {
        let Unsynced {
            mut prepared,
            files,
        } = self;
        prepared.shared_hash = files.persist().map_err(|e| {
            Refusal::new(
                "storage",
                &prepared.name,
                format!("could not be stored: {e}"),
            )
        })?;
        Ok(prepared)
    }
}

/// One photo's files waiting to be persisted.
#[derive(Debug, Default)]
struct Files {
    /// The staged copy and where the original goes.
    original: Option<(Staged, std::path::PathBuf)>,
    derived: Vec<DerivedFile>,
}

#[derive(Debug)]
struct DerivedFile {
    size: PhotoSize,
    path: std::path::PathBuf,
    /// None when a file was already at `path`.
    file: Option<PendingFile>,
    /// blake3 of the bytes made now.
    hash: String,
}

impl Files {
    /// Persists every file; returns the blake3 of the shared size as kept
    /// ([`super::shared`]): an earlier import's file, if one was there.
    fn persist(self) -> crate::Result<Option<String>> {
        if let Some((staged, to)) = self.original {
            staged.commit(&to)?;
        }
        let mut shared_hash = None;
        for derived in self.derived {
            let ours = match derived.file {
                Some(file) => file.persist()?,
                None => false,
            };
            if derived.size == SHARED_SIZE {
                shared_hash = if ours {
                    Some(derived.hash)
                } else {
                    std::fs::read(&derived.path)
                        .ok()
                        .map(|b| blake3::hash(&b).to_hex().to_string())
                };
            }
        }
        Ok(shared_hash)
    }
}

pub fn prepare(lib: &PhotoLibrary, path: &Path) -> Refused<Prepared> {
    prepare_unsynced(lib, path, &mut Scratch::default())?.persist()
}

/// [`prepare`] up to the files' sync (an import's worker), with buffers
/// kept from the worker's earlier photos.
pub fn prepare_unsynced(
    lib: &PhotoLibrary,
    path: &Path,
    scratch: &mut Scratch,
) -> Refused<Unsynced> {
    let name = file_name(path);
    let (file, len) = source::open(path, &name)?;
    prepare_from(lib, &name, file, len, scratch)
}

pub fn prepare_bytes(lib: &PhotoLibrary, name: &str, bytes: &[u8]) -> Refused<Prepared> {
    prepare_from(
        lib,
        name,
        bytes,
        bytes.len() as u64,
        &mut Scratch::default(),
    )?
    .persist()
}

fn prepare_from(
    lib: &PhotoLibrary,
    name: &str,
    mut src: impl Read,
    len: u64,
    scratch: &mut Scratch,
) -> Refused<Unsynced> {
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
    let (width, height, files) =
        write_files(lib, name, format, &hash, &source, Some(staged), scratch)?;
    Ok(Unsynced {
        prepared: Prepared {
            name: name.to_owned(),
            hash,
            format,
            width,
            height,
            bytes,
            shared_hash: None,
        },
        files,
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
/// its source. Returns the upright size of the source and the blake3 of the
/// shared size as stored ([`super::shared`]).
fn store_files(
    lib: &PhotoLibrary,
    name: &str,
    format: PhotoFormat,
    hash: &str,
    source: &Path,
    staged: Option<Staged>,
) -> Refused<(u32, u32, Option<String>)> {
    let (width, height, files) = write_files(
        lib,
        name,
        format,
        hash,
        source,
        staged,
        &mut Scratch::default(),
    )?;
    let shared_hash = files
        .persist()
        .map_err(|e| Refusal::new("storage", name, format!("could not be stored: {e}")))?;
    Ok((width, height, shared_hash))
}

/// [`store_files`] up to the sync: every file written, none in place yet.
/// The decode memory is given back before any file is written.
fn write_files(
    lib: &PhotoLibrary,
    name: &str,
    format: PhotoFormat,
    hash: &str,
    source: &Path,
    staged: Option<Staged>,
    scratch: &mut Scratch,
) -> Refused<(u32, u32, Files)> {
    let stored =
        |e: crate::Error| Refusal::new("storage", name, format!("could not be stored: {e}"));
    let original = lib.original_path(hash, format).map_err(stored)?;
    let decoded = decode::decode_file(name, source, format, PhotoSize::Screen.long_edge())?;
    let derived = derive::derive_all_with(&decoded.image, scratch)
        .map_err(|e| Refusal::new("not_an_image", name, format!("could not be resized ({e})")))?;
    let size = (decoded.width, decoded.height);
    drop(decoded);
    let mut files = Files {
        original: staged.map(|mut staged| {
            staged.close();
            (staged, original)
        }),
        derived: Vec::with_capacity(derived.len()),
    };
    for (size, jpeg) in &derived {
        let path = lib.derived_path(*size, hash).map_err(stored)?;
        let file = lib.write_pending(&path, jpeg).map_err(stored)?;
        let hash = if *size == SHARED_SIZE {
            blake3::hash(jpeg).to_hex().to_string()
        } else {
            String::new()
        };
        files.derived.push(DerivedFile {
            size: *size,
            path,
            file,
            hash,
        });
    }
    Ok((size.0, size.1, files))
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
