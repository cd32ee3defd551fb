//! Vehicle photos: import (JPEG, PNG, HEIC where the platform decodes it),
//! byte-exact content-addressed originals, upright metadata-free derived
//! sizes, and each vehicle's gallery (order, cover, captions).

pub mod archive;
mod budget;
mod color;
pub mod decode;
pub mod derive;
mod heic;
pub mod import;
mod jpeg_frame;
pub mod library;
pub mod model;
mod pixels;
mod png_decode;
pub mod prepare;
pub(crate) mod records;
mod refusal;
pub mod shared;
mod shrink;
mod source;
pub mod unarchive;
pub mod walk;

pub use heic::supported as heic_supported;
pub use library::PhotoLibrary;
pub use model::{
    ImportItem, ImportProgress, ImportResult, ImportSummary, Photo, PhotoFormat, PhotoSize,
};
pub use pixels::Rgb;
pub use prepare::Prepared;
pub use refusal::Refusal;

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use crate::db::Store;
use crate::error::Result;

impl Store {
    /// Imports `paths` (files or folders) into a vehicle's gallery, all in
    /// this call: the CLI's way. The desktop app drives [`import::run`]
    /// itself so the store is locked only while each row is written.
    pub fn import_photos(
        &mut self,
        vehicle_id: &str,
        paths: &[PathBuf],
        cancel: &AtomicBool,
        progress: impl FnMut(&ImportProgress),
    ) -> Result<ImportSummary> {
        self.get_vehicle(vehicle_id)?;
        let lib = self.photos().clone();
        import::run(
            &lib,
            paths,
            cancel,
            |p| self.attach_photo(vehicle_id, p),
            progress,
        )
    }
}
