//! The panel diagram: one SVG of the car, after the printed
//! 성능·상태점검기록부's diagram. On the left the outer panels (외판) on a top
//! view of the car (front at the top, the car's left on the viewer's left),
//! with the doors, fenders, quarter panels and sills along its sides; on the
//! right the frame (주요골격) on the body shell. Every panel is a shape in a
//! `<g data-panel="<key>" class="panel">` together with its name (inside big
//! shapes, beside the car with a leader line for the others), so the PNG names
//! every panel and a click on the name selects the panel too. Marks are the
//! form's letters in their colours; a legend and the accident rule close it.
//! The same SVG renders to PNG (resvg) for email and print: inline attributes
//! only, no CSS, no external resources.

use std::fmt::Write as _;

use super::panels::{panel, Mark, PanelRank, PANELS};
use super::summary::Lang;

/// The outer view above the frame view, the legend under them: 600 px wide,
/// the width an email shows it at, so its 15 px names read as 15 px there
/// and at ≥ 11 px in the app down to a 440 px wide card. (Side by side, at
/// 1000 px wide, the names were ~7 px in the email and ~10 px in the app.)
pub const WIDTH: u32 = 600;
pub const HEIGHT: u32 = 1440;

/// Each view is drawn in its own coordinates, `VIEW_W` wide, the car's
/// centreline at `VIEW_W / 2`, and moved to its place by `View::at`. The
/// names beside the car reach out of that width by up to ~35 px each side,
/// inside the drawing's margins.
const VIEW_W: f32 = 500.0;
/// How far below the outer view the frame view starts.
const VIEW_H: f32 = 640.0;

#[derive(Clone, Copy, PartialEq, Eq)]
enum View {
    Outer,
    Frame,
}

impl View {
    /// Where the view's origin sits in the drawing.
    fn at(self) -> (f32, f32) {
        let x = (WIDTH as f32 - VIEW_W) / 2.0;
        match self {
            View::Outer => (x, 0.0),
            View::Frame => (x, VIEW_H),
        }
    }
}

mod shapes;

use shapes::{Label, Shape, Stack, LABEL_IN, LEADER_IN, SHAPES};

/// The outline of the car seen from above, nose at the top.
const BODY: &str = "M167 58 L333 58 C362 58 372 77 373 114 L373 566 C372 599 359 613 330 613 L170 613 C141 613 128 599 127 566 L127 114 C128 77 138 58 167 58 Z";

fn shape(key: &str) -> Option<&'static Shape> {
    SHAPES.iter().find(|s| s.key == key)
}

/// Where a panel's first mark is drawn, in the diagram's coordinates.
pub fn mark_centre(key: &str) -> Option<(f32, f32)> {
    shape(key).map(|s| (s.view.at().0 + s.centre.0, s.view.at().1 + s.centre.1))
}

/// A mark's circle: full size, or compact where a small panel has more
/// marks than fit along it.
#[derive(Clone, Copy)]
struct MarkSize {
    r: f32,
    font: f32,
    step: f32,
}

const MARK: MarkSize = MarkSize {
    r: 12.0,
    font: 14.0,
    step: 26.0,
};
const MARK_COMPACT: MarkSize = MarkSize {
    r: 9.0,
    font: 11.0,
    step: 19.0,
};

fn mark_size(shape: &Shape, count: usize) -> MarkSize {
    let along = |p: &(f32, f32)| {
        if shape.stack == Stack::Across {
            p.0
        } else {
            p.1
        }
    };
    let (lo, hi) = shape
        .points
        .iter()
        .map(along)
        .fold((f32::MAX, f32::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if count as f32 * MARK.step > hi - lo {
        MARK_COMPACT
    } else {
        MARK
    }
}

/// Where the n-th mark of a panel goes (view coordinates): the first on the
/// panel's centre, the next ones along the panel as `Shape::stack` says.
fn mark_spot(shape: &Shape, n: usize, size: MarkSize) -> (f32, f32) {
    let k = match (shape.stack, n) {
        (_, 0) => 0.0,
        (Stack::Below, n) => n as f32,
        (Stack::Above, n) => -(n as f32),
        (_, n) if n % 2 == 1 => n.div_ceil(2) as f32,
        (_, n) => -((n / 2) as f32),
    };
    let (x, y) = shape.centre;
    match shape.stack {
        Stack::Across => (x + k * size.step, y),
        _ => (x, y + k * size.step),
    }
}

/// A polygon with its corners rounded (each by `r` or less on short edges)
/// as path data.
fn rounded(points: &[(f32, f32)], r: f32) -> String {
    let n = points.len();
    let mut d = String::new();
    for i in 0..n {
        let (px, py) = points[(i + n - 1) % n];
        let (x, y) = points[i];
        let (nx, ny) = points[(i + 1) % n];
        let (l1, l2) = (
            ((px - x).powi(2) + (py - y).powi(2)).sqrt(),
            ((nx - x).powi(2) + (ny - y).powi(2)).sqrt(),
        );
        let rr = r.min(l1 / 2.0).min(l2 / 2.0);
        let (ax, ay) = (x + (px - x) / l1 * rr, y + (py - y) / l1 * rr);
        let (bx, by) = (x + (nx - x) / l2 * rr, y + (ny - y) / l2 * rr);
        let _ = write!(
            d,
            "{}{ax:.1} {ay:.1} Q{x:.1} {y:.1} {bx:.1} {by:.1} ",
            if i == 0 { "M" } else { "L" }
        );
    }
    d.push('Z');
    d
}

const FONT: &str = "'Noto Sans CJK KR', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif";

/// Panel names and legend words: 15 px at the email's 600 px, ≥ 11 px in
/// the app (see [`WIDTH`]).
pub const LABEL_SIZE: f32 = 15.0;

/// Text colours: names and words, notes, the selected panel.
const INK: &str = "#1f2933";
const MUTED: &str = "#5c6b7a";
const SELECTED: &str = "#0b5cad";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The car under the panels: tyres and mirrors (under the body), the body,
/// and on the outer view the windscreen and rear window.
fn car(out: &mut String, view: View) {
    let (tyre, body_fill, body_stroke) = match view {
        View::Outer => ("#2f3640", "#dfe4e9", "#4a5663"),
        View::Frame => ("#c4cbd3", "#eef1f4", "#8a96a3"),
    };
    for (x, y) in [
        (112.0, 148.0),
        (365.0, 148.0),
        (112.0, 477.0),
        (365.0, 477.0),
    ] {
        let _ = write!(
            out,
            r##"<rect x="{x}" y="{y}" width="23" height="68" rx="7" fill="{tyre}"/>"##
        );
    }
    if view == View::Outer {
        // Side mirrors, at the front of the front doors.
        for x in [114.0, 370.0] {
            let _ = write!(
                out,
                r##"<rect x="{x}" y="238" width="16" height="14" rx="4" fill="#5c6b7a"/>"##
            );
        }
    }
    let _ = write!(
        out,
        r##"<path d="{BODY}" fill="{body_fill}" stroke="{body_stroke}" stroke-width="2"/>"##
    );
    if view == View::Outer {
        for points in [
            &[
                (196.0, 235.0),
                (304.0, 235.0),
                (296.0, 270.0),
                (204.0, 270.0),
            ],
            &[
                (204.0, 440.0),
                (296.0, 440.0),
                (303.0, 466.0),
                (197.0, 466.0),
            ],
        ] {
            let _ = write!(
                out,
                r##"<path d="{}" fill="#c5d3e0" stroke="#8797a8" stroke-width="1"/>"##,
                rounded(points, 7.0)
            );
        }
    }
}

/// The diagram as SVG text. `marks` are (panel key, marks); `selected`
/// outlines one panel (the editor's focus).
pub fn svg(marks: &[(String, Vec<Mark>)], lang: Lang, selected: Option<&str>) -> String {
    let marks_of = |key: &str| -> &[Mark] {
        marks
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, m)| m.as_slice())
            .unwrap_or(&[])
    };
    let mut out = String::new();
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONT}">"##
    );
    out.push_str(r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    let (outer_title, frame_title, front) = match lang {
        Lang::Ko => ("외판", "주요골격", "앞"),
        Lang::En => ("Outer panels", "Frame", "front"),
    };
    for view in [View::Outer, View::Frame] {
        let title = match view {
            View::Outer => outer_title,
            View::Frame => frame_title,
        };
        let _ = write!(
            out,
            r##"<g transform="translate({} {})"><text x="{cx}" y="29" font-size="22" font-weight="700" text-anchor="middle" fill="{INK}">{}</text><text x="{cx}" y="49" font-size="14" text-anchor="middle" fill="{MUTED}">▲ {}</text>"##,
            view.at().0,
            view.at().1,
            escape(title),
            escape(front),
            cx = VIEW_W / 2.0,
        );
        car(&mut out, view);
        for shape in SHAPES.iter().filter(|s| s.view == view) {
            draw_panel(&mut out, shape, marks_of(shape.key), lang, selected);
        }
        // Marks last, over every panel and leader.
        for shape in SHAPES.iter().filter(|s| s.view == view) {
            let marks = marks_of(shape.key);
            let size = mark_size(shape, marks.len());
            for (n, mark) in marks.iter().enumerate() {
                let (cx, cy) = mark_spot(shape, n, size);
                let _ = write!(
                    out,
                    r##"<g data-panel="{key}" class="mark"><circle cx="{cx}" cy="{cy}" r="{r}" fill="{c}" stroke="#ffffff" stroke-width="1.5"/><text x="{cx}" y="{ty}" font-size="{f}" font-weight="700" text-anchor="middle" fill="#ffffff">{l}</text></g>"##,
                    key = shape.key,
                    r = size.r,
                    f = size.font,
                    c = mark.color(),
                    ty = cy + size.font * 0.35,
                    l = mark.as_str(),
                );
            }
        }
        out.push_str("</g>");
    }
    legend(&mut out, lang);
    out.push_str("</svg>");
    out
}

/// One panel: its shape, name and (for names beside the car) leader line,
/// all in one `data-panel` group.
fn draw_panel(out: &mut String, shape: &Shape, marks: &[Mark], lang: Lang, selected: Option<&str>) {
    let Some(info) = panel(shape.key) else {
        return;
    };
    let frame = info.rank.is_frame();
    let fill = match marks.first() {
        Some(first) => format!("{}38", first.color()),
        None if frame || info.rank == PanelRank::Outer2 => "#f1f4f7".to_owned(),
        None => "#fbfcfd".to_owned(),
    };
    let is_selected = selected == Some(shape.key);
    let (stroke, width) = if is_selected {
        (SELECTED, 3.5)
    } else {
        ("#5c6b7a", 1.25)
    };
    let name = escape(match lang {
        Lang::Ko => info.ko,
        Lang::En => info.en,
    });
    let _ = write!(
        out,
        r##"<g data-panel="{key}" class="panel"><title>{name}</title><path d="{d}" fill="{fill}" stroke="{stroke}" stroke-width="{width}" stroke-linejoin="round"/>"##,
        key = shape.key,
        d = rounded(shape.points, shape.radius),
    );
    // Marked and selected panels' names stand out.
    let (color, weight) = if is_selected {
        (SELECTED, "700")
    } else if !marks.is_empty() {
        (INK, "700")
    } else {
        ("#3e4c59", "400")
    };
    let text = |out: &mut String, x: f32, y: f32, anchor: &str| {
        let _ = write!(
            out,
            r##"<text x="{x}" y="{y}" font-size="{LABEL_SIZE}" font-weight="{weight}" text-anchor="{anchor}" fill="{color}">{name}</text>"##
        );
    };
    let leader = |out: &mut String, x: f32, y: f32, to: (f32, f32)| {
        let _ = write!(
            out,
            r##"<polyline points="{x},{y} {x2},{y} {tx},{ty}" fill="none" stroke="#8a96a3" stroke-width="1"/><circle cx="{tx}" cy="{ty}" r="2.5" fill="#5c6b7a"/>"##,
            x2 = if (to.1 - y).abs() < 0.5 {
                to.0
            } else {
                x + (to.0 - x).signum() * 12.0
            },
            tx = to.0,
            ty = to.1,
        );
    };
    match shape.label {
        Label::Inside(x, y) => text(out, x, y, "middle"),
        Label::Left { y, to } => {
            leader(out, LEADER_IN, y, to);
            text(out, LABEL_IN, y + 5.0, "end");
        }
        Label::Right { y, to } => {
            leader(out, VIEW_W - LEADER_IN, y, to);
            text(out, VIEW_W - LABEL_IN, y + 5.0, "start");
        }
        Label::Start { at: (x, y), to } => {
            leader(out, x - 6.0, to.1, to);
            text(out, x, y, "start");
        }
        Label::End { at: (x, y), to } => {
            leader(out, x + 6.0, to.1, to);
            text(out, x, y, "end");
        }
    }
    out.push_str("</g>");
}

/// A rough width of `text` at `size` px in Noto Sans CJK (Hangul is one em,
/// Latin about half), enough to lay out the legend evenly.
fn text_width(text: &str, size: f32) -> f32 {
    text.chars()
        .map(|c| match c {
            ' ' => 0.26,
            c if c as u32 >= 0x1100 => 1.0,
            'i' | 'l' | '/' | '(' | ')' | '.' | ',' => 0.3,
            'm' | 'w' | 'M' | 'W' => 0.85,
            _ => 0.55,
        })
        .sum::<f32>()
        * size
}

/// The six marks with their words in two centred rows of three, and the
/// accident rule under them.
fn legend(out: &mut String, lang: Lang) {
    const RULE: f32 = 2.0 * VIEW_H + 8.0;
    const ROW: f32 = RULE + 30.0;
    const ROW_GAP: f32 = 36.0;
    const GAP: f32 = 36.0;
    let _ = write!(
        out,
        r##"<line x1="24" y1="{RULE}" x2="{}" y2="{RULE}" stroke="#d5dbe1"/>"##,
        WIDTH - 24
    );
    // An item: the mark's circle, 8 px, its word.
    let word_x = 2.0 * MARK.r + 8.0;
    let items: Vec<(Mark, &str, f32)> = Mark::ALL
        .iter()
        .map(|&m| {
            let word = m.name(lang);
            (m, word, word_x + text_width(word, LABEL_SIZE))
        })
        .collect();
    for (row, items) in items.chunks(3).enumerate() {
        let y = ROW + row as f32 * ROW_GAP;
        legend_row(out, items, y, GAP);
    }
    let note: &[&str] = match lang {
        Lang::Ko => &[
            "외판 2랭크(루프·쿼터 패널·사이드실)나 주요골격의",
            "교환(X)·판금/용접(W) = 사고",
            "그 밖의 외판 교환·판금 = 단순수리",
        ],
        Lang::En => &[
            "Replacing (X) or welding (W) the roof, a quarter panel,",
            "a side sill or any frame part = accident history;",
            "other outer panels = simple repair",
        ],
    };
    for (n, line) in note.iter().enumerate() {
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" font-size="13" text-anchor="middle" fill="{MUTED}">{}</text>"##,
            WIDTH / 2,
            ROW + ROW_GAP + 36.0 + n as f32 * 19.0,
            escape(line)
        );
    }
}

/// One centred row of legend items (mark, word, width).
fn legend_row(out: &mut String, items: &[(Mark, &str, f32)], y: f32, gap: f32) {
    const ROW: f32 = 0.0;
    let total = items.iter().map(|i| i.2).sum::<f32>() + gap * (items.len().max(1) - 1) as f32;
    let mut x = (WIDTH as f32 - total) / 2.0;
    let word_x = 2.0 * MARK.r + 8.0;
    let _ = write!(out, r##"<g transform="translate(0 {y})">"##);
    for &(mark, word, width) in items {
        let cx = x + MARK.r;
        let _ = write!(
            out,
            r##"<circle cx="{cx}" cy="{ROW}" r="{r}" fill="{c}"/><text x="{cx}" y="{ly}" font-size="{f}" font-weight="700" text-anchor="middle" fill="#ffffff">{l}</text><text x="{tx}" y="{ty}" font-size="{LABEL_SIZE}" fill="{INK}">{word}</text>"##,
            r = MARK.r,
            f = MARK.font,
            c = mark.color(),
            l = mark.as_str(),
            ly = ROW + MARK.font * 0.35,
            tx = x + word_x,
            ty = ROW + 5.0,
            word = escape(word),
        );
        x += width + gap;
    }
    out.push_str("</g>");
}

/// Every panel has a shape (checked by a test, so a new panel cannot be
/// forgotten in the drawing).
pub fn missing_shapes() -> Vec<&'static str> {
    PANELS
        .iter()
        .map(|p| p.key)
        .filter(|k| mark_centre(k).is_none())
        .collect()
}

/// The diagram as a PNG `scale` times its SVG size (2 for print and retina
/// mail). Text uses the system's fonts (Noto CJK on Linux, Apple SD Gothic
/// Neo on macOS, Malgun Gothic on Windows).
pub fn png(svg: &str, scale: f32) -> crate::Result<Vec<u8>> {
    use resvg::{tiny_skia, usvg};
    // Loading the system fonts takes longer than drawing: once per process.
    static FONTS: std::sync::OnceLock<std::sync::Arc<usvg::fontdb::Database>> =
        std::sync::OnceLock::new();
    let fonts = FONTS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_system_fonts();
        std::sync::Arc::new(db)
    });
    let options = usvg::Options {
        fontdb: fonts.clone(),
        ..Default::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)
        .map_err(|e| crate::Error::Other(format!("condition diagram: {e}")))?;
    let (w, h) = (
        (WIDTH as f32 * scale) as u32,
        (HEIGHT as f32 * scale) as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(w, h)
        .ok_or_else(|| crate::Error::Other("condition diagram has no size".into()))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder
            .write_header()
            .map_err(|e| crate::Error::Other(format!("condition diagram PNG: {e}")))?;
        // Opaque (white first), so premultiplied RGBA equals straight RGBA.
        writer
            .write_image_data(pixmap.data())
            .map_err(|e| crate::Error::Other(format!("condition diagram PNG: {e}")))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
