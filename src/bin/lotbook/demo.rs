//! `lotbook demo`: a demo team in an empty data folder.

use std::path::Path;

use lotbook::{demo, Result, Store};

use crate::print;

pub fn run(dir: &Path, json: bool, no_photos: bool) -> Result<()> {
    let mut store = Store::open(dir)?;
    let mut r = demo::fill(&mut store)?;
    if !no_photos {
        r.photos = demo::fill_photos(&mut store)?;
    }
    print(json, &r, |r| {
        format!(
            "Demo data written to {}: {} lots, {} vehicles, {} photos, {} condition reports, {} customers, {} dealers, {} visits, {} sales, {} campaigns",
            dir.display(),
            r.lots,
            r.vehicles,
            r.photos,
            r.conditions,
            r.customers,
            r.users,
            r.visits,
            r.sales,
            r.campaigns
        )
    })
}
