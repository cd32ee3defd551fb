//! What an operating-system error means for a file in a folder that other
//! programs also use: a cloud-drive client or an antivirus scanner holding it
//! for a moment (try again), a cloud placeholder whose bytes cannot be had
//! right now (not yet: wait for a later pass), or anything else.
//!
//! The codes of each system are kept here, compiled on every system, so the
//! Windows and macOS rules are tested on Linux with the errors those systems
//! return (the `io::Error` of another OS cannot be made here: its raw codes
//! mean other things, e.g. 32 is `EPIPE` on Linux).

use std::io;

/// The system whose error codes are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    Windows,
    MacOs,
    Linux,
}

impl Os {
    pub const CURRENT: Os = if cfg!(windows) {
        Os::Windows
    } else if cfg!(target_os = "macos") {
        Os::MacOs
    } else {
        Os::Linux
    };
}

/// What to do about an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    /// Another program holds the file open (a sync client uploading it, an
    /// antivirus scan): the same operation usually works a moment later.
    Busy,
    /// A cloud-drive placeholder whose provider is not running, offline or
    /// still fetching: not damage; a later pass reads it.
    NotYet,
    Other,
}

// Windows (winerror.h; the values windows-sys names).
const ERROR_ACCESS_DENIED: i32 = 5;
const ERROR_SHARING_VIOLATION: i32 = 32;
const ERROR_LOCK_VIOLATION: i32 = 33;
const ERROR_DELETE_PENDING: i32 = 303;
const ERROR_USER_MAPPED_FILE: i32 = 1224;
/// ERROR_CLOUD_FILE_PROVIDER_NOT_RUNNING, _NOT_IN_SYNC, _AUTHENTICATION_FAILED,
/// _INSUFFICIENT_RESOURCES, _NETWORK_UNAVAILABLE, _UNSUCCESSFUL, _IN_USE,
/// _REQUEST_ABORTED, _ACCESS_DENIED, _REQUEST_CANCELED, _PROVIDER_TERMINATED,
/// _REQUEST_TIMEOUT, _US_MESSAGE_TIMEOUT. (The _CORRUPT ones are not here:
/// those are damage.)
const WINDOWS_CLOUD_NOT_YET: [i32; 13] = [
    362, 377, 386, 387, 388, 389, 391, 393, 395, 398, 404, 426, 475,
];
/// ERROR_NOT_READY, ERROR_BAD_NETPATH, ERROR_NETNAME_DELETED,
/// ERROR_UNEXP_NET_ERR, ERROR_SEM_TIMEOUT: a share or drive gone for now.
const WINDOWS_OFFLINE: [i32; 5] = [21, 53, 64, 59, 121];

// macOS (sys/errno.h).
const MAC_EBUSY: i32 = 16;
/// Reading a dataless (evicted iCloud Drive) file when it cannot be fetched.
const MAC_EDEADLK: i32 = 11;
const MAC_ETIMEDOUT: i32 = 60;
const MAC_ENOTCONN: i32 = 57;

// Linux (asm-generic/errno.h).
const LINUX_EBUSY: i32 = 16;
const LINUX_ETXTBSY: i32 = 26;
/// A FUSE cloud mount (rclone, a NAS client) whose process is gone or offline.
const LINUX_ENOTCONN: i32 = 107;
const LINUX_ETIMEDOUT: i32 = 110;
const LINUX_EHOSTDOWN: i32 = 112;

/// The meaning of `code` (the raw OS error) on `os`.
pub fn meaning_of(os: Os, code: i32) -> Meaning {
    match os {
        Os::Windows => match code {
            ERROR_ACCESS_DENIED
            | ERROR_SHARING_VIOLATION
            | ERROR_LOCK_VIOLATION
            | ERROR_DELETE_PENDING
            | ERROR_USER_MAPPED_FILE => Meaning::Busy,
            c if WINDOWS_CLOUD_NOT_YET.contains(&c) || WINDOWS_OFFLINE.contains(&c) => {
                Meaning::NotYet
            }
            _ => Meaning::Other,
        },
        Os::MacOs => match code {
            MAC_EBUSY => Meaning::Busy,
            MAC_EDEADLK | MAC_ETIMEDOUT | MAC_ENOTCONN => Meaning::NotYet,
            _ => Meaning::Other,
        },
        Os::Linux => match code {
            LINUX_EBUSY | LINUX_ETXTBSY => Meaning::Busy,
            LINUX_ENOTCONN | LINUX_ETIMEDOUT | LINUX_EHOSTDOWN => Meaning::NotYet,
            _ => Meaning::Other,
        },
    }
}

/// The meaning of `e` on this computer.
pub fn meaning(e: &io::Error) -> Meaning {
    match e.raw_os_error() {
        Some(code) => meaning_of(Os::CURRENT, code),
        None => Meaning::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_sharing_and_access_errors_are_busy() {
        for code in [5, 32, 33, 303, 1224] {
            assert_eq!(meaning_of(Os::Windows, code), Meaning::Busy, "{code}");
        }
        // On Linux 32 is EPIPE and 5 is EIO: not "busy".
        assert_eq!(meaning_of(Os::Linux, 32), Meaning::Other);
        assert_eq!(meaning_of(Os::Linux, 5), Meaning::Other);
    }

    #[test]
    fn a_placeholder_without_its_provider_is_not_yet_not_damage() {
        // ERROR_CLOUD_FILE_PROVIDER_NOT_RUNNING, _NETWORK_UNAVAILABLE.
        assert_eq!(meaning_of(Os::Windows, 362), Meaning::NotYet);
        assert_eq!(meaning_of(Os::Windows, 388), Meaning::NotYet);
        // ERROR_CLOUD_FILE_METADATA_CORRUPT is damage, said as such.
        assert_eq!(meaning_of(Os::Windows, 363), Meaning::Other);
        assert_eq!(meaning_of(Os::MacOs, 11), Meaning::NotYet);
        assert_eq!(meaning_of(Os::Linux, 107), Meaning::NotYet);
    }

    #[test]
    fn errors_without_an_os_code_mean_nothing_special() {
        assert_eq!(meaning(&io::Error::other("x")), Meaning::Other);
    }
}
