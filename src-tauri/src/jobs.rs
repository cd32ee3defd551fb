//! Cancel flags of the long jobs running now (photo and sheet imports,
//! backups, exports, composing an email), by the job id the UI chose; and
//! with the work the core's workers count (automatic backup, the outbox,
//! sync), so an update is never installed in the middle of either.

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

    /// What runs now: the UI's jobs by id, then the background work by name.
    pub fn running(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .0
            .lock()
            .map(|jobs| jobs.keys().cloned().collect())
            .unwrap_or_default();
        all.sort();
        all.extend(
            lotbook::workers::background()
                .into_iter()
                .map(str::to_owned),
        );
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_lists_jobs_and_background_work_until_they_end() {
        let jobs = Jobs::default();
        jobs.start("import-1");
        {
            let _sync = lotbook::workers::working("sync");
            let now = jobs.running();
            assert!(now.contains(&"import-1".to_owned()) && now.contains(&"sync".to_owned()));
        }
        jobs.finish("import-1");
        assert!(!jobs
            .running()
            .iter()
            .any(|w| w == "import-1" || w == "sync"));
    }
}
