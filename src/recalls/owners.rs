//! The owners of sold cars a recall concerns: told through the existing
//! campaigns (one per recall, made on demand, with the recall's code and
//! deadline in its wording), and Today's list of who is not told yet.

use rusqlite::params;

use super::model::{RecallState, RecallsToday};
use crate::care::{Campaign, CampaignFilter, CampaignInput};
use crate::condition::Lang;
use crate::db::{now_utc, Store};
use crate::error::Result;

/// The notice a recall's campaign starts from (the dealer edits it before
/// sending; `{{ … }}` are the campaign's placeholders).
fn wording(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Ko => (
            "[리콜 안내] {{ car }} ({{ code }})",
            "{{ customer }} 님, 안녕하세요. {{ team }} {{ dealer }}입니다.\n\n\
             저희에게서 구매하신 차량이 제조사 리콜 대상이라 먼저 알려 드립니다.\n\n\
             - 차량: {{ car }}\n- 차대번호: {{ vin }}\n- 리콜: {{ recall }} ({{ code }})\n\
             - 시정 방법: {{ remedy }}\n- 시정 기한: {{ deadline }}\n\n\
             가까운 제조사 서비스센터에 차대번호를 알려 주시면 무상으로 조치받으실 수 있습니다.\n\
             예약이 번거로우시면 편하게 연락 주세요. 제가 도와드리겠습니다.\n\n{{ dealer }} 드림",
        ),
        Lang::En => (
            "Recall notice: {{ car }} ({{ code }})",
            "Dear {{ customer }},\n\nThis is {{ dealer }} at {{ team }}. The car you bought from us \
             is covered by a manufacturer's recall, so we wanted you to hear it from us first.\n\n\
             - Car: {{ car }}\n- VIN: {{ vin }}\n- Recall: {{ recall }} ({{ code }})\n\
             - Remedy: {{ remedy }}\n- Deadline: {{ deadline }}\n\n\
             Give the VIN to an authorised service centre; the work is free of charge.\n\
             If you would like help with the booking, just call me.\n\n{{ dealer }}",
        ),
    }
}

impl Store {
    /// The campaign telling the owners of the recall's sold cars: the one
    /// made before, else a new one in `lang` (not sent: the dealer reads
    /// it, edits it and sends it as any campaign).
    pub fn recall_campaign(&mut self, recall_id: &str, lang: Lang) -> Result<Campaign> {
        let recall = self.get_recall(recall_id)?;
        if let Some(id) = &recall.campaign_id {
            if let Ok(c) = self.get_campaign(id) {
                return Ok(c);
            }
        }
        let (subject, body) = wording(lang);
        let title = match (lang, recall.title.is_empty()) {
            (Lang::Ko, false) => format!("리콜 {}: {}", recall.code, recall.title),
            (Lang::En, false) => format!("Recall {}: {}", recall.code, recall.title),
            (Lang::Ko, true) => format!("리콜 {}", recall.code),
            (Lang::En, true) => format!("Recall {}", recall.code),
        };
        let title: String = title
            .chars()
            .take(crate::validate::SHORT_TEXT_MAX)
            .collect();
        let campaign = self.create_campaign(&CampaignInput {
            title,
            code: recall.code.clone(),
            filter: CampaignFilter {
                recall_id: Some(recall.id.clone()),
                ..Default::default()
            },
            lang,
            subject: subject.into(),
            body: body.into(),
        })?;
        self.transact(|tx| {
            tx.execute(
                "UPDATE recalls SET campaign_id = ?2, updated_at = ?3 WHERE id = ?1",
                params![recall.id, campaign.id, now_utc()],
            )?;
            Ok(())
        })?;
        Ok(campaign)
    }

    /// Makes `campaign_id` the campaign that tells the recall's owners (a
    /// campaign sent before the maker's file came).
    pub fn link_recall_campaign(&mut self, recall_id: &str, campaign_id: &str) -> Result<()> {
        self.get_recall(recall_id)?;
        self.get_campaign(campaign_id)?;
        self.transact(|tx| {
            tx.execute(
                "UPDATE recalls SET campaign_id = ?2, updated_at = ?3 WHERE id = ?1",
                params![recall_id, campaign_id, now_utc()],
            )?;
            Ok(())
        })
    }

    /// Today's recalls: cars not sold with an open recall, and owners of
    /// sold cars with one who were not told (not reached by e-mail either:
    /// no address, or the mail failed; they need a call).
    pub fn recalls_today(&self) -> Result<RecallsToday> {
        let open = self.list_car_recalls(true)?;
        let (sold, in_stock): (Vec<_>, Vec<_>) = open
            .into_iter()
            .filter(|r| r.state == RecallState::Open && r.vehicle_status != "withdrawn")
            .partition(|r| r.vehicle_status == "sold");
        let owners_not_told = sold
            .into_iter()
            .filter(|r| {
                r.owner.as_ref().is_some_and(|o| {
                    !matches!(
                        o.told,
                        Some(crate::care::RecipientState::Sent)
                            | Some(crate::care::RecipientState::Queued)
                    )
                })
            })
            .collect();
        Ok(RecallsToday {
            in_stock,
            owners_not_told,
        })
    }
}
