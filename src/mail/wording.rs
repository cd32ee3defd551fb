//! A dealer's wording as it reads for one real customer: the preview beside
//! the wording editor in Settings. The same renderer and the same values as
//! the email ([`super::compose`]), so what the preview says is what is sent.

use super::templates::{self, Words};
use crate::condition::Lang;
use crate::db::Store;
use crate::error::Result;

/// How many cars the preview's wording speaks of: an email is made for a
/// shortlist, which the wording editor does not have.
pub const PREVIEW_COUNT: usize = 3;

impl Store {
    /// `source` (a wording, saved or not) rendered as plain text for the
    /// customer `customer_id`, with the team's name and this dealer's name
    /// as the email uses them. The colleague of an introduction is another
    /// member of the team (none if the dealer works alone).
    pub fn preview_wording(
        &self,
        part: &str,
        lang: Lang,
        source: &str,
        customer_id: &str,
    ) -> Result<String> {
        let customer = self.get_customer(customer_id)?;
        let (_, _, signature) = self.sender()?;
        let team = self.setting(super::TEAM_NAME_KEY)?.unwrap_or_default();
        let colleague = self.list_users()?.into_iter().find(|u| !u.is_me);
        let words = Words {
            customer: customer.name,
            dealer: signature.first().cloned().unwrap_or_default(),
            team,
            count: PREVIEW_COUNT,
            colleague: colleague
                .as_ref()
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            colleague_phone: colleague.map(|u| u.phone).unwrap_or_default(),
        };
        templates::render_user(&templates::setting_key(part, lang), source, &words, false)
    }
}
