//! Helpers shared by several test modules (and, by path, by the benches).

pub mod fake_photos;
pub mod imap_server;
pub mod smtp;
pub mod sync_net;
pub mod synth;
