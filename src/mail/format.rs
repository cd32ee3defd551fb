//! Numbers as dealers quote them: 1,250만원 in Korean, ₩12,500,000 in English.

use crate::condition::Lang;

/// `1234567` → `1,234,567`.
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

pub fn price(krw: i64, lang: Lang) -> String {
    match lang {
        Lang::Ko => format!("{}만원", grouped(krw / 10_000)),
        Lang::En => format!("₩{}", grouped(krw)),
    }
}

pub fn km(km: i64) -> String {
    format!("{} km", grouped(km))
}
