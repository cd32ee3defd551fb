//! The shortlist for messengers and print: a folder of numbered photos
//! (01-1.jpg, 01-2.jpg … per car), each car's diagram, `message.txt` (the
//! email's plain text, to paste into KakaoTalk or a text message) and
//! `print.html` (the email's page with the images beside it, to print).

use std::path::{Path, PathBuf};

use super::model::{ComposeRequest, ComposedMail, MailSend, SavedMail, SendOutput};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::fsutil::{unique_path, write_atomic};

impl Store {
    /// Writes the export into a new folder inside `parent` (default: the
    /// Downloads folder).
    pub fn export_shortlist_to(
        &mut self,
        req: &ComposeRequest,
        parent: Option<&Path>,
    ) -> Result<SavedMail> {
        let parent = parent.map_or_else(super::outbox::default_save_dir, Path::to_path_buf);
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let (send, dir, _) = self.export_shortlist(req, &parent)?;
        Ok(SavedMail {
            send,
            path: dir.display().to_string(),
        })
    }

    /// Writes the export into a new folder inside `parent`; returns the
    /// history row (its `detail` is the folder), the folder and the mail.
    pub fn export_shortlist(
        &mut self,
        req: &ComposeRequest,
        parent: &Path,
    ) -> Result<(MailSend, PathBuf, ComposedMail)> {
        let draft = self.compose(req)?;
        let date = crate::time::file_date(chrono::Utc::now(), self.team_zone()?);
        let dir = unique_path(parent, &format!("{} {date}", draft.mail.to_name), "");
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let mut html = draft.mail.html.clone();
        let mut photos_of: std::collections::HashMap<&str, usize> = Default::default();
        for (image, bytes) in draft.mail.images.iter().zip(&draft.image_bytes) {
            let car = draft
                .contents
                .iter()
                .position(|c| c.vehicle_id == image.vehicle_id)
                .map_or(0, |i| i + 1);
            let name = if image.photo_id.is_some() {
                let n = photos_of.entry(&image.vehicle_id).or_default();
                *n += 1;
                format!("{car:02}-{n}.jpg")
            } else {
                format!("{car:02}-diagram.png")
            };
            write_atomic(&dir.join(&name), bytes)?;
            html = html.replace(&format!("cid:{}", image.cid), &name);
        }
        write_atomic(&dir.join("message.txt"), draft.mail.text.as_bytes())?;
        write_atomic(&dir.join("print.html"), html.as_bytes())?;
        let send = self.record_saved(req, &draft, SendOutput::Export, &dir)?;
        Ok((send, dir, draft.mail))
    }
}
