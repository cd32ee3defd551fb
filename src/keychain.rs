//! Secrets (the SMTP password, the team's sync passphrase) live in the OS
//! keychain, never in the database: Keychain on macOS, Credential Manager on
//! Windows, the kernel's user keyring on Linux.

use crate::error::{Error, Result};

/// The secret stored for `account` of `service`, if any. `field` names the
/// input the secret came from, for the error message.
pub fn get(service: &str, account: &str, field: &str) -> Result<Option<String>> {
    match entry(service, account, field)?.get_password() {
        Ok(pw) => Ok(Some(pw)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(keychain_error(field, e)),
    }
}

pub fn set(service: &str, account: &str, secret: &str, field: &str) -> Result<()> {
    entry(service, account, field)?
        .set_password(secret)
        .map_err(|e| keychain_error(field, e))
}

pub fn delete(service: &str, account: &str, field: &str) -> Result<()> {
    match entry(service, account, field)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(keychain_error(field, e)),
    }
}

#[cfg(not(target_os = "linux"))]
fn entry(service: &str, account: &str, field: &str) -> Result<keyring::Entry> {
    keyring::Entry::new(service, account).map_err(|e| keychain_error(field, e))
}

/// On Linux the kernel's user keyring: shared by the user's processes (the
/// app and the CLI) until the machine restarts. keyring-rs would use the
/// session keyring linked into the persistent one, which many systems
/// (containers among them) refuse, and the refusal then reads as "no such
/// password".
#[cfg(target_os = "linux")]
fn entry(service: &str, account: &str, field: &str) -> Result<keyring::Entry> {
    use linux_keyutils::{KeyRing, KeyRingIdentifier};
    let user = KeyRing::from_special_id(KeyRingIdentifier::User, false).map_err(|e| {
        Error::invalid(
            field,
            crate::error::ErrorCode::Keychain,
            format!("the kernel keyring could not be opened: {e}"),
        )
    })?;
    let credential = keyring::keyutils::KeyutilsCredential {
        session: user,
        persistent: None,
        description: format!("lotbook:{account}@{service}"),
    };
    Ok(keyring::Entry::new_with_credential(Box::new(credential)))
}

fn keychain_error(field: &str, e: keyring::Error) -> Error {
    Error::invalid(
        field,
        crate::error::ErrorCode::Keychain,
        format!("the system keychain could not be used: {e}"),
    )
}
