//! Bytes to upright sRGB pixels, as small as the largest derived size allows.
//!
//! JPEG goes through libjpeg-turbo (via `turbojpeg`), which can decode at
//! 1/2, 1/4 or 1/8 scale inside the IDCT: a 12 MP photo needed at 1920 px is
//! decoded at 2000 px for a quarter of the work. PNG through `png`; HEIC
//! through the platform's decoder (see `heic.rs`).

use std::io::Cursor;

use super::color;
use super::heic;
use super::model::PhotoFormat;
use super::pixels::Rgb;
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
pub struct Decoded {
    pub image: Rgb,
    /// Upright size of the original.
    pub width: u32,
    pub height: u32,
}

pub fn decode(
    name: &str,
    bytes: &[u8],
    format: PhotoFormat,
    min_long_edge: u32,
) -> Refused<Decoded> {
    match format {
        PhotoFormat::Jpeg => jpeg(name, bytes, min_long_edge),
        PhotoFormat::Png => png(name, bytes, true),
        PhotoFormat::Heic => {
            // The converter has applied the HEIF rotation and copies the
            // EXIF along, whose Orientation must then not be applied again.
            let png_bytes = heic::to_png(name, bytes)?;
            png(name, &png_bytes, false)
        }
    }
}

fn check_pixels(name: &str, width: u64, height: u64) -> Refused<()> {
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

fn jpeg(name: &str, bytes: &[u8], min_long_edge: u32) -> Refused<Decoded> {
    let decode_err = |e: turbojpeg::Error| jpeg_refusal(name, &e);
    let mut d = turbojpeg::Decompressor::new().map_err(decode_err)?;
    let header = d.read_header(bytes).map_err(decode_err)?;
    check_pixels(name, header.width as u64, header.height as u64)?;
    let meta = color::jpeg_metadata(bytes);

    // The smallest of the fast IDCT scales that still covers the largest size.
    let long = header.width.max(header.height);
    let want = (min_long_edge as usize).min(long);
    let scale = [(1, 8), (1, 4), (1, 2)]
        .into_iter()
        .map(|(n, dn)| turbojpeg::ScalingFactor::new(n, dn))
        .find(|s| s.scale(long) >= want)
        .unwrap_or(turbojpeg::ScalingFactor::ONE);
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
    let (width, height) = if meta.orientation >= 5 {
        (header.height as u32, header.width as u32)
    } else {
        (header.width as u32, header.height as u32)
    };
    Ok(Decoded {
        image,
        width,
        height,
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

fn png(name: &str, bytes: &[u8], exif_orientation: bool) -> Refused<Decoded> {
    let bad = |e: png::DecodingError| {
        let code = match e {
            png::DecodingError::IoError(ref io)
                if io.kind() == std::io::ErrorKind::UnexpectedEof =>
            {
                "truncated"
            }
            _ => "not_an_image",
        };
        Refusal::new(code, name, format!("the PNG cannot be decoded ({e})"))
    };
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let header = decoder.read_header_info().map_err(bad)?;
    check_pixels(name, header.width as u64, header.height as u64)?;
    let mut reader = decoder.read_info().map_err(bad)?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| Refusal::new("too_large", name, "the PNG is too large to decode"))?;
    let mut buf = vec![0; size];
    let frame = reader.next_frame(&mut buf).map_err(bad)?;
    let info = reader.info();
    let icc = info.icc_profile.as_ref().map(|c| c.to_vec());
    let orientation = info
        .exif_metadata
        .as_ref()
        .filter(|_| exif_orientation)
        .map(|exif| color::orientation_from_tiff(exif))
        .unwrap_or(1);
    let mut image = to_rgb(
        &buf[..frame.buffer_size()],
        frame.width,
        frame.height,
        frame.color_type,
    );
    if let Some(icc) = &icc {
        color::to_srgb(icc, &mut image.pixels);
    }
    let image = image.oriented(orientation);
    Ok(Decoded {
        width: image.width,
        height: image.height,
        image,
    })
}

/// Any 8-bit PNG layout to RGB; transparency is laid on white, as a photo
/// printed on paper would be.
fn to_rgb(buf: &[u8], width: u32, height: u32, color: png::ColorType) -> Rgb {
    let over_white = |v: u8, a: u8| ((v as u32 * a as u32 + 255 * (255 - a as u32)) / 255) as u8;
    let pixels = match color {
        png::ColorType::Rgb => buf.to_vec(),
        png::ColorType::Rgba => buf
            .chunks_exact(4)
            .flat_map(|p| {
                [
                    over_white(p[0], p[3]),
                    over_white(p[1], p[3]),
                    over_white(p[2], p[3]),
                ]
            })
            .collect(),
        png::ColorType::Grayscale => buf.iter().flat_map(|&g| [g, g, g]).collect(),
        png::ColorType::GrayscaleAlpha => buf
            .chunks_exact(2)
            .flat_map(|p| {
                let g = over_white(p[0], p[1]);
                [g, g, g]
            })
            .collect(),
        // normalize_to_color8 expands palettes, so this is never reached.
        png::ColorType::Indexed => vec![0; width as usize * height as usize * 3],
    };
    Rgb {
        width,
        height,
        pixels,
    }
}
