//! Cancel flags of the long jobs running now (photo imports, composing an
//! email), by the job id the UI chose.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub struct Jobs(Mutex<HashMap<String, Arc<AtomicBool>>>);

impl Jobs {
    pub fn start(&self, id: &str) -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(false));
        if let Ok(mut jobs) = self.0.lock() {
            jobs.insert(id.to_owned(), flag.clone());
        }
        flag
    }

    pub fn finish(&self, id: &str) {
        if let Ok(mut jobs) = self.0.lock() {
            jobs.remove(id);
        }
    }

    pub fn cancel(&self, id: &str) {
        if let Some(flag) = self.0.lock().ok().and_then(|jobs| jobs.get(id).cloned()) {
            flag.store(true, Ordering::Relaxed);
        }
    }
}
