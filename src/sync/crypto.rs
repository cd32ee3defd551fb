//! Optional team encryption of the shared folder.
//!
//! The team passphrase is stretched once per sync pass with scrypt (salt and
//! cost in the folder's `encryption.json`); each segment and photo is then
//! sealed on its own with XChaCha20-Poly1305 under a random nonce. A known
//! sealed text in `encryption.json` tells a wrong passphrase apart from a
//! damaged file before anything is read or written.

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

const NONCE_LEN: usize = 24;
const CHECK_TEXT: &[u8] = b"lotbook team key v1";

/// Stored in the folder; holds nothing secret.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EncryptionInfo {
    pub kdf: String,
    pub log_n: u8,
    pub r: u32,
    pub p: u32,
    pub salt: String,
    pub check: String,
}

pub struct TeamKey {
    cipher: XChaCha20Poly1305,
}

impl TeamKey {
    /// A new key for a folder being set up, with the info to store beside it.
    pub fn create(passphrase: &str) -> Result<(TeamKey, EncryptionInfo)> {
        let salt: [u8; 16] = rand_bytes();
        let (log_n, r, p) = (15, 8, 1);
        let key = derive(passphrase, &salt, log_n, r, p)?;
        let check = hex(&key.seal(CHECK_TEXT)?);
        let info = EncryptionInfo {
            kdf: "scrypt".into(),
            log_n,
            r,
            p,
            salt: hex(&salt),
            check,
        };
        Ok((key, info))
    }

    /// The key for an existing folder; `None` when the passphrase is wrong.
    pub fn unlock(passphrase: &str, info: &EncryptionInfo) -> Result<Option<TeamKey>> {
        let bad = || Error::Other("the folder's encryption.json is damaged".into());
        if info.kdf != "scrypt" || info.log_n > 22 {
            return Err(bad());
        }
        let salt = unhex(&info.salt).ok_or_else(bad)?;
        let check = unhex(&info.check).ok_or_else(bad)?;
        let key = derive(passphrase, &salt, info.log_n, info.r, info.p)?;
        Ok(match key.open(&check) {
            Some(text) if text == CHECK_TEXT => Some(key),
            _ => None,
        })
    }

    pub fn seal(&self, plain: &[u8]) -> Result<Vec<u8>> {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = self
            .cipher
            .encrypt(&nonce, plain)
            .map_err(|_| Error::Other("encryption failed".into()))?;
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// The plain bytes, or `None` if they were not sealed with this key or
    /// were changed since.
    pub fn open(&self, sealed: &[u8]) -> Option<Vec<u8>> {
        if sealed.len() < NONCE_LEN {
            return None;
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        self.cipher.decrypt(XNonce::from_slice(nonce), body).ok()
    }
}

fn derive(passphrase: &str, salt: &[u8], log_n: u8, r: u32, p: u32) -> Result<TeamKey> {
    let params = scrypt::Params::new(log_n, r, p, 32)
        .map_err(|e| Error::Other(format!("bad scrypt parameters: {e}")))?;
    let mut key = [0u8; 32];
    scrypt::scrypt(passphrase.as_bytes(), salt, &params, &mut key)
        .map_err(|e| Error::Other(format!("scrypt failed: {e}")))?;
    Ok(TeamKey {
        cipher: XChaCha20Poly1305::new(Key::from_slice(&key)),
    })
}

fn rand_bytes<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    // A nonce is 24 random bytes from the OS; take what we need from one.
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    out.copy_from_slice(&nonce[..N]);
    out
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| s.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect()
}

#[cfg(test)]
mod tests;
