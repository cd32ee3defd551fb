//! The visit confirmation email: a few words and the `.ics` invitation,
//! queued in the outbox like every email.

use crate::condition::Lang;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::mail::mime::Attachment;
use crate::mail::notice::Notice;
use crate::mail::MailSend;

impl Store {
    pub fn queue_visit_confirmation(&mut self, visit_id: &str, lang: Lang) -> Result<MailSend> {
        let v = self.get_visit(visit_id)?;
        let customer_id = v.customer_id.clone().ok_or_else(|| {
            Error::invalid(
                "visit",
                crate::error::ErrorCode::NoCustomer,
                "blocked time has no customer to invite",
            )
        })?;
        let customer = self.get_customer(&customer_id)?;
        if customer.email.is_empty() {
            return Err(Error::invalid(
                "email",
                crate::error::ErrorCode::NoEmail,
                format!(
                    "{} has no email address; add one, or export the .ics and send it another way",
                    customer.name
                ),
            ));
        }
        let account = self.sending_account()?;
        let ics = self.visit_ics(visit_id)?;
        let team = self
            .setting(crate::mail::TEAM_NAME_KEY)?
            .unwrap_or_default();
        let when = {
            let tz = self.team_zone()?;
            let start = super::visits::parse_utc(&v.start_at);
            let at = crate::time::format_date_time(start, tz, lang);
            match (lang, tz == crate::time::DEFAULT_ZONE) {
                (Lang::Ko, true) => at,
                (Lang::En, true) => format!("{at} (Korea time)"),
                _ => format!("{at} ({})", tz.name()),
            }
        };
        let (subject, text) = match lang {
            Lang::Ko => (
                format!("{team} 방문 예약 확인 ({when})"),
                format!(
                    "{} 님, {when}에 뵙겠습니다.\n첨부한 일정 파일(.ics)을 열면 달력에 추가됩니다.\n\n{team}",
                    customer.name
                ),
            ),
            Lang::En => (
                format!("Your visit to {team}: {when}"),
                format!(
                    "Dear {}, we look forward to seeing you on {when}.\nOpen the attached .ics file to add it to your calendar.\n\n{team}",
                    customer.name
                ),
            ),
        };
        let html = crate::mail::notice::text_html(&text);
        self.queue_notice(
            &account,
            &Notice {
                customer_id: &customer_id,
                to_name: &customer.name,
                to_addr: &customer.email,
                subject: &subject,
                text: &text,
                html: &html,
                lang,
                contents: &[],
                detail: "visit confirmation",
                attachments: &[Attachment {
                    content_type: "text/calendar; charset=utf-8",
                    name: "visit.ics".into(),
                    bytes: ics.into_bytes(),
                }],
            },
        )
    }
}
