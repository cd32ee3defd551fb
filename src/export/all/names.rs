//! File and folder names made from what dealers typed (plates, models,
//! customers' names, subjects) that every file system the folder may land on
//! accepts: Windows refuses `/\:*?"<>|`, control characters, a name ending in
//! a dot or a space, and the device names (CON, NUL, COM1 …) even with an
//! extension; macOS and Windows do not tell `a` from `A`, so two names are
//! the same when they differ only in case.

use std::collections::HashSet;

/// Longest name part kept, in characters: paths stay well under Windows'
/// 260 and every name under 255 bytes (a Hangul syllable is 3 bytes).
const MAX_CHARS: usize = 60;

/// Names Windows reserves for devices, whatever follows a dot.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// `name` as one safe path part (no extension added): forbidden characters
/// become `_`, runs of white space one space, no leading or trailing dots
/// or spaces, at most [`MAX_CHARS`] characters; a device name gets a `_`;
/// nothing left becomes `fallback`.
pub fn safe_part(name: &str, fallback: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in name.chars() {
        // Tabs and line breaks are white space first, not forbidden characters.
        let c = if c.is_whitespace() {
            ' '
        } else if r#"/\:*?"<>|"#.contains(c) || c.is_control() {
            '_'
        } else {
            c
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    let mut out: String = out.chars().take(MAX_CHARS).collect();
    // A leading dot hides a file on macOS and Linux; Windows drops a trailing one.
    let trimmed = out.trim_matches(|c: char| c == '.' || c == ' ');
    if trimmed.len() != out.len() {
        out = trimmed.to_owned();
    }
    if out.is_empty() {
        return fallback.to_owned();
    }
    let stem = out.split('.').next().unwrap_or("").trim_end();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
        out.insert(0, '_');
    }
    out
}

/// The names already used in one folder; hands out `name`, `name (2)` …
/// (case-insensitively distinct, as macOS and Windows compare).
#[derive(Default)]
pub struct Unique {
    taken: HashSet<String>,
}

impl Unique {
    /// A safe, unused name: `stem` made safe, then `ext` (with its dot, or "").
    pub fn name(&mut self, stem: &str, fallback: &str, ext: &str) -> String {
        let stem = safe_part(stem, fallback);
        let mut name = format!("{stem}{ext}");
        let mut n = 2;
        while !self.taken.insert(name.to_lowercase()) {
            name = format!("{stem} ({n}){ext}");
            n += 1;
        }
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_dots_spaces_and_devices() {
        assert_eq!(
            safe_part("85라5572 르노삼성 SM520", "x"),
            "85라5572 르노삼성 SM520"
        );
        assert_eq!(
            safe_part(r#"a/b\c:d*e?f"g<h>i|j"#, "x"),
            "a_b_c_d_e_f_g_h_i_j"
        );
        assert_eq!(safe_part("  SM5.. . ", "x"), "SM5");
        assert_eq!(safe_part("...", "x"), "x");
        assert_eq!(safe_part("a\tb\n\nc", "x"), "a b c");
        assert_eq!(safe_part("CON", "x"), "_CON");
        assert_eq!(safe_part("nul.txt", "x"), "_nul.txt");
        assert_eq!(safe_part("com1 ", "x"), "_com1");
        assert_eq!(safe_part("CONSOLE", "x"), "CONSOLE");
        assert_eq!(safe_part(&"가".repeat(100), "x").chars().count(), 60);
    }

    #[test]
    fn duplicates_differ_by_more_than_case() {
        let mut u = Unique::default();
        assert_eq!(u.name("SM5", "x", ".jpg"), "SM5.jpg");
        assert_eq!(u.name("sm5", "x", ".jpg"), "sm5 (2).jpg");
        assert_eq!(u.name("SM5", "x", ".jpg"), "SM5 (3).jpg");
        assert_eq!(u.name("SM5", "x", ""), "SM5");
    }
}
