//! Demo galleries: drawn pictures of each demo car in its own colour (SVG
//! templates in `art/`, rendered with resvg), imported through the real photo
//! pipeline. No one's photographs ship with the app.

use std::collections::HashMap;

use rayon::prelude::*;
use resvg::{tiny_skia, usvg};

use crate::db::Store;
use crate::error::{Error, Result};
use crate::inventory::VehicleQuery;
use crate::photos::{derive, prepare, ImportResult, Rgb};

const SEDAN: &[(&str, &str)] = &[
    ("front34", include_str!("art/sedan_front34.svg")),
    ("side", include_str!("art/sedan_side.svg")),
    ("rear34", include_str!("art/sedan_rear34.svg")),
];
const SUV: &[(&str, &str)] = &[
    ("front34", include_str!("art/suv_front34.svg")),
    ("side", include_str!("art/suv_side.svg")),
    ("rear34", include_str!("art/suv_rear34.svg")),
];
const DETAILS: &[(&str, &str)] = &[
    ("interior", include_str!("art/interior_dash.svg")),
    ("seats", include_str!("art/interior_seats.svg")),
    ("wheel", include_str!("art/wheel_detail.svg")),
    ("engine", include_str!("art/engine_bay.svg")),
];

/// One sky for all: cars of one colour then share pictures, which renders
/// the demo in seconds (each distinct picture is drawn once).
const SKY: &str = "#dfe9f3";

const SUV_MODELS: &[&str] = &["쏘렌토", "싼타페", "티볼리", "레조"];

/// Paint colours of the demo's colour names, as a dealer's lot shows them.
fn paint(color: &str) -> (u8, u8, u8) {
    match color {
        "흰색" => (0xF2, 0xF2, 0xEF),
        "검정" => (0x1B, 0x1B, 0x1E),
        "은색" => (0xB7, 0xBB, 0xC1),
        "쥐색" => (0x5A, 0x5E, 0x64),
        "진주색" => (0xE9, 0xE4, 0xD6),
        "청색" => (0x1F, 0x3A, 0x93),
        "와인색" => (0x6D, 0x1A, 0x2A),
        _ => (0x8A, 0x8F, 0x96),
    }
}

fn mix(c: (u8, u8, u8), toward: u8, amount: f32) -> String {
    let m = |v: u8| (v as f32 + (toward as f32 - v as f32) * amount).round() as u8;
    format!("#{:02x}{:02x}{:02x}", m(c.0), m(c.1), m(c.2))
}

fn fill(template: &str, color: &str, sky: &str) -> String {
    let c = paint(color);
    template
        .replace("{{body}}", &mix(c, 0, 0.0))
        .replace("{{body_dark}}", &mix(c, 0, 0.35))
        .replace("{{body_light}}", &mix(c, 255, 0.35))
        .replace(
            "{{trim}}",
            if color == "흰색" || color == "진주색" {
                "#c8b89a"
            } else {
                "#3a3a3c"
            },
        )
        .replace("{{sky}}", sky)
}

/// Renders an SVG to a JPEG of its own size (1600×1200 for the templates).
pub fn render_jpeg(svg: &str) -> Result<Vec<u8>> {
    let tree = usvg::Tree::from_str(svg, &usvg::Options::default())
        .map_err(|e| Error::Other(format!("demo picture: {e}")))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| Error::Other("demo picture has no size".into()))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    // Opaque (filled white first), so dropping alpha loses nothing.
    let rgb = Rgb {
        width: size.width(),
        height: size.height(),
        pixels: pixmap
            .data()
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect(),
    };
    derive::encode_jpeg(&rgb, 88).map_err(Error::Other)
}

struct Shot {
    vehicle_id: String,
    name: String,
    svg: String,
    /// The condition report's panel the view shows, when it is marked.
    part: Option<String>,
}

/// Gives every demo vehicle a gallery of 5–7 drawn photos. Returns how many
/// photos were added.
pub fn fill_photos(store: &mut Store) -> Result<u32> {
    let page = store.list_vehicles(&VehicleQuery {
        limit: Some(10_000),
        ..Default::default()
    })?;
    let mut shots = Vec::new();
    for (i, v) in page.items.iter().enumerate() {
        let marked: Vec<String> = store
            .current_condition(&v.id)?
            .map(|r| r.input.panels.into_iter().map(|p| p.panel).collect())
            .unwrap_or_default();
        let body = if SUV_MODELS.contains(&v.model.as_str()) {
            SUV
        } else {
            SEDAN
        };
        let details = 2 + i % 3; // 2–4 detail shots, so galleries differ
        for (n, (view, template)) in body.iter().chain(DETAILS.iter().take(details)).enumerate() {
            shots.push(Shot {
                vehicle_id: v.id.clone(),
                name: format!("{}_{:02}_{view}.jpg", v.plate.replace(' ', ""), n + 1),
                svg: fill(template, &v.color, SKY),
                part: super::condition::part_for_view(&marked, view),
            });
        }
    }
    // Cars of one colour share pictures: render each distinct picture once.
    let mut unique: Vec<&str> = shots.iter().map(|s| s.svg.as_str()).collect();
    unique.sort_unstable();
    unique.dedup();
    let lib = store.photos().clone();
    let rendered: HashMap<&str, prepare::Prepared> = unique
        .par_iter()
        .map(|svg| {
            let jpeg = render_jpeg(svg)?;
            let prepared = prepare::prepare_bytes(&lib, "demo.jpg", &jpeg)
                .map_err(|r| Error::Other(r.message))?;
            Ok((*svg, prepared))
        })
        .collect::<Result<_>>()?;
    let mut added = 0;
    for shot in &shots {
        let Some(picture) = rendered.get(shot.svg.as_str()) else {
            continue;
        };
        let prepared = prepare::Prepared {
            name: shot.name.clone(),
            ..picture.clone()
        };
        if let ImportResult::Imported { photo } = store.attach_photo(&shot.vehicle_id, &prepared)? {
            if let Some(part) = &shot.part {
                store.set_photo_part(&photo.id, Some(part))?;
            }
            added += 1;
        }
    }
    Ok(added)
}
