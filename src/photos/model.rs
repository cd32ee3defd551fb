//! Photo records and import results as the UI and the CLI see them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text_enum;

text_enum! {
    /// The container a photo arrived in (sniffed from its bytes, not its name).
    pub enum PhotoFormat {
        Jpeg = "jpeg",
        Png = "png",
        Heic = "heic",
    }
}

text_enum! {
    /// The derived sizes made at import; all upright JPEGs with no metadata.
    pub enum PhotoSize {
        Thumb = "thumb",
        Screen = "screen",
        Email = "email",
    }
}

impl PhotoSize {
    /// Long edge in pixels. An image smaller than this is never enlarged.
    pub const fn long_edge(self) -> u32 {
        match self {
            PhotoSize::Thumb => 400,
            PhotoSize::Screen => 1920,
            PhotoSize::Email => 1600,
        }
    }

    /// JPEG quality: thumbnails are tiny on screen; email size is the
    /// dealer's shop window, kept clean.
    pub const fn quality(self) -> i32 {
        match self {
            PhotoSize::Thumb => 78,
            PhotoSize::Screen => 85,
            PhotoSize::Email => 84,
        }
    }
}

/// One photo of one vehicle. The same original (same `hash`) may belong to
/// several vehicles; its files are stored once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Photo {
    pub id: String,
    pub vehicle_id: String,
    /// blake3 of the original's bytes (hex): names the original and derived files.
    pub hash: String,
    pub format: PhotoFormat,
    /// Upright size of the original in pixels.
    pub width: u32,
    pub height: u32,
    #[ts(type = "number")]
    pub bytes: i64,
    /// File name it was imported from, for the dealer's reference.
    pub original_name: String,
    /// 0 is the cover photo.
    pub position: u32,
    pub caption: String,
    pub created_at: String,
    pub updated_at: String,
    /// The condition report's panel or item this photo shows (`front_door_l`,
    /// `engine.oil_leak`), if any.
    pub part: Option<String>,
    /// blake3 of the photo at the team's shared size (the file the shared
    /// folder carries instead of the original); None for older photos.
    pub shared_hash: Option<String>,
}

/// What happened to one file of an import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportResult {
    Imported {
        photo: Photo,
    },
    /// Already a photo of this vehicle (same bytes).
    Duplicate {
        photo_id: String,
    },
    /// Refused, with a message naming the file and the reason.
    Refused {
        code: String,
        message: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportItem {
    pub path: String,
    pub result: ImportResult,
}

/// Sent while an import runs (throttled) and once at the end.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportProgress {
    /// Files finished (imported, duplicate or refused) out of `total`.
    pub done: u32,
    pub total: u32,
    pub imported: u32,
    pub duplicates: u32,
    pub refused: u32,
    /// Name of the file most recently finished.
    pub current: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportSummary {
    pub items: Vec<ImportItem>,
    pub progress: ImportProgress,
    /// True when the dealer cancelled: files not started were left out.
    pub cancelled: bool,
}
