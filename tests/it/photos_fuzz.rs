//! Fuzzing the photo door on stable Rust (issue 14): arbitrary bytes, and
//! real JPEG and PNG files with their headers mutated (sizes up to the
//! 100 MP limit and past it, cut short, bytes flipped), imported as a file
//! named `x.jpg`. Whatever the bytes, the import of that file returns: a
//! photo, or a refusal with a known code and a message naming the file. It
//! never panics, never leaves a temporary file, and never holds more than
//! [`MAX_HEAP`] on the Rust heap (a full decode of the 100 MP frames these
//! headers claim would take 300–400 MB; decoding streams or scales instead).
//! Few cases, so it runs in seconds; `PROPTEST_CASES` asks for more.

use crate::common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::Path;

use lotbook::photos::prepare;
use lotbook::photos::PhotoLibrary;
use proptest::prelude::*;
use proptest::test_runner::Config;

/// Heap allocations of this thread: now and the most since the last reset.
/// Per thread, so tests running side by side do not see each other.
struct Counting;

thread_local! {
    static NOW: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn track(delta: isize) {
    // try_with: a thread being torn down has no counters left; ignore it.
    let _ = NOW.try_with(|now| {
        let n = now.get() + delta;
        now.set(n);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(n)));
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            track(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        track(-(layout.size() as isize));
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            track(layout.size() as isize);
        }
        p
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            track(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Most the import of one file may hold on the Rust heap above what was
/// held before it.
const MAX_HEAP: isize = 128 * 1024 * 1024;

/// Runs `f`, returning its result and the most it held on the heap.
fn peak_heap<T>(f: impl FnOnce() -> T) -> (T, isize) {
    let before = NOW.with(Cell::get);
    PEAK.with(|p| p.set(before));
    let out = f();
    (out, PEAK.with(Cell::get) - before)
}

const CODES: &[&str] = &[
    "empty_file",
    "not_an_image",
    "unsupported_format",
    "too_large",
    "truncated",
];

/// Imports `bytes` as `x.jpg` and checks what came out.
fn import_checked(lib: &PhotoLibrary, dir: &Path, bytes: &[u8]) -> Result<(), TestCaseError> {
    let path = dir.join("x.jpg");
    std::fs::write(&path, bytes).unwrap();
    let (result, heap) = peak_heap(|| prepare::prepare(lib, &path));
    prop_assert!(heap <= MAX_HEAP, "held {} MB", heap / (1024 * 1024));
    match result {
        Ok(p) => {
            prop_assert!(prepare::is_hash(&p.hash));
            prop_assert!(p.width > 0 && p.height > 0);
        }
        Err(r) => {
            prop_assert!(
                CODES.contains(&r.code),
                "unexpected code {}: {}",
                r.code,
                r.message
            );
            prop_assert!(r.message.starts_with("x.jpg: "), "{}", r.message);
            prop_assert!(r.message.len() > "x.jpg: ".len() + 10, "{}", r.message);
        }
    }
    prop_assert!(lib.tmp_files().is_empty(), "left {:?}", lib.tmp_files());
    Ok(())
}

fn library() -> (tempfile::TempDir, PhotoLibrary) {
    let dir = tempfile::tempdir().unwrap();
    let lib = PhotoLibrary::open(dir.path()).unwrap();
    (dir, lib)
}

fn cases(n: u32) -> Config {
    Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(n),
        // Failures are reported with their input; no files beside the test.
        failure_persistence: None,
        ..Config::default()
    }
}

/// The first bytes of every format the sniffer knows, so arbitrary tails
/// reach the decoders and not only the "not a photo" refusal.
fn magic() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(vec![]),
        Just(vec![0xFF, 0xD8, 0xFF]),
        Just(b"\x89PNG\r\n\x1a\n".to_vec()),
        Just(b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec()),
        Just(b"\0\0\0\x18ftypheic".to_vec()),
        Just(b"GIF89a".to_vec()),
        Just(b"RIFF\0\0\0\0WEBP".to_vec()),
    ]
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn arbitrary_bytes_are_refused_by_name_or_imported(
        head in magic(),
        tail in proptest::collection::vec(any::<u8>(), 0..1024),
    ) {
        let (dir, lib) = library();
        let bytes = [head, tail].concat();
        import_checked(&lib, dir.path(), &bytes)?;
    }
}

/// Real files to mutate: camera JPEGs from the test photos, and PNGs of
/// each colour layout made here (the test photos hold no PNG).
fn seeds() -> Vec<Vec<u8>> {
    let photos = common::test_photos();
    let mut out: Vec<Vec<u8>> = ["orientation/landscape_6.jpg", "odd-exif/image01551.jpg"]
        .iter()
        .map(|p| std::fs::read(photos.join(p)).unwrap())
        .collect();
    for color in [
        png::ColorType::Rgb,
        png::ColorType::Rgba,
        png::ColorType::Grayscale,
        png::ColorType::GrayscaleAlpha,
    ] {
        let (w, h) = (48u32, 32u32);
        let samples = color.samples();
        let pixels: Vec<u8> = (0..w * h * samples as u32).map(|i| (i * 7) as u8).collect();
        let mut bytes = Vec::new();
        let mut enc = png::Encoder::new(&mut bytes, w, h);
        enc.set_color(color);
        let mut writer = enc.write_header().unwrap();
        writer.write_image_data(&pixels).unwrap();
        writer.finish().unwrap();
        out.push(bytes);
    }
    out
}

/// Where the frame size sits: a PNG's IHDR, a JPEG's first SOF.
fn size_field(bytes: &[u8]) -> Option<usize> {
    if bytes.starts_with(b"\x89PNG") {
        return Some(16);
    }
    bytes
        .windows(2)
        .position(|w| w[0] == 0xFF && matches!(w[1], 0xC0..=0xC2))
        .map(|sof| sof + 5)
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Claim a frame of this width and height (near and past the limit).
    Size(u32, u32),
    /// Overwrite a byte in the first 2 KB (the headers and metadata).
    Flip(usize, u8),
    /// Cut the file at this fraction (per mille) of its length.
    Cut(u16),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (1u32..=70_000, 1u32..=70_000).prop_map(|(w, h)| Mutation::Size(w, h)),
        Just(Mutation::Size(10_000, 10_000)),
        Just(Mutation::Size(11_500, 8_600)),
        (0usize..2048, any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (0u16..1000).prop_map(Mutation::Cut),
    ]
}

/// CRC-32 as PNG chunks carry it (ISO-HDLC, bit by bit: a few bytes only).
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        match *m {
            Mutation::Size(w, h) => {
                if let Some(at) = size_field(&bytes) {
                    if bytes.starts_with(b"\x89PNG") && bytes.len() >= 33 {
                        bytes[at..at + 4].copy_from_slice(&w.to_be_bytes());
                        bytes[at + 4..at + 8].copy_from_slice(&h.to_be_bytes());
                        // A correct checksum, so the decoder believes the size.
                        let crc = crc32(&bytes[12..29]);
                        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
                    } else if bytes.len() >= at + 4 {
                        let (w, h) = (w.min(65_535) as u16, h.min(65_535) as u16);
                        bytes[at..at + 2].copy_from_slice(&h.to_be_bytes());
                        bytes[at + 2..at + 4].copy_from_slice(&w.to_be_bytes());
                    }
                }
            }
            Mutation::Flip(i, b) => {
                if let Some(byte) = bytes.get_mut(i) {
                    *byte = b;
                }
            }
            Mutation::Cut(per_mille) => {
                let keep = bytes.len() * per_mille as usize / 1000;
                bytes.truncate(keep);
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(cases(48))]

    #[test]
    fn mutated_real_photos_are_refused_by_name_or_imported(
        seed in 0usize..6,
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let (dir, lib) = library();
        let bytes = mutate(seeds().swap_remove(seed), &mutations);
        import_checked(&lib, dir.path(), &bytes)?;
    }
}

#[test]
fn the_header_check_names_the_file_for_any_first_bytes() {
    let mut runner = proptest::test_runner::TestRunner::new(cases(256));
    runner
        .run(&proptest::collection::vec(any::<u8>(), 0..24), |head| {
            match prepare::check_head("IMG_0001.JPG", &head) {
                Ok(_) => prop_assert!(
                    head.starts_with(&[0xFF, 0xD8, 0xFF])
                        || head.starts_with(b"\x89PNG\r\n\x1a\n")
                        || head.get(4..8) == Some(b"ftyp")
                ),
                Err(r) => {
                    prop_assert!(r.message.starts_with("IMG_0001.JPG: "), "{}", r.message);
                    prop_assert!(CODES.contains(&r.code));
                }
            }
            Ok(())
        })
        .unwrap();
}
