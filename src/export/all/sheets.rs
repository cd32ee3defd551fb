//! The spreadsheets of every kind, each as `.xlsx` and `.csv`.

use std::path::Path;

use super::{ExportAllControl, ExportStep};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::export::Export;

/// Each kind with its file name (Korean first, as the dealer reads it).
pub(super) const SHEETS: &[(Export, &str)] = &[
    (Export::Vehicles, "차량 vehicles"),
    (Export::Customers, "고객 customers"),
    (Export::Sales, "판매·사후관리 sales"),
    (Export::Visits, "방문 visits"),
    (Export::Inquiries, "문의 inquiries"),
];

pub(super) struct Counts {
    pub vehicles: u32,
    pub customers: u32,
}

pub(super) fn write(store: &Store, dir: &Path, control: &mut ExportAllControl) -> Result<Counts> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut counts = Counts {
        vehicles: 0,
        customers: 0,
    };
    let total = SHEETS.len() as u32 * 2;
    let mut done = 0;
    for (what, name) in SHEETS {
        for ext in ["xlsx", "csv"] {
            control.step(ExportStep::Sheets, done, total)?;
            let rows = store.export(*what, &dir.join(format!("{name}.{ext}")))?;
            match what {
                Export::Vehicles => counts.vehicles = rows,
                Export::Customers => counts.customers = rows,
                _ => {}
            }
            done += 1;
        }
    }
    control.step(ExportStep::Sheets, total, total)?;
    Ok(counts)
}
