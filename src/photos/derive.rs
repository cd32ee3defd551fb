//! The derived sizes: resized with `fast_image_resize` (SIMD convolution) and
//! encoded by libjpeg-turbo from bare pixels, so they carry no metadata at
//! all: no EXIF, GPS, maker notes, serial numbers, XMP or ICC (the pixels
//! are already sRGB, which is what a JPEG without a profile means).

use std::borrow::Cow;

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

use super::model::PhotoSize;
use super::pixels::Rgb;

/// The size of `(w, h)` scaled so its long edge is at most `long_edge`;
/// never enlarged.
pub fn fit(width: u32, height: u32, long_edge: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= long_edge {
        return (width, height);
    }
    let scale =
        |v: u32| ((v as u64 * long_edge as u64 + long as u64 / 2) / long as u64).max(1) as u32;
    (scale(width), scale(height))
}

/// `src` resized to fit `long_edge` (a copy when it already fits).
pub fn resize(src: &Rgb, long_edge: u32) -> Result<Rgb, String> {
    fitted(src, long_edge).map(Cow::into_owned)
}

/// `src` resized to fit `long_edge`, or `src` itself when it already fits
/// (no copy of a large image).
fn fitted(src: &Rgb, long_edge: u32) -> Result<Cow<'_, Rgb>, String> {
    let (w, h) = fit(src.width, src.height, long_edge);
    if (w, h) == (src.width, src.height) {
        return Ok(Cow::Borrowed(src));
    }
    let from = ImageRef::new(src.width, src.height, &src.pixels, PixelType::U8x3)
        .map_err(|e| e.to_string())?;
    let mut to = Image::new(w, h, PixelType::U8x3);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    Resizer::new()
        .resize(&from, &mut to, &options)
        .map_err(|e| e.to_string())?;
    Ok(Cow::Owned(Rgb {
        width: w,
        height: h,
        pixels: to.into_vec(),
    }))
}

/// Bytes making the derived sizes of a `width`×`height` image takes at most
/// (resized pixels and their JPEGs), for the decode budget.
pub fn memory(width: u32, height: u32) -> u64 {
    let pixels: u64 = [PhotoSize::Screen, PhotoSize::Email, PhotoSize::Thumb]
        .iter()
        .map(|s| {
            let (w, h) = fit(width, height, s.long_edge());
            w as u64 * h as u64
        })
        .sum();
    pixels * 3 * 3 / 2
}

pub fn encode_jpeg(image: &Rgb, quality: i32) -> Result<Vec<u8>, String> {
    let mut c = turbojpeg::Compressor::new().map_err(|e| e.to_string())?;
    c.set_quality(quality).map_err(|e| e.to_string())?;
    c.set_subsamp(turbojpeg::Subsamp::Sub2x2)
        .map_err(|e| e.to_string())?;
    // Optimised Huffman tables: ~5% smaller, which the email budget feels.
    c.set_optimize(true).map_err(|e| e.to_string())?;
    let view = turbojpeg::Image {
        pixels: image.pixels.as_slice(),
        width: image.width as usize,
        pitch: image.width as usize * 3,
        height: image.height as usize,
        format: turbojpeg::PixelFormat::RGB,
    };
    c.compress_to_vec(view).map_err(|e| e.to_string())
}

/// All derived sizes of one upright image, largest first: screen, email,
/// then the thumbnail made from the email size (cheap, and as sharp). Each
/// size's pixels are let go once encoded.
pub fn derive_all(image: &Rgb) -> Result<Vec<(PhotoSize, Vec<u8>)>, String> {
    let screen = encode_jpeg(
        &*fitted(image, PhotoSize::Screen.long_edge())?,
        PhotoSize::Screen.quality(),
    )?;
    let email_pixels = fitted(image, PhotoSize::Email.long_edge())?;
    let email = encode_jpeg(&email_pixels, PhotoSize::Email.quality())?;
    let thumb = encode_jpeg(
        &*fitted(&email_pixels, PhotoSize::Thumb.long_edge())?,
        PhotoSize::Thumb.quality(),
    )?;
    Ok(vec![
        (PhotoSize::Screen, screen),
        (PhotoSize::Email, email),
        (PhotoSize::Thumb, thumb),
    ])
}
