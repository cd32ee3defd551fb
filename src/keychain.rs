//! Secrets (the SMTP password, the team's sync passphrase) live in the OS
//! keychain, never in the database: Keychain on macOS, Credential Manager on
//! Windows, the kernel's user keyring on Linux.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::error::{Error, Result};

/// Tests put secrets in a folder instead of the OS keychain (CI machines'
/// keychains are locked or absent): a test process calls [`use_folder`],
/// a CLI it starts is given this variable. The app never sets either.
pub const FOLDER_ENV: &str = "LOTBOOK_TEST_KEYCHAIN_DIR";

static FOLDER: OnceLock<PathBuf> = OnceLock::new();

/// For tests: from now on this process keeps secrets as files in `dir`,
/// not in the OS keychain. The first folder given stays (the answer).
pub fn use_folder(dir: &Path) -> &'static Path {
    FOLDER.get_or_init(|| dir.to_owned())
}

/// The folder secrets go to instead of the keychain, if a test chose one.
fn folder() -> Option<PathBuf> {
    FOLDER.get().cloned().or_else(|| {
        std::env::var_os(FOLDER_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
}

/// The file of one secret in the test folder: named by a hash, so any
/// service and account make a plain file name.
fn secret_file(dir: &Path, service: &str, account: &str) -> PathBuf {
    let key = blake3::hash(format!("{service}\0{account}").as_bytes());
    dir.join(key.to_hex().as_str())
}

/// The secret stored for `account` of `service`, if any. `field` names the
/// input the secret came from, for the error message.
pub fn get(service: &str, account: &str, field: &str) -> Result<Option<String>> {
    if let Some(dir) = folder() {
        let path = secret_file(&dir, service, account);
        return match std::fs::read_to_string(&path) {
            Ok(s) => Ok(Some(s)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(&path, e)),
        };
    }
    match entry(service, account, field)?.get_password() {
        Ok(pw) => Ok(Some(pw)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(keychain_error(field, e)),
    }
}

pub fn set(service: &str, account: &str, secret: &str, field: &str) -> Result<()> {
    if let Some(dir) = folder() {
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let path = secret_file(&dir, service, account);
        return crate::fsutil::write_atomic(&path, secret.as_bytes());
    }
    entry(service, account, field)?
        .set_password(secret)
        .map_err(|e| keychain_error(field, e))
}

pub fn delete(service: &str, account: &str, field: &str) -> Result<()> {
    if let Some(dir) = folder() {
        let path = secret_file(&dir, service, account);
        return match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::io(&path, e)),
        };
    }
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
