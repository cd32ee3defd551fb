//! Step 5 of composing: the MIME message around the bodies and pictures,
//! and the draft that tells the preview and the outbox what it holds.

use super::super::images::Jpeg;
use super::super::mime::{self, Inline, Mailbox, Parts};
use super::super::model::{ComposedImage, ComposedMail, SentVehicle};
use super::card_set::CardSet;
use super::fit::Fitted;
use super::gather::Gathered;
use super::render::Bodies;
use super::Draft;
use crate::error::Result;

/// What the message holds besides the photos' bytes; it writes the message
/// for any size of the photos.
pub(super) struct Envelope<'a> {
    pub(super) from: Option<&'a Mailbox>,
    pub(super) to: Option<&'a Mailbox>,
    pub(super) subject: &'a str,
    pub(super) message_id: &'a str,
    pub(super) bodies: &'a Bodies,
    pub(super) set: &'a CardSet,
}

impl Envelope<'_> {
    /// The message with `photos` (in the order of the card set's photos).
    pub(super) fn message(&self, photos: &[Jpeg]) -> Result<Vec<u8>> {
        let mut inline = self.set.diagrams.clone();
        inline.extend(self.set.photos.iter().zip(photos).map(|(p, j)| Inline {
            cid: p.cid.clone(),
            content_type: "image/jpeg",
            bytes: j.bytes.clone(),
        }));
        mime::build(&Parts {
            from: self.from,
            to: self.to,
            subject: self.subject,
            message_id: self.message_id,
            html: &self.bodies.html,
            text: &self.bodies.text,
            inline,
        })
    }
}

/// The draft of the fitted message.
pub(super) fn assemble(
    g: Gathered,
    set: CardSet,
    subject: String,
    message_id: String,
    bodies: Bodies,
    fitted: Fitted,
    budget: u64,
) -> Draft {
    let Fitted {
        level,
        photos,
        message,
    } = fitted;
    let mut images = set.diagram_images;
    images.extend(set.photos.iter().zip(&photos).map(|(p, j)| ComposedImage {
        cid: p.cid.clone(),
        vehicle_id: p.vehicle_id.clone(),
        photo_id: Some(p.photo_id.clone()),
        hash: Some(p.hash.clone()),
        data_url: None,
        width: j.width,
        height: j.height,
        bytes: j.bytes.len() as u64,
    }));
    let image_bytes = set
        .diagrams
        .into_iter()
        .map(|d| d.bytes)
        .chain(photos.into_iter().map(|j| j.bytes))
        .collect();
    let contents = g
        .cars
        .iter()
        .map(|c| SentVehicle {
            vehicle_id: c.vehicle.id.clone(),
            photo_ids: c.photos.iter().map(|p| p.id.clone()).collect(),
        })
        .collect();
    Draft {
        mail: ComposedMail {
            subject,
            to_name: g.customer.name,
            to_addr: g.to.map(|m| m.addr().to_owned()).unwrap_or_default(),
            from_name: g.from_name,
            from_addr: g.from.map(|m| m.addr().to_owned()).unwrap_or_default(),
            html: bodies.html,
            text: bodies.text,
            images,
            encoded_bytes: message.len() as u64,
            budget_bytes: budget,
            photo_edge: level.edge,
            photo_quality: level.quality,
            message_id,
        },
        message,
        image_bytes,
        contents,
    }
}
