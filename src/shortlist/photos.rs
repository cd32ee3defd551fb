//! Which photos of a car go into an email unless the dealer chooses.

use std::collections::HashSet;

use crate::condition::items::item;
use crate::condition::marks_of;
use crate::db::Store;
use crate::error::Result;

/// The gallery's first photos: the cover, then the sides and the interior
/// as dealers order them.
pub const DEFAULT_GALLERY_PHOTOS: usize = 5;

impl Store {
    /// The cover and the next photos of the gallery, plus every photo that
    /// shows a marked panel or item of the current condition report: the
    /// defects are always shown.
    pub fn default_email_photos(&self, vehicle_id: &str) -> Result<Vec<String>> {
        let photos = self.list_photos(vehicle_id)?;
        let marked: HashSet<String> = match self.current_condition(vehicle_id)? {
            Some(report) => {
                let mut keys: HashSet<String> = marks_of(&report.input)
                    .into_iter()
                    .map(|(k, _)| k)
                    .collect();
                // Items that are not fine (a leak, worn tyres) count as marked too.
                keys.extend(
                    report
                        .input
                        .items
                        .iter()
                        .filter(|i| item(&i.key).is_some_and(|info| i.value != info.states.fine()))
                        .map(|i| i.key.clone()),
                );
                keys
            }
            None => HashSet::new(),
        };
        Ok(photos
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                *i < DEFAULT_GALLERY_PHOTOS || p.part.as_ref().is_some_and(|k| marked.contains(k))
            })
            .map(|(_, p)| p.id.clone())
            .collect())
    }
}
