use std::io::Cursor;

use super::*;

fn frame(bytes: &[u8]) -> Option<Frame> {
    read(&mut Cursor::new(bytes))
}

/// SOI, an APP1 of `app` bytes, then a frame header of `marker`.
fn jpeg(app: usize, marker: u8, width: u16, height: u16) -> Vec<u8> {
    let mut b = vec![0xFF, 0xD8, 0xFF, 0xE1];
    b.extend_from_slice(&((app + 2) as u16).to_be_bytes());
    b.extend(std::iter::repeat_n(0xAB, app));
    // Fill bytes before a marker are allowed.
    b.extend_from_slice(&[0xFF, 0xFF, marker, 0, 17, 8]);
    b.extend_from_slice(&height.to_be_bytes());
    b.extend_from_slice(&width.to_be_bytes());
    b.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    b.extend_from_slice(&[0xFF, 0xDA]);
    b
}

#[test]
fn the_frame_header_is_found_past_large_metadata() {
    assert_eq!(
        frame(&jpeg(60_000, 0xC0, 4000, 3000)),
        Some(Frame {
            width: 4000,
            height: 3000,
            progressive: false
        })
    );
    assert_eq!(
        frame(&jpeg(10, 0xC2, 30_000, 30_000)),
        Some(Frame {
            width: 30_000,
            height: 30_000,
            progressive: true
        })
    );
}

#[test]
fn anything_else_is_none_not_a_panic() {
    assert_eq!(frame(b""), None);
    assert_eq!(frame(b"\xFF\xD8"), None);
    assert_eq!(frame(b"\x89PNG\r\n\x1a\n"), None);
    // Image data before any frame header.
    assert_eq!(frame(b"\xFF\xD8\xFF\xDA\x00\x02"), None);
    // A segment length under 2, and one running past the end.
    assert_eq!(frame(b"\xFF\xD8\xFF\xE0\x00\x01"), None);
    assert_eq!(frame(b"\xFF\xD8\xFF\xE0\xFF\xFF\x00"), None);
    let cut = jpeg(100, 0xC0, 4000, 3000);
    for end in 0..cut.len() - 12 {
        assert_eq!(frame(&cut[..end]), None, "cut at {end}");
    }
}
