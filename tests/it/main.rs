//! The integration tests: one test binary (one link, not one per file).
//! Each module was a file of its own under tests/; a test is named by its
//! module, e.g. `cargo test -p lotbook --test it sync_files::` runs that
//! file's tests, `cargo test -p lotbook --test it cli::` the CLI's.
//!
//! One process now holds them all: `photos_fuzz` installs a counting
//! allocator (per thread, so the other modules do not disturb it), and no
//! module may change process-wide state (environment, working directory).

mod common;
mod support;

mod backup;
mod backup_photos;
mod backup_shared;
mod capture;
mod care;
mod care_notice;
mod cli;
mod condition;
mod condition_demo;
mod condition_disclosures;
mod csv;
mod csv_fuzz;
mod customers;
mod export_all;
mod exports;
mod inquiries;
mod inventory;
mod labels;
mod long_paths;
mod mail;
mod mail_headers;
mod mail_outputs;
mod mail_wording;
mod mailbox;
mod matching;
mod outbox;
mod photo_archive;
mod photos;
mod photos_crash;
#[cfg(unix)]
mod photos_doors;
mod photos_fuzz;
mod readme_cli;
mod recalls;
mod sheet_imports;
mod store;
mod sync;
mod sync_clocks;
mod sync_convergence;
mod sync_doors;
mod sync_files;
mod sync_photo_sizes;
mod sync_snapshots;
mod visit_ics;
