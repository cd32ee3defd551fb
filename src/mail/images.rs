//! Photos shrunk to fit the email's size budget. Every photo starts as its
//! stored email size (1600 px, made at import, upright, no metadata); when
//! the message would be too big, all photos step down together through
//! smaller sizes until it fits, so no car looks worse than another.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::photos::decode::decode;
use crate::photos::derive::{encode_jpeg, resize};
use crate::photos::prepare::ensure_derived;
use crate::photos::{PhotoFormat, PhotoLibrary, PhotoSize};

/// A long edge and JPEG quality the photos may be sent at, best first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Level {
    pub edge: u32,
    pub quality: i32,
}

pub const LEVELS: &[Level] = &[
    Level {
        edge: 1600,
        quality: PhotoSize::Email.quality(),
    },
    Level {
        edge: 1280,
        quality: 80,
    },
    Level {
        edge: 1024,
        quality: 78,
    },
    Level {
        edge: 800,
        quality: 75,
    },
    Level {
        edge: 640,
        quality: 72,
    },
    Level {
        edge: 480,
        quality: 70,
    },
];

/// One JPEG ready to go in.
#[derive(Debug, Clone)]
pub struct Jpeg {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Bytes of `n` bytes in base64 as MIME writes it: 76-character lines, CRLF.
pub fn base64_len(n: u64) -> u64 {
    let b64 = n.div_ceil(3) * 4;
    b64 + 2 * b64.div_ceil(76)
}

fn size_of(name: &str, bytes: &[u8]) -> Result<(u32, u32)> {
    let mut d = turbojpeg::Decompressor::new().map_err(|e| Error::Other(e.to_string()))?;
    let h = d
        .read_header(bytes)
        .map_err(|e| Error::Other(format!("{name}: {e}")))?;
    Ok((h.width as u32, h.height as u32))
}

/// Stops long work the dealer cancelled.
pub fn check(cancel: &AtomicBool) -> Result<()> {
    if cancel.load(Ordering::Relaxed) {
        Err(Error::Cancelled)
    } else {
        Ok(())
    }
}

/// The stored email size of each photo (remade from the original if missing).
pub fn load(lib: &PhotoLibrary, hashes: &[String], cancel: &AtomicBool) -> Result<Vec<Jpeg>> {
    hashes
        .par_iter()
        .map(|hash| {
            check(cancel)?;
            let path = ensure_derived(lib, PhotoSize::Email, hash)?;
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            let (width, height) = size_of(hash, &bytes)?;
            Ok(Jpeg {
                bytes,
                width,
                height,
            })
        })
        .collect()
}

/// `photos` (stored email sizes) re-encoded at `level`; level 0 is as stored.
pub fn at_level(photos: &[Jpeg], level: Level, cancel: &AtomicBool) -> Result<Vec<Jpeg>> {
    photos
        .par_iter()
        .map(|p| {
            check(cancel)?;
            let decoded = decode("photo", &p.bytes, PhotoFormat::Jpeg, level.edge)
                .map_err(|r| Error::Other(r.message))?;
            let image = resize(&decoded.image, level.edge).map_err(Error::Other)?;
            let bytes = encode_jpeg(&image, level.quality).map_err(Error::Other)?;
            // A photo already smaller than this size only loses by re-encoding
            // unless that makes it lighter.
            if p.width.max(p.height) <= level.edge && bytes.len() >= p.bytes.len() {
                return Ok(p.clone());
            }
            Ok(Jpeg {
                bytes,
                width: image.width,
                height: image.height,
            })
        })
        .collect()
}

/// Encoded size of a set of photos inside the message.
pub fn encoded_total(photos: &[Jpeg]) -> u64 {
    photos
        .iter()
        .map(|p| base64_len(p.bytes.len() as u64) + PART_HEADERS)
        .sum()
}

/// Headers and boundary of one inline image part, generously.
pub const PART_HEADERS: u64 = 220;
