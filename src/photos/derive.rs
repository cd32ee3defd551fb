//! The derived sizes: resized with `fast_image_resize` (SIMD convolution) and
//! encoded by libjpeg-turbo from bare pixels, so they carry no metadata at
//! all: no EXIF, GPS, maker notes, serial numbers, XMP or ICC (the pixels
//! are already sRGB, which is what a JPEG without a profile means).

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
    let (w, h) = fit(src.width, src.height, long_edge);
    if (w, h) == (src.width, src.height) {
        return Ok(src.clone());
    }
    let mut pixels = Vec::new();
    lanczos3(&mut Resizer::new(), src, (w, h), &mut pixels)?;
    Ok(Rgb {
        width: w,
        height: h,
        pixels,
    })
}

/// `src` resized to `(w, h)` (Lanczos3) into `dst`, whose allocation is
/// reused when it is large enough.
fn lanczos3(
    resizer: &mut Resizer,
    src: &Rgb,
    (w, h): (u32, u32),
    dst: &mut Vec<u8>,
) -> Result<(), String> {
    let from = ImageRef::new(src.width, src.height, &src.pixels, PixelType::U8x3)
        .map_err(|e| e.to_string())?;
    dst.resize(w as usize * h as usize * 3, 0);
    let mut to = Image::from_slice_u8(w, h, dst, PixelType::U8x3).map_err(|e| e.to_string())?;
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    resizer
        .resize(&from, &mut to, &options)
        .map_err(|e| e.to_string())
}

/// What making the derived sizes needs besides the decoded image: the
/// resizer (its intermediate buffer) and each size's pixels. An import
/// worker keeps one for all its photos, so these ~25 MB are not asked of
/// the system, page-faulted and zeroed again for every photo (about a
/// tenth of a 12 MP photo's CPU time went there).
#[derive(Default)]
pub struct Scratch {
    resizer: Resizer,
    screen: Rgb,
    email: Rgb,
    thumb: Rgb,
}

impl Scratch {
    /// `src` fitted to `long_edge` into `slot`'s pixels, or `src` itself
    /// when it already fits (no copy of a large image).
    fn fitted<'a>(
        resizer: &mut Resizer,
        src: &'a Rgb,
        long_edge: u32,
        slot: &'a mut Rgb,
    ) -> Result<&'a Rgb, String> {
        let (w, h) = fit(src.width, src.height, long_edge);
        if (w, h) == (src.width, src.height) {
            return Ok(src);
        }
        lanczos3(resizer, src, (w, h), &mut slot.pixels)?;
        (slot.width, slot.height) = (w, h);
        Ok(slot)
    }
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

/// A JPEG for the mail (optimised Huffman tables, a few percent smaller).
pub fn encode_jpeg(image: &Rgb, quality: i32) -> Result<Vec<u8>, String> {
    encode_rgb(image, quality, true)
}

/// `optimize`: Huffman tables made for this image. That is a second pass
/// over a buffer of every coefficient, which doubled the encoding time of
/// an import's derived sizes (12 MP photo: screen 13.0 → 6.2 ms, email
/// 8.3 → 4.2 ms, project machine 2026-12-06) to make the files 1.3–1.5%
/// smaller (real phone photos), so the import uses the standard tables.
/// The pixels are the same either way (Huffman coding is lossless).
pub fn encode_rgb(image: &Rgb, quality: i32, optimize: bool) -> Result<Vec<u8>, String> {
    let mut c = turbojpeg::Compressor::new().map_err(|e| e.to_string())?;
    c.set_quality(quality).map_err(|e| e.to_string())?;
    c.set_subsamp(turbojpeg::Subsamp::Sub2x2)
        .map_err(|e| e.to_string())?;
    c.set_optimize(optimize).map_err(|e| e.to_string())?;
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
/// then the thumbnail. Each is made from the next larger one (email from
/// screen, thumbnail from email), all with Lanczos3: fewer source pixels
/// per output pixel, and a colleague who holds only the shared size (the
/// screen size) makes the smaller sizes from the same pixels as the importer.
pub fn derive_all(image: &Rgb) -> Result<Vec<(PhotoSize, Vec<u8>)>, String> {
    derive_all_with(image, &mut Scratch::default())
}

/// [`derive_all`] with buffers kept from earlier photos.
pub fn derive_all_with(
    image: &Rgb,
    scratch: &mut Scratch,
) -> Result<Vec<(PhotoSize, Vec<u8>)>, String> {
    let Scratch {
        resizer,
        screen,
        email,
        thumb,
    } = scratch;
    let screen = Scratch::fitted(resizer, image, PhotoSize::Screen.long_edge(), screen)?;
    let screen_jpeg = encode_rgb(screen, PhotoSize::Screen.quality(), false)?;
    let email = Scratch::fitted(resizer, screen, PhotoSize::Email.long_edge(), email)?;
    let email_jpeg = encode_rgb(email, PhotoSize::Email.quality(), false)?;
    let thumb = Scratch::fitted(resizer, email, PhotoSize::Thumb.long_edge(), thumb)?;
    let thumb_jpeg = encode_rgb(thumb, PhotoSize::Thumb.quality(), false)?;
    Ok(vec![
        (PhotoSize::Screen, screen_jpeg),
        (PhotoSize::Email, email_jpeg),
        (PhotoSize::Thumb, thumb_jpeg),
    ])
}
