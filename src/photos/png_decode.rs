//! PNG (and the PNG a HEIC converter writes) to upright sRGB pixels no
//! larger than the derived sizes need. Rows stream from the file through a
//! box shrink, so a 100 MP PNG costs a few rows and the shrunk image, not
//! 300 MB. An interlaced PNG (rare for photos) arrives in passes over the
//! whole frame, so it is decoded whole first, under the decode budget.

use std::io::{BufRead, Seek};

use super::budget::BUDGET;
use super::color;
use super::decode::{check_pixels, Decoded};
use super::derive;
use super::refusal::{Refusal, Refused};
use super::shrink::{self, BoxShrink};

/// Decodes the PNG `reader` reads. `exif_orientation`: whether its EXIF
/// Orientation still needs applying (a HEIC converter has applied it).
pub fn decode<R: BufRead + Seek>(
    name: &str,
    reader: R,
    exif_orientation: bool,
    min_long_edge: u32,
) -> Refused<Decoded> {
    let bad = |e: png::DecodingError| refusal(name, e);
    let mut decoder = png::Decoder::new(reader);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let header = decoder.read_header_info().map_err(bad)?;
    let (width, height, interlaced) = (header.width, header.height, header.interlaced);
    check_pixels(name, width as u64, height as u64)?;
    let mut reader = decoder.read_info().map_err(bad)?;
    let (color, _) = reader.output_color_type();
    let k = shrink::factor(width, height, min_long_edge);
    let permit = BUDGET.acquire(memory(width, height, k, color.samples() as u64, interlaced));

    let mut shrink = BoxShrink::new(width, height, k);
    let mut rgb = Vec::with_capacity(width as usize * 3);
    if interlaced {
        let size = reader
            .output_buffer_size()
            .ok_or_else(|| Refusal::new("too_large", name, "the PNG is too large to decode"))?;
        let mut frame = vec![0; size];
        let info = reader.next_frame(&mut frame).map_err(bad)?;
        for row in frame[..info.buffer_size()].chunks_exact(info.line_size.max(1)) {
            row_to_rgb(row, color, &mut rgb);
            shrink.push(&rgb);
        }
    } else {
        while let Some(row) = reader.next_row().map_err(bad)? {
            row_to_rgb(row.data(), color, &mut rgb);
            shrink.push(&rgb);
        }
    }
    let rows = shrink.rows();
    let mut image = shrink.finish().ok_or_else(|| {
        Refusal::new(
            "truncated",
            name,
            format!("the PNG ends after {rows} of its {height} rows (an incomplete copy)"),
        )
    })?;

    let info = reader.info();
    if let Some(icc) = &info.icc_profile {
        color::to_srgb(icc, &mut image.pixels);
    }
    let orientation = info
        .exif_metadata
        .as_ref()
        .filter(|_| exif_orientation)
        .map(|exif| color::orientation_from_tiff(exif))
        .unwrap_or(1);
    let (width, height) = if (5..=8).contains(&orientation) {
        (height, width)
    } else {
        (width, height)
    };
    Ok(Decoded {
        image: image.oriented(orientation),
        width,
        height,
        _permit: permit,
    })
}

/// Bytes a decode of a `width`×`height` PNG shrunk by `k` holds: the rows
/// in flight (the decoder's current and previous row, ours in RGB), the
/// whole frame when interlaced, the shrunk image and its upright copy, and
/// the derived sizes.
pub fn memory(width: u32, height: u32, k: u32, samples: u64, interlaced: bool) -> u64 {
    let (w, h) = (width as u64, height as u64);
    let (sw, sh) = shrink::shrunk(width, height, k);
    let shrunk = sw as u64 * sh as u64 * 3;
    let rows = w * samples * 2 + w * 3 + sw as u64 * 12;
    let frame = if interlaced { w * h * samples } else { 0 };
    rows + frame + shrunk * 2 + derive::memory(sw, sh)
}

fn refusal(name: &str, e: png::DecodingError) -> Refusal {
    let cut_short = match &e {
        png::DecodingError::IoError(io) => io.kind() == std::io::ErrorKind::UnexpectedEof,
        // The image data stops before the last row (the crate's own words).
        png::DecodingError::Format(f) => f.to_string().contains("not have enough data"),
        _ => false,
    };
    if cut_short {
        Refusal::new(
            "truncated",
            name,
            format!("the PNG file is cut short (an incomplete copy or download; {e})"),
        )
    } else {
        Refusal::new(
            "not_an_image",
            name,
            format!("the PNG cannot be decoded ({e})"),
        )
    }
}

/// One row of any 8-bit PNG layout as RGB in `out`; transparency is laid on
/// white, as a photo printed on paper would be.
pub fn row_to_rgb(row: &[u8], color: png::ColorType, out: &mut Vec<u8>) {
    let over_white = |v: u8, a: u8| ((v as u32 * a as u32 + 255 * (255 - a as u32)) / 255) as u8;
    out.clear();
    match color {
        png::ColorType::Rgb => out.extend_from_slice(row),
        png::ColorType::Rgba => out.extend(row.chunks_exact(4).flat_map(|p| {
            [
                over_white(p[0], p[3]),
                over_white(p[1], p[3]),
                over_white(p[2], p[3]),
            ]
        })),
        png::ColorType::Grayscale => out.extend(row.iter().flat_map(|&g| [g, g, g])),
        png::ColorType::GrayscaleAlpha => out.extend(row.chunks_exact(2).flat_map(|p| {
            let g = over_white(p[0], p[1]);
            [g, g, g]
        })),
        // normalize_to_color8 expands palettes, so this is never reached;
        // a row of black keeps the frame whole if it ever were.
        png::ColorType::Indexed => out.resize(row.len() * 3, 0),
    }
}
