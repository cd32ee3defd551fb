//! The dealer's mailbox over IMAP: new messages from customers become
//! inquiries on their log, messages from unknown senders that look like
//! inquiries are offered as new customers, and what the dealer sent from
//! another mail program (the Sent folder) counts as the reply. Lotbook only
//! reads: folders are opened read-only (EXAMINE) and bodies fetched with
//! BODY.PEEK, so nothing is deleted, moved, flagged or marked read.

pub mod account;
mod charset;
pub mod check;
mod decode;
mod imap;
pub mod leads;
mod model;
mod record;
pub mod worker;

pub use check::check_once;
pub use model::*;
pub use worker::{MailboxWorker, WorkerOptions};
