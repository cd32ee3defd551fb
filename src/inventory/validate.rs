//! Vehicle input rules. Each failure names the field it concerns.

use rusqlite::{Connection, OptionalExtension};

use super::VehicleInput;
use crate::error::{Error, Result};
use crate::validate;

const ODOMETER_MAX: i64 = 2_000_000;
/// 100억원: above any used car a dealer sells; catches a typo of extra zeros.
const PRICE_MAX: i64 = 10_000_000_000;

pub use crate::validate::{normalise_vin, vin_is_valid};

/// Refuses a control character in text (as it is stored: trimmed): NUL and
/// the other C0/C1 controls and DEL; `multiline` text (notes) may hold tabs
/// and line breaks.
pub(crate) fn no_control(field: &str, value: &str, multiline: bool) -> Result<()> {
    crate::validate::no_control(field, value.trim(), multiline)
}

/// Checks and normalises `input`; lookups that need the database (the lot,
/// duplicates) run on `conn` so they see the enclosing transaction.
pub(crate) fn vehicle(conn: &Connection, input: &VehicleInput) -> Result<VehicleInput> {
    let out = vehicle_fields(input)?;
    let lot_exists: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM lots WHERE id = ?1")?
        .query_row([&out.lot_id], |r| r.get(0))
        .optional()?;
    if lot_exists.is_none() {
        return Err(Error::invalid(
            "lot_id",
            crate::error::ErrorCode::UnknownLot,
            format!("lot_id {:?} is not a lot of this team", out.lot_id),
        ));
    }
    refuse_duplicate(
        conn,
        "vin",
        crate::error::ErrorCode::DuplicateVin,
        &out.vin,
        out.id.as_deref(),
    )?;
    refuse_duplicate(
        conn,
        "plate",
        crate::error::ErrorCode::DuplicatePlate,
        &out.plate,
        out.id.as_deref(),
    )?;
    Ok(out)
}

/// The rules that need no database: checks and normalises `input`.
pub(crate) fn vehicle_fields(input: &VehicleInput) -> Result<VehicleInput> {
    for (field, value) in [
        ("make", &input.make),
        ("model", &input.model),
        ("trim", &input.trim),
        ("plate", &input.plate),
        ("vin", &input.vin),
        ("color", &input.color),
    ] {
        no_control(field, value, false)?;
    }
    no_control("notes", &input.notes, true)?;
    for tag in &input.tags {
        no_control("tags", tag, false)?;
    }
    let year = validate::model_year("year", input.year)?;
    let vin = normalise_vin(&input.vin);
    if !vin.is_empty() && !vin_is_valid(&vin) {
        return Err(Error::invalid(
            "vin",
            crate::error::ErrorCode::InvalidVin,
            format!(
                "VIN must be 17 characters of A-Z and 0-9 without I, O or Q, got {:?} ({} characters)",
                input.vin.trim(),
                vin.chars().count()
            ),
        ));
    }
    let plate: String = validate::short("plate", &input.plate)?
        .split_whitespace()
        .collect();
    let lot_id = validate::required("lot_id", &input.lot_id)?;
    Ok(VehicleInput {
        id: input.id.clone(),
        make: validate::required("make", &input.make)?,
        model: validate::required("model", &input.model)?,
        trim: validate::short("trim", &input.trim)?,
        year,
        first_registration: validate::optional_date(
            "first_registration",
            input.first_registration.as_deref(),
        )?,
        plate,
        vin,
        odometer_km: validate::range("odometer_km", input.odometer_km, 0, ODOMETER_MAX)?,
        fuel: input.fuel,
        transmission: input.transmission,
        color: validate::short("color", &input.color)?,
        price_krw: validate::range("price_krw", input.price_krw, 0, PRICE_MAX)?,
        lot_id,
        status: input.status,
        stock_date: validate::date("stock_date", &input.stock_date)?,
        notes: validate::long("notes", &input.notes)?,
        tags: validate::list("tags", &input.tags)?,
    })
}

/// A VIN or plate may appear once among the cars still for sale; a sold car's
/// plate can come back when the dealer buys it again.
pub(crate) fn refuse_duplicate(
    conn: &Connection,
    column: &str,
    code: crate::error::ErrorCode,
    value: &str,
    own_id: Option<&str>,
) -> Result<()> {
    if value.is_empty() {
        return Ok(());
    }
    // `{column} <> ''` lets SQLite use the partial index on the column.
    let sql = format!(
        "SELECT model || ' (' || year || ')' FROM vehicles
         WHERE {column} = ?1 AND {column} <> '' AND status IN ('in_stock', 'reserved') AND id IS NOT ?2 LIMIT 1"
    );
    let other: Option<String> = conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::params![value, own_id], |r| r.get(0))
        .optional()?;
    match other {
        Some(other) => Err(Error::invalid(
            column,
            code,
            format!("{column} {value} is already used by the {other} in stock"),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vins() {
        assert!(vin_is_valid("KNAGM4A77D5123456"));
        assert!(!vin_is_valid("KNAGM4A77D512345"), "16 characters");
        assert!(!vin_is_valid("KNAGM4A77D51234567"), "18 characters");
        assert!(!vin_is_valid("KNAGM4A77D5I23456"), "I is not allowed");
        assert!(!vin_is_valid("KNAGM4A77D5O23456"), "O is not allowed");
        assert!(!vin_is_valid("KNAGM4A77D5Q23456"), "Q is not allowed");
        assert!(
            !vin_is_valid("knagm4a77d5123456"),
            "lower case is normalised before, not here"
        );
        assert_eq!(normalise_vin(" knagm4a77-d5123456 "), "KNAGM4A77D5123456");
    }
}
