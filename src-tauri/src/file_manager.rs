//! Shows a folder in the system's file manager (Explorer, Finder, or the
//! desktop's default through xdg-open).

use std::path::Path;

pub fn open(path: &Path) -> std::io::Result<()> {
    let program = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(path)
        .spawn()
        .map(drop)
}
