//! Shortlists: the cars picked for one customer, with per car the photos
//! that go into the email, and the history of what was sent from it.

mod model;
mod photos;
mod records;

pub use model::{Shortlist, ShortlistItem};
pub use photos::DEFAULT_GALLERY_PHOTOS;
pub use records::MAX_VEHICLES;
