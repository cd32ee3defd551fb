//! Photo-like JPEGs for tests and benchmarks: smooth sky and ground
//! gradients, a car-sized blob of colour with edges, fine texture and sensor
//! noise, so a JPEG has the entropy (and size) of a real camera file.

/// xorshift: deterministic noise without a dependency.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// RGB pixels of a `width`×`height` frame, different for every `seed`.
pub fn synth(seed: u64, width: usize, height: usize) -> Vec<u8> {
    let mut noise = Noise(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let (cx, cy) = (
        width * 3 / 10 + (seed as usize * 37) % (width * 2 / 5),
        height / 2 + (seed as usize * 53) % (height / 5),
    );
    let radius = (height / 6) as i64;
    let body = [
        (seed * 71 % 255) as i32,
        (seed * 113 % 255) as i32,
        (seed * 29 % 255) as i32,
    ];
    let mut px = vec![0u8; width * height * 3];
    for y in 0..height {
        for x in 0..width {
            let n = (noise.next() % 24) as i32 - 12;
            let texture =
                (((x * 7 + y * 3) % 23) as i32 - 11) / 2 + (((x ^ y) % 17) as i32 - 8) / 3;
            let sky = y < height * 2 / 5;
            let mut rgb = if sky {
                let t = (y * 3000 / height) as i32;
                [120 + t / 20, 160 + t / 25, 220]
            } else {
                let g = 70 + ((y - height * 2 / 5) * 3000 / height / 30) as i32;
                [g, g, g + 5]
            };
            let (dx, dy) = (x as i64 - cx as i64, y as i64 - cy as i64);
            if dx * dx / 4 + dy * dy < radius * radius {
                rgb = body;
            }
            let i = (y * width + x) * 3;
            for c in 0..3 {
                px[i + c] = (rgb[c] + texture + n).clamp(0, 255) as u8;
            }
        }
    }
    px
}

/// A photo-like JPEG (quality 92, as cameras write).
pub fn jpeg(seed: u64, width: usize, height: usize) -> Vec<u8> {
    let px = synth(seed, width, height);
    let image = turbojpeg::Image {
        pixels: px.as_slice(),
        width,
        pitch: width * 3,
        height,
        format: turbojpeg::PixelFormat::RGB,
    };
    turbojpeg::compress(image, 92, turbojpeg::Subsamp::Sub2x2)
        .expect("encode")
        .to_vec()
}
