//! The dealer's SMTP account on this device. Host, port and addresses are a
//! device setting (`local_meta`, never synced: each dealer sends from their
//! own account); the password is only ever in the OS keychain: Keychain on
//! macOS, Credential Manager on Windows, the kernel's user keyring on Linux
//! (which keeps it until the machine restarts).

use super::model::{SmtpPreset, SmtpSecurity, SmtpSettings};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::{keychain, validate};

const SMTP_KEY: &str = "smtp";
const KEYCHAIN_SERVICE: &str = "kr.lotbook.app.smtp";

pub fn presets() -> Vec<SmtpPreset> {
    let p = |key: &str, label: &str, host: &str, port, security, ko: &str, en: &str| SmtpPreset {
        key: key.into(),
        label: label.into(),
        host: host.into(),
        port,
        security,
        hint_ko: ko.into(),
        hint_en: en.into(),
    };
    vec![
        p(
            "gmail",
            "Gmail",
            "smtp.gmail.com",
            587,
            SmtpSecurity::StartTls,
            "Google 계정 › 보안에서 2단계 인증을 켜고 '앱 비밀번호'를 만들어 입력하세요.",
            "Turn on 2-Step Verification in your Google Account › Security, then create an app password and enter it here.",
        ),
        p(
            "naver",
            "네이버 메일",
            "smtp.naver.com",
            465,
            SmtpSecurity::Tls,
            "네이버 메일 › 환경설정 › POP3/IMAP 설정에서 SMTP 사용을 켜세요. 2단계 인증을 쓰면 애플리케이션 비밀번호를 입력하세요.",
            "In Naver Mail › Settings › POP3/IMAP, turn SMTP on. With 2-step verification, enter an application password.",
        ),
        p(
            "daum",
            "Daum 메일",
            "smtp.daum.net",
            465,
            SmtpSecurity::Tls,
            "Daum 메일 › 환경설정 › IMAP/SMTP에서 사용을 켜세요. 2단계 인증을 쓰면 앱 비밀번호를 입력하세요.",
            "In Daum Mail › Settings › IMAP/SMTP, turn it on. With 2-step verification, enter an app password.",
        ),
    ]
}

fn account_name(s: &SmtpSettings) -> String {
    format!("{}@{}", s.username, s.host)
}

fn checked(s: &SmtpSettings) -> Result<SmtpSettings> {
    let host = validate::mail_server(&s.host, s.port, "smtp.gmail.com")?;
    let from_addr = validate::email("from_addr", &s.from_addr)?;
    if from_addr.is_empty() {
        return Err(Error::invalid(
            "from_addr",
            crate::error::ErrorCode::Required,
            "from_addr is required: the address customers see and reply to",
        ));
    }
    Ok(SmtpSettings {
        host,
        port: s.port,
        security: s.security,
        username: validate::short("username", &s.username)?,
        from_name: validate::short("from_name", &s.from_name)?,
        from_addr,
        has_password: false,
    })
}

impl Store {
    /// This device's SMTP account without asking the keychain (composing
    /// and sending need only the addresses; `has_password` is left false).
    pub fn smtp_account(&self) -> Result<Option<SmtpSettings>> {
        let Some(json) = self.local_get(SMTP_KEY)? else {
            return Ok(None);
        };
        serde_json::from_str(&json)
            .map(Some)
            .map_err(|e| Error::Other(format!("the saved SMTP settings are unreadable: {e}")))
    }

    /// This device's SMTP account for the settings screen, with whether the
    /// keychain holds its password.
    pub fn smtp_settings(&self) -> Result<Option<SmtpSettings>> {
        let Some(mut s) = self.smtp_account()? else {
            return Ok(None);
        };
        s.has_password = !s.username.is_empty() && smtp_password(&s)?.is_some();
        Ok(Some(s))
    }

    /// Saves the account; with `password`, stores it in the keychain (never
    /// in the database).
    pub fn save_smtp_settings(
        &mut self,
        settings: &SmtpSettings,
        password: Option<&str>,
    ) -> Result<SmtpSettings> {
        let s = checked(settings)?;
        if let Some(pw) = password {
            if s.username.is_empty() {
                return Err(Error::invalid(
                    "username",
                    crate::error::ErrorCode::Required,
                    "username is required to store a password",
                ));
            }
            keychain::set(KEYCHAIN_SERVICE, &account_name(&s), pw, "password")?;
        }
        let json = serde_json::to_string(&s).map_err(|e| Error::Other(e.to_string()))?;
        self.local_set(SMTP_KEY, &json)?;
        self.smtp_settings()?
            .ok_or_else(|| Error::Other("the SMTP settings were not saved".into()))
    }

    /// Forgets the account and its keychain password.
    pub fn clear_smtp_settings(&mut self) -> Result<()> {
        // A password is only ever stored with a username (see above).
        if let Some(s) = self.smtp_account()?.filter(|s| !s.username.is_empty()) {
            keychain::delete(KEYCHAIN_SERVICE, &account_name(&s), "password")?;
        }
        self.transact(|tx| {
            tx.execute("DELETE FROM local_meta WHERE key = ?1", [SMTP_KEY])?;
            Ok(())
        })
    }
}

/// The account's password from the keychain, if stored.
pub fn smtp_password(s: &SmtpSettings) -> Result<Option<String>> {
    keychain::get(KEYCHAIN_SERVICE, &account_name(s), "password")
}
