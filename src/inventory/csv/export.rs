//! Writing every vehicle to a CSV file Excel opens with Hangul intact, and
//! where no cell runs as a formula.

use std::path::Path;

use super::cells::guard;
use super::columns::{
    header_of, label, Col, EXPORT_COLUMNS, FUEL_LABELS, STATUS_LABELS, TRANSMISSION_LABELS,
};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::fsutil::write_atomic;
use crate::inventory::VehicleQuery;

impl Store {
    /// Writes every vehicle to `path` as UTF-8 CSV with a BOM. Returns the count.
    pub fn export_vehicles_csv(&self, path: &Path) -> Result<u32> {
        let mut out = crate::export::excel_csv_writer();
        let csv_err = |e: csv::Error| Error::Other(format!("writing CSV failed: {e}"));
        out.write_record(EXPORT_COLUMNS.iter().map(|c| header_of(*c)))
            .map_err(csv_err)?;
        let mut count = 0u32;
        let mut offset = 0u32;
        loop {
            let page = self.list_vehicles(&VehicleQuery {
                offset: Some(offset),
                limit: Some(1000),
                ..Default::default()
            })?;
            for v in &page.items {
                let manwon = v.price_krw as f64 / 10_000.0;
                let row: Vec<String> = EXPORT_COLUMNS
                    .iter()
                    .map(|c| match c {
                        Col::Id => v.id.clone(),
                        Col::Make => v.make.clone(),
                        Col::Model => v.model.clone(),
                        Col::Trim => v.trim.clone(),
                        Col::Year => v.year.to_string(),
                        Col::FirstRegistration => v.first_registration.clone().unwrap_or_default(),
                        Col::Plate => v.plate.clone(),
                        Col::Vin => v.vin.clone(),
                        Col::Odometer => v.odometer_km.to_string(),
                        Col::Fuel => label(FUEL_LABELS, v.fuel).to_owned(),
                        Col::Transmission => label(TRANSMISSION_LABELS, v.transmission).to_owned(),
                        Col::Color => v.color.clone(),
                        Col::PriceManwon => format!("{manwon}"),
                        Col::PriceKrw => v.price_krw.to_string(),
                        Col::Lot => v.lot_name.clone(),
                        Col::Status => label(STATUS_LABELS, v.status).to_owned(),
                        Col::StockDate => v.stock_date.clone(),
                        Col::Notes => v.notes.clone(),
                        Col::Tags => v.tags.join(", "),
                    })
                    .zip(EXPORT_COLUMNS)
                    // Text a person typed may start like a formula; numbers,
                    // dates and labels are written as they are.
                    .map(|(cell, c)| match c.is_text() {
                        true => guard(&cell).into_owned(),
                        false => cell,
                    })
                    .collect();
                out.write_record(&row).map_err(csv_err)?;
                count += 1;
            }
            offset += page.items.len() as u32;
            if page.items.is_empty() || offset >= page.total {
                break;
            }
        }
        let bytes = out
            .into_inner()
            .map_err(|e| Error::Other(format!("writing CSV failed: {e}")))?;
        write_atomic(path, &bytes)?;
        Ok(count)
    }
}

/// Every vehicle as a typed export table (`crate::export`): the same Korean
/// headers and words as the CSV above; numbers as numbers, days as dates.
pub(crate) fn vehicles_table(store: &Store) -> Result<crate::export::Table> {
    use crate::export::{Cell, Table};
    let date = |s: &str| match chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
        Ok(d) => Cell::Date(d),
        Err(_) if s.trim().is_empty() => Cell::Empty,
        Err(_) => Cell::Text(s.to_owned()),
    };
    let mut rows = Vec::new();
    let mut offset = 0u32;
    loop {
        let page = store.list_vehicles(&VehicleQuery {
            offset: Some(offset),
            limit: Some(1000),
            ..Default::default()
        })?;
        for v in &page.items {
            rows.push(
                EXPORT_COLUMNS
                    .iter()
                    .map(|c| match c {
                        Col::Id => Cell::Text(v.id.clone()),
                        Col::Make => Cell::Text(v.make.clone()),
                        Col::Model => Cell::Text(v.model.clone()),
                        Col::Trim => Cell::Text(v.trim.clone()),
                        Col::Year => Cell::Int(v.year.into()),
                        Col::FirstRegistration => {
                            date(v.first_registration.as_deref().unwrap_or(""))
                        }
                        Col::Plate => Cell::Text(v.plate.clone()),
                        Col::Vin => Cell::Text(v.vin.clone()),
                        Col::Odometer => Cell::Int(v.odometer_km),
                        Col::Fuel => Cell::Text(label(FUEL_LABELS, v.fuel).to_owned()),
                        Col::Transmission => {
                            Cell::Text(label(TRANSMISSION_LABELS, v.transmission).to_owned())
                        }
                        Col::Color => Cell::Text(v.color.clone()),
                        Col::PriceManwon => Cell::Number(v.price_krw as f64 / 10_000.0),
                        Col::PriceKrw => Cell::Int(v.price_krw),
                        Col::Lot => Cell::Text(v.lot_name.clone()),
                        Col::Status => Cell::Text(label(STATUS_LABELS, v.status).to_owned()),
                        Col::StockDate => date(&v.stock_date),
                        Col::Notes => Cell::Text(v.notes.clone()),
                        Col::Tags => Cell::Text(v.tags.join(", ")),
                    })
                    .collect(),
            );
        }
        offset += page.items.len() as u32;
        if page.items.is_empty() || offset >= page.total {
            break;
        }
    }
    let columns = EXPORT_COLUMNS
        .iter()
        .map(|c| {
            let width = match c {
                Col::Id => 38.0,
                Col::Notes => 40.0,
                Col::Vin => 20.0,
                Col::Plate | Col::FirstRegistration | Col::StockDate | Col::Tags => 14.0,
                _ => 11.0,
            };
            (header_of(*c), width)
        })
        .collect();
    Ok(Table {
        sheet: "차량",
        columns,
        rows,
    })
}
