use super::*;

/// A grey image whose pixel (x, y) is `f(x, y)` on every channel.
fn rows(width: u32, height: u32, f: impl Fn(u32, u32) -> u8) -> Vec<Vec<u8>> {
    (0..height)
        .map(|y| (0..width).flat_map(|x| [f(x, y); 3]).collect())
        .collect()
}

fn grey(image: &Rgb) -> Vec<u8> {
    image.pixels.chunks_exact(3).map(|p| p[0]).collect()
}

#[test]
fn the_factor_keeps_the_long_edge_at_least_the_size_asked() {
    assert_eq!(factor(11_500, 8_600, 1920), 5); // 2300 px
    assert_eq!(factor(8_600, 11_500, 1920), 5);
    assert_eq!(factor(4000, 3000, 1920), 2); // 2000 px
    assert_eq!(factor(3839, 100, 1920), 1);
    assert_eq!(factor(1200, 800, 1920), 1);
    assert_eq!(factor(65_000, 1_500, 1920), 33);
    for (w, h) in [(11_500, 8_600), (3840, 2160), (100_000, 1000), (1921, 1)] {
        let k = factor(w, h, 1920);
        let (sw, sh) = shrunk(w, h, k);
        assert!(sw.max(sh) >= 1920, "{w}x{h} by {k}");
    }
}

#[test]
fn blocks_are_averaged_and_partial_edge_blocks_count_their_own_pixels() {
    // 5×3 by 2: blocks of 2×2, 2×2, 1×2 on top; 2×1, 2×1, 1×1 below.
    let mut s = BoxShrink::new(5, 3, 2);
    for row in rows(5, 3, |x, y| (x * 10 + y * 100) as u8) {
        s.push(&row);
    }
    let out = s.finish().expect("all rows");
    assert_eq!((out.width, out.height), (3, 2));
    // (0+10+100+110)/4 = 55, (20+30+120+130)/4 = 75, (40+140)/2 = 90,
    // (200+210)/2 = 205, (220+230)/2 = 225, 240.
    assert_eq!(grey(&out), vec![55, 75, 90, 205, 225, 240]);
}

#[test]
fn factor_one_passes_rows_through() {
    let input = rows(4, 2, |x, y| (x + 4 * y) as u8);
    let mut s = BoxShrink::new(4, 2, 1);
    for row in &input {
        s.push(row);
    }
    let out = s.finish().expect("all rows");
    assert_eq!(out.pixels, input.concat());
}

#[test]
fn a_short_frame_is_not_an_image_and_extra_rows_are_ignored() {
    let input = rows(6, 6, |_, _| 7);
    let mut s = BoxShrink::new(6, 6, 3);
    for row in &input[..5] {
        s.push(row);
    }
    assert_eq!(s.rows(), 5);
    assert!(s.finish().is_none());

    let mut s = BoxShrink::new(6, 6, 3);
    for row in input.iter().chain(&input) {
        s.push(row);
    }
    let out = s.finish().expect("all rows");
    assert_eq!(grey(&out), vec![7; 4]);
}
