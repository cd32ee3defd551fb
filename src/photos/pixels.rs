//! An 8-bit RGB image in memory and the eight EXIF orientations.

/// Packed RGB, 3 bytes per pixel, no row padding.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rgb {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

impl Rgb {
    pub fn long_edge(&self) -> u32 {
        self.width.max(self.height)
    }

    /// Turns the image upright for EXIF `orientation` (1–8; anything else is
    /// taken as 1, as cameras that write nonsense mean "as stored").
    pub fn oriented(self, orientation: u16) -> Rgb {
        if !(2..=8).contains(&orientation) {
            return self;
        }
        let (w, h) = (self.width as usize, self.height as usize);
        let swap = orientation >= 5;
        let (ow, oh) = if swap { (h, w) } else { (w, h) };
        let mut out = vec![0u8; self.pixels.len()];
        for y in 0..h {
            let row = &self.pixels[y * w * 3..(y + 1) * w * 3];
            for x in 0..w {
                // Where the stored pixel (x, y) lands in the upright image.
                let (nx, ny) = match orientation {
                    2 => (w - 1 - x, y),
                    3 => (w - 1 - x, h - 1 - y),
                    4 => (x, h - 1 - y),
                    5 => (y, x),
                    6 => (h - 1 - y, x),
                    7 => (h - 1 - y, w - 1 - x),
                    _ => (y, w - 1 - x), // 8
                };
                let dst = (ny * ow + nx) * 3;
                out[dst..dst + 3].copy_from_slice(&row[x * 3..x * 3 + 3]);
            }
        }
        Rgb {
            width: ow as u32,
            height: oh as u32,
            pixels: out,
        }
    }
}
