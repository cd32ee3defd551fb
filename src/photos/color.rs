//! What a photo's metadata says about how to show it: EXIF orientation and
//! the ICC colour profile. Read leniently: metadata that cannot be parsed is
//! ignored (the photo is shown as stored, as sRGB), never a reason to refuse.

use std::sync::OnceLock;

use img_parts::{ImageEXIF, ImageICC};
use qcms::{DataType, Intent, Profile, Transform};

pub struct JpegMeta {
    pub orientation: u16,
    pub icc: Option<Vec<u8>>,
}

pub fn jpeg_metadata(bytes: &[u8]) -> JpegMeta {
    // img-parts parses only the segments before the image data.
    match img_parts::jpeg::Jpeg::from_bytes(img_parts::Bytes::copy_from_slice(header_part(bytes))) {
        Ok(jpeg) => JpegMeta {
            orientation: jpeg.exif().map(|e| orientation_from_tiff(&e)).unwrap_or(1),
            icc: jpeg.icc_profile().map(|b| b.to_vec()),
        },
        Err(_) => JpegMeta {
            orientation: 1,
            icc: None,
        },
    }
}

/// The bytes up to the image data (the first SOS marker): copying only this
/// keeps metadata parsing cheap on 10 MB files.
fn header_part(bytes: &[u8]) -> &[u8] {
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            break;
        }
        let marker = bytes[i + 1];
        if marker == 0xDA {
            // Keep SOS itself and a little after it so the parser sees a scan.
            return &bytes[..(i + 4).max(bytes.len().min(i + 64))];
        }
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        i += 2 + len;
    }
    bytes
}

/// EXIF Orientation (1–8) from a TIFF-structured EXIF block; 1 when absent
/// or unreadable.
pub fn orientation_from_tiff(tiff: &[u8]) -> u16 {
    let Ok(exif) = exif::Reader::new().read_raw(tiff.to_vec()) else {
        return 1;
    };
    exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .and_then(|v| u16::try_from(v).ok())
        .filter(|v| (1..=8).contains(v))
        .unwrap_or(1)
}

fn srgb() -> &'static Profile {
    static SRGB: OnceLock<Box<Profile>> = OnceLock::new();
    SRGB.get_or_init(|| {
        let mut p = Profile::new_sRGB();
        p.precache_output_transform();
        p
    })
}

/// Converts RGB pixels in place from the embedded profile to sRGB (e.g. an
/// iPhone's Display P3), so colours look the same in every mail client.
/// An unreadable or already-sRGB profile leaves the pixels as they are.
pub fn to_srgb(icc: &[u8], pixels: &mut [u8]) {
    let Some(input) = Profile::new_from_slice(icc, false) else {
        return;
    };
    if input.is_sRGB() {
        return;
    }
    if let Some(t) = Transform::new(&input, srgb(), DataType::RGB8, Intent::Perceptual) {
        t.apply(pixels);
    }
}
