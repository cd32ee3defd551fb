//! The window's size and place, remembered in a small file of the data
//! folder (each folder, e.g. the sample one, keeps its own), in physical
//! pixels as the OS reports them.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Result;

pub const FILE: &str = "window.json";

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WindowState {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
    pub maximized: bool,
}

/// The remembered state; none when never saved or unreadable (the window
/// then opens at its default size, which is never worth an error).
pub fn load(data_dir: &Path) -> Option<WindowState> {
    let text = std::fs::read(data_dir.join(FILE)).ok()?;
    let state: WindowState = serde_json::from_slice(&text).ok()?;
    (state.width >= 200 && state.height >= 150).then_some(state)
}

pub fn save(data_dir: &Path, state: &WindowState) -> Result<()> {
    let bytes = serde_json::to_vec(state).map_err(|e| crate::Error::Other(e.to_string()))?;
    crate::fsutil::write_atomic(&data_dir.join(FILE), &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_state_comes_back_and_nonsense_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), None);
        let s = WindowState {
            x: -20,
            y: 40,
            width: 1100,
            height: 700,
            maximized: false,
        };
        save(dir.path(), &s).unwrap();
        assert_eq!(load(dir.path()), Some(s));
        std::fs::write(dir.path().join(FILE), b"{\"x\":1").unwrap();
        assert_eq!(load(dir.path()), None);
        save(dir.path(), &WindowState { width: 0, ..s }).unwrap();
        assert_eq!(load(dir.path()), None);
    }
}
