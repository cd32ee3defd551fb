//! Shrinking an image while its rows stream in: each k×k block of pixels is
//! averaged (a box filter, libvips' "shrink on load"), so a 100 MP PNG
//! needed at 1920 px never exists in memory at full size. The last step to
//! the exact size is Lanczos, in `derive.rs`.

use super::pixels::Rgb;

/// The largest whole factor that keeps the long edge at least
/// `min_long_edge` (1: no shrinking).
pub fn factor(width: u32, height: u32, min_long_edge: u32) -> u32 {
    (width.max(height) / min_long_edge.max(1)).max(1)
}

/// Size of `(width, height)` shrunk by `k` (a partial block at the right or
/// bottom edge still makes a pixel).
pub fn shrunk(width: u32, height: u32, k: u32) -> (u32, u32) {
    (width.div_ceil(k), height.div_ceil(k))
}

pub struct BoxShrink {
    k: u32,
    width: u32,
    height: u32,
    out_width: u32,
    /// Per output pixel of the band being summed, R, G, B. A block sums at
    /// most k·min(k, height)·255, which stays far inside u32 for images up
    /// to 100 MP.
    sums: Vec<u32>,
    band_rows: u32,
    rows: u32,
    out: Vec<u8>,
}

impl BoxShrink {
    pub fn new(width: u32, height: u32, k: u32) -> BoxShrink {
        let k = k.max(1);
        let (out_width, out_height) = shrunk(width, height, k);
        BoxShrink {
            k,
            width,
            height,
            out_width,
            sums: if k > 1 {
                vec![0; out_width as usize * 3]
            } else {
                Vec::new()
            },
            band_rows: 0,
            rows: 0,
            out: Vec::with_capacity(out_width as usize * out_height as usize * 3),
        }
    }

    /// Adds the next row: packed RGB, `width` pixels (longer is cut, rows
    /// past `height` are ignored).
    pub fn push(&mut self, row: &[u8]) {
        if self.rows >= self.height {
            return;
        }
        self.rows += 1;
        let row = &row[..row.len().min(self.width as usize * 3)];
        if self.k == 1 {
            self.out.extend_from_slice(row);
            return;
        }
        let block = self.k as usize * 3;
        for (pixels, sum) in row.chunks(block).zip(self.sums.chunks_exact_mut(3)) {
            for px in pixels.chunks_exact(3) {
                sum[0] += u32::from(px[0]);
                sum[1] += u32::from(px[1]);
                sum[2] += u32::from(px[2]);
            }
        }
        self.band_rows += 1;
        if self.band_rows == self.k || self.rows == self.height {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let k = self.k;
        for (x, sum) in self.sums.chunks_exact_mut(3).enumerate() {
            let cols = k.min(self.width - x as u32 * k);
            let n = cols * self.band_rows;
            for c in sum {
                self.out.push(((*c + n / 2) / n) as u8);
                *c = 0;
            }
        }
        self.band_rows = 0;
    }

    /// Rows received so far.
    pub fn rows(&self) -> u32 {
        self.rows
    }

    /// The shrunk image; `None` unless every row arrived.
    pub fn finish(self) -> Option<Rgb> {
        if self.rows < self.height {
            return None;
        }
        let height = (self.out.len() / (self.out_width as usize * 3).max(1)) as u32;
        Some(Rgb {
            width: self.out_width,
            height,
            pixels: self.out,
        })
    }
}

#[cfg(test)]
mod tests;
