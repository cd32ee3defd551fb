//! A JPEG's frame header (its size, and whether it is progressive), found by
//! walking the marker segments from the start of the file, seeking over
//! their contents: how much memory the decode will need, and whether the
//! image is over the pixel limit, is known before the file is loaded.

use std::io::{Read, Seek, SeekFrom};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    pub width: u32,
    pub height: u32,
    /// Progressive (or hierarchical) coding: libjpeg then keeps every DCT
    /// coefficient of the whole image while decoding, at any output scale.
    pub progressive: bool,
}

/// Segments walked at most before giving up (a real file has a few dozen).
const MAX_SEGMENTS: usize = 10_000;

/// The first frame header, or `None` if there is none before the image data
/// or the end of the file (the decoder then says what is wrong).
pub fn read(r: &mut (impl Read + Seek)) -> Option<Frame> {
    if (next(r)?, next(r)?) != (0xFF, 0xD8) {
        return None;
    }
    for _ in 0..MAX_SEGMENTS {
        if next(r)? != 0xFF {
            return None;
        }
        // Any number of 0xFF fill bytes may come before the marker code.
        let mut marker = 0xFF;
        while marker == 0xFF {
            marker = next(r)?;
        }
        match marker {
            // SOI, TEM and RSTn stand alone.
            0xD8 | 0x01 | 0xD0..=0xD7 => continue,
            // Image data or the end before any frame header.
            0xDA | 0xD9 => return None,
            _ => {}
        }
        let len = u16::from_be_bytes([next(r)?, next(r)?]);
        if len < 2 {
            return None;
        }
        // SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let _precision = next(r)?;
            let height = u16::from_be_bytes([next(r)?, next(r)?]);
            let width = u16::from_be_bytes([next(r)?, next(r)?]);
            return Some(Frame {
                width: width.into(),
                height: height.into(),
                progressive: matches!(marker, 0xC2 | 0xC6 | 0xCA | 0xCE),
            });
        }
        r.seek(SeekFrom::Current(i64::from(len) - 2)).ok()?;
    }
    None
}

fn next(r: &mut impl Read) -> Option<u8> {
    let mut byte = [0u8; 1];
    r.read_exact(&mut byte).ok()?;
    Some(byte[0])
}

#[cfg(test)]
mod tests;
