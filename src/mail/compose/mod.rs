//! The photo-and-condition email: per car a card with the key facts, price,
//! condition summary, panel diagram and photos, greeting and closing from
//! the team's templates, a plain-text twin, all inside the size budget.
//!
//! Composing runs in five steps, one file each: [`gather`] reads the store,
//! [`card_set`] makes one card per car, [`render`] writes the HTML and text,
//! [`fit`] sizes the photos to the budget and [`assemble`] makes the draft.

mod assemble;
mod card_set;
mod fit;
mod gather;
mod render;

use std::sync::atomic::AtomicBool;

use super::mime;
use super::model::{ComposeProgress, ComposeRequest, ComposeStep, ComposedMail, SentVehicle};
use crate::db::{new_id, Store};
use crate::error::Result;

/// Gmail clips an HTML part over about 102 KB; stay clear of it.
pub const HTML_LIMIT: usize = 100_000;
/// The diagram goes out at its drawn size (1000 px wide), shown at 600.
const DIAGRAM_SCALE: f32 = 1.0;

/// A composed message and what it held.
#[derive(Debug)]
pub struct Draft {
    pub mail: ComposedMail,
    /// The message as it goes to a server (no `X-Unsent`).
    pub message: Vec<u8>,
    /// The bytes of each of `mail.images`, in the same order.
    pub image_bytes: Vec<Vec<u8>>,
    pub contents: Vec<SentVehicle>,
}

/// Where the steps say how far they are.
struct Report<'a>(&'a mut dyn FnMut(&ComposeProgress));

impl Report<'_> {
    fn step(&mut self, step: ComposeStep, done: usize, total: usize) {
        (self.0)(&ComposeProgress {
            step,
            done: done as u32,
            total: total as u32,
        })
    }
}

fn data_url(content_type: &str, bytes: &[u8]) -> String {
    format!(
        "data:{content_type};base64,{}",
        encodify::base64::STANDARD.encode(bytes)
    )
}

fn cid(prefix: &str, n: usize, id: &str) -> String {
    let short: String = id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(12)
        .collect();
    format!("{prefix}{n}.{short}@lotbook")
}

impl Store {
    /// Composes the email of `req`: nothing is written anywhere.
    pub fn compose(&self, req: &ComposeRequest) -> Result<Draft> {
        self.compose_with(req, &AtomicBool::new(false), &mut |_| {})
    }

    /// [`Store::compose`] that reports each stage and stops between photos
    /// when `cancel` is set (then it fails with [`crate::error::Error::Cancelled`]).
    pub fn compose_with(
        &self,
        req: &ComposeRequest,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(&ComposeProgress),
    ) -> Result<Draft> {
        let mut report = Report(progress);
        let budget = req.budget.bytes()?;
        let lang = req.lang;
        let message_text = crate::validate::long("message", &req.message)?;
        let g = self.gather(req)?;
        let texts = render::Texts {
            store: self,
            lang,
            words: &g.words,
            handover: g.handover,
        };
        let subject = texts.subject()?;

        report.step(ComposeStep::Diagrams, 0, g.cars.len());
        let diagrams = card_set::diagrams(&g.cars, lang)?;
        let set = card_set::cards(&g.cars, &diagrams, &g.lots, lang);
        let bodies = texts.render(&subject, &message_text, &set.cards, &g.signature)?;

        let message_id = mime::message_id(&new_id(), g.from.as_ref());
        let envelope = assemble::Envelope {
            from: g.from.as_ref(),
            to: g.to.as_ref(),
            subject: &subject,
            message_id: &message_id,
            bodies: &bodies,
            set: &set,
        };
        // Never sent silently without the photos of an archived car.
        self.refuse_archived(&set.hashes())?;
        let fitted = fit::fit(
            self.photos(),
            &set.hashes(),
            budget,
            |photos| envelope.message(photos),
            cancel,
            &mut report,
        )?;
        Ok(assemble::assemble(
            g, set, subject, message_id, bodies, fitted, budget,
        ))
    }
}
