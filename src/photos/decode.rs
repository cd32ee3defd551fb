//! Bytes to upright sRGB pixels, as small as the largest derived size allows.
//!
//! JPEG goes through libjpeg-turbo (via `turbojpeg`), which can decode at
//! 1/2, 1/4 or 1/8 scale inside the IDCT: a 12 MP photo needed at 1920 px is
//! decoded at 2000 px for a quarter of the work. PNG streams through `png`
//! and a box shrink (`png_decode.rs`); HEIC goes through the platform's
//! decoder (see `heic.rs`) and then as PNG. Every decode first waits for its
//! share of the process-wide decode budget (`budget.rs`) and holds it until
//! the decoded image is dropped.

use std::io::{BufReader, Cursor};
use std::path::Path;

use super::budget::{Permit, BUDGET};
use super::color;
use super::derive;
use super::heic;
use super::jpeg_frame;
use super::model::PhotoFormat;
use super::pixels::Rgb;
use super::png_decode;
use super::refusal::{Refusal, Refused};

/// Larger than any camera a dealer owns (a 100 MP medium-format back), far
/// below what would exhaust memory: a decompression bomb claims more.
pub const MAX_PIXELS: u64 = 100_000_000;

/// What the first bytes say the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Known(PhotoFormat),
    /// A real image format Lotbook does not take, by name.
    Other(&'static str),
    Unknown,
}

pub fn sniff(bytes: &[u8]) -> Sniffed {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    let brand = bytes.get(4..12);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        Sniffed::Known(PhotoFormat::Jpeg)
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        Sniffed::Known(PhotoFormat::Png)
    } else if let Some(b) = brand.filter(|b| b.starts_with(b"ftyp")) {
        match &b[4..8] {
            b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" | b"mif1" | b"msf1" => {
                Sniffed::Known(PhotoFormat::Heic)
            }
            b"avif" | b"avis" => Sniffed::Other("AVIF"),
            _ => Sniffed::Unknown,
        }
    } else if starts(b"GIF8") {
        Sniffed::Other("GIF")
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Sniffed::Other("WebP")
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        Sniffed::Other("TIFF/RAW")
    } else if starts(b"BM") {
        Sniffed::Other("BMP")
    } else {
        Sniffed::Unknown
    }
}

/// A decoded photo: upright, sRGB, at least `min_long_edge` on its long edge
/// unless the original is smaller.
#[derive(Debug)]
pub struct Decoded {
    pub image: Rgb,
    /// Upright size of the original.
    pub width: u32,
    pub height: u32,
    /// This decode's share of the budget, given back when it is dropped.
    pub(super) _permit: Permit<'static>,
}

/// Decodes a photo held in memory (a stored derived JPEG being re-encoded).
pub fn decode(
    name: &str,
    bytes: &[u8],
    format: PhotoFormat,
    min_long_edge: u32,
) -> Refused<Decoded> {
    match format {
        PhotoFormat::Jpeg => jpeg(name, bytes, min_long_edge, None),
        PhotoFormat::Png => png_decode::decode(name, Cursor::new(bytes), true, min_long_edge),
        PhotoFormat::Heic => heic_png(name, heic::Input::Bytes(bytes), min_long_edge),
    }
}

/// Decodes the photo file at `path`, one of ours (a staged import or a
/// stored original), reading no more of it into memory than needed: a JPEG
/// whole (libjpeg-turbo decodes from memory), a PNG row by row.
pub fn decode_file(
    name: &str,
    path: &Path,
    format: PhotoFormat,
    min_long_edge: u32,
) -> Refused<Decoded> {
    let unreadable =
        |e: std::io::Error| Refusal::new("unreadable", name, format!("cannot be read ({e})"));
    match format {
        PhotoFormat::Jpeg => {
            let mut file = BufReader::new(std::fs::File::open(path).map_err(unreadable)?);
            let len = file.get_ref().metadata().map_err(unreadable)?.len();
            // The frame header, read without loading the file, says whether
            // the photo is over the limit and how much memory to wait for.
            let weight = match jpeg_frame::read(&mut file) {
                Some(frame) => {
                    check_pixels(name, frame.width.into(), frame.height.into())?;
                    jpeg_memory(len, frame, min_long_edge)
                }
                None => len + JPEG_MEMORY_MOST,
            };
            drop(file);
            let permit = BUDGET.acquire(weight);
            let bytes = std::fs::read(path).map_err(unreadable)?;
            jpeg(name, &bytes, min_long_edge, Some(permit))
        }
        PhotoFormat::Png => {
            let file = std::fs::File::open(path).map_err(unreadable)?;
            png_decode::decode(name, BufReader::new(file), true, min_long_edge)
        }
        PhotoFormat::Heic => {
            // A HEIC claiming more than the limit is not even converted.
            if let Ok(size) = imagesize::size(path) {
                check_pixels(name, size.width as u64, size.height as u64)?;
            }
            heic_png(name, heic::Input::File(path), min_long_edge)
        }
    }
}

/// The converter has applied the HEIF rotation and copies the EXIF along,
/// whose Orientation must then not be applied again.
fn heic_png(name: &str, input: heic::Input<'_>, min_long_edge: u32) -> Refused<Decoded> {
    let converted = heic::to_png(name, input)?;
    let file = std::fs::File::open(converted.png()).map_err(|e| {
        Refusal::new(
            "not_an_image",
            name,
            format!("the HEIC photo could not be decoded ({e})"),
        )
    })?;
    png_decode::decode(name, BufReader::new(file), false, min_long_edge)
}

/// The scale libjpeg-turbo decodes a `long`-pixel edge at: the smallest of
/// its fast IDCT scales that still covers `min_long_edge`.
fn jpeg_scale(long: usize, min_long_edge: u32) -> turbojpeg::ScalingFactor {
    let want = (min_long_edge as usize).min(long);
    [(1, 8), (1, 4), (1, 2)]
        .into_iter()
        .map(|(n, d)| turbojpeg::ScalingFactor::new(n, d))
        .find(|s| s.scale(long) >= want)
        .unwrap_or(turbojpeg::ScalingFactor::ONE)
}

/// The most any sequential JPEG under the pixel limit can need beside its
/// bytes: the chosen scale leaves under 3840 px on the long edge (else a
/// smaller scale would do), so at most 3840² pixels, decoded and turned
/// upright, and the derived sizes.
const JPEG_MEMORY_MOST: u64 = 3840 * 3840 * 3 * 3;

/// Bytes decoding a JPEG of `len` bytes holds: the file, the scaled pixels
/// and their upright copy, the derived sizes, and for a progressive JPEG
/// libjpeg's coefficients of the whole frame (2 bytes each, up to three
/// full-size components), whatever the output scale.
pub fn jpeg_memory(len: u64, frame: jpeg_frame::Frame, min_long_edge: u32) -> u64 {
    let (width, height) = (frame.width as usize, frame.height as usize);
    let scale = jpeg_scale(width.max(height), min_long_edge);
    let (w, h) = (scale.scale(width) as u64, scale.scale(height) as u64);
    let coefficients = if frame.progressive {
        width as u64 * height as u64 * 3 * 2
    } else {
        0
    };
    len + w * h * 3 * 2 + derive::memory(w as u32, h as u32) + coefficients
}

/// libjpeg-turbo's advice for JPEGs from strangers: a progressive file with
/// thousands of tiny scans costs minutes of CPU; real ones have about ten.
const MAX_SCANS: u32 = 500;

pub(super) fn check_pixels(name: &str, width: u64, height: u64) -> Refused<()> {
    if width == 0 || height == 0 {
        return Err(Refusal::new(
            "not_an_image",
            name,
            "the image has no pixels",
        ));
    }
    if width * height > MAX_PIXELS {
        return Err(Refusal::new(
            "too_large",
            name,
            format!(
                "the image is {width}×{height} ({} megapixels); photos over {} megapixels are refused",
                width * height / 1_000_000,
                MAX_PIXELS / 1_000_000
            ),
        ));
    }
    Ok(())
}

/// `permit`: memory already reserved for this decode; without one, it is
/// reserved once the header gives the size.
fn jpeg(
    name: &str,
    bytes: &[u8],
    min_long_edge: u32,
    permit: Option<Permit<'static>>,
) -> Refused<Decoded> {
    let decode_err = |e: turbojpeg::Error| jpeg_refusal(name, &e);
    let mut d = turbojpeg::Decompressor::new().map_err(decode_err)?;
    let header = d.read_header(bytes).map_err(decode_err)?;
    check_pixels(name, header.width as u64, header.height as u64)?;
    let permit = match permit {
        Some(p) => p,
        None => {
            let frame = jpeg_frame::read(&mut Cursor::new(bytes)).unwrap_or(jpeg_frame::Frame {
                width: header.width as u32,
                height: header.height as u32,
                progressive: true,
            });
            BUDGET.acquire(jpeg_memory(bytes.len() as u64, frame, min_long_edge))
        }
    };
    d.set_scan_limit(MAX_SCANS).map_err(decode_err)?;
    let meta = color::jpeg_metadata(bytes);

    let scale = jpeg_scale(header.width.max(header.height), min_long_edge);
    d.set_scaling_factor(scale).map_err(decode_err)?;
    let scaled = header.scaled(scale);
    let mut image = Rgb {
        width: scaled.width as u32,
        height: scaled.height as u32,
        pixels: vec![0; scaled.width * scaled.height * 3],
    };
    let target = turbojpeg::Image {
        pixels: image.pixels.as_mut_slice(),
        width: scaled.width,
        pitch: scaled.width * 3,
        height: scaled.height,
        format: turbojpeg::PixelFormat::RGB,
    };
    match d.decompress(bytes, target) {
        Ok(()) => {}
        // libjpeg finishes the image after a warning; a damaged stretch of
        // one photo (often from old camera firmware) is no reason to refuse it.
        Err(e) if is_recoverable(&e) => tracing::warn!("{name}: {e}"),
        Err(e) => return Err(decode_err(e)),
    }

    if let Some(icc) = &meta.icc {
        color::to_srgb(icc, &mut image.pixels);
    }
    let image = image.oriented(meta.orientation);
    let (width, height) = if (5..=8).contains(&meta.orientation) {
        (header.height as u32, header.width as u32)
    } else {
        (header.width as u32, header.height as u32)
    };
    Ok(Decoded {
        image,
        width,
        height,
        _permit: permit,
    })
}

/// libjpeg's warnings about damaged entropy data ("Corrupt JPEG data: ...")
/// leave a complete image; running out of file ("Premature end of JPEG
/// file") leaves a grey lower part, so that one is a refusal.
fn is_recoverable(e: &turbojpeg::Error) -> bool {
    matches!(e, turbojpeg::Error::TurboJpegError(m) if m.starts_with("Corrupt JPEG data"))
}

/// libjpeg-turbo reports a cut-off file as "Premature end of JPEG file"; the
/// dealer needs to hear that the copy is incomplete, not a codec's words.
fn jpeg_refusal(name: &str, e: &turbojpeg::Error) -> Refusal {
    let text = e.to_string();
    if text.contains("Maximum supported image dimension") {
        Refusal::new(
            "too_large",
            name,
            "the image claims to be over 65500 pixels wide or high; photos over 100 megapixels are refused",
        )
    } else if text.contains("Premature end") {
        Refusal::new(
            "truncated",
            name,
            "the JPEG file is cut short (an incomplete copy or download); copy it again from the camera or phone",
        )
    } else {
        Refusal::new(
            "not_an_image",
            name,
            format!("the file looks like a JPEG but cannot be decoded ({text})"),
        )
    }
}
