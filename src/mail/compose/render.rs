//! Step 3 of composing: the dealer's templates (subject, greeting, closing)
//! and the fixed layout around the cards, as HTML and as plain text.

use minijinja::Value;
use serde::Serialize;

use super::super::cards::Card;
use super::super::labels;
use super::super::templates::{self, Words};
use super::HTML_LIMIT;
use crate::condition::Lang;
use crate::db::Store;
use crate::error::{Error, ErrorCode, Result};

#[derive(Serialize)]
struct Layout<'a> {
    lang: &'a str,
    subject: &'a str,
    greeting: Vec<Value>,
    message: &'a str,
    cars: &'a [Card],
    closing: Vec<Value>,
    signature: &'a [String],
    labels: labels::Labels,
}

/// The dealer's words for one email: which template parts, filled how.
pub(super) struct Texts<'a> {
    pub(super) store: &'a Store,
    pub(super) lang: Lang,
    pub(super) words: &'a Words,
    /// A handover introduces the colleague instead of greeting.
    pub(super) handover: bool,
}

/// The rendered bodies.
pub(super) struct Bodies {
    pub(super) html: String,
    pub(super) text: String,
}

impl Texts<'_> {
    fn part(&self, part: &str, html: bool) -> Result<String> {
        let source = templates::template(self.store, part, self.lang)?;
        templates::render_user(
            &templates::setting_key(part, self.lang),
            &source,
            self.words,
            html,
        )
    }

    /// The subject on one line.
    pub(super) fn subject(&self) -> Result<String> {
        let part = if self.handover {
            "intro_subject"
        } else {
            "subject"
        };
        Ok(self.part(part, false)?.replace(['\r', '\n'], " "))
    }

    /// The HTML and plain-text bodies; the HTML must stay under
    /// [`HTML_LIMIT`] or mail services cut it off.
    pub(super) fn render(
        &self,
        subject: &str,
        message: &str,
        cards: &[Card],
        signature: &[String],
    ) -> Result<Bodies> {
        let greeting_part = if self.handover { "intro" } else { "greeting" };
        let layout = |html: bool| -> Result<String> {
            templates::render_layout(
                &Layout {
                    lang: self.lang.as_str(),
                    subject,
                    greeting: lines(&self.part(greeting_part, html)?, html),
                    message,
                    cars: cards,
                    closing: lines(&self.part("closing", html)?, html),
                    signature,
                    labels: labels::Labels::of(self.lang),
                },
                html,
            )
        };
        let html = layout(true)?;
        let text = layout(false)?;
        if html.len() > HTML_LIMIT {
            return Err(Error::invalid(
                "message",
                ErrorCode::HtmlTooLarge,
                format!(
                    "the email's text is {} KB; mail services cut it off past {} KB. Shorten the notes or choose fewer cars",
                    html.len() / 1000,
                    HTML_LIMIT / 1000
                ),
            ));
        }
        Ok(Bodies { html, text })
    }
}

/// Lines of a rendered template; HTML lines are already escaped.
fn lines(text: &str, html: bool) -> Vec<Value> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .map(|l| {
            if html {
                Value::from_safe_string(l.to_owned())
            } else {
                Value::from(l)
            }
        })
        .collect()
}
