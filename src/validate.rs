//! Checks shared by every form and import: each failure names its field.

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Result};

/// The oldest model year Lotbook accepts; the newest is next year.
pub const YEAR_MIN: i32 = 1950;

pub const SHORT_TEXT_MAX: usize = 200;
pub const LONG_TEXT_MAX: usize = 10_000;

/// Trims `value` and checks its length; `required` refuses an empty result.
pub fn text(field: &str, value: &str, required: bool, max_chars: usize) -> Result<String> {
    let v = value.trim();
    if required && v.is_empty() {
        return Err(Error::invalid(
            field,
            "required",
            format!("{field} is required"),
        ));
    }
    if v.chars().count() > max_chars {
        return Err(Error::invalid(
            field,
            "too_long",
            format!("{field} is longer than {max_chars} characters"),
        ));
    }
    Ok(v.to_owned())
}

pub fn short(field: &str, value: &str) -> Result<String> {
    text(field, value, false, SHORT_TEXT_MAX)
}

pub fn required(field: &str, value: &str) -> Result<String> {
    text(field, value, true, SHORT_TEXT_MAX)
}

pub fn long(field: &str, value: &str) -> Result<String> {
    text(field, value, false, LONG_TEXT_MAX)
}

/// A calendar date written `YYYY-MM-DD`.
pub fn date(field: &str, value: &str) -> Result<String> {
    let v = value.trim();
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| {
            Error::invalid(
                field,
                "invalid_date",
                format!("{field} must be a date written YYYY-MM-DD, got {v:?}"),
            )
        })
}

pub fn optional_date(field: &str, value: Option<&str>) -> Result<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => date(field, v).map(Some),
    }
}

/// A whole number between `min` and `max`; `code` names the failure.
pub fn range(field: &str, value: i64, min: i64, max: i64) -> Result<i64> {
    if value < min {
        let code = if min == 0 { "negative" } else { "out_of_range" };
        return Err(Error::invalid(
            field,
            code,
            format!("{field} must be at least {min}, got {value}"),
        ));
    }
    if value > max {
        return Err(Error::invalid(
            field,
            "too_large",
            format!("{field} must be at most {max}, got {value}"),
        ));
    }
    Ok(value)
}

/// A model year (연식): from [`YEAR_MIN`] to next year.
pub fn model_year(field: &str, year: i32) -> Result<i32> {
    let max = chrono::Local::now().year() + 1;
    if !(YEAR_MIN..=max).contains(&year) {
        return Err(Error::invalid(
            field,
            "year_out_of_range",
            format!("{field} must be between {YEAR_MIN} and {max}, got {year}"),
        ));
    }
    Ok(year)
}

/// An email address, loosely: something@domain.tld with no spaces. Empty is allowed.
pub fn email(field: &str, value: &str) -> Result<String> {
    let v = short(field, value)?;
    if v.is_empty() {
        return Ok(v);
    }
    let ok = match v.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !v.chars().any(|c| c.is_whitespace() || c == ',' || c == ';')
                && !domain.contains('@')
        }
        None => false,
    };
    if !ok {
        return Err(Error::invalid(
            field,
            "invalid_email",
            format!("{field} is not an email address: {v:?}"),
        ));
    }
    Ok(v)
}

/// A phone number: digits with optional +, spaces, dashes, dots and brackets.
pub fn phone(field: &str, value: &str) -> Result<String> {
    let v = short(field, value)?;
    if v.is_empty() {
        return Ok(v);
    }
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let allowed = v
        .chars()
        .all(|c| c.is_ascii_digit() || " +-.()".contains(c));
    if !allowed || !(7..=15).contains(&digits) {
        return Err(Error::invalid(
            field,
            "invalid_phone",
            format!("{field} is not a phone number: {v:?}"),
        ));
    }
    Ok(v)
}

/// Trimmed, non-empty, de-duplicated list items (tags, wanted models).
pub fn list(field: &str, items: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        let t = text(field, item, false, 60)?;
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    if out.len() > 50 {
        return Err(Error::invalid(
            field,
            "too_long",
            format!("{field} has more than 50 entries"),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(r: Result<impl std::fmt::Debug>) -> String {
        match r {
            Err(Error::Invalid(f)) => f.code,
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn emails() {
        assert!(email("email", "kim@naver.com").is_ok());
        assert!(email("email", "").is_ok());
        for bad in [
            "kim",
            "kim@",
            "@naver.com",
            "kim@naver",
            "kim @naver.com",
            "a@b@c.com",
        ] {
            assert_eq!(code(email("email", bad)), "invalid_email", "{bad}");
        }
    }

    #[test]
    fn phones() {
        for good in ["010-1234-5678", "042 123 4567", "+82 10 1234 5678", ""] {
            assert!(phone("phone", good).is_ok(), "{good}");
        }
        for bad in ["12", "010-abcd-5678", "0101234567890123456"] {
            assert_eq!(code(phone("phone", bad)), "invalid_phone", "{bad}");
        }
    }

    #[test]
    fn dates_and_ranges() {
        assert_eq!(date("d", " 2024-02-29 ").unwrap(), "2024-02-29");
        assert_eq!(code(date("d", "2023-02-29")), "invalid_date");
        assert_eq!(code(range("price_krw", -1, 0, 10)), "negative");
        assert_eq!(code(range("price_krw", 11, 0, 10)), "too_large");
    }
}
