//! The dealer's IMAP account on this device, kept like the SMTP account:
//! host, port and username in `local_meta` (never synced: each dealer reads
//! their own mailbox), the app password only in the OS keychain.

use super::model::{ImapPreset, ImapSettings, MailboxState, MailboxStatus};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::mail::SmtpSecurity;
use crate::{keychain, validate};

const IMAP_KEY: &str = "imap";
const STATUS_KEY: &str = "mailbox.status";
/// Set when the server refused the login; cleared when the settings are
/// saved again. While set, the worker does not try (no retry loop against
/// a wrong password, which servers punish by locking the account).
const REFUSED_KEY: &str = "mailbox.refused";
const KEYCHAIN_SERVICE: &str = "kr.lotbook.app.imap";

pub fn presets() -> Vec<ImapPreset> {
    let p = |key: &str, label: &str, host: &str, ko: &str, en: &str| ImapPreset {
        key: key.into(),
        label: label.into(),
        host: host.into(),
        port: 993,
        security: SmtpSecurity::Tls,
        hint_ko: ko.into(),
        hint_en: en.into(),
    };
    vec![
        p(
            "naver",
            "네이버 메일",
            "imap.naver.com",
            "네이버 메일 › 환경설정 › POP3/IMAP 설정에서 IMAP 사용을 켜세요. 2단계 인증을 쓰면 애플리케이션 비밀번호를 입력하세요.",
            "In Naver Mail › Settings › POP3/IMAP, turn IMAP on. With 2-step verification, enter an application password.",
        ),
        p(
            "daum",
            "Daum 메일",
            "imap.daum.net",
            "Daum 메일 › 환경설정 › IMAP/SMTP에서 IMAP 사용을 켜세요. 2단계 인증을 쓰면 앱 비밀번호를 입력하세요.",
            "In Daum Mail › Settings › IMAP/SMTP, turn IMAP on. With 2-step verification, enter an app password.",
        ),
        p(
            "gmail",
            "Gmail",
            "imap.gmail.com",
            "Google 계정 › 보안에서 2단계 인증을 켜고 '앱 비밀번호'를 만들어 입력하세요.",
            "Turn on 2-Step Verification in your Google Account › Security, then create an app password and enter it here.",
        ),
    ]
}

/// The preset named `key` (naver, daum, gmail), as settings for `username`.
pub fn preset(key: &str, username: &str) -> Result<ImapSettings> {
    let p = presets()
        .into_iter()
        .find(|p| p.key.eq_ignore_ascii_case(key.trim()))
        .ok_or_else(|| {
            Error::invalid(
                "preset",
                crate::error::ErrorCode::InvalidPreset,
                format!("preset must be naver, daum or gmail, got {key:?}"),
            )
        })?;
    Ok(ImapSettings {
        host: p.host,
        port: p.port,
        security: p.security,
        username: username.to_owned(),
        has_password: false,
    })
}

/// `user@host`: the keychain entry's name and the folder positions' key.
pub(crate) fn account_name(s: &ImapSettings) -> String {
    format!("{}@{}", s.username, s.host)
}

fn checked(s: &ImapSettings) -> Result<ImapSettings> {
    let host = validate::mail_server(&s.host, s.port, "imap.naver.com")?;
    let username = validate::required("username", &s.username)?;
    Ok(ImapSettings {
        host,
        port: s.port,
        security: s.security,
        username: validate::short("username", &username)?,
        has_password: false,
    })
}

impl Store {
    /// This device's IMAP account without asking the keychain.
    pub fn imap_account(&self) -> Result<Option<ImapSettings>> {
        let Some(json) = self.local_get(IMAP_KEY)? else {
            return Ok(None);
        };
        serde_json::from_str(&json)
            .map(Some)
            .map_err(|e| Error::Other(format!("the saved IMAP settings are unreadable: {e}")))
    }

    /// The account for the settings screen, with whether the keychain holds
    /// its password.
    pub fn imap_settings(&self) -> Result<Option<ImapSettings>> {
        let Some(mut s) = self.imap_account()? else {
            return Ok(None);
        };
        s.has_password = imap_password(&s)?.is_some();
        Ok(Some(s))
    }

    /// Saves the account (and, given, the password into the keychain). The
    /// next look at the mailbox tries again even after a refused login.
    pub fn save_imap_settings(
        &mut self,
        settings: &ImapSettings,
        password: Option<&str>,
    ) -> Result<ImapSettings> {
        let s = checked(settings)?;
        if let Some(pw) = password.filter(|p| !p.is_empty()) {
            keychain::set(KEYCHAIN_SERVICE, &account_name(&s), pw, "password")?;
        }
        let json = serde_json::to_string(&s).map_err(|e| Error::Other(e.to_string()))?;
        self.transact(|tx| {
            crate::db::local_set(tx, IMAP_KEY, &json)?;
            tx.execute("DELETE FROM local_meta WHERE key = ?1", [REFUSED_KEY])?;
            Ok(())
        })?;
        self.imap_settings()?
            .ok_or_else(|| Error::Other("the IMAP settings were not saved".into()))
    }

    /// Forgets the account, its keychain password and its status.
    pub fn clear_imap_settings(&mut self) -> Result<()> {
        if let Some(s) = self.imap_account()? {
            keychain::delete(KEYCHAIN_SERVICE, &account_name(&s), "password")?;
        }
        self.transact(|tx| {
            for key in [IMAP_KEY, STATUS_KEY, REFUSED_KEY] {
                tx.execute("DELETE FROM local_meta WHERE key = ?1", [key])?;
            }
            Ok(())
        })
    }

    /// How the last look at the mailbox went (not set: no account).
    pub fn mailbox_status(&self) -> Result<MailboxStatus> {
        if self.imap_account()?.is_none() {
            return Ok(MailboxStatus {
                state: MailboxState::NotSet,
                checked_at: None,
                message: "no IMAP account is set up on this computer".into(),
                idle: false,
            });
        }
        let saved = self
            .local_get(STATUS_KEY)?
            .and_then(|j| serde_json::from_str::<MailboxStatus>(&j).ok());
        Ok(saved.unwrap_or(MailboxStatus {
            state: MailboxState::Ok,
            checked_at: None,
            message: "not checked yet".into(),
            idle: false,
        }))
    }

    pub(crate) fn save_mailbox_status(&mut self, status: &MailboxStatus) -> Result<()> {
        let json = serde_json::to_string(status).map_err(|e| Error::Other(e.to_string()))?;
        self.transact(|tx| {
            crate::db::local_set(tx, STATUS_KEY, &json)?;
            if status.state == MailboxState::WrongPassword {
                crate::db::local_set(tx, REFUSED_KEY, "1")?;
            }
            Ok(())
        })
    }

    /// Whether the server refused these settings (the worker waits for new ones).
    pub fn imap_refused(&self) -> Result<bool> {
        Ok(self.local_get(REFUSED_KEY)?.is_some())
    }
}

/// The account's password from the keychain, if stored.
pub fn imap_password(s: &ImapSettings) -> Result<Option<String>> {
    keychain::get(KEYCHAIN_SERVICE, &account_name(s), "password")
}
