//! Phone numbers as Korean dealers write them, normalised to one form
//! (010-1234-5678, 02-123-4567, 1588-1234) so duplicates are found and the
//! list reads alike.

/// The digits of `raw` in the Korean form, or `None` when they are not a
/// Korean number (then the number is kept as written and checked as a
/// phone). `+82 10 …` and an Excel number cell that lost its leading 0
/// (`1012345678`) are read as 010-….
pub fn normalize(raw: &str) -> Option<String> {
    let mut digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    if raw.trim_start().starts_with('+') {
        digits = digits.strip_prefix("82")?.to_owned();
        if !digits.starts_with('0') {
            digits.insert(0, '0');
        }
    } else if digits.len() == 10 && digits.starts_with('1') && !digits.starts_with("15") {
        digits.insert(0, '0'); // 1012345678 from a number cell
    }
    let d = digits.as_str();
    let split = |a: usize, b: usize| format!("{}-{}-{}", &d[..a], &d[a..a + b], &d[a + b..]);
    match d.len() {
        8 if d.starts_with("15") || d.starts_with("16") || d.starts_with("18") => {
            Some(format!("{}-{}", &d[..4], &d[4..]))
        }
        9 if d.starts_with("02") => Some(split(2, 3)),
        10 if d.starts_with("02") => Some(split(2, 4)),
        10 if d.starts_with('0') => Some(split(3, 3)),
        11 if d.starts_with('0') => Some(split(3, 4)),
        _ => None,
    }
}

/// What two numbers are compared by: their digits, a +82 read as 0.
pub fn key(phone: &str) -> String {
    normalize(phone)
        .unwrap_or_else(|| phone.to_owned())
        .chars()
        .filter(char::is_ascii_digit)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_numbers() {
        for (raw, want) in [
            ("01012345678", "010-1234-5678"),
            ("010 1234 5678", "010-1234-5678"),
            ("010.1234.5678", "010-1234-5678"),
            ("+82 10-1234-5678", "010-1234-5678"),
            ("+82 (0)10 1234 5678", "010-1234-5678"),
            ("1012345678", "010-1234-5678"),
            ("011-123-4567", "011-123-4567"),
            ("0421234567", "042-123-4567"),
            ("02-123-4567", "02-123-4567"),
            ("0212345678", "02-1234-5678"),
            ("15881234", "1588-1234"),
        ] {
            assert_eq!(normalize(raw).as_deref(), Some(want), "{raw}");
        }
        assert_eq!(normalize("+1 415 555 0100"), None);
        assert_eq!(normalize("12"), None);
        assert_eq!(key("+82 10 1234 5678"), key("010-1234-5678"));
    }
}
