//! Where one photo's CPU goes (`PHOTO_BENCH_STAGES=1`): each stage of the
//! import timed on one thread over a few of the bench's photos, beside the
//! alternatives measured for it, so a change to the pipeline can be judged
//! stage by stage before the whole import is timed against vipsthumbnail.

use std::path::{Path, PathBuf};
use std::time::Instant;

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use lotbook::photos::{decode, derive, prepare, PhotoFormat, PhotoLibrary, PhotoSize, Rgb};

/// Runs `f` on every input, three times, returning the best ms per input
/// and what `f` summed (bytes written, say) on one pass.
fn each<T>(inputs: &[T], f: impl Fn(&T) -> usize) -> (f64, usize) {
    let mut best = f64::MAX;
    let mut total = 0;
    for _ in 0..3 {
        let start = Instant::now();
        total = inputs.iter().map(&f).sum();
        best = best.min(start.elapsed().as_secs_f64() * 1000.0 / inputs.len() as f64);
    }
    (best, total)
}

fn line(label: &str, ms: f64) {
    println!("  {label:<58} {ms:>6.1} ms");
}

/// `src` resized to fit `long_edge` with `alg`, by `resizer`, into `dst`
/// (reused when given, so neither its pages nor the resizer's are new).
fn resize(
    resizer: &mut Resizer,
    src: &Rgb,
    long_edge: u32,
    alg: ResizeAlg,
    dst: &mut Vec<u8>,
) -> Rgb {
    let (w, h) = derive::fit(src.width, src.height, long_edge);
    let from = ImageRef::new(src.width, src.height, &src.pixels, PixelType::U8x3).expect("src");
    dst.resize(w as usize * h as usize * 3, 0);
    let mut to = Image::from_slice_u8(w, h, dst, PixelType::U8x3).expect("dst");
    resizer
        .resize(&from, &mut to, &ResizeOptions::new().resize_alg(alg))
        .expect("resize");
    Rgb {
        width: w,
        height: h,
        pixels: dst.clone(),
    }
}

fn encode(image: &Rgb, quality: i32, optimize: bool) -> usize {
    derive::encode_rgb(image, quality, optimize)
        .expect("encode")
        .len()
}

pub fn print(files: &[PathBuf], root: &Path) {
    let bytes: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(f).expect("read"))
        .collect();
    let lanczos = ResizeAlg::Convolution(FilterType::Lanczos3);
    println!(
        "stages, one thread, ms per photo (mean of {}):",
        files.len()
    );

    let (ms, _) = each(&bytes, |b| blake3::hash(b).as_bytes().len());
    line("blake3 of the file", ms);
    let data = root.join("data-stages");
    let _ = std::fs::remove_dir_all(&data);
    let lib = PhotoLibrary::open(&data).expect("library");
    let (ms, _) = each(&bytes, |b| {
        lib.stage(&mut b.as_slice(), u64::MAX).expect("stage").len as usize
    });
    line("copy into tmp while hashing (no fsync)", ms);

    let (ms, _) = each(&bytes, |b| {
        let d = decode::decode("x.jpg", b, PhotoFormat::Jpeg, PhotoSize::Screen.long_edge())
            .expect("decode");
        d.image.pixels.len()
    });
    line("decode at 1/2 (+ICC, orientation)", ms);
    let decoded: Vec<Rgb> = bytes
        .iter()
        .map(|b| {
            decode::decode("x.jpg", b, PhotoFormat::Jpeg, 1920)
                .expect("decode")
                .image
                .clone()
        })
        .collect();

    // Resizing: a new resizer and image each time (fresh pages), or reused.
    let fresh = |src: &Rgb, size: PhotoSize, alg: ResizeAlg| {
        resize(
            &mut Resizer::new(),
            src,
            size.long_edge(),
            alg,
            &mut Vec::new(),
        )
    };
    let (ms, _) = each(&decoded, |d| {
        fresh(d, PhotoSize::Screen, lanczos).pixels.len()
    });
    line("resize screen from decoded, Lanczos3, new buffers", ms);
    let mut resizer = Resizer::new();
    let mut buf = Vec::new();
    let reused = std::cell::RefCell::new((&mut resizer, &mut buf));
    let again = |src: &Rgb, size: PhotoSize, alg: ResizeAlg| {
        let mut r = reused.borrow_mut();
        let (resizer, buf) = &mut *r;
        resize(resizer, src, size.long_edge(), alg, buf)
    };
    let (ms, _) = each(&decoded, |d| {
        again(d, PhotoSize::Screen, lanczos).pixels.len()
    });
    line("resize screen from decoded, Lanczos3, reused buffers", ms);
    let screens: Vec<Rgb> = decoded
        .iter()
        .map(|d| fresh(d, PhotoSize::Screen, lanczos))
        .collect();
    let (ms, _) = each(&decoded, |d| {
        fresh(d, PhotoSize::Email, lanczos).pixels.len()
    });
    line("resize email from decoded, Lanczos3, new buffers", ms);
    let (ms, _) = each(&screens, |d| {
        again(d, PhotoSize::Email, lanczos).pixels.len()
    });
    line("resize email from screen, Lanczos3, reused buffers", ms);
    let emails: Vec<Rgb> = screens
        .iter()
        .map(|d| fresh(d, PhotoSize::Email, lanczos))
        .collect();
    for (label, alg) in [
        ("Lanczos3", lanczos),
        ("CatmullRom", ResizeAlg::Convolution(FilterType::CatmullRom)),
        (
            "Lanczos3 after a 2x box",
            ResizeAlg::SuperSampling(FilterType::Lanczos3, 2),
        ),
    ] {
        let (ms, _) = each(&emails, |d| again(d, PhotoSize::Thumb, alg).pixels.len());
        line(
            &format!("resize thumb from email, {label}, reused buffers"),
            ms,
        );
    }
    let thumbs: Vec<Rgb> = emails
        .iter()
        .map(|d| fresh(d, PhotoSize::Thumb, lanczos))
        .collect();

    for (size, images) in [
        (PhotoSize::Screen, &screens),
        (PhotoSize::Email, &emails),
        (PhotoSize::Thumb, &thumbs),
    ] {
        let q = size.quality();
        let (on, on_bytes) = each(images, |i| encode(i, q, true));
        let (off, off_bytes) = each(images, |i| encode(i, q, false));
        line(
            &format!("encode {} Q{q}, optimised Huffman", size.as_str()),
            on,
        );
        line(
            &format!(
                "encode {} Q{q}, standard Huffman ({:+.1}% bytes)",
                size.as_str(),
                (off_bytes as f64 / on_bytes as f64 - 1.0) * 100.0
            ),
            off,
        );
    }

    // The size cost of standard Huffman tables on real camera files too.
    if let Some(dir) = std::env::var_os("LOTBOOK_TEST_PHOTOS") {
        let real: Vec<Rgb> = std::fs::read_dir(Path::new(&dir).join("mobile"))
            .into_iter()
            .flatten()
            .filter_map(|e| std::fs::read(e.ok()?.path()).ok())
            .filter_map(|b| decode::decode("x.jpg", &b, PhotoFormat::Jpeg, 1920).ok())
            .map(|d| d.image.clone())
            .collect();
        for size in [PhotoSize::Screen, PhotoSize::Email] {
            let images: Vec<Rgb> = real.iter().map(|i| fresh(i, size, lanczos)).collect();
            let q = size.quality();
            let on: usize = images.iter().map(|i| encode(i, q, true)).sum();
            let off: usize = images.iter().map(|i| encode(i, q, false)).sum();
            println!(
                "  {} of {} real phone photos: standard Huffman {:+.1}% bytes",
                size.as_str(),
                images.len(),
                (off as f64 / on as f64 - 1.0) * 100.0
            );
        }
    }

    let (ms, _) = each(&decoded, |d| derive::derive_all(d).expect("derive").len());
    line("derive_all (every size, new buffers)", ms);
    let scratch = std::cell::RefCell::new(derive::Scratch::default());
    let (ms, _) = each(&decoded, |d| {
        derive::derive_all_with(d, &mut scratch.borrow_mut())
            .expect("derive")
            .len()
    });
    line(
        "derive_all_with (every size, as an import worker makes them)",
        ms,
    );
    // Each pass into a library of its own: nothing is there already.
    let pass = std::cell::Cell::new(0);
    let (ms, _) = each(files, |f| {
        pass.set(pass.get() + 1);
        let lib = PhotoLibrary::open(&data.join(pass.get().to_string())).expect("library");
        prepare::prepare(&lib, f).expect("prepare").bytes as usize
    });
    line("prepare (one whole photo: copy, decode, derive, fsync)", ms);
    let _ = std::fs::remove_dir_all(&data);
}
