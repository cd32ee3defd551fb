//! A restore while the data folder is open, as the desktop app does it from
//! Settings: the caller's store is closed, the all-or-nothing [`restore`]
//! runs (the current data saved first), and the folder is opened again:
//! the restored data, or the data as it was when the restore was refused.
//! The caller closes its other connections first (the restore needs the
//! folder alone and is refused as busy otherwise).

use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

use super::restore;
use crate::db::Store;
use crate::error::Result;

/// What a restore did, for the app to say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RestoreOutcome {
    /// The backup restored (or refused).
    pub path: String,
    pub ok: bool,
    /// Why it was refused (nothing was changed then).
    pub error: Option<String>,
    /// The backup of the data it replaced.
    pub saved_to: Option<String>,
    /// What the data folder holds now (after a refusal: as before).
    pub vehicles: Option<u32>,
    pub customers: Option<u32>,
    pub photos: Option<u32>,
}

/// Restores `backup` into the data folder `store` has open and opens the
/// folder again. The outcome says whether it was restored and why not; the
/// store is an error only when the folder cannot be opened again at all.
pub fn restore_open(store: Store, backup: &Path) -> (Result<Store>, RestoreOutcome) {
    let mut outcome = RestoreOutcome {
        path: backup.display().to_string(),
        ok: false,
        error: None,
        saved_to: None,
        vehicles: None,
        customers: None,
        photos: None,
    };
    // An unreadable backup is refused before the store is closed at all.
    if let Err(e) = super::preview(backup) {
        outcome.error = Some(e.to_string());
        count_into(&store, &mut outcome);
        return (Ok(store), outcome);
    }
    let data_dir = store.data_dir().to_owned();
    drop(store);
    match restore(&data_dir, backup) {
        Ok(saved) => {
            outcome.ok = true;
            outcome.saved_to = saved.map(|s| s.path);
        }
        Err(e) => outcome.error = Some(e.to_string()),
    }
    let reopened = Store::open(&data_dir);
    if let Ok(s) = &reopened {
        count_into(s, &mut outcome);
    }
    (reopened, outcome)
}

fn count_into(store: &Store, outcome: &mut RestoreOutcome) {
    let count = |table: &str| -> Option<u32> {
        store
            .conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .ok()
    };
    outcome.vehicles = count("vehicles");
    outcome.customers = count("customers");
    outcome.photos = count("photos");
}
