//! Photo import against the real test photos in ../shared/testdata/photos,
//! with an independent reader (exiftool) for metadata.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

use lotbook::photos::{ImportResult, ImportSummary, PhotoSize};
use lotbook::Store;

fn testdata(sub: &str) -> PathBuf {
    common::test_photos().join(sub)
}

fn files(sub: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(testdata(sub))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e != "md"))
        .collect();
    v.sort();
    v
}

fn car(store: &mut Store) -> String {
    let lot = common::lot(store, "월평동");
    store
        .save_vehicle(&common::vehicle(&lot, "SM520"))
        .unwrap()
        .id
}

fn import(store: &mut Store, vehicle: &str, paths: &[PathBuf]) -> ImportSummary {
    store
        .import_photos(vehicle, paths, &AtomicBool::new(false), |_| {})
        .unwrap()
}

fn imported_hash(r: &ImportResult) -> &str {
    match r {
        ImportResult::Imported { photo } => &photo.hash,
        other => panic!("expected imported, got {other:?}"),
    }
}

fn decode(path: &Path) -> turbojpeg::Image<Vec<u8>> {
    let bytes = std::fs::read(path).unwrap();
    turbojpeg::decompress(&bytes, turbojpeg::PixelFormat::RGB).unwrap()
}

/// Mean absolute difference per channel of two same-size RGB images.
fn diff(a: &turbojpeg::Image<Vec<u8>>, b: &turbojpeg::Image<Vec<u8>>) -> f64 {
    assert_eq!((a.width, a.height), (b.width, b.height));
    let sum: u64 = a
        .pixels
        .iter()
        .zip(&b.pixels)
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    sum as f64 / a.pixels.len() as f64
}

fn mirrored(img: &turbojpeg::Image<Vec<u8>>) -> turbojpeg::Image<Vec<u8>> {
    let mut out = img.clone();
    for y in 0..img.height {
        for x in 0..img.width {
            let s = (y * img.width + x) * 3;
            let d = (y * img.width + (img.width - 1 - x)) * 3;
            out.pixels[d..d + 3].copy_from_slice(&img.pixels[s..s + 3]);
        }
    }
    out
}

#[test]
fn every_orientation_ends_upright() {
    let (_dir, mut store) = common::store();
    let v = car(&mut store);
    for set in ["landscape", "portrait"] {
        let paths: Vec<PathBuf> = (1..=8)
            .map(|n| testdata("orientation").join(format!("{set}_{n}.jpg")))
            .collect();
        let s = import(&mut store, &v, &paths);
        let hashes: Vec<String> = s
            .items
            .iter()
            .map(|i| imported_hash(&i.result).to_owned())
            .collect();
        for size in [PhotoSize::Thumb, PhotoSize::Screen] {
            let images: Vec<_> = hashes
                .iter()
                .map(|h| decode(&store.photos().derived_path(size, h).unwrap()))
                .collect();
            let reference = &images[0];
            if set == "portrait" {
                assert!(reference.height > reference.width, "{set} stays portrait");
            } else {
                assert!(reference.width > reference.height, "{set} stays landscape");
            }
            // The comparison can fail: a mirror image is far from upright.
            assert!(diff(reference, &mirrored(reference)) > 20.0);
            for (n, img) in images.iter().enumerate().skip(1) {
                let d = diff(reference, img);
                assert!(
                    d < 10.0,
                    "{set}_{} differs from {set}_1 by {d:.1} ({size:?})",
                    n + 1
                );
            }
        }
    }
}

/// Tags exiftool finds in a file, as "Group:Tag" names.
fn exif_tags(path: &Path) -> Vec<String> {
    let out = Command::new("exiftool")
        .args(["-json", "-G", "-a", "-u"])
        .arg(path)
        .output()
        .expect("exiftool (libimage-exiftool-perl) is installed by scripts/setup.sh");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json[0].as_object().unwrap().keys().cloned().collect()
}

fn metadata_tags(tags: &[String]) -> Vec<&String> {
    tags.iter()
        .filter(|t| {
            t.contains("GPS")
                || ["EXIF:", "XMP", "MakerNotes:", "IPTC:", "ICC_Profile:"]
                    .iter()
                    .any(|g| t.starts_with(g))
        })
        .collect()
}

#[test]
fn nothing_derived_carries_gps_or_exif_and_originals_stay_exact() {
    let (_dir, mut store) = common::store();
    let v = car(&mut store);
    let mut paths = files("gps");
    paths.extend(files("mobile"));
    let s = import(&mut store, &v, &paths);
    // The sources really carry GPS, so the check below means something.
    assert!(exif_tags(&paths[0]).iter().any(|t| t.contains("GPS")));
    for (item, source) in s.items.iter().zip(&paths) {
        let ImportResult::Imported { photo } = &item.result else {
            panic!("{} was not imported: {:?}", source.display(), item.result)
        };
        let original = store
            .photos()
            .original_path(&photo.hash, photo.format)
            .unwrap();
        assert_eq!(
            std::fs::read(&original).unwrap(),
            std::fs::read(source).unwrap()
        );
        for size in PhotoSize::ALL {
            let derived = store.photos().derived_path(*size, &photo.hash).unwrap();
            let tags = exif_tags(&derived);
            assert!(
                metadata_tags(&tags).is_empty(),
                "{} ({size:?}) still carries {:?}",
                source.display(),
                metadata_tags(&tags)
            );
            let img = decode(&derived);
            assert!(img.width.max(img.height) as u32 <= size.long_edge());
        }
    }
}

#[test]
fn odd_metadata_imports_or_fails_alone_with_the_file_named() {
    let (_dir, mut store) = common::store();
    let v = car(&mut store);
    let paths = files("odd-exif");
    let s = import(&mut store, &v, &paths);
    assert_eq!(s.items.len(), paths.len());
    for (item, path) in s.items.iter().zip(&paths) {
        if let ImportResult::Refused { message, .. } = &item.result {
            let name = path.file_name().unwrap().to_string_lossy();
            assert!(message.starts_with(&*name), "{message}");
        }
    }
    assert!(
        s.progress.imported as usize >= paths.len() - 1,
        "{:?}",
        s.progress
    );
}

#[test]
fn heic_is_upright_or_refused_by_name() {
    let (_dir, mut store) = common::store();
    let v = car(&mut store);
    let paths = files("heic");
    let s = import(&mut store, &v, &paths);
    for item in &s.items {
        if lotbook::photos::heic_supported() {
            let ImportResult::Imported { photo } = &item.result else {
                panic!("{:?}", item.result)
            };
            // Both test files are portrait once their HEIF rotation is applied.
            assert!(
                photo.height > photo.width,
                "{} is {}x{}",
                item.path,
                photo.width,
                photo.height
            );
            let thumb = decode(
                &store
                    .photos()
                    .derived_path(PhotoSize::Thumb, &photo.hash)
                    .unwrap(),
            );
            assert!(thumb.height > thumb.width);
        } else {
            let ImportResult::Refused { code, message } = &item.result else {
                panic!("{:?}", item.result)
            };
            assert_eq!(code, "unsupported_format");
            assert!(
                message.contains("HEIC") && message.contains("JPEG"),
                "{message}"
            );
        }
    }
}

#[test]
fn duplicates_are_detected_and_files_shared() {
    let (_dir, mut store) = common::store();
    let v = car(&mut store);
    let jolla = testdata("mobile/jolla.jpg");
    let first = import(&mut store, &v, std::slice::from_ref(&jolla));
    let hash = imported_hash(&first.items[0].result).to_owned();
    let again = import(&mut store, &v, &[jolla.clone(), jolla.clone()]);
    assert!(again
        .items
        .iter()
        .all(|i| matches!(i.result, ImportResult::Duplicate { .. })));
    assert_eq!(again.progress.duplicates, 2);

    // Another car may have the same photo; the file is stored once.
    let lot = store.list_lots().unwrap()[0].id.clone();
    let other = store
        .save_vehicle(&common::vehicle(&lot, "SM525"))
        .unwrap()
        .id;
    let s = import(&mut store, &other, std::slice::from_ref(&jolla));
    assert_eq!(imported_hash(&s.items[0].result), hash);
    let originals = walk_files(&store.photos().root().join("originals"));
    assert_eq!(originals.len(), 1);
    assert_eq!(store.list_photos(&v).unwrap().len(), 1);
}

/// Files of one import are synced and moved into place by the thread that
/// writes the rows; the same photo twice in one batch is prepared twice at
/// once and must still end as one set of files, one row, and a shared hash
/// that names the file kept.
#[test]
fn the_same_photo_twice_in_one_batch_is_stored_once() {
    let (_dir, mut store) = common::store();
    let v = car(&mut store);
    let jolla = testdata("mobile/jolla.jpg");
    let s = import(&mut store, &v, &[jolla.clone(), jolla.clone(), jolla]);
    assert_eq!(s.progress.imported, 1);
    assert_eq!(s.progress.duplicates, 2);
    let photo = match &s.items[0].result {
        ImportResult::Imported { photo } => photo.clone(),
        other => panic!("expected imported, got {other:?}"),
    };
    let root = store.photos().root().to_owned();
    assert_eq!(walk_files(&root.join("originals")).len(), 1);
    for size in [PhotoSize::Screen, PhotoSize::Email, PhotoSize::Thumb] {
        let path = store.photos().derived_path(size, &photo.hash).unwrap();
        assert!(path.is_file(), "{size:?}");
    }
    let screen = store
        .photos()
        .derived_path(PhotoSize::Screen, &photo.hash)
        .unwrap();
    let kept = blake3::hash(&std::fs::read(screen).unwrap())
        .to_hex()
        .to_string();
    assert_eq!(photo.shared_hash.as_deref(), Some(kept.as_str()));
    assert!(store.photos().tmp_files().is_empty());
}

fn walk_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk_files(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// A real JPEG whose frame header claims 30000×30000 (a decompression bomb).
fn jpeg_bomb(dest: &Path) {
    let mut bytes = std::fs::read(testdata("orientation/landscape_1.jpg")).unwrap();
    let sof = bytes
        .windows(2)
        .position(|w| w[0] == 0xFF && (w[1] == 0xC0 || w[1] == 0xC2))
        .unwrap();
    bytes[sof + 5..sof + 9].copy_from_slice(&[0x75, 0x30, 0x75, 0x30]);
    std::fs::write(dest, bytes).unwrap();
}

/// A PNG header for 20000×20000 pixels (400 MP) and no pixel data.
fn png_bomb(dest: &Path) {
    let file = std::fs::File::create(dest).unwrap();
    let mut enc = png::Encoder::new(file, 20_000, 20_000);
    enc.set_color(png::ColorType::Rgb);
    let writer = enc.write_header().unwrap();
    drop(writer);
}

#[test]
fn bad_files_fail_alone_with_their_reason_and_the_rest_imports() {
    let (dir, mut store) = common::store();
    let v = car(&mut store);
    let work = dir.path().join("incoming");
    std::fs::create_dir(&work).unwrap();
    let empty = work.join("empty.jpg");
    std::fs::write(&empty, b"").unwrap();
    let text = work.join("notes.jpg");
    std::fs::write(&text, "이 파일은 사진이 아닙니다\n").unwrap();
    let truncated = work.join("cut.jpg");
    let full = std::fs::read(testdata("mobile/jolla.jpg")).unwrap();
    std::fs::write(&truncated, &full[..full.len() / 2]).unwrap();
    let bomb = work.join("bomb.jpg");
    jpeg_bomb(&bomb);
    let png = work.join("bomb.png");
    png_bomb(&png);
    let gif = work.join("anim.gif");
    std::fs::write(&gif, b"GIF89a\x01\x00\x01\x00\x00\x00\x00;").unwrap();
    let missing = work.join("gone.jpg");
    let good = testdata("orientation/landscape_1.jpg");

    let paths = [
        empty,
        good.clone(),
        text,
        truncated,
        bomb,
        png,
        gif,
        missing,
    ];
    let s = import(&mut store, &v, &paths);
    let expect = [
        ("empty.jpg", Some("empty_file")),
        ("landscape_1.jpg", None),
        ("notes.jpg", Some("not_an_image")),
        ("cut.jpg", Some("truncated")),
        ("bomb.jpg", Some("too_large")),
        ("bomb.png", Some("too_large")),
        ("anim.gif", Some("unsupported_format")),
        ("gone.jpg", Some("unreadable")),
    ];
    assert_eq!(s.items.len(), expect.len());
    for (item, (name, code)) in s.items.iter().zip(expect) {
        match (&item.result, code) {
            (ImportResult::Imported { .. }, None) => {}
            (ImportResult::Refused { code: got, message }, Some(want)) => {
                assert_eq!(got, want, "{message}");
                assert!(message.starts_with(name), "{message}");
            }
            (other, _) => panic!("{name}: {other:?}"),
        }
    }
    assert_eq!((s.progress.imported, s.progress.refused), (1, 7));
    assert_eq!(store.list_photos(&v).unwrap().len(), 1);
}

#[test]
fn cancel_keeps_what_finished_and_leaves_nothing_half_done() {
    let (_dir, mut store) = common::store();
    let v = car(&mut store);
    let paths = files("orientation");
    let cancel = AtomicBool::new(false);
    let mut seen = 0;
    let s = store
        .import_photos(&v, &paths, &cancel, |p| {
            seen += 1;
            if p.done >= 1 {
                cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        })
        .unwrap();
    assert!(s.cancelled);
    assert!(seen >= 2, "progress is reported");
    let rows = store.list_photos(&v).unwrap();
    assert!(
        !rows.is_empty() && rows.len() < paths.len(),
        "{} rows",
        rows.len()
    );
    assert_eq!(rows.len(), s.progress.imported as usize);
    for p in &rows {
        assert!(store
            .photos()
            .original_path(&p.hash, p.format)
            .unwrap()
            .is_file());
    }
    assert!(store.photos().tmp_files().is_empty());
}

#[test]
fn gallery_order_cover_caption_delete_and_undo() {
    let (_dir, mut store) = common::store();
    let v = car(&mut store);
    let paths: Vec<PathBuf> = (1..=4)
        .map(|n| testdata("orientation").join(format!("landscape_{n}.jpg")))
        .collect();
    import(&mut store, &v, &paths);
    let ids = |store: &Store| -> Vec<String> {
        store
            .list_photos(&v)
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect()
    };
    let start = ids(&store);
    let names: Vec<String> = store
        .list_photos(&v)
        .unwrap()
        .into_iter()
        .map(|p| p.original_name)
        .collect();
    assert_eq!(
        names,
        [
            "landscape_1.jpg",
            "landscape_2.jpg",
            "landscape_3.jpg",
            "landscape_4.jpg"
        ]
    );

    let changes_before: i64 = count_changes(&store);
    let swapped = vec![
        start[1].clone(),
        start[0].clone(),
        start[2].clone(),
        start[3].clone(),
    ];
    store.reorder_photos(&v, &swapped).unwrap();
    assert_eq!(ids(&store), swapped);
    // Only the two rows that moved record changes (position + updated_at each).
    assert_eq!(count_changes(&store) - changes_before, 4);
    // A photo left out (imported meanwhile) keeps its place after the rest.
    let partial = vec![start[2].clone(), start[1].clone()];
    store.reorder_photos(&v, &partial).unwrap();
    assert_eq!(
        ids(&store),
        [&*start[2], &*start[1], &*start[0], &*start[3]]
    );
    store.reorder_photos(&v, &swapped).unwrap();
    assert!(store
        .reorder_photos(&v, &[start[0].clone(), start[0].clone()])
        .is_err());
    assert!(store
        .reorder_photos(&v, &["someone-else".to_owned()])
        .is_err());

    store.set_cover_photo(&start[3]).unwrap();
    assert_eq!(ids(&store)[0], start[3]);
    let vehicle = store.get_vehicle(&v).unwrap();
    let cover = store.get_photo(&start[3]).unwrap();
    assert_eq!(vehicle.cover_hash.as_deref(), Some(cover.hash.as_str()));

    let captioned = store
        .set_photo_caption(&start[2], "운전석 문 흠집")
        .unwrap();
    assert_eq!(captioned.caption, "운전석 문 흠집");

    let deleted = store.delete_photo(&start[2]).unwrap();
    assert_eq!(ids(&store).len(), 3);
    store.restore_photo(&deleted).unwrap();
    let back = store.get_photo(&start[2]).unwrap();
    assert_eq!(
        (back.position, back.caption.as_str()),
        (deleted.position, "운전석 문 흠집")
    );

    // Deleting the car removes its photos, captured as deletes for sync.
    store.delete_vehicle(&v).unwrap();
    let deletes: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM changes WHERE tbl = 'photos' AND op = 'delete'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(deletes, 1 + 4, "one manual delete, four by cascade");
}

fn count_changes(store: &Store) -> i64 {
    store
        .conn()
        .query_row(
            "SELECT count(*) FROM changes WHERE tbl = 'photos'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn missing_derived_files_are_remade_from_the_original() {
    let (_dir, mut store) = common::store();
    let v = car(&mut store);
    let s = import(&mut store, &v, &[testdata("orientation/portrait_6.jpg")]);
    let hash = imported_hash(&s.items[0].result).to_owned();
    let thumb = store
        .photos()
        .derived_path(PhotoSize::Thumb, &hash)
        .unwrap();
    let before = std::fs::read(&thumb).unwrap();
    std::fs::remove_file(&thumb).unwrap();
    let path =
        lotbook::photos::prepare::ensure_derived(store.photos(), PhotoSize::Thumb, &hash).unwrap();
    assert_eq!(std::fs::read(path).unwrap(), before);
}

/// A JPEG of one flat colour, optionally tagged with an ICC profile.
fn flat_jpeg(rgb: [u8; 3], icc: Option<Vec<u8>>) -> Vec<u8> {
    let (w, h) = (64usize, 48usize);
    let pixels: Vec<u8> = (0..w * h).flat_map(|_| rgb).collect();
    let image = turbojpeg::Image {
        pixels: pixels.as_slice(),
        width: w,
        pitch: w * 3,
        height: h,
        format: turbojpeg::PixelFormat::RGB,
    };
    let jpeg = turbojpeg::compress(image, 95, turbojpeg::Subsamp::None)
        .unwrap()
        .to_vec();
    let Some(icc) = icc else { return jpeg };
    let mut parsed = img_parts::jpeg::Jpeg::from_bytes(jpeg.into()).unwrap();
    img_parts::ImageICC::set_icc_profile(&mut parsed, Some(icc.into()));
    let mut out = Vec::new();
    parsed.encoder().write_to(&mut out).unwrap();
    out
}

fn centre_pixel(path: &Path) -> [u8; 3] {
    let img = decode(path);
    let i = (img.height / 2 * img.width + img.width / 2) * 3;
    [img.pixels[i], img.pixels[i + 1], img.pixels[i + 2]]
}

#[test]
fn a_display_p3_photo_is_converted_to_srgb() {
    // The iPhone's own Display P3 profile, read from a test HEIC by exiftool.
    let out = Command::new("exiftool")
        .args(["-b", "-ICC_Profile"])
        .arg(testdata("heic/IMG_5195.HEIC"))
        .output()
        .unwrap();
    assert!(
        out.status.success() && out.stdout.len() > 100,
        "no ICC profile read"
    );
    let (dir, mut store) = common::store();
    let v = car(&mut store);
    let colour = [40, 160, 60]; // a saturated green: P3 and sRGB differ most there
    let plain = dir.path().join("srgb.jpg");
    std::fs::write(&plain, flat_jpeg(colour, None)).unwrap();
    let tagged = dir.path().join("p3.jpg");
    std::fs::write(&tagged, flat_jpeg(colour, Some(out.stdout))).unwrap();
    let s = import(&mut store, &v, &[plain, tagged]);
    let px = |i: usize| {
        let hash = imported_hash(&s.items[i].result).to_owned();
        centre_pixel(
            &store
                .photos()
                .derived_path(PhotoSize::Email, &hash)
                .unwrap(),
        )
    };
    let (untagged, p3) = (px(0), px(1));
    let near = |a: [u8; 3], b: [u8; 3]| a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 3);
    assert!(
        near(untagged, colour),
        "an untagged photo keeps its colours: {untagged:?}"
    );
    // P3 green is more saturated than sRGB's: shown in sRGB, its red and
    // blue fall (to about 0 and 40) while green stays about the same.
    assert!(!near(p3, colour), "the P3 photo was not converted: {p3:?}");
    assert!(p3[0] + 20 < colour[0] && p3[2] + 10 < colour[2], "{p3:?}");
}
