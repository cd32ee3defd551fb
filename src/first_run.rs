//! The first run of the desktop app on a data folder: a welcome asks who
//! uses this computer and the team's name, then the dealer starts empty,
//! joins the shared folder, restores a backup or looks around in a sample
//! folder beside the real one (never mixed into it). Only a folder the
//! desktop app created itself waits for the welcome; folders filled by the
//! CLI (`lotbook demo`, the tests, scripts/run-demo.sh) never do.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::customers::UserInput;
use crate::db::{Store, DB_FILE};
use crate::error::Result;

/// local_meta: set while the welcome has not been finished on this folder.
const WELCOME_KEY: &str = "welcome.pending";
/// local_meta: this folder is the sample one (the UI says so).
const SAMPLE_KEY: &str = "sample";

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Welcome {
    /// The welcome is shown instead of the app.
    pub pending: bool,
    /// This is the sample folder, not the dealer's data.
    pub sample: bool,
}

/// Who uses this computer and the team's name, from the welcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WelcomeInput {
    pub name: String,
    pub phone: String,
    pub email: String,
    pub team: String,
}

/// Whether `data_dir` has no store yet (checked before the app opens it).
pub fn is_new_folder(data_dir: &Path) -> bool {
    !data_dir.join(DB_FILE).exists()
}

/// The sample folder beside `data_dir`: `<name>-sample`.
pub fn sample_dir(data_dir: &Path) -> PathBuf {
    let name = data_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "lotbook".into());
    data_dir.with_file_name(format!("{name}-sample"))
}

/// Fills the sample folder with the demo team once (later visits reuse it)
/// and returns it; the dealer's own folder is not touched.
pub fn prepare_sample(data_dir: &Path) -> Result<PathBuf> {
    fill_sample(data_dir, true)
}

/// [`prepare_sample`], with the drawn photos or without (tests).
pub fn fill_sample(data_dir: &Path, photos: bool) -> Result<PathBuf> {
    let dir = sample_dir(data_dir);
    let mut store = Store::open(&dir)?;
    if store.local_get(SAMPLE_KEY)?.is_none() {
        crate::demo::fill(&mut store)?;
        if photos {
            crate::demo::fill_photos(&mut store)?;
        }
        store.local_set(SAMPLE_KEY, "1")?;
    }
    Ok(dir)
}

impl Store {
    /// Marks a folder the desktop app just created: the welcome shows.
    pub fn begin_welcome(&mut self) -> Result<()> {
        self.local_set(WELCOME_KEY, "1")
    }

    pub fn welcome(&self) -> Result<Welcome> {
        Ok(Welcome {
            pending: self.local_get(WELCOME_KEY)?.is_some(),
            sample: self.local_get(SAMPLE_KEY)?.is_some(),
        })
    }

    /// Saves "me" (this computer's user) and the team's name, then ends
    /// the welcome. A blank name leaves "me" unset; a blank team name
    /// leaves the setting as it was.
    pub fn finish_welcome(&mut self, input: &WelcomeInput) -> Result<Welcome> {
        if !input.name.trim().is_empty() {
            let id = self.me()?.map(|u| u.id);
            let user = UserInput {
                id,
                name: input.name.clone(),
                email: input.email.clone(),
                phone: input.phone.clone(),
            };
            self.save_user(&user, true)?;
        }
        if !input.team.trim().is_empty() {
            self.set_team_setting(crate::mail::TEAM_NAME_KEY, input.team.trim())?;
        }
        self.transact(|tx| {
            tx.execute("DELETE FROM local_meta WHERE key = ?1", [WELCOME_KEY])?;
            Ok(())
        })?;
        self.welcome()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welcome_sets_me_and_the_team_then_ends() {
        let dir = tempfile::tempdir().unwrap();
        assert!(is_new_folder(dir.path()));
        let mut store = Store::open(dir.path()).unwrap();
        assert!(!is_new_folder(dir.path()));
        assert!(
            !store.welcome().unwrap().pending,
            "a CLI-made folder never waits"
        );
        store.begin_welcome().unwrap();
        assert!(store.welcome().unwrap().pending);
        let done = store
            .finish_welcome(&WelcomeInput {
                name: "김민수".into(),
                phone: "010-1234-5678".into(),
                email: "minsu@example.kr".into(),
                team: "대전모터스".into(),
            })
            .unwrap();
        assert_eq!(
            done,
            Welcome {
                pending: false,
                sample: false
            }
        );
        let me = store.me().unwrap().unwrap();
        assert_eq!((me.name.as_str(), me.is_me), ("김민수", true));
        assert_eq!(
            store
                .setting(crate::mail::TEAM_NAME_KEY)
                .unwrap()
                .as_deref(),
            Some("대전모터스")
        );
    }

    #[test]
    fn the_sample_is_filled_once_beside_the_real_folder() {
        let root = tempfile::tempdir().unwrap();
        let real = root.path().join("data");
        let sample = fill_sample(&real, false).unwrap();
        assert_eq!(sample, root.path().join("data-sample"));
        assert!(is_new_folder(&real), "the real folder is not touched");
        let count = |dir: &Path| -> i64 {
            let store = Store::open(dir).unwrap();
            assert!(store.welcome().unwrap().sample);
            store
                .conn()
                .query_row("SELECT count(*) FROM vehicles", [], |r| r.get(0))
                .unwrap()
        };
        let first = count(&sample);
        assert!(first > 0);
        fill_sample(&real, false).unwrap();
        assert_eq!(count(&sample), first, "a second visit reuses the sample");
    }

    #[test]
    fn the_sample_folder_sits_beside_the_data() {
        let d = Path::new("/home/a/.local/share/kr.lotbook.app");
        assert_eq!(
            sample_dir(d),
            Path::new("/home/a/.local/share/kr.lotbook.app-sample")
        );
    }
}
