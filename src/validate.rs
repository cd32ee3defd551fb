//! Checks shared by every form and import: each failure names its field.

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, ErrorCode, Result};

/// The oldest model year Lotbook accepts; the newest is next year.
pub const YEAR_MIN: i32 = 1950;

pub const SHORT_TEXT_MAX: usize = 200;
pub const LONG_TEXT_MAX: usize = 10_000;

/// A VIN (차대번호) is 17 characters of A–Z and 0–9 without I, O or Q.
pub fn vin_is_valid(vin: &str) -> bool {
    vin.len() == 17
        && vin
            .bytes()
            .all(|b| b.is_ascii_digit() || (b.is_ascii_uppercase() && !b"IOQ".contains(&b)))
}

/// A VIN as compared and stored: no spaces or dashes, upper case.
pub fn normalise_vin(vin: &str) -> String {
    vin.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_ascii_uppercase()
}

/// The longest VIN list a recall keeps (`recalls.vins`): ~100,000 VINs.
pub const VIN_LIST_MAX: usize = 2_000_000;

/// A recall's stored VIN list: one VIN or `FROM~TO` range a line, every VIN
/// valid and each range in order.
pub fn vin_list_is_valid(text: &str) -> bool {
    text.is_empty()
        || text.len() <= VIN_LIST_MAX
            && text.split('\n').all(|line| match line.split_once('~') {
                Some((a, b)) => vin_is_valid(a) && vin_is_valid(b) && a <= b,
                None => vin_is_valid(line),
            })
}

/// Trims `value` and checks its length; `required` refuses an empty result.
pub fn text(field: &str, value: &str, required: bool, max_chars: usize) -> Result<String> {
    let v = value.trim();
    // Long texts (notes) keep their line breaks and tabs; a short one is a
    // single line. NUL, escape codes and the like are refused everywhere.
    no_control(field, v, max_chars > SHORT_TEXT_MAX)?;
    if required && v.is_empty() {
        return Err(Error::invalid(
            field,
            crate::error::ErrorCode::Required,
            format!("{field} is required"),
        ));
    }
    if v.chars().count() > max_chars {
        return Err(Error::invalid(
            field,
            crate::error::ErrorCode::TooLong,
            format!("{field} is longer than {max_chars} characters"),
        ));
    }
    Ok(v.to_owned())
}

/// Refuses control characters (`control_character`); `multiline` allows
/// tab, line feed and carriage return.
pub fn no_control(field: &str, value: &str, multiline: bool) -> Result<()> {
    let bad = value
        .chars()
        .find(|&c| c.is_control() && !(multiline && matches!(c, '\t' | '\n' | '\r')));
    match bad {
        None => Ok(()),
        Some(c) => Err(Error::invalid(
            field,
            crate::error::ErrorCode::ControlCharacter,
            format!(
                "{field} holds a control character (U+{:04X}), which is not allowed",
                c as u32
            ),
        )),
    }
}

/// A content hash as photo files are named: 64 lowercase hex digits. The
/// only shape a hash may have before it becomes part of a path.
pub fn is_hash(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A UUID in its canonical lowercase hyphenated form, as `db::new_id` writes.
pub fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
        })
}

pub fn short(field: &str, value: &str) -> Result<String> {
    text(field, value, false, SHORT_TEXT_MAX)
}

pub fn required(field: &str, value: &str) -> Result<String> {
    text(field, value, true, SHORT_TEXT_MAX)
}

/// A mail server's `host` and `port` (SMTP, IMAP): a plain server name and a
/// port that is not 0 (`example` is named in the message).
pub fn mail_server(host: &str, port: u16, example: &str) -> Result<String> {
    let host = required("host", host)?;
    if host.contains(|c: char| c.is_whitespace() || c == '/' || c == ':') {
        return Err(Error::invalid(
            "host",
            ErrorCode::InvalidHost,
            format!("host must be a server name like {example}, got {host:?}"),
        ));
    }
    if port == 0 {
        return Err(Error::invalid(
            "port",
            ErrorCode::InvalidPort,
            "port must be 1 to 65535",
        ));
    }
    Ok(host)
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
                crate::error::ErrorCode::InvalidDate,
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
        let code = if min == 0 {
            crate::error::ErrorCode::Negative
        } else {
            crate::error::ErrorCode::OutOfRange
        };
        return Err(Error::invalid(
            field,
            code,
            format!("{field} must be at least {min}, got {value}"),
        ));
    }
    if value > max {
        return Err(Error::invalid(
            field,
            crate::error::ErrorCode::TooLarge,
            format!("{field} must be at most {max}, got {value}"),
        ));
    }
    Ok(value)
}

/// A model year (연식): from [`YEAR_MIN`] to next year.
pub fn model_year(field: &str, year: i32) -> Result<i32> {
    model_year_in(field, year, chrono::Utc::now().year())
}

/// [`model_year`] when it is `this_year`: up to `this_year + 1` (next
/// year's models are sold from the autumn).
pub fn model_year_in(field: &str, year: i32, this_year: i32) -> Result<i32> {
    let max = this_year + 1;
    if !(YEAR_MIN..=max).contains(&year) {
        return Err(Error::invalid(
            field,
            crate::error::ErrorCode::YearOutOfRange,
            format!("{field} must be between {YEAR_MIN} and {max}, got {year}"),
        ));
    }
    Ok(year)
}

/// RFC 5321 limits: the whole address, and the part before the `@`.
pub const EMAIL_MAX: usize = 254;
const EMAIL_LOCAL_MAX: usize = 64;
const DOMAIN_LABEL_MAX: usize = 63;

/// The characters of an unquoted local part (RFC 5322 `atext`): letters,
/// digits and these. None of them means anything in a header.
const ATEXT_SPECIALS: &str = "!#$%&'*+-/=?^_`{|}~";

/// An email address: the one check every door uses (forms, CSV, values
/// arriving by sync, and every address before it goes into a message).
/// Empty is allowed ("no address"); surrounding whitespace is trimmed.
///
/// Accepted is the plain `local@domain` form mail services hand out: a
/// local part of ASCII letters, digits and `atext` specials in dot-separated
/// runs (at most 64 characters), and a domain of at least two DNS labels
/// (letters, digits, inner hyphens; at most 63 each) whose last label is not
/// all digits; at most 254 characters in all. Refused: control characters,
/// spaces, quotes, brackets and every other header syntax, quoted local
/// parts, IP literals, and non-ASCII addresses: an internationalised domain
/// (한국.kr) must be written in its ASCII form (xn--3e0b707e.kr), since
/// sending to a UTF-8 address needs SMTPUTF8, which Naver, Daum and most
/// servers do not offer. Pure and deterministic (the same value gives the
/// same answer on every computer).
pub fn email(field: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(String::new());
    }
    if let Some(why) = email_problem(v) {
        return Err(Error::invalid(
            field,
            crate::error::ErrorCode::InvalidEmail,
            format!("{field} is not an email address ({why}): {v:?}"),
        ));
    }
    Ok(v.to_owned())
}

/// Why `v` is not an address, in a few words; `None` when it is one.
fn email_problem(v: &str) -> Option<&'static str> {
    if v.len() > EMAIL_MAX {
        return Some("longer than 254 characters");
    }
    if let Some(c) = v.chars().find(|c| !c.is_ascii_graphic()) {
        return Some(if c.is_control() || c.is_whitespace() {
            "it holds a space, line break or control character"
        } else {
            "it holds a letter outside A-Z; write a Korean domain in its xn-- form"
        });
    }
    let Some((local, domain)) = v.split_once('@') else {
        return Some("there is no @");
    };
    if domain.contains('@') {
        return Some("there is more than one @");
    }
    if local.is_empty() || local.len() > EMAIL_LOCAL_MAX {
        return Some("the part before @ is empty or longer than 64 characters");
    }
    let atext = |c: char| c.is_ascii_alphanumeric() || ATEXT_SPECIALS.contains(c);
    if local
        .split('.')
        .any(|run| run.is_empty() || !run.chars().all(atext))
    {
        return Some("the part before @ holds a character or dot that addresses cannot");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Some("the domain has no dot");
    }
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= DOMAIN_LABEL_MAX
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if !labels.iter().all(label_ok) {
        return Some("the domain is not a valid name");
    }
    if labels
        .last()
        .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit()))
    {
        return Some("the domain is not a valid name");
    }
    None
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
            crate::error::ErrorCode::InvalidPhone,
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
            crate::error::ErrorCode::TooLong,
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
            Err(Error::Invalid(f)) => f.code.to_string(),
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn model_years_run_from_1950_to_next_year() {
        assert_eq!(model_year_in("year", YEAR_MIN, 2026).ok(), Some(YEAR_MIN));
        assert_eq!(model_year_in("year", 2027, 2026).ok(), Some(2027));
        assert_eq!(code(model_year_in("year", 2028, 2026)), "year_out_of_range");
        assert_eq!(
            code(model_year_in("year", YEAR_MIN - 1, 2026)),
            "year_out_of_range"
        );
        // A year on, next year's models are allowed too.
        assert_eq!(model_year_in("year", 2028, 2027).ok(), Some(2028));
    }

    #[test]
    fn emails() {
        let long_local = "a".repeat(64);
        let long_label = "b".repeat(63);
        let c58 = "c".repeat(58);
        let longest = format!("{long_local}@{long_label}.{long_label}.{c58}.kr");
        assert_eq!(longest.len(), EMAIL_MAX);
        let good = [
            "kim@naver.com",
            " kim@naver.com\r\n",
            "minsu.kim@daejeon-motors.kr",
            "KIM.Min-Su_82+cars@Mail.Example.CO.KR",
            "o'brien@example.ie",
            "a!#$%&'*+-/=?^_`{|}~z@example.com",
            "1@2.com",
            "x@xn--3e0b707e.kr",
            longest.as_str(),
            &format!("{long_local}@example.com"),
        ];
        for ok in good {
            assert_eq!(email("email", ok).unwrap(), ok.trim(), "{ok:?}");
            // Every accepted address is one the SMTP client takes as is.
            let parsed: lettre::Address = ok.trim().parse().expect(ok);
            assert_eq!(parsed.to_string(), ok.trim());
        }
        assert_eq!(email("email", "  ").unwrap(), "");
        let too_long_local = format!("{long_local}a@example.com");
        let too_long_label = format!("kim@{long_label}b.com");
        let too_long = format!("{long_local}@{long_label}.{long_label}.{c58}c.kr");
        let bad = [
            "kim",
            "kim@",
            "@naver.com",
            "kim@naver",
            "kim @naver.com",
            "a@b@c.com",
            "kim@naver.com\r\nBcc: spy@evil.example",
            "kim@naver.com\nBcc: spy@evil.example",
            "kim@naver.com\rBcc: spy@evil.example",
            "kim@nav\0er.com",
            "kim\t@naver.com",
            "kim@naver.com\u{85}x",
            "kim\u{a0}@naver.com",
            "spy@evil.example, kim@naver.com",
            "spy@evil.example;kim@naver.com",
            "\"Kim\" <kim@naver.com>",
            "<kim@naver.com>",
            "kim@naver.com>",
            "\"kim\"@naver.com",
            "kim(comment)@naver.com",
            "kim\\@naver.com",
            "kim:x@naver.com",
            "kim@[127.0.0.1]",
            "kim@127.0.0.1",
            ".kim@naver.com",
            "kim.@naver.com",
            "ki..m@naver.com",
            "kim@.naver.com",
            "kim@naver.com.",
            "kim@naver..com",
            "kim@-naver.com",
            "kim@naver-.com",
            "kim@na_ver.com",
            "kim@naver.c!m",
            "김민수@naver.com",
            "kim@네이버.com",
            "kim@한국.kr",
            "ｋｉｍ@naver.com",
            too_long_local.as_str(),
            too_long_label.as_str(),
            too_long.as_str(),
        ];
        for b in bad {
            assert_eq!(code(email("email", b)), "invalid_email", "{b:?}");
        }
        // The message shows the value escaped: never a raw line break.
        let Err(Error::Invalid(f)) = email("email", "a@b.com\r\nBcc: x@y.com") else {
            panic!("refused");
        };
        assert!(!f.message.contains(['\r', '\n']), "{}", f.message);
    }

    proptest::proptest! {
        /// Whatever it is given, an accepted address holds nothing a header
        /// could read as syntax, fits the RFC 5321 limits, and is one the
        /// SMTP client takes; the check never panics.
        #[test]
        fn an_accepted_address_is_plain(s in concat!(
            r#"[a-z0-9]{1,5}[a-zA-Z0-9.!#'+_~"<>,;:() \\\r\n\t\x00가-]{0,2}[a-z0-9]{0,5}@?"#,
            r#"[a-z0-9]{1,5}[a-z0-9.\-_<>,;\r\n\x00가@]{0,2}[a-z0-9]{0,5}\."#,
            r#"[a-z]{1,3}[a-zA-Z0-9\r\n>-]?[ \r\n]?"#,
        )) {
            if let Ok(v) = email("email", &s) {
                if !v.is_empty() {
                    proptest::prop_assert!(v.len() <= EMAIL_MAX);
                    proptest::prop_assert!(v.chars().all(|c| c.is_ascii_graphic()));
                    proptest::prop_assert!(!v.contains(['<', '>', ',', ';', ':', '"', '(', ')', '\\', '[', ']']));
                    proptest::prop_assert_eq!(v.matches('@').count(), 1);
                    proptest::prop_assert!(v.split('@').next().is_some_and(|l| l.len() <= 64));
                    proptest::prop_assert!(v.parse::<lettre::Address>().is_ok(), "{}", v);
                }
            }
        }
    }

    #[test]
    fn control_characters_are_refused() {
        assert_eq!(code(short("name", "a\u{0}b")), "control_character");
        assert_eq!(code(short("name", "a\nb")), "control_character");
        assert_eq!(code(long("notes", "a\u{1b}[31mb")), "control_character");
        assert_eq!(long("notes", "a\nb\tc").unwrap(), "a\nb\tc");
    }

    #[test]
    fn hashes_and_uuids() {
        assert!(is_hash(&"ab".repeat(32)));
        assert!(!is_hash(&"AB".repeat(32)));
        assert!(!is_hash(&format!("../../x{}", "a".repeat(57))));
        assert!(is_uuid("0190b6b2-7c4e-7d2a-9f00-1234567890ab"));
        assert!(!is_uuid("0190B6B2-7C4E-7D2A-9F00-1234567890AB"));
        assert!(!is_uuid("../../0190b6b2-7c4e-7d2a-9f00-12345678"));
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
