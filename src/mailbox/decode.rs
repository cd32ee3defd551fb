//! One message read from its raw bytes into what the mailbox needs: who,
//! to whom, what about, the first lines, and the ids that tie it to a thread.
//! mail-parser decodes the charsets (EUC-KR, ks_c_5601-1987, UTF-8, …) and
//! RFC 2047 encoded words; ISO-2022-KR is ours (see `charset`).

use chrono::{DateTime, Utc};
use mail_parser::{Encoding, HeaderValue, MessageParser, MimeHeaders};

use super::charset;

/// How much of the body an inquiry shows: the first lines, not the thread.
const PREVIEW_LINES: usize = 6;
const PREVIEW_CHARS: usize = 500;

#[derive(Debug, Clone)]
pub struct Letter {
    /// Without the angle brackets; made from the bytes when the message has none.
    pub message_id: String,
    /// In-Reply-To and References, without angle brackets.
    pub refs: Vec<String>,
    /// Lowercased.
    pub from_addr: String,
    pub from_name: String,
    /// To and Cc, lowercased.
    pub recipients: Vec<String>,
    pub subject: String,
    pub preview: String,
    pub date: Option<DateTime<Utc>>,
    /// Why it is machine mail (a list, an auto-reply, a bounce), if it is.
    pub automated: Option<&'static str>,
}

fn ids(v: &HeaderValue) -> Vec<String> {
    match v {
        HeaderValue::Text(t) => vec![t.to_string()],
        HeaderValue::TextList(l) => l.iter().map(|t| t.to_string()).collect(),
        _ => Vec::new(),
    }
}

fn addresses(a: Option<&mail_parser::Address>) -> Vec<String> {
    a.map(|a| {
        a.iter()
            .filter_map(|x| x.address())
            .map(|x| x.trim().to_lowercase())
            .collect()
    })
    .unwrap_or_default()
}

/// The first lines a person wrote: quoted text and the reply header
/// ("On … wrote:", "-----Original Message-----") cut off.
fn first_lines(body: &str) -> String {
    let mut lines = Vec::new();
    for line in body.lines() {
        let t = line.trim();
        if t.starts_with('>')
            || t.starts_with("-----Original Message")
            || t.starts_with("-----원본 메시지")
            || t.starts_with("----- Original Message")
            || (t.starts_with("On ") && t.ends_with("wrote:"))
            || t.ends_with("작성:")
        {
            break;
        }
        if t.is_empty() {
            continue;
        }
        lines.push(t.to_owned());
        if lines.len() >= PREVIEW_LINES {
            break;
        }
    }
    let text = lines.join("\n");
    match text.char_indices().nth(PREVIEW_CHARS) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

fn automated(msg: &mail_parser::Message, from: &str) -> Option<&'static str> {
    let text = |name: &str| {
        msg.header_raw(name)
            .map(|v| v.trim().to_ascii_lowercase())
            .filter(|v| !v.is_empty())
    };
    if text("Auto-Submitted").is_some_and(|v| v != "no") {
        return Some("an automatic reply");
    }
    if text("Precedence").is_some_and(|v| matches!(v.as_str(), "bulk" | "list" | "junk")) {
        return Some("bulk or list mail");
    }
    if text("List-Id").is_some() || text("List-Unsubscribe").is_some() {
        return Some("a mailing list or newsletter");
    }
    let local = from.split('@').next().unwrap_or("");
    let machine = [
        "noreply",
        "no-reply",
        "no_reply",
        "donotreply",
        "mailer-daemon",
        "postmaster",
        "notification",
        "notifications",
    ];
    if machine.iter().any(|m| local.starts_with(m)) {
        return Some("sent by a machine (no-reply address)");
    }
    None
}

/// The text of the first body part; ISO-2022-KR decoded here.
fn body_text(msg: &mail_parser::Message, raw: &[u8]) -> String {
    if let Some(part) = msg.text_part(0) {
        let iso = part
            .content_type()
            .and_then(|ct| ct.attribute("charset"))
            .is_some_and(|c| c.eq_ignore_ascii_case("iso-2022-kr"));
        if iso && part.encoding == Encoding::None {
            let (a, b) = (part.offset_body as usize, part.offset_end as usize);
            if let Some(bytes) = raw.get(a..b.min(raw.len())) {
                return charset::decode_iso2022kr(bytes);
            }
        }
    }
    msg.body_text(0).map(|t| t.into_owned()).unwrap_or_default()
}

pub fn read(raw: &[u8]) -> Option<Letter> {
    let msg = MessageParser::default().parse(raw)?;
    let from = msg.from().and_then(|a| a.first());
    let from_addr = from
        .and_then(|a| a.address())
        .map(|a| a.trim().to_lowercase())
        .unwrap_or_default();
    let from_name = from
        .and_then(|a| a.name())
        .map(|n| n.trim().to_owned())
        .unwrap_or_default();
    let mut recipients = addresses(msg.to());
    recipients.extend(addresses(msg.cc()));
    let mut subject = msg.subject().unwrap_or("").trim().to_owned();
    if let Some(s) = msg
        .header_raw("Subject")
        .and_then(charset::decode_iso2022kr_words)
    {
        subject = s;
    }
    let mut refs = ids(msg.in_reply_to());
    refs.extend(ids(msg.references()));
    let message_id = match msg.message_id() {
        Some(id) if !id.trim().is_empty() => id.trim().to_owned(),
        _ => format!("{}@lotbook.mailbox", blake3::hash(raw).to_hex()),
    };
    let date = msg
        .date()
        .and_then(|d| DateTime::<Utc>::from_timestamp(d.to_timestamp(), 0));
    Some(Letter {
        automated: automated(&msg, &from_addr),
        preview: first_lines(&body_text(&msg, raw)),
        message_id,
        refs,
        from_addr,
        from_name,
        recipients,
        subject,
        date,
    })
}

/// Words that make a message from a stranger look like a buyer's inquiry.
const INQUIRY_WORDS: &[&str] = &[
    "차량",
    "중고차",
    "매물",
    "문의",
    "가격",
    "견적",
    "시승",
    "구매",
    "구입",
    "판매",
    "연식",
    "주행",
    "만원",
    "할부",
    "리스",
    "보험",
    "사고",
    "상담",
    "방문",
    "예약",
    "있나요",
    "가능",
    "car",
    "vehicle",
    "price",
    "test drive",
    "available",
    "inquiry",
    "enquiry",
    "interested",
    "mileage",
    "km",
];

/// Whether a stranger's message reads like someone asking about a car.
pub fn looks_like_inquiry(l: &Letter) -> bool {
    let text = format!("{}\n{}", l.subject, l.preview).to_lowercase();
    INQUIRY_WORDS.iter().any(|w| text.contains(w)) || text.contains('?')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euc_kr_and_encoded_words() {
        let mut raw = b"From: =?EUC-KR?B?sei898H4?= <kim@example.kr>\r\nTo: dealer@example.kr\r\n\
Subject: =?ks_c_5601-1987?B?wd+w7cL3ILmuwMc=?=\r\nMessage-ID: <a1@example.kr>\r\n\
Content-Type: text/plain; charset=euc-kr\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            .to_vec();
        let (body, _, _) = encoding_rs::EUC_KR.encode("쏘나타 아직 있나요?\r\n");
        raw.extend_from_slice(&body);
        let l = read(&raw).unwrap();
        assert_eq!(l.from_addr, "kim@example.kr");
        assert_eq!(l.from_name, "김숙진");
        assert_eq!(l.subject, "중고차 문의");
        assert_eq!(l.preview, "쏘나타 아직 있나요?");
        assert_eq!(l.message_id, "a1@example.kr");
        assert!(looks_like_inquiry(&l));
    }

    #[test]
    fn iso_2022_kr_body() {
        let raw = b"From: a@b.kr\r\nSubject: =?ISO-2022-KR?B?GyQpQw4+SDNnDw==?=\r\n\
Content-Type: text/plain; charset=ISO-2022-KR\r\n\r\n\x1b$)C\x0e\x3e\x48\x33\x67\x0f\r\n";
        let l = read(raw).unwrap();
        assert_eq!(l.subject, "안녕");
        assert_eq!(l.preview, "안녕");
    }

    #[test]
    fn quoted_text_is_cut() {
        assert_eq!(
            first_lines("네 좋습니다\n\nOn Mon, Dec 1, 2026 Dealer wrote:\n> 추천 차량"),
            "네 좋습니다"
        );
    }
}
