//! Step 2 of composing: one card per car, with the condition diagram drawn
//! and a content id for every picture the message will carry inline.

use rayon::prelude::*;

use super::super::cards::{facts, findings, title, Card, CardCondition, CardPhoto, CidRef};
use super::super::format;
use super::super::mime::Inline;
use super::super::model::ComposedImage;
use super::gather::CarData;
use super::{cid, data_url, DIAGRAM_SCALE};
use crate::condition::{diagram, marks_of, Lang};
use crate::error::Result;
use crate::inventory::Lot;

/// A photo the message shows, before its bytes are loaded and sized.
pub(super) struct PhotoRef {
    pub(super) cid: String,
    pub(super) vehicle_id: String,
    pub(super) photo_id: String,
    pub(super) hash: String,
}

/// The cards and the pictures they point at.
pub(super) struct CardSet {
    pub(super) cards: Vec<Card>,
    /// The photos in the order they go into the message.
    pub(super) photos: Vec<PhotoRef>,
    /// The drawn diagrams, ready to go inline (PNG, fixed size).
    pub(super) diagrams: Vec<Inline>,
    /// How the preview shows each diagram (same order as `diagrams`).
    pub(super) diagram_images: Vec<ComposedImage>,
}

/// Draws each car's diagram, in parallel: each is a full SVG render.
pub(super) fn diagrams(cars: &[CarData], lang: Lang) -> Result<Vec<Option<Vec<u8>>>> {
    cars.par_iter()
        .map(|c| {
            c.condition
                .as_ref()
                .map(|r| {
                    diagram::png(
                        &diagram::svg(&marks_of(&r.input), lang, None),
                        DIAGRAM_SCALE,
                    )
                })
                .transpose()
        })
        .collect()
}

/// The cards of `cars`, given their drawn diagrams (from [`diagrams`]).
pub(super) fn cards(
    cars: &[CarData],
    diagrams: &[Option<Vec<u8>>],
    lots: &[Lot],
    lang: Lang,
) -> CardSet {
    let mut set = CardSet {
        cards: Vec::with_capacity(cars.len()),
        photos: Vec::new(),
        diagrams: Vec::new(),
        diagram_images: Vec::new(),
    };
    for (n, (car, png)) in cars.iter().zip(diagrams).enumerate() {
        let v = &car.vehicle;
        let address = lots
            .iter()
            .find(|l| l.id == v.lot_id)
            .map(|l| l.address.as_str())
            .unwrap_or("");
        let diagram_cid = png.as_ref().map(|bytes| set.add_diagram(n, &v.id, bytes));
        let photos: Vec<CardPhoto> = car
            .photos
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let c = cid(&format!("p{n}-"), i, &p.id);
                set.photos.push(PhotoRef {
                    cid: c.clone(),
                    vehicle_id: v.id.clone(),
                    photo_id: p.id.clone(),
                    hash: p.hash.clone(),
                });
                CardPhoto {
                    cid: c,
                    caption: p.caption.clone(),
                    alt: if p.caption.is_empty() {
                        format!("{} ({})", title(v), i + 1)
                    } else {
                        p.caption.clone()
                    },
                }
            })
            .collect();
        set.cards.push(Card {
            title: title(v),
            price: format::price(v.price_krw, lang),
            facts: facts(v, address, lang),
            condition: car.condition.as_ref().map(|r| CardCondition {
                summary: match lang {
                    Lang::Ko => r.summary_ko.clone(),
                    Lang::En => r.summary_en.clone(),
                },
                accident: r.accident,
                inspected_on: crate::time::format_date_text(&r.input.inspected_on, lang),
                findings: findings(r, lang),
                comment: r.input.comment.clone(),
                diagram: diagram_cid.map(|cid| CidRef { cid }),
            }),
            note: car.note.clone(),
            photos,
        });
    }
    set
}

impl CardSet {
    /// The stored photos to load, in message order.
    pub(super) fn hashes(&self) -> Vec<String> {
        self.photos.iter().map(|p| p.hash.clone()).collect()
    }

    /// Adds car `n`'s diagram as an inline part and a preview image; returns its content id.
    fn add_diagram(&mut self, n: usize, vehicle_id: &str, bytes: &[u8]) -> String {
        let c = cid("d", n, vehicle_id);
        self.diagrams.push(Inline {
            cid: c.clone(),
            content_type: "image/png",
            bytes: bytes.to_vec(),
        });
        self.diagram_images.push(ComposedImage {
            cid: c.clone(),
            vehicle_id: vehicle_id.to_owned(),
            photo_id: None,
            hash: None,
            data_url: Some(data_url("image/png", bytes)),
            width: (diagram::WIDTH as f32 * DIAGRAM_SCALE) as u32,
            height: (diagram::HEIGHT as f32 * DIAGRAM_SCALE) as u32,
            bytes: bytes.len() as u64,
        });
        c
    }
}
