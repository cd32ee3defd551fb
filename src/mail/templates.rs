//! The email's words: greeting, closing and subject from the team's
//! editable templates (ko/en), and the fixed card layout around them.
//!
//! Everything goes through minijinja with HTML auto-escaping for the HTML
//! part, so a customer named `<img onerror=…>` is text, never markup; the
//! template language has no way to run code, and a fuel limit stops a
//! template that loops forever.

use minijinja::{AutoEscape, Environment};
use serde::Serialize;

use crate::condition::Lang;
use crate::db::Store;
use crate::error::{Error, Result};

/// The editable parts, as settings keys `mail.<part>.<lang>`.
pub const PARTS: &[&str] = &["subject", "greeting", "closing", "intro_subject", "intro"];

/// Steps a template may take: far more than any greeting needs.
const FUEL: u64 = 50_000;

pub fn default_template(part: &str, lang: Lang) -> &'static str {
    match (part, lang) {
        ("subject", Lang::Ko) => "{{ customer }} 님께 추천 차량 {{ count }}대 사진과 상태{% if team %} ({{ team }}){% endif %}",
        ("subject", Lang::En) => "{{ count }} recommended car{% if count != 1 %}s{% endif %} with photos and condition{% if team %} ({{ team }}){% endif %}",
        ("greeting", Lang::Ko) => "{{ customer }} 님, 안녕하세요. {% if team %}{{ team }} {% endif %}{{ dealer }}입니다.\n말씀하신 조건에 맞는 차량 {{ count }}대의 사진과 상태를 정리해 보내드립니다. 차마다 성능·상태점검 결과를 숨김없이 적었습니다.",
        ("greeting", Lang::En) => "Dear {{ customer }},\nThis is {{ dealer }}{% if team %} from {{ team }}{% endif %}. As you asked, here are photos and an honest description of {{ count }} car{% if count != 1 %}s{% endif %} that fit what you are looking for. Every finding of each car's inspection is listed.",
        ("closing", Lang::Ko) => "궁금한 점은 언제든 전화나 답장 주세요. 직접 보러 오시면 차량을 준비해 두겠습니다.\n감사합니다.",
        ("closing", Lang::En) => "Please call or reply with any question. If you would like to see them, I will have them ready for you.\nKind regards,",
        ("intro_subject", Lang::Ko) => "{{ customer }} 님, 담당자 {{ colleague }}을(를) 소개해 드립니다{% if team %} ({{ team }}){% endif %}",
        ("intro_subject", Lang::En) => "Introducing {{ colleague }}, who will look after you{% if team %} ({{ team }}){% endif %}",
        ("intro", Lang::Ko) => "{{ customer }} 님, 안녕하세요. {% if team %}{{ team }} {% endif %}{{ dealer }}입니다.\n앞으로는 제 동료 {{ colleague }}이(가) {{ customer }} 님을 도와드립니다. 믿고 맡길 수 있는 사람이라 부탁드렸습니다.{% if colleague_phone %}\n{{ colleague }} 연락처: {{ colleague_phone }}{% endif %}",
        ("intro", Lang::En) => "Dear {{ customer }},\nThis is {{ dealer }}{% if team %} from {{ team }}{% endif %}. From now on my colleague {{ colleague }}, whom I trust completely, will look after you.{% if colleague_phone %}\nYou can reach {{ colleague }} at {{ colleague_phone }}.{% endif %}",
        _ => "",
    }
}

pub fn setting_key(part: &str, lang: Lang) -> String {
    format!("mail.{part}.{lang}")
}

/// The team's template for `part`, or the default.
pub fn template(store: &Store, part: &str, lang: Lang) -> Result<String> {
    Ok(store
        .setting(&setting_key(part, lang))?
        .unwrap_or_else(|| default_template(part, lang).to_owned()))
}

impl Store {
    /// Every part in every language: the team's source and the default.
    pub fn mail_templates(&self) -> Result<Vec<super::MailTemplate>> {
        let mut out = Vec::new();
        for lang in Lang::ALL {
            for part in PARTS {
                out.push(super::MailTemplate {
                    part: (*part).to_owned(),
                    lang: *lang,
                    source: template(self, part, *lang)?,
                    default_source: default_template(part, *lang).to_owned(),
                });
            }
        }
        Ok(out)
    }

    /// Saves one template after checking it renders; empty restores the
    /// default. Only the known parts are settings.
    pub fn set_mail_template(&mut self, part: &str, lang: Lang, source: &str) -> Result<()> {
        if !PARTS.contains(&part) {
            return Err(Error::invalid(
                "part",
                crate::error::ErrorCode::UnknownPart,
                format!("{part:?} is not a part of the email"),
            ));
        }
        if !source.is_empty() {
            check_user(part, lang, source)?;
        }
        self.set_setting(&setting_key(part, lang), source)
    }
}

fn env(escape: bool) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_fuel(Some(FUEL));
    env.set_auto_escape_callback(move |_| {
        if escape {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env
}

/// Renders a dealer's template; a mistake in it names the setting. For
/// HTML the whole result is escaped once, its literal text included (a
/// greeting with "<신차>" or "&" is words, never markup).
pub fn render_user(field: &str, source: &str, ctx: &impl Serialize, html: bool) -> Result<String> {
    let text = env(false).render_str(source, ctx).map_err(|e| {
        Error::invalid(
            field,
            crate::error::ErrorCode::InvalidTemplate,
            format!("the template {field} cannot be used: {e}"),
        )
    })?;
    Ok(if html {
        minijinja::HtmlEscape(&text).to_string()
    } else {
        text
    })
}

/// Checks a template before it is saved: it must render with sample values.
pub fn check_user(part: &str, lang: Lang, source: &str) -> Result<()> {
    let sample = Words {
        customer: "홍길동".into(),
        dealer: "김민수".into(),
        team: "대전모터스".into(),
        count: 3,
        colleague: "박정호".into(),
        colleague_phone: "010-7712-0458".into(),
    };
    render_user(&setting_key(part, lang), source, &sample, true).map(|_| ())
}

/// What the dealer's templates may use.
#[derive(Debug, Clone, Serialize)]
pub struct Words {
    pub customer: String,
    pub dealer: String,
    pub team: String,
    pub count: usize,
    /// The colleague introduced in a handover email (empty otherwise).
    pub colleague: String,
    pub colleague_phone: String,
}

const HTML: &str = include_str!("templates/email.html.j2");
const TEXT: &str = include_str!("templates/email.txt.j2");

/// Renders the fixed layout (`email.html.j2` or `email.txt.j2`) around `ctx`.
pub fn render_layout(ctx: &impl Serialize, html: bool) -> Result<String> {
    let source = if html { HTML } else { TEXT };
    env(html)
        .render_str(source, ctx)
        .map_err(|e| Error::Other(format!("email layout: {e}")))
}
