//! The panel diagram: one SVG of the car, outer panels unfolded around a
//! top view on the left, frame parts on the right, every panel a shape with
//! `data-panel="<key>"` (the UI makes them clickable), marks drawn as the
//! form's letters in their colours, and a legend. The same SVG renders to PNG
//! (resvg) for email and print.

use std::fmt::Write as _;

use super::panels::{panel, Mark, PanelRank, PANELS};
use super::summary::Lang;

pub const WIDTH: u32 = 960;
pub const HEIGHT: u32 = 720;

/// A panel's shape: a rectangle (x, y, w, h) with a corner radius, in the
/// diagram's coordinates. Rectangles keep the drawing readable at thumbnail
/// size and make each panel's centre (where its marks go) obvious.
struct Shape {
    key: &'static str,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    r: f32,
}

const fn s(key: &'static str, x: f32, y: f32, w: f32, h: f32, r: f32) -> Shape {
    Shape { key, x, y, w, h, r }
}

/// Outer panels: the car seen from above (front at the top), with the doors,
/// fenders, quarter panels and sills unfolded to its sides. Left side of the
/// car on the left.
const OUTER: &[Shape] = &[
    s("radiator_support", 170.0, 88.0, 140.0, 18.0, 4.0),
    s("hood", 170.0, 110.0, 140.0, 120.0, 14.0),
    s("front_fender_l", 92.0, 110.0, 72.0, 120.0, 10.0),
    s("front_fender_r", 316.0, 110.0, 72.0, 120.0, 10.0),
    s("roof", 170.0, 300.0, 140.0, 170.0, 12.0),
    s("front_door_l", 92.0, 236.0, 72.0, 120.0, 6.0),
    s("front_door_r", 316.0, 236.0, 72.0, 120.0, 6.0),
    s("rear_door_l", 92.0, 362.0, 72.0, 120.0, 6.0),
    s("rear_door_r", 316.0, 362.0, 72.0, 120.0, 6.0),
    s("side_sill_l", 64.0, 236.0, 22.0, 246.0, 6.0),
    s("side_sill_r", 394.0, 236.0, 22.0, 246.0, 6.0),
    s("quarter_l", 92.0, 488.0, 72.0, 110.0, 10.0),
    s("quarter_r", 316.0, 488.0, 72.0, 110.0, 10.0),
    s("trunk_lid", 170.0, 500.0, 140.0, 98.0, 14.0),
];

/// Frame parts: the body shell from above, front at the top.
const FRAME: &[Shape] = &[
    s("front_panel", 600.0, 88.0, 200.0, 20.0, 4.0),
    s("cross_member", 600.0, 114.0, 200.0, 18.0, 4.0),
    s("inside_panel_l", 560.0, 100.0, 34.0, 120.0, 6.0),
    s("inside_panel_r", 806.0, 100.0, 34.0, 120.0, 6.0),
    s("side_member_l", 604.0, 140.0, 24.0, 150.0, 6.0),
    s("side_member_r", 772.0, 140.0, 24.0, 150.0, 6.0),
    s("wheel_house_l", 560.0, 226.0, 34.0, 64.0, 14.0),
    s("wheel_house_r", 806.0, 226.0, 34.0, 64.0, 14.0),
    s("dash_panel", 634.0, 244.0, 132.0, 22.0, 4.0),
    s("pillar_a_l", 560.0, 298.0, 34.0, 40.0, 6.0),
    s("pillar_a_r", 806.0, 298.0, 34.0, 40.0, 6.0),
    s("pillar_b_l", 560.0, 378.0, 34.0, 40.0, 6.0),
    s("pillar_b_r", 806.0, 378.0, 34.0, 40.0, 6.0),
    s("pillar_c_l", 560.0, 458.0, 34.0, 40.0, 6.0),
    s("pillar_c_r", 806.0, 458.0, 34.0, 40.0, 6.0),
    s("floor_panel", 634.0, 274.0, 132.0, 210.0, 8.0),
    s("package_tray", 634.0, 490.0, 132.0, 20.0, 4.0),
    s("trunk_floor", 634.0, 516.0, 132.0, 62.0, 8.0),
    s("rear_panel", 600.0, 584.0, 200.0, 18.0, 4.0),
];

/// The centre of a panel's shape, where its first mark is drawn.
pub fn mark_centre(key: &str) -> Option<(f32, f32)> {
    OUTER
        .iter()
        .chain(FRAME)
        .find(|s| s.key == key)
        .map(|s| (s.x + s.w / 2.0, s.y + s.h / 2.0))
}

/// Where the n-th mark of a panel goes: stacked down from the centre.
fn mark_spot(shape: &Shape, n: usize, count: usize) -> (f32, f32) {
    let (cx, cy) = (shape.x + shape.w / 2.0, shape.y + shape.h / 2.0);
    let step = 26.0_f32.min(shape.h.max(shape.w) / count.max(1) as f32);
    let offset = (n as f32 - (count as f32 - 1.0) / 2.0) * step;
    if shape.h >= shape.w {
        (cx, cy + offset)
    } else {
        (cx + offset, cy)
    }
}

const FONT: &str = "'Noto Sans CJK KR', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn mark_label(mark: Mark, lang: Lang) -> &'static str {
    match (mark, lang) {
        (Mark::Exchanged, Lang::Ko) => "교환",
        (Mark::Welded, Lang::Ko) => "판금/용접",
        (Mark::Corroded, Lang::Ko) => "부식",
        (Mark::Scratched, Lang::Ko) => "흠집",
        (Mark::Dented, Lang::Ko) => "요철",
        (Mark::Damaged, Lang::Ko) => "손상",
        (Mark::Exchanged, Lang::En) => "replaced",
        (Mark::Welded, Lang::En) => "sheet metal/weld",
        (Mark::Corroded, Lang::En) => "corrosion",
        (Mark::Scratched, Lang::En) => "scratch",
        (Mark::Dented, Lang::En) => "dent",
        (Mark::Damaged, Lang::En) => "damage",
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
    for (x, title) in [(240.0, outer_title), (700.0, frame_title)] {
        let _ = write!(
            out,
            r##"<text x="{x}" y="40" font-size="22" font-weight="700" text-anchor="middle" fill="#1f2933">{}</text><text x="{x}" y="72" font-size="13" text-anchor="middle" fill="#6b7785">▲ {}</text>"##,
            escape(title),
            escape(front)
        );
    }
    for shape in OUTER.iter().chain(FRAME) {
        let Some(info) = panel(shape.key) else {
            continue;
        };
        let m = marks_of(shape.key);
        let frame = info.rank.is_frame();
        let fill = match m.first() {
            Some(first) => format!("{}33", first.color()),
            None if frame => "#eef1f4".to_owned(),
            None => "#f7f9fb".to_owned(),
        };
        let (stroke, width) = if selected == Some(shape.key) {
            ("#0b5cad", 4.0)
        } else if info.rank == PanelRank::Outer2 || frame {
            ("#8a96a3", 1.5)
        } else {
            ("#5c6b7a", 1.5)
        };
        let name = match lang {
            Lang::Ko => info.ko,
            Lang::En => info.en,
        };
        let _ = write!(
            out,
            r##"<g data-panel="{key}" class="panel"><title>{name}</title><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{r}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"/></g>"##,
            key = shape.key,
            name = escape(name),
            x = shape.x,
            y = shape.y,
            w = shape.w,
            h = shape.h,
            r = shape.r,
        );
        for (n, mark) in m.iter().enumerate() {
            let (cx, cy) = mark_spot(shape, n, m.len());
            let _ = write!(
                out,
                r##"<g data-panel="{key}" class="mark"><circle cx="{cx}" cy="{cy}" r="11" fill="{c}"/><text x="{cx}" y="{ty}" font-size="13" font-weight="700" text-anchor="middle" fill="#ffffff">{l}</text></g>"##,
                key = shape.key,
                c = mark.color(),
                ty = cy + 4.5,
                l = mark.as_str(),
            );
        }
    }
    // Legend.
    let _ = write!(
        out,
        r##"<line x1="40" y1="632" x2="{}" y2="632" stroke="#d5dbe1"/>"##,
        WIDTH - 40
    );
    for (i, mark) in Mark::ALL.iter().enumerate() {
        let x = 60.0 + i as f32 * 148.0;
        let _ = write!(
            out,
            r##"<circle cx="{x}" cy="668" r="11" fill="{c}"/><text x="{x}" y="672.5" font-size="13" font-weight="700" text-anchor="middle" fill="#ffffff">{l}</text><text x="{tx}" y="673" font-size="14" fill="#1f2933">{label}</text>"##,
            c = mark.color(),
            l = mark.as_str(),
            tx = x + 18.0,
            label = escape(mark_label(*mark, lang)),
        );
    }
    out.push_str("</svg>");
    out
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
    let mut options = usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
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
