//! The text of one spreadsheet cell: what a cell may hold, and the guard that
//! keeps an exported text from running as a formula.

use std::borrow::Cow;

/// First characters that make Excel, LibreOffice and Google Sheets read a
/// cell as a formula (OWASP, CSV injection: = + - @ TAB CR; NUL as ASVS 1.2.10).
const FORMULA_START: &[char] = &['=', '+', '-', '@', '\t', '\r', '\0'];

fn starts_formula(text: &str) -> bool {
    text.starts_with(FORMULA_START)
}

/// A text cell as written to a spreadsheet: one `'` in front when it would
/// start a formula (Excel then reads text; OWASP's advice). Leading quotes
/// are looked through, so a text that is already `'=…` gets one more and
/// [`unguard`] gives back exactly what was stored.
pub(crate) fn guard(text: &str) -> Cow<'_, str> {
    if starts_formula(text.trim_start_matches('\'')) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A text cell as read from a spreadsheet: drops the one `'` that [`guard`]
/// (or a person typing in Excel) put before a formula character. Any other
/// leading `'` is the text's own.
pub(crate) fn unguard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if starts_formula(rest.trim_start_matches('\'')) => rest,
        _ => text,
    }
}

/// The first character a cell may not hold: C0 controls and DEL (and C1
/// controls), except TAB, LF and CR in multi-line text. NUL never.
pub(crate) fn control_char(text: &str, multiline: bool) -> Option<char> {
    text.chars()
        .find(|&c| c.is_control() && !(multiline && matches!(c, '\t' | '\n' | '\r')))
}

/// "U+0007", as a message names a character that cannot be shown.
pub(crate) fn codepoint(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// The spreadsheet's letter of the 0-based column `i`: A … Z, AA, AB …
pub(crate) fn column_letter(i: usize) -> String {
    let mut n = i + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The digits of a number cell as dealers type them: thousands separators,
/// spaces, 원, 만, ₩, a trailing km and Excel's text marker `'` dropped
/// ("1,250만원" → "1250"). Empty when the cell is.
pub(crate) fn number_text(raw: &str) -> String {
    raw.trim_start_matches('\'')
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '원' | '만' | '₩'))
        .collect::<String>()
        .trim_end_matches("km")
        .to_owned()
}
