//! Step 4 of composing: the photos' size. All photos start at their stored
//! email size and step down together through [`LEVELS`] until the whole
//! message fits the budget.

use std::sync::atomic::AtomicBool;

use super::super::images::{self, Jpeg, Level, LEVELS};
use super::super::model::ComposeStep;
use super::Report;
use crate::error::{Error, ErrorCode, Result};
use crate::photos::PhotoLibrary;

/// Room left in the budget for headers that servers add on the way.
const TRANSIT_MARGIN: f64 = 0.99;

/// The size the photos go out at and the message built with them.
pub(super) struct Fitted {
    pub(super) level: Level,
    pub(super) photos: Vec<Jpeg>,
    pub(super) message: Vec<u8>,
}

/// Loads the photos of `hashes` and finds the best level at which the
/// message `build` makes of them stays within `budget` bytes.
pub(super) fn fit(
    library: &PhotoLibrary,
    hashes: &[String],
    budget: u64,
    build: impl Fn(&[Jpeg]) -> Result<Vec<u8>>,
    cancel: &AtomicBool,
    report: &mut Report,
) -> Result<Fitted> {
    images::check(cancel)?;
    report.step(ComposeStep::Photos, 0, hashes.len());
    let stored = images::load(library, hashes, cancel)?;
    report.step(ComposeStep::Photos, hashes.len(), hashes.len());
    let limit = (budget as f64 * TRANSIT_MARGIN) as u64;
    let first = build(&stored)?;
    // What the message weighs besides the photos: the same at every level.
    let fixed = (first.len() as u64).saturating_sub(images::encoded_total(&stored));
    for (i, level) in LEVELS.iter().enumerate() {
        images::check(cancel)?;
        report.step(ComposeStep::Fitting, i + 1, LEVELS.len());
        let photos = if i == 0 {
            stored.clone()
        } else {
            images::at_level(&stored, *level, cancel)?
        };
        // Build only what the arithmetic says can fit.
        if fixed + images::encoded_total(&photos) > limit {
            continue;
        }
        report.step(ComposeStep::Building, i + 1, LEVELS.len());
        let message = if i == 0 {
            first.clone()
        } else {
            build(&photos)?
        };
        if message.len() as u64 <= limit {
            return Ok(Fitted {
                level: *level,
                photos,
                message,
            });
        }
    }
    Err(Error::invalid(
        "budget",
        ErrorCode::OverBudget,
        format!(
            "{} photos do not fit in {} MB even at {} px; choose fewer photos or a larger size budget",
            hashes.len(),
            budget / 1_000_000,
            LEVELS[LEVELS.len() - 1].edge
        ),
    ))
}
