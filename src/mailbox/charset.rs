//! The two encodings mail-parser leaves to us: ISO-2022-KR (old Korean
//! mail; the WHATWG tables encoding_rs follows map it to U+FFFD on purpose)
//! and IMAP's modified UTF-7 folder names ("보낸메일함" is `&vPSwuLpUx3zVaA-`).

/// ISO-2022-KR to text: `ESC $ ) C` names KS X 1001 for G1, SO shifts to
/// it (two 7-bit bytes per syllable, EUC-KR minus 0x80), SI shifts back.
pub fn decode_iso2022kr(bytes: &[u8]) -> String {
    let mut euc = Vec::with_capacity(bytes.len());
    let mut shifted = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if bytes[i..].starts_with(b"\x1b$)C") {
            i += 4;
            continue;
        }
        match b {
            0x0e => shifted = true,
            0x0f => shifted = false,
            b'\r' | b'\n' => {
                // A line ends in ASCII whatever came before.
                shifted = false;
                euc.push(b);
            }
            0x21..=0x7e if shifted => euc.push(b | 0x80),
            _ => euc.push(b),
        }
        i += 1;
    }
    let (text, _, _) = encoding_rs::EUC_KR.decode(&euc);
    text.into_owned()
}

/// RFC 2047 encoded words in ISO-2022-KR (`=?ISO-2022-KR?B?...?=`) within a
/// raw header value; other words are left for mail-parser.
pub fn decode_iso2022kr_words(raw: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    if !lower.contains("=?iso-2022-kr?") {
        return None;
    }
    let mut out = String::new();
    let mut rest = raw;
    while let Some(start) = rest.to_ascii_lowercase().find("=?iso-2022-kr?") {
        let before = &rest[..start];
        if !before.trim().is_empty() {
            out.push_str(before);
        }
        let word = &rest[start + "=?iso-2022-kr?".len()..];
        let (enc, body) = word.split_at(word.find('?')?);
        let body = &body[1..];
        let end = body.find("?=")?;
        let data = &body[..end];
        let bytes = match enc.to_ascii_lowercase().as_str() {
            "b" => base64(data)?,
            "q" => q_decode(data),
            _ => return None,
        };
        out.push_str(&decode_iso2022kr(&bytes));
        rest = &body[end + 2..];
    }
    out.push_str(rest.trim_start());
    Some(out.trim().to_owned())
}

fn q_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'_' => out.push(b' '),
            b'=' => {
                let hex = s
                    .get(i + 1..i + 3)
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'='),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

fn b64_value(c: u8, alphabet_63: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        c if c == alphabet_63 => 63,
        _ => return None,
    } as u32)
}

fn base64_with(s: &str, alphabet_63: u8) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes().filter(|c| *c != b'=' && !c.is_ascii_whitespace()) {
        acc = (acc << 6) | b64_value(c, alphabet_63)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

fn base64(s: &str) -> Option<Vec<u8>> {
    base64_with(s, b'/')
}

/// A folder name as the server lists it (modified UTF-7, RFC 3501 5.1.3)
/// to text; a malformed name is returned as it is.
pub fn decode_folder_name(name: &str) -> String {
    let mut out = String::new();
    let mut rest = name;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let Some(dash) = after.find('-') else {
            return name.to_owned();
        };
        let chunk = &after[..dash];
        if chunk.is_empty() {
            out.push('&');
        } else {
            let Some(bytes) = base64_with(chunk, b',') else {
                return name.to_owned();
            };
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect();
            out.push_str(&String::from_utf16_lossy(&units));
        }
        rest = &after[dash + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso2022kr_body_and_words() {
        // "안녕" in EUC-KR is BE C8 B3 E7.
        let raw = b"\x1b$)C\x0e\x3e\x48\x33\x67\x0f hi";
        assert_eq!(decode_iso2022kr(raw), "안녕 hi");
        let word = "=?ISO-2022-KR?B?GyQpQw4+SDNnDw==?=";
        assert_eq!(decode_iso2022kr_words(word).as_deref(), Some("안녕"));
    }

    #[test]
    fn folder_names() {
        assert_eq!(decode_folder_name("Sent Messages"), "Sent Messages");
        assert_eq!(decode_folder_name("&vPSwuLpUx3zVaA-"), "보낸메일함");
        assert_eq!(decode_folder_name("A&-B"), "A&B");
    }
}
